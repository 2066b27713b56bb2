#include "upstreamattempt.h"

#include <cerrno>

#include "http/bytes.h"
#include "platform/logging.h"
#include "upstreampool.h"

#include <QCryptographicHash>
#include <QSslConfiguration>

namespace qcc {

namespace {
struct TargetKey
{
    QString baseUrl, proxy;
    QByteArray trustedPem;
    bool operator==(const TargetKey &o) const
    {
        return baseUrl == o.baseUrl && proxy == o.proxy && samePem(trustedPem, o.trustedPem);
    }
    //! Every request of an endpoint shares its config's PEM text: that is compared by identity,
    //! not byte by byte (a CA bundle may be up to 1 MiB).
    static bool samePem(const QByteArray &a, const QByteArray &b)
    {
        return (a.constData() == b.constData() && a.size() == b.size()) || a == b;
    }
};
size_t qHash(const TargetKey &k, size_t seed = 0)
{
    return qHashMulti(seed, k.baseUrl, k.proxy, k.trustedPem.size()); // == settles the rest
}
} // namespace

std::shared_ptr<const UpstreamTarget>
UpstreamTarget::get(const QString &baseUrl, const QString &proxy, const QByteArray &trustedPem)
{
    // One cache per thread: every engine object lives on one thread and never shares these.
    thread_local QHash<TargetKey, std::shared_ptr<const UpstreamTarget>> cache;
    // Most requests go where the one before went: compared, not hashed.
    thread_local TargetKey lastKey;
    thread_local std::shared_ptr<const UpstreamTarget> last;
    if (last && lastKey.baseUrl == baseUrl && lastKey.proxy == proxy &&
        TargetKey::samePem(lastKey.trustedPem, trustedPem))
        return last;
    const TargetKey key{baseUrl, proxy, trustedPem};
    const auto remember = [&key](std::shared_ptr<const UpstreamTarget> t) {
        lastKey = key;
        last = t;
        return t;
    };
    auto it = cache.constFind(key);
    if (it != cache.constEnd())
        return remember(*it);
    auto t = std::make_shared<UpstreamTarget>();
    t->url = QUrl(baseUrl);
    t->tls = t->url.scheme() == QLatin1String("https");
    t->host = t->url.host();
    t->port = quint16(t->url.port(t->tls ? 443 : 80));
    QByteArray host = t->url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (t->url.port() > 0 && t->url.port() != (t->tls ? 443 : 80))
        host += ':' + QByteArray::number(t->url.port());
    t->hostHeader = host;
    t->pathPrefix = t->url.path(QUrl::FullyEncoded).toUtf8();
    while (t->pathPrefix.endsWith('/'))
        t->pathPrefix.chop(1);
    t->proxy = proxy;
    t->poolKey = UpstreamPool::key(t->url, proxy);
    if (!trustedPem.isEmpty()) {
        // A connection verified with these CAs never serves an endpoint that trusts others.
        // Qt trusts the system store by loading it on demand, which any CA list of our own
        // turns off: the list is the system's certificates and then ours, read once a target.
        t->caCertificates = QSslConfiguration::systemCaCertificates() +
                            QSslCertificate::fromData(trustedPem, QSsl::Pem);
        t->poolKey +=
            u'|' +
            QString::fromLatin1(
                QCryptographicHash::hash(trustedPem, QCryptographicHash::Sha256).toHex().left(16));
    }
    t->address = QHostAddress(t->host);
    if (cache.size() > 1024)
        cache.clear();
    cache.insert(key, t);
    return remember(t);
}

UpstreamAttempt::UpstreamAttempt(UpstreamPool *pool, UpstreamRequest request, Listener *listener)
    : m_pool(pool), m_req(std::move(request)), m_listener(listener)
{}

UpstreamAttempt::~UpstreamAttempt()
{
    if (m_conn)
        releaseConnection(false);
}

QString UpstreamAttempt::describe() const
{
    return m_req.target->url.toString(QUrl::RemoveUserInfo);
}

void UpstreamAttempt::start()
{
    m_clock.start();
    openConnection(true);
}

void UpstreamAttempt::armTimer(int ms, Phase phase)
{
    m_phase = phase;
    if (m_conn)
        m_conn->startTimeout(ms);
}

void UpstreamAttempt::openConnection(bool allowReuse)
{
    m_gotBytes = false;
    m_sent = false;
    m_parser.emplace(
        ResponseParser::Callbacks{[this](int status, const HeaderList &headers) {
                                      if (m_done) // a second response after the first: ignored
                                          return m_parser->stop();
                                      m_firstByteMs = m_clock.elapsed();
                                      armTimer(m_req.idleTimeoutMs, Phase::Body);
                                      m_listener->upstreamHead(status, headers);
                                      if (m_done)
                                          m_parser->stop();
                                  },
                                  [this](const char *data, qsizetype size) {
                                      if (m_done)
                                          return m_parser->stop();
                                      m_conn->startTimeout(m_req.idleTimeoutMs);
                                      m_listener->upstreamBody(QByteArray(data, size));
                                      if (m_done)
                                          m_parser->stop();
                                  },
                                  [this] { finishOk(); }});
    m_parser->setNoBody(m_req.method == "HEAD");

    bool reused = false;
    m_conn = allowReuse ? m_pool->acquire(*m_req.target, &reused) : m_pool->fresh(*m_req.target);
    m_reused = reused;
    m_conn->setOwner(this);
    if (m_reused) {
        sendRequest();
        return;
    }
    armTimer(m_req.connectTimeoutMs, Phase::Connect);
    m_conn->open();
}

void UpstreamAttempt::connectionReady()
{
    sendRequest();
}

void UpstreamAttempt::sendRequest()
{
    if (m_done || !m_conn)
        return;
    const UpstreamTarget &target = *m_req.target;
    const qint64 bodySize = m_req.spool ? m_req.spoolEdit.sizeOf(*m_req.spool) : m_req.body.size();
    // A small body goes in the same send; a large one is queued as it is, never copied (it is
    // kept anyway, for the next endpoint should this one fail); a spooled one is read from its
    // file piece by piece as the connection takes it.
    const bool separateBody = m_req.spool || m_req.body.size() > 16384;
    const bool withLength =
        bodySize > 0 || m_req.method == "POST" || m_req.method == "PUT" || m_req.method == "PATCH";
    const DecimalText length(bodySize);
    const QByteArray out = concatBytes(
        {m_req.method, " ", target.pathPrefix, m_req.path, " HTTP/1.1\r\nHost: ", target.hostHeader,
         "\r\n", m_req.headerLines, m_req.credentialLines,
         withLength ? QByteArrayView("Content-Length: ") : QByteArrayView(),
         withLength ? length.view() : QByteArrayView(),
         withLength ? QByteArrayView("\r\n") : QByteArrayView(), "\r\n",
         separateBody ? QByteArrayView() : QByteArrayView(m_req.body)});
    // Sent as far as we are concerned before the write: a failing write may reconnect (a stale
    // pooled connection) and replace m_conn, so nothing here touches members after it.
    m_sent = true;
    m_spoolSent = 0;
    armTimer(m_req.firstByteTimeoutMs, Phase::Head);
    UpstreamConnection *conn = m_conn;
    conn->write(out);
    if (m_conn != conn)
        return;
    if (m_req.spool)
        sendSpooled();
    else if (separateBody)
        conn->write(m_req.body);
}

void UpstreamAttempt::sendSpooled()
{
    constexpr qint64 kPiece = 256 * 1024;
    const qint64 size = m_req.spool ? m_req.spoolEdit.sizeOf(*m_req.spool) : 0;
    while (!m_done && m_conn && m_req.spool && m_spoolSent < size &&
           m_conn->pendingOutput() < kPiece) {
        QByteArray piece(qMin(kPiece, size - m_spoolSent), Qt::Uninitialized);
        const qint64 n =
            m_req.spoolEdit.read(*m_req.spool, m_spoolSent, piece.data(), piece.size());
        if (n <= 0) {
            fail(TransportError::Protocol,
                 UiText(QT_TRANSLATE_NOOP("qcc", "cannot read the request body back from its "
                                                 "temporary file: %1"),
                        {qt_error_string(n < 0 ? errno : EIO)}));
            return;
        }
        piece.truncate(n);
        m_spoolSent += n;
        UpstreamConnection *conn = m_conn;
        conn->write(piece);
        if (m_conn != conn)
            return; // replaced (a stale pooled connection): it sends everything again
    }
}

void UpstreamAttempt::connectionDrained()
{
    if (m_sent && m_req.spool)
        sendSpooled();
}

void UpstreamAttempt::setPaused(bool paused)
{
    if (m_done || paused == m_paused)
        return;
    m_paused = paused;
    if (!m_conn)
        return;
    if (paused) {
        // Now the client is the side that must move: it has the idle time to read what waits.
        armTimer(m_req.idleTimeoutMs, Phase::ClientStalled);
    } else {
        armTimer(m_req.idleTimeoutMs, Phase::Body);
        m_conn->postReadable();
    }
}

void UpstreamAttempt::connectionReadable()
{
    char buffer[32 * 1024];
    // Each call may end the attempt (the parser calls the exchange), so check every round.
    while (!m_done && m_conn && !m_paused) {
        const qint64 n = m_conn->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        m_gotBytes = true;
        if (!m_parser->feed(buffer, n)) {
            if (!m_done)
                fail(TransportError::Protocol, m_parser->message());
            return;
        }
        if (n < qint64(sizeof buffer))
            break; // a short read took all there was: the next bytes bring a new event
    }
    if (!m_done)
        m_listener->upstreamIdle();
}

void UpstreamAttempt::connectionClosed()
{
    if (m_done)
        return;
    if (m_conn && m_conn->bytesBuffered() > 0) {
        // Whatever arrived before the close is part of the response, paused or not.
        m_paused = false;
        connectionReadable();
        if (m_done)
            return;
    }
    if (m_reused && m_sent && !m_gotBytes) {
        // The peer closed a parked connection just as we reused it: not the endpoint's fault.
        qCDebug(lcUpstream) << "reused connection to" << describe() << "was closed; reconnecting";
        releaseConnection(false);
        openConnection(false);
        return;
    }
    // A reset cuts a body that only the close delimits; only an orderly close ends it.
    const bool reset = m_conn && m_conn->endedByReset();
    if (!reset && m_parser->finish()) {
        if (!m_done)
            finishOk();
        return;
    }
    fail(TransportError::Reset, reset ? UiText(QT_TRANSLATE_NOOP("qcc", "connection reset"))
                                : m_parser->message().isEmpty()
                                    ? UiText(QT_TRANSLATE_NOOP("qcc", "connection closed"))
                                    : m_parser->message());
}

void UpstreamAttempt::connectionError()
{
    if (m_done || !m_conn)
        return;
    const bool connecting = !m_sent;
    if (!connecting && m_reused && !m_gotBytes) {
        releaseConnection(false);
        openConnection(false);
        return;
    }
    if (const UiText refused = m_conn->certificateProblem(); !refused.isEmpty()) {
        fail(TransportError::Connect, refused);
        return;
    }
    fail(connecting ? TransportError::Connect : TransportError::Reset,
         UiText(connecting ? QT_TRANSLATE_NOOP("qcc", "connect failed: %1")
                           : QT_TRANSLATE_NOOP("qcc", "connection error: %1"),
                {m_conn->errorString()}));
}

void UpstreamAttempt::connectionTimeout()
{
    if (m_done)
        return;
    // Messages are built only when a timeout really happens, never on the hot path.
    switch (m_phase) {
    case Phase::Connect:
        fail(TransportError::Connect,
             UiText(QT_TRANSLATE_NOOP("qcc", "connect timeout after %1 ms"),
                    {QString::number(m_req.connectTimeoutMs)}));
        break;
    case Phase::Head:
        fail(TransportError::Timeout, UiText(QT_TRANSLATE_NOOP("qcc", "no response within %1 ms"),
                                             {QString::number(m_req.firstByteTimeoutMs)}));
        break;
    case Phase::Body:
        fail(TransportError::Timeout, UiText(QT_TRANSLATE_NOOP("qcc", "no data for %1 ms"),
                                             {QString::number(m_req.idleTimeoutMs)}));
        break;
    case Phase::ClientStalled:
        fail(TransportError::ClientStalled,
             UiText(QT_TRANSLATE_NOOP("qcc", "the client read nothing for %1 ms"),
                    {QString::number(m_req.idleTimeoutMs)}));
        break;
    }
}

void UpstreamAttempt::fail(TransportError error, const UiText &message)
{
    if (m_done)
        return;
    m_done = true;
    releaseConnection(false);
    m_listener->upstreamFailed(error, message);
}

void UpstreamAttempt::finishOk()
{
    if (m_done)
        return;
    m_done = true;
    // Reused only when the request went out whole: an upstream may answer early (a 400 to a
    // large body), and the rest of our body would be read as the next request on it.
    const bool requestOut = m_sent && m_conn && m_conn->pendingOutput() == 0 &&
                            (!m_req.spool || m_spoolSent == m_req.spoolEdit.sizeOf(*m_req.spool));
    releaseConnection(m_parser->keepAlive() && requestOut);
    m_listener->upstreamFinished();
}

void UpstreamAttempt::releaseConnection(bool reusable)
{
    UpstreamConnection *c = m_conn;
    if (!c)
        return;
    m_conn = nullptr;
    c->setOwner(nullptr);
    c->stopTimeout();
    if (reusable && c->isUsable()) {
        m_pool->release(m_req.target->poolKey, c);
    } else {
        c->abort();
        c->deleteLater();
    }
}

void UpstreamAttempt::abort()
{
    if (m_done)
        return;
    m_done = true;
    if (m_parser)
        m_parser->stop();
    releaseConnection(false);
}

} // namespace qcc
