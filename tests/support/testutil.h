#pragma once

#include "http/headers.h"

#include <QByteArray>
#include <QString>

namespace qcc::test {

struct ClientResponse
{
    int status = 0; //!< 0: no response (closed or timed out)
    HeaderList headers;
    QByteArray body;
    bool complete = false;
    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
};

/*! Sends one request over a fresh loopback connection and waits (spinning the event loop) for
 *  the whole response or \a timeoutMs. */
ClientResponse httpRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                           const HeaderList &headers = {}, const QByteArray &body = {},
                           int timeoutMs = 10000);

//! Permission bits of \a path (e.g. 0600), or -1.
int fileMode(const QString &path);

//! A program built beside the test executable, e.g. qccd.
QString binaryPath(const QString &name);

} // namespace qcc::test
