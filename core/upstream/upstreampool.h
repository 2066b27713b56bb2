#pragma once

#include "net/netbackend.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

namespace qcc {

struct UpstreamTarget;

/*! One connection to an upstream, for its whole life, forwarding its events to whichever attempt
 *  currently owns it (none while it is parked in the pool), so reusing a connection costs no
 *  wiring. Its StreamSocket is the NetBackend's: a raw socket for plain HTTP to an IP address
 *  in the epoll build, a QSslSocket/QTcpSocket otherwise (system CAs, SNI, DNS, HTTP CONNECT,
 *  SOCKS5). Its one deadline (connect, first byte, idle) lives in the reactor. */
class UpstreamConnection final : public QObject, private StreamSocket::Listener
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
        //! The peer closed (or reset) an established connection.
        virtual void connectionClosed() = 0;
        //! Connecting failed, or another error ended the connection; errorString() says why.
        virtual void connectionError() = 0;
        virtual void connectionTimeout() = 0;
        //! What was written has gone to the kernel (or below a quarter MiB, for Qt sockets).
        virtual void connectionDrained() {}
    };

    UpstreamConnection(NetBackend *net, const UpstreamTarget &target, QObject *parent = nullptr);
    ~UpstreamConnection() override;
    void setOwner(Owner *owner) { m_owner = owner; }
    void open();
    bool isUsable() const;
    //! Up to \a max bytes of the response: > 0 read, 0 nothing now (the end comes as an event).
    qint64 read(char *buffer, qint64 max);
    //! Bytes received and not read yet (a Qt socket's buffer; always 0 for a raw one).
    qint64 bytesBuffered() const { return m_socket->bytesBuffered(); }
    void write(const QByteArray &data);
    //! Bytes written and not yet handed to the kernel.
    qint64 pendingOutput() const { return m_socket->pendingOutput(); }
    QString errorString() const { return m_socket->errorString(); }
    UiText certificateProblem() const { return m_socket->certificateProblem(); }
    bool endedByReset() const { return m_socket->endedByReset(); }
    //! Ends the connection now; the owner hears nothing more.
    void abort();
    //! The owner's one timeout (connect, first byte, idle); -1 clears it.
    void startTimeout(int ms) { m_socket->setTimeout(ms); }
    void stopTimeout() { startTimeout(-1); }
    //! Tells the owner, from the event loop, to read what is waiting (after a pause).
    void postReadable() { m_socket->postReadable(); }
    QElapsedTimer idleSince;

private:
    void socketConnected() override;
    void socketReadable() override;
    void socketClosed() override;
    void socketDrained() override;
    void socketTimeout() override;

    std::unique_ptr<StreamSocket> m_socket;
    Owner *m_owner = nullptr;
    bool m_unasked = false; //!< bytes arrived while parked: not reusable
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
    explicit UpstreamPool(NetBackend *net, QObject *parent = nullptr);
    ~UpstreamPool() override;

    static QString key(const QUrl &origin, const QString &proxy);
    //! An idle connection to \a target, or a new unopened one. The caller owns it until release().
    UpstreamConnection *acquire(const UpstreamTarget &target, bool *reused);
    //! Parks a connection that finished a response cleanly and may be reused.
    void release(const QString &key, UpstreamConnection *connection);
    //! A connection that is not pooled (a retry after a stale pooled one).
    UpstreamConnection *fresh(const UpstreamTarget &target);
    void setIdleTimeoutMs(int ms) { m_idleMs = ms; }
    int idleCount() const;
    void clear();

private:
    void expire();
    NetBackend *m_net;
    QHash<QString, QList<UpstreamConnection *>> m_idle;
    QTimer m_sweep;
    int m_idleMs = 30000;
    int m_maxIdlePerKey = 256;
};

} // namespace qcc
