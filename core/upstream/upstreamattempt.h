#pragma once

#include "http/spooledbody.h"

#include "health/outcome.h"
#include "http/headers.h"
#include "http/httpparser.h"
#include "platform/uitext.h"
#include "upstreampool.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslCertificate>
#include <QUrl>

#include <memory>
#include <optional>

namespace qcc {

/*! Where an endpoint's requests go, worked out once per base URL, proxy and trusted CAs (not
 *  per request). */
struct UpstreamTarget
{
    QUrl url;
    QString host;
    quint16 port = 0;
    bool tls = false;
    QByteArray hostHeader; //!< the Host header value
    QByteArray pathPrefix; //!< base URL path without trailing '/', prepended to request paths
    QString proxy;         //!< none | system | http://h:p | socks5://h:p
    QString poolKey;
    //! With tls.ca_file or ca_file: the system store's certificates and those files' (empty: the
    //! system store alone, which Qt loads on demand).
    QList<QSslCertificate> caCertificates;
    QHostAddress address; //!< the host as an IP address, when it is one
    static std::shared_ptr<const UpstreamTarget> get(const QString &baseUrl, const QString &proxy,
                                                     const QByteArray &trustedPem = {});
};

struct UpstreamRequest
{
    std::shared_ptr<const UpstreamTarget> target;
    QByteArray method = "POST";
    QByteArray path; //!< path and query of the client request
    //! "Name: value\r\n" lines; Host, Content-Length and the credential are not among them
    QByteArray headerLines;
    QByteArray credentialLines; //!< the endpoint's own x-api-key / Authorization line(s)
    QByteArray body;
    std::shared_ptr<const SpooledBody> spool; //!< the body instead, when it is spooled
    SpoolEdit spoolEdit;                      //!< what of the spooled body goes out replaced
    int connectTimeoutMs = 10000;
    int firstByteTimeoutMs = 120000;
    int idleTimeoutMs = 300000;
};

/*! One HTTP exchange with one upstream endpoint over a pooled connection (plain TCP or TLS,
 *  direct or through an HTTP CONNECT / SOCKS5 proxy). Tells its listener the response head,
 *  body pieces as they arrive, then finished or failed exactly once. Connect, first-byte and
 *  idle timeouts are enforced here. A reused connection that turns out closed before any
 *  response byte is replaced transparently (the peer's idle close, not a failure).
 *  The listener is called directly (no signals: this is the per-request hot path) and must not
 *  delete the attempt from inside a call; abort() and deleteLater() are safe. */
class UpstreamAttempt final : private UpstreamConnection::Owner
{
    Q_DISABLE_COPY_MOVE(UpstreamAttempt)

public:
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void upstreamHead(int status, const HeaderList &headers) = 0;
        virtual void upstreamBody(const QByteArray &data) = 0;
        virtual void upstreamFinished() = 0;
        virtual void upstreamFailed(TransportError error, const UiText &message) = 0;
        //! Everything that had arrived was handed on (a moment to flush what was held back).
        virtual void upstreamIdle() {}
    };

    //! Not a QObject: one is made per request, so it is kept cheap. Its owner deletes it, but
    //! never from inside a listener call (keep it until the next attempt or the owner's end).
    UpstreamAttempt(UpstreamPool *pool, UpstreamRequest request, Listener *listener);
    ~UpstreamAttempt() override;

    void start();
    //! Stops everything; the connection is closed, never reused; the listener hears nothing more.
    void abort();
    //! Flow control: while paused nothing is read from the upstream (TCP pushes back on it).
    void setPaused(bool paused);
    //! Milliseconds from start() to the response head (or -1).
    qint64 firstByteMs() const { return m_firstByteMs; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    QString describe() const;

private:
    enum class Phase { Connect, Head, Body, ClientStalled };
    void openConnection(bool allowReuse);
    void connectionReady() override;
    void connectionReadable() override;
    void connectionClosed() override;
    void connectionError() override;
    void connectionTimeout() override;
    void sendRequest();
    //! Sends the next pieces of a spooled body while the connection keeps up.
    void sendSpooled();
    void connectionDrained() override;
    void fail(TransportError error, const UiText &message);
    void finishOk();
    void releaseConnection(bool reusable);
    void armTimer(int ms, Phase phase);

    UpstreamPool *m_pool;
    UpstreamRequest m_req;
    Listener *m_listener;
    UpstreamConnection *m_conn = nullptr;
    std::optional<ResponseParser> m_parser; //!< in place: one allocation less per attempt
    Phase m_phase = Phase::Connect;
    QElapsedTimer m_clock;
    qint64 m_firstByteMs = -1;
    qint64 m_spoolSent = 0; //!< bytes of the spooled body written to this connection
    bool m_reused = false, m_gotBytes = false, m_done = false, m_sent = false, m_paused = false;
};

} // namespace qcc
