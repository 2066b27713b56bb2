#pragma once

#include "http/headers.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

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
//! A file's permission bits, e.g. 0600 (-1 when it does not exist). POSIX systems only.
int fileMode(const QString &path);

//! A program built beside the test executable, e.g. qccd.
QString binaryPath(const QString &name);

/*! Sends the process's log through QCC's handler, its one redaction point, as qccd and
 *  qcc-tray do: to stderr and, under ctest, to $QCC_TEST_ARTIFACTS/NAME.log for the scan. */
void installTestLogHandler(const QString &name);

/*! A fresh directory for the files one test makes QCC write (config, state, logs). Under ctest
 *  it lives in $QCC_TEST_ARTIFACTS and is kept, so that the redaction scan, run last, reads
 *  every file of the run; run by hand, it is a temporary directory removed afterwards. */
class ArtifactDir
{
public:
    explicit ArtifactDir(const QString &name);
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }

private:
    QTemporaryDir m_dir;
};

} // namespace qcc::test
