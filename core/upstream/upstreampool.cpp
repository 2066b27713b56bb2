#include "upstreampool.h"

#include "upstreamattempt.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimerEvent>

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

UpstreamConnection::UpstreamConnection(const UpstreamTarget &target, QObject *parent)
    : QObject(parent), m_host(target.host), m_port(target.port), m_tls(target.tls)
{
    m_socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    m_socket->setProxy(proxyFor(target.proxy, target.url));
    // Bounded read buffer: when the client is slow, TCP slows the upstream instead of us buffering.
    m_socket->setReadBufferSize(256 * 1024);
    auto ready = [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (m_owner)
            m_owner->connectionReady();
    };
    if (m_tls)
        connect(static_cast<QSslSocket *>(m_socket), &QSslSocket::encrypted, this, ready);
    else
        connect(m_socket, &QTcpSocket::connected, this, ready);
    connect(m_socket, &QTcpSocket::readyRead, this, [this] {
        if (m_owner)
            m_owner->connectionReadable();
    });
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (m_owner)
            m_owner->connectionClosed();
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (m_owner)
            m_owner->connectionError();
    });
}

void UpstreamConnection::open()
{
    if (m_tls)
        static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(m_host, m_port);
    else
        m_socket->connectToHost(m_host, m_port);
}

void UpstreamConnection::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId())
        return;
    m_timer.stop();
    if (m_owner)
        m_owner->connectionTimeout();
}

void UpstreamConnection::postReadable()
{
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_owner)
                m_owner->connectionReadable();
        },
        Qt::QueuedConnection);
}

bool UpstreamConnection::isUsable() const
{
    // A parked connection still reads: a peer close or unasked bytes show up here.
    return m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0;
}

UpstreamPool::UpstreamPool(QObject *parent) : QObject(parent)
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
    return new UpstreamConnection(target, this); // owned by the pool for life: no reparenting
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
