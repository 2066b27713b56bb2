#include "upstreampool.h"

#include "upstreamattempt.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>

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

UpstreamConnection::UpstreamConnection(NetBackend *net, const UpstreamTarget &target,
                                       QObject *parent)
    : QObject(parent)
{
    ConnectSpec spec;
    spec.host = target.host;
    spec.port = target.port;
    spec.address = target.address;
    spec.tls = target.tls;
    spec.caCertificates = target.caCertificates;
    spec.proxy = proxyFor(target.proxy, target.url);
    // A bounded read buffer: when the client is slow, TCP slows the upstream instead of us
    // buffering (a raw socket has none: the kernel's is the bound).
    m_socket = net->makeConnection(spec, 256 * 1024);
    m_socket->setListener(this);
}

UpstreamConnection::~UpstreamConnection()
{
    m_owner = nullptr;
}

void UpstreamConnection::open()
{
    m_socket->open(); // a failure is told from the event loop
}

qint64 UpstreamConnection::read(char *buffer, qint64 max)
{
    return qMax<qint64>(m_socket->read(buffer, max), 0);
}

void UpstreamConnection::write(const QByteArray &data)
{
    m_socket->write(data); // a failure ends the connection from the event loop
}

void UpstreamConnection::abort()
{
    m_owner = nullptr;
    stopTimeout();
    m_socket->abort();
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
    while (m_socket->read(sink, sizeof sink) > 0)
        m_unasked = true;
}

void UpstreamConnection::socketDrained()
{
    if (m_owner)
        m_owner->connectionDrained();
}

void UpstreamConnection::socketClosed()
{
    if (!m_owner)
        return;
    if (m_socket->endedByPeer())
        m_owner->connectionClosed();
    else
        m_owner->connectionError();
}

void UpstreamConnection::socketTimeout()
{
    if (m_owner)
        m_owner->connectionTimeout();
}

bool UpstreamConnection::isUsable() const
{
    // A parked connection still reads: a peer close or unasked bytes show up here.
    return m_socket->isConnected() && !m_unasked && m_socket->bytesBuffered() == 0;
}

UpstreamPool::UpstreamPool(NetBackend *net, QObject *parent) : QObject(parent), m_net(net)
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
    return new UpstreamConnection(m_net, target, this); // the pool's for life: no reparenting
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
