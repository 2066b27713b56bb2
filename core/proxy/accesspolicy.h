#pragma once

#include "http/httpparser.h"

#include <QList>
#include <QString>

namespace qcc {

//! What the proxy's listener enforces on every request, whoever sends it.
struct ServerSettings
{
    quint16 port = 0;         //!< the bound port
    bool loopbackOnly = true; //!< listening on loopback: enforce the Host allow-list
    //! The Host values accepted, "name:port" in lower case: the address listened on, and the
    //! localhost forms when it is loopback.
    QList<QByteArray> allowedHosts;
    QByteArray accessToken; //!< empty: none required
    int headerTimeoutMs = 10000;
    int idleTimeoutMs = 120000;
    int bodyTimeoutMs = 60000; //!< from the end of the head to the end of the body
    int maxConnections = 16384;
    qsizetype maxHeaderBytes = 64 * 1024;
    qsizetype maxBodyBytes = 32 * 1024 * 1024;
};

//! Why a request is refused: its status and the error's message; status 0 when it is accepted.
struct Refusal
{
    int status = 0;
    QString reason;
};

/*! The access policy (docs/API.md, "Requests the proxy refuses"), judged on a request's head
 *  before a byte of its body is read: the Host allow-list on loopback (DNS rebinding), no
 *  Origin (web pages), the access token compared in constant time. Pure; tested row by row. */
Refusal accessRefusal(const HttpRequest &head, const ServerSettings &settings);

} // namespace qcc
