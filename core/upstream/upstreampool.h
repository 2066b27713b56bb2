#pragma once

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

namespace qcc {

struct UpstreamTarget;

/*! One connection to an upstream, for its whole life: the socket's signals are connected once
 *  and forwarded to whichever attempt currently owns it (none while it is parked in the pool),
 *  so reusing a connection costs no signal wiring. */
class UpstreamConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UpstreamConnection)

public:
    class Owner
    {
    public:
        virtual ~Owner() = default;
        virtual void connectionReady() = 0; //!< connected (and TLS established)
        virtual void connectionReadable() = 0;
        virtual void connectionClosed() = 0;
        virtual void connectionError() = 0;
        virtual void connectionTimeout() = 0;
    };

    UpstreamConnection(const UpstreamTarget &target, QObject *parent = nullptr);
    QTcpSocket *socket() const { return m_socket; }
    void setOwner(Owner *owner) { m_owner = owner; }
    void open();
    bool isUsable() const;
    //! The owner's one timeout (connect, first byte, idle); timerEvent tells the owner.
    void startTimeout(int ms) { m_timer.start(ms, this); }
    void stopTimeout() { m_timer.stop(); }
    //! Tells the owner, from the event loop, to read what is buffered (after a pause).
    void postReadable();
    QElapsedTimer idleSince;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    QBasicTimer m_timer;
    QTcpSocket *m_socket;
    Owner *m_owner = nullptr;
    QString m_host;
    quint16 m_port;
    bool m_tls;
};

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
    //! An idle connection to \a target, or a new unopened one. The caller owns it until release().
    UpstreamConnection *acquire(const UpstreamTarget &target, bool *reused);
    //! Parks a connection that finished a response cleanly and may be reused.
    void release(const QString &key, UpstreamConnection *connection);
    void setIdleTimeoutMs(int ms) { m_idleMs = ms; }
    int idleCount() const;
    void clear();

private:
    void expire();
    QHash<QString, QList<UpstreamConnection *>> m_idle;
    QTimer m_sweep;
    int m_idleMs = 30000;
    int m_maxIdlePerKey = 256;
};

} // namespace qcc
