#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

namespace qcc {

/*! Keep-alive connections to upstreams, per origin and upstream proxy. No per-host cap: every
 *  concurrent attempt gets its own connection (HTTP/1.1 has one exchange per connection at a
 *  time); finished exchanges park their connection here for reuse until it idles out.
 *  Engine thread only. */
class UpstreamPool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamPool)

public:
    explicit UpstreamPool(QObject *parent = nullptr);
    ~UpstreamPool() override;

    static QString key(const QUrl &origin, const QString &proxy);
    //! An idle connection for \a key, or nullptr. The caller owns it until release().
    QTcpSocket *take(const QString &key);
    //! Parks a connection that finished a response cleanly and may be reused.
    void release(const QString &key, QTcpSocket *socket);
    void setIdleTimeoutMs(int ms) { m_idleMs = ms; }
    int idleCount() const;
    void clear();

private:
    void expire();
    struct Idle
    {
        QTcpSocket *socket;
        QElapsedTimer since;
    };
    QHash<QString, QList<Idle>> m_idle;
    QTimer m_sweep;
    int m_idleMs = 30000;
    int m_maxIdlePerKey = 256;
};

} // namespace qcc
