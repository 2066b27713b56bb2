#include "upstreampool.h"

#include "upstreamattempt.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QSslSocket>
#include <QTcpSocket>

#include <cerrno>

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

UpstreamConnection::UpstreamConnection(Reactor *reactor, const UpstreamTarget &target,
                                       QObject *parent)
    : QObject(parent), m_reactor(reactor), m_fast(reactor, this), m_address(target.address),
      m_host(target.host), m_port(target.port), m_tls(target.tls)
{
    if (target.fastPath())
        return;
    m_qt = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    m_qt->setProxy(proxyFor(target.proxy, target.url));
    // Bounded read buffer: when the client is slow, TCP slows the upstream instead of us buffering.
    m_qt->setReadBufferSize(256 * 1024);
    auto ready = [this] {
        m_qt->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_owner)
            m_owner->connectionReady();
    };
    if (m_tls)
        connect(static_cast<QSslSocket *>(m_qt), &QSslSocket::encrypted, this, ready);
    else
        connect(m_qt, &QTcpSocket::connected, this, ready);
    connect(m_qt, &QTcpSocket::readyRead, this, [this] {
        if (m_owner)
            m_owner->connectionReadable();
    });
    connect(m_qt, &QTcpSocket::bytesWritten, this, [this] {
        if (m_owner && m_qt->bytesToWrite() < 256 * 1024)
            m_owner->connectionDrained();
    });
    connect(m_qt, &QTcpSocket::disconnected, this, [this] {
        if (m_owner)
            m_owner->connectionClosed();
    });
    connect(m_qt, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (!m_owner)
            return;
        if (error != QAbstractSocket::RemoteHostClosedError)
            m_owner->connectionError();
        else if (m_qt->state() == QAbstractSocket::UnconnectedState)
            m_owner->connectionClosed(); // otherwise disconnected() follows and tells
    });
}

UpstreamConnection::~UpstreamConnection()
{
    m_owner = nullptr;
}

void UpstreamConnection::open()
{
    if (!m_qt)
        m_fast.connectTo(m_address, m_port); // a failure is told from the event loop
    else if (m_tls)
        static_cast<QSslSocket *>(m_qt)->connectToHostEncrypted(m_host, m_port);
    else
        m_qt->connectToHost(m_host, m_port);
}

qint64 UpstreamConnection::read(char *buffer, qint64 max)
{
    const qint64 n = m_qt ? m_qt->read(buffer, max) : m_fast.read(buffer, max);
    return qMax<qint64>(n, 0);
}

qint64 UpstreamConnection::bytesBuffered() const
{
    return m_qt ? m_qt->bytesAvailable() : 0;
}

void UpstreamConnection::write(const QByteArray &data)
{
    if (!m_qt) {
        m_fast.write(data); // a failure ends the connection from the event loop
        return;
    }
    m_qt->write(data);
    m_qt->flush(); // to the kernel now, not on the next write notification
}

qint64 UpstreamConnection::pendingOutput() const
{
    return m_qt ? m_qt->bytesToWrite() : m_fast.pendingOutput();
}

void UpstreamConnection::socketDrained()
{
    if (m_owner)
        m_owner->connectionDrained();
}

QString UpstreamConnection::errorString() const
{
    return m_qt ? m_qt->errorString() : m_fast.errorString();
}

void UpstreamConnection::abort()
{
    m_owner = nullptr;
    stopTimeout();
    if (m_qt)
        m_qt->abort();
    else
        m_fast.abort();
}

void UpstreamConnection::startTimeout(int ms)
{
    m_reactor->setDeadline(this, ms);
}

void UpstreamConnection::deadlineExpired()
{
    if (m_owner)
        m_owner->connectionTimeout();
}

void UpstreamConnection::postReadable()
{
    if (m_qt)
        m_reactor->post(this);
    else
        m_fast.postReadable();
}

void UpstreamConnection::ioReady(quint32)
{
    if (m_owner)
        m_owner->connectionReadable();
}

void UpstreamConnection::socketConnected()
{
    if (m_owner)
        m_owner->connectionReady();
}

void UpstreamConnection::socketReadable()
{
    if (m_owner) {
        m_owner->connectionReadable();
        return;
    }
    // Parked: a peer close shows up here, and bytes nobody asked for make us unusable.
    char sink[512];
    while (m_fast.read(sink, sizeof sink) > 0)
        m_unasked = true;
}

void UpstreamConnection::socketClosed()
{
    if (!m_owner)
        return;
    const int error = m_fast.error();
    // An orderly close or a reset of an established connection is the peer's close; anything
    // else (refused, unreachable, timed out while connecting) is an error.
    if (m_fast.wasConnected() && (error == 0 || error == ECONNRESET || error == EPIPE))
        m_owner->connectionClosed();
    else
        m_owner->connectionError();
}

bool UpstreamConnection::isUsable() const
{
    // A parked connection still reads: a peer close or unasked bytes show up here.
    if (!m_qt)
        return m_fast.isConnected() && !m_unasked;
    return m_qt->state() == QAbstractSocket::ConnectedState && m_qt->bytesAvailable() == 0;
}

UpstreamPool::UpstreamPool(Reactor *reactor, QObject *parent) : QObject(parent), m_reactor(reactor)
{
    m_sweep.setInterval(5000);
    connect(&m_sweep, &QTimer::timeout, this, &UpstreamPool::expire);
}

UpstreamPool::~UpstreamPool()
{
    clear();
}

QString UpstreamPool::key(const QUrl &origin, const QString &proxy)
{
    return origin.scheme() + QStringLiteral("://") + origin.host() + u':' +
           QString::number(origin.port(origin.scheme() == QLatin1String("https") ? 443 : 80)) +
           u'|' + proxy;
}

UpstreamConnection *UpstreamPool::acquire(const UpstreamTarget &target, bool *reused)
{
    auto it = m_idle.find(target.poolKey);
    while (it != m_idle.end() && !it->isEmpty()) {
        UpstreamConnection *c =
            it->takeLast(); // most recently used: least likely to be closed by the peer
        if (c->isUsable() && c->idleSince.elapsed() < m_idleMs) {
            *reused = true;
            return c;
        }
        c->deleteLater();
    }
    *reused = false;
    return fresh(target);
}

UpstreamConnection *UpstreamPool::fresh(const UpstreamTarget &target)
{
    return new UpstreamConnection(m_reactor, target, this); // the pool's for life: no reparenting
}

void UpstreamPool::release(const QString &key, UpstreamConnection *c)
{
    c->setOwner(nullptr);
    c->stopTimeout();
    QList<UpstreamConnection *> &list = m_idle[key];
    if (list.size() >= m_maxIdlePerKey || !c->isUsable()) {
        c->deleteLater();
        return;
    }
    c->idleSince.start();
    list.append(c);
    if (!m_sweep.isActive())
        m_sweep.start();
}

int UpstreamPool::idleCount() const
{
    int n = 0;
    for (const auto &list : m_idle)
        n += int(list.size());
    return n;
}

void UpstreamPool::expire()
{
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        it->removeIf([this](UpstreamConnection *c) {
            if (c->idleSince.elapsed() < m_idleMs && c->isUsable())
                return false;
            c->deleteLater();
            return true;
        });
        it = it->isEmpty() ? m_idle.erase(it) : std::next(it);
    }
    if (m_idle.isEmpty())
        m_sweep.stop();
}

void UpstreamPool::clear()
{
    for (auto &list : m_idle) {
        for (UpstreamConnection *c : list)
            c->deleteLater();
    }
    m_idle.clear();
}

} // namespace qcc
