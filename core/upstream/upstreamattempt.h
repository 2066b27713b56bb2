#pragma once

#include "health/outcome.h"
#include "http/headers.h"
#include "http/httpparser.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <memory>

class QTcpSocket;

namespace qcc {

class UpstreamPool;

struct UpstreamRequest
{
    QUrl baseUrl; //!< endpoint base URL (may carry a path prefix)
    QString proxy = QStringLiteral("none");
    QByteArray method = "POST";
    QByteArray target;  //!< path and query of the client request
    HeaderList headers; //!< final headers, Host and Content-Length excluded
    QByteArray body;
    int connectTimeoutMs = 10000;
    int firstByteTimeoutMs = 120000;
    int idleTimeoutMs = 300000;
};

/*! One HTTP exchange with one upstream endpoint over a pooled connection (plain TCP or TLS,
 *  direct or through an HTTP CONNECT / SOCKS5 proxy). Emits the response head, body pieces as
 *  they arrive, then finished() or failed() exactly once. Connect, first-byte and idle timeouts
 *  are enforced here. A reused connection that turns out closed before any response byte is
 *  replaced transparently (that is the peer's idle close, not a failure). */
class UpstreamAttempt final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamAttempt)

public:
    UpstreamAttempt(UpstreamPool *pool, UpstreamRequest request, QObject *parent = nullptr);
    ~UpstreamAttempt() override;

    void start();
    //! Stops everything; the connection is closed, never reused; no further signals.
    void abort();
    //! Flow control: while paused nothing is read from the upstream (TCP pushes back on it).
    void setPaused(bool paused);
    //! Milliseconds from start() to the response head (or -1).
    qint64 firstByteMs() const { return m_firstByteMs; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    //! Full URL sent to (for messages; never includes a key).
    QString describe() const;

Q_SIGNALS:
    void head(int status, const qcc::HeaderList &headers);
    void body(const QByteArray &data);
    void finished();
    void failed(qcc::TransportError error, const QString &message);

private:
    void openConnection(bool allowReuse);
    void sendRequest();
    void onReadyRead();
    void onDisconnected();
    void onSocketError();
    void onTimeout();
    void fail(TransportError error, const QString &message);
    void finishOk();
    void releaseSocket(bool reusable);
    void armTimer(int ms, TransportError kind, const QString &what);

    UpstreamPool *m_pool;
    UpstreamRequest m_req;
    QString m_key;
    QTcpSocket *m_socket = nullptr;
    std::unique_ptr<ResponseParser> m_parser;
    QTimer m_timer;
    TransportError m_timerKind = TransportError::Timeout;
    QString m_timerWhat;
    QElapsedTimer m_clock;
    qint64 m_firstByteMs = -1;
    bool m_reused = false, m_gotBytes = false, m_done = false, m_sent = false, m_paused = false;
};

} // namespace qcc
