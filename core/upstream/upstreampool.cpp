#include "upstreampool.h"

#include <QTcpSocket>

namespace qcc {

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

QTcpSocket *UpstreamPool::take(const QString &key)
{
    auto it = m_idle.find(key);
    while (it != m_idle.end() && !it->isEmpty()) {
        Idle idle = it->takeLast(); // most recently used: least likely to be closed by the peer
        QTcpSocket *s = idle.socket;
        QObject::disconnect(s, nullptr, this, nullptr);
        if (s->state() == QAbstractSocket::ConnectedState && s->bytesAvailable() == 0 &&
            idle.since.elapsed() < m_idleMs)
            return s;
        s->deleteLater();
    }
    return nullptr;
}

void UpstreamPool::release(const QString &key, QTcpSocket *socket)
{
    QList<Idle> &list = m_idle[key];
    if (list.size() >= m_maxIdlePerKey || socket->state() != QAbstractSocket::ConnectedState) {
        socket->deleteLater();
        return;
    }
    socket->setParent(this);
    QObject::disconnect(socket, nullptr, nullptr, nullptr);
    // A parked connection the peer closes, or that sends anything unasked, is dropped.
    auto drop = [this, key, socket] {
        auto it = m_idle.find(key);
        if (it == m_idle.end())
            return;
        for (qsizetype i = 0; i < it->size(); ++i) {
            if (it->at(i).socket == socket) {
                it->removeAt(i);
                socket->deleteLater();
                return;
            }
        }
    };
    connect(socket, &QTcpSocket::disconnected, this, drop);
    connect(socket, &QTcpSocket::readyRead, this, drop);
    QElapsedTimer t;
    t.start();
    list.append(Idle{socket, t});
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
        it->removeIf([this](const Idle &idle) {
            if (idle.since.elapsed() < m_idleMs)
                return false;
            idle.socket->disconnect(this);
            idle.socket->deleteLater();
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
        for (const Idle &idle : list) {
            idle.socket->disconnect(this);
            idle.socket->deleteLater();
        }
    }
    m_idle.clear();
}

} // namespace qcc
