#include "upstreamattempt.h"

#include "platform/logging.h"
#include "upstreampool.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QSslSocket>
#include <QTcpSocket>

namespace qcc {

namespace {
QNetworkProxy proxyFor(const QString &spec, const QUrl &target)
{
    if (spec == QLatin1String("system")) {
        const QList<QNetworkProxy> list =
            QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(target));
        return list.isEmpty() ? QNetworkProxy(QNetworkProxy::NoProxy) : list.first();
    }
    const QUrl url(spec);
    if (url.scheme() == QLatin1String("http"))
        return QNetworkProxy(QNetworkProxy::HttpProxy, url.host(), quint16(url.port()));
    if (url.scheme() == QLatin1String("socks5"))
        return QNetworkProxy(QNetworkProxy::Socks5Proxy, url.host(), quint16(url.port()));
    return QNetworkProxy(QNetworkProxy::NoProxy);
}
} // namespace

UpstreamAttempt::UpstreamAttempt(UpstreamPool *pool, UpstreamRequest request, QObject *parent)
    : QObject(parent), m_pool(pool), m_req(std::move(request))
{
    m_key = UpstreamPool::key(m_req.baseUrl, m_req.proxy);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &UpstreamAttempt::onTimeout);
}

UpstreamAttempt::~UpstreamAttempt()
{
    if (m_socket)
        releaseSocket(false);
}

QString UpstreamAttempt::describe() const
{
    return m_req.baseUrl.toString(QUrl::RemoveUserInfo);
}

void UpstreamAttempt::start()
{
    m_clock.start();
    openConnection(true);
}

void UpstreamAttempt::armTimer(int ms, TransportError kind, const QString &what)
{
    m_timerKind = kind;
    m_timerWhat = what;
    m_timer.start(ms);
}

void UpstreamAttempt::openConnection(bool allowReuse)
{
    m_gotBytes = false;
    m_sent = false;
    m_parser = std::make_unique<ResponseParser>(ResponseParser::Callbacks{
        [this](int status, const HeaderList &headers) {
            m_firstByteMs = m_clock.elapsed();
            armTimer(m_req.idleTimeoutMs, TransportError::Timeout,
                     QStringLiteral("no data for %1 ms").arg(m_req.idleTimeoutMs));
            Q_EMIT head(status, headers);
            if (m_done)
                m_parser->stop();
        },
        [this](const char *data, qsizetype size) {
            m_timer.start(m_req.idleTimeoutMs);
            Q_EMIT body(QByteArray(data, size));
            if (m_done)
                m_parser->stop();
        },
        [this] { finishOk(); }});
    m_parser->setNoBody(m_req.method == "HEAD");

    m_socket = allowReuse ? m_pool->take(m_key) : nullptr;
    m_reused = m_socket != nullptr;
    const bool tls = m_req.baseUrl.scheme() == QLatin1String("https");
    if (!m_socket) {
        m_socket = tls ? new QSslSocket(this) : new QTcpSocket(this);
        m_socket->setProxy(proxyFor(m_req.proxy, m_req.baseUrl));
    } else {
        m_socket->setParent(this);
    }
    // Bounded read buffer: when the client is slow, TCP slows the upstream instead of us buffering.
    m_socket->setReadBufferSize(256 * 1024);
    connect(m_socket, &QTcpSocket::readyRead, this, &UpstreamAttempt::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &UpstreamAttempt::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &UpstreamAttempt::onSocketError);
    if (m_reused) {
        sendRequest();
        return;
    }
    const quint16 port = quint16(m_req.baseUrl.port(tls ? 443 : 80));
    armTimer(m_req.connectTimeoutMs, TransportError::Connect,
             QStringLiteral("connect timeout after %1 ms").arg(m_req.connectTimeoutMs));
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(m_socket);
        connect(ssl, &QSslSocket::encrypted, this, &UpstreamAttempt::sendRequest);
        ssl->connectToHostEncrypted(m_req.baseUrl.host(), port);
    } else {
        connect(m_socket, &QTcpSocket::connected, this, &UpstreamAttempt::sendRequest);
        m_socket->connectToHost(m_req.baseUrl.host(), port);
    }
}

void UpstreamAttempt::sendRequest()
{
    if (m_done || !m_socket)
        return;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QByteArray prefix = m_req.baseUrl.path(QUrl::FullyEncoded).toUtf8();
    while (prefix.endsWith('/'))
        prefix.chop(1);
    const bool tls = m_req.baseUrl.scheme() == QLatin1String("https");
    const int port = m_req.baseUrl.port();
    QByteArray host = m_req.baseUrl.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (port > 0 && port != (tls ? 443 : 80))
        host += ':' + QByteArray::number(port);

    QByteArray out;
    out.reserve(256 + m_req.body.size() + m_req.headers.size() * 48);
    out += m_req.method + ' ' + prefix + m_req.target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    out += serializeHeaders(m_req.headers);
    if (!m_req.body.isEmpty() || m_req.method == "POST" || m_req.method == "PUT" ||
        m_req.method == "PATCH")
        out += "Content-Length: " + QByteArray::number(m_req.body.size()) + "\r\n";
    out += "\r\n";
    out += m_req.body;
    m_socket->write(out);
    m_sent = true;
    armTimer(m_req.firstByteTimeoutMs, TransportError::Timeout,
             QStringLiteral("no response within %1 ms").arg(m_req.firstByteTimeoutMs));
}

void UpstreamAttempt::setPaused(bool paused)
{
    if (m_done || paused == m_paused)
        return;
    m_paused = paused;
    if (paused) {
        m_timer.stop();
    } else {
        if (m_parser && m_parser->headReceived())
            m_timer.start(m_req.idleTimeoutMs);
        QMetaObject::invokeMethod(this, &UpstreamAttempt::onReadyRead, Qt::QueuedConnection);
    }
}

void UpstreamAttempt::onReadyRead()
{
    if (m_done || !m_socket || m_paused)
        return;
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    m_gotBytes = true;
    if (!m_parser->feed(data.constData(), data.size()) && !m_done)
        fail(TransportError::Protocol, m_parser->message());
}

void UpstreamAttempt::onDisconnected()
{
    if (m_done)
        return;
    if (m_socket && m_socket->bytesAvailable() > 0) {
        // Whatever arrived before the close is part of the response, paused or not.
        m_paused = false;
        onReadyRead();
        if (m_done)
            return;
    }
    if (m_reused && m_sent && !m_gotBytes) {
        // The peer closed a parked connection just as we reused it: not the endpoint's fault.
        qCDebug(lcUpstream) << "reused connection to" << describe() << "was closed; reconnecting";
        releaseSocket(false);
        openConnection(false);
        return;
    }
    if (m_parser->finish()) {
        if (!m_done)
            finishOk();
        return;
    }
    fail(m_gotBytes ? TransportError::Reset : TransportError::Reset,
         m_parser->message().isEmpty() ? QStringLiteral("connection closed") : m_parser->message());
}

void UpstreamAttempt::onSocketError()
{
    if (m_done || !m_socket)
        return;
    const auto err = m_socket->error();
    if (err == QAbstractSocket::RemoteHostClosedError) {
        // disconnected() follows (or came first) and decides.
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
        return;
    }
    const bool connecting = !m_sent;
    if (!connecting && m_reused && !m_gotBytes) {
        releaseSocket(false);
        openConnection(false);
        return;
    }
    fail(connecting ? TransportError::Connect : TransportError::Reset,
         QStringLiteral("%1: %2").arg(connecting ? QStringLiteral("connect failed")
                                                 : QStringLiteral("connection error"),
                                      m_socket->errorString()));
}

void UpstreamAttempt::onTimeout()
{
    if (m_done)
        return;
    fail(m_timerKind, m_timerWhat);
}

void UpstreamAttempt::fail(TransportError error, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    releaseSocket(false);
    Q_EMIT failed(error, message);
}

void UpstreamAttempt::finishOk()
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    releaseSocket(m_parser->keepAlive());
    Q_EMIT finished();
}

void UpstreamAttempt::releaseSocket(bool reusable)
{
    QTcpSocket *s = m_socket;
    if (!s)
        return;
    m_socket = nullptr;
    s->disconnect(this);
    if (reusable && s->state() == QAbstractSocket::ConnectedState) {
        m_pool->release(m_key, s);
    } else {
        s->abort();
        s->setParent(nullptr);
        s->deleteLater();
    }
}

void UpstreamAttempt::abort()
{
    if (m_done)
        return;
    m_done = true;
    m_timer.stop();
    if (m_parser)
        m_parser->stop();
    releaseSocket(false);
}

} // namespace qcc
