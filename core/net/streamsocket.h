#pragma once

#include "platform/uitext.h"
#include "reactor.h"

#include <QByteArray>
#include <QHostAddress>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QString>

namespace qcc {

/*! Where an outgoing connection goes: what the upstream pool asks a NetBackend for. */
struct ConnectSpec
{
    QString host; //!< a name or an address (TLS checks the certificate against it)
    quint16 port = 0;
    QHostAddress address; //!< the host as an IP address, when it is one
    bool tls = false;
    //! The certificate authorities to trust; empty: the system store (loaded on demand)
    QList<QSslCertificate> caCertificates;
    QNetworkProxy proxy{QNetworkProxy::NoProxy};
};

/*! A TCP connection of the data path, client or upstream, whichever backend carries it: the
 *  epoll backend's raw socket (core/net/epoll) or a QTcpSocket/QSslSocket (QtSocket). Both keep
 *  one contract, so everything above them behaves the same on every platform:
 *  - read() takes what has arrived: > 0 bytes, 0 nothing now, -1 the connection is over. A
 *    read shorter than asked means nothing more is waiting: the next bytes bring a new
 *    socketReadable(). Not reading is back-pressure: what is not read is not buffered beyond
 *    a bound (the kernel's buffers, or a bounded Qt read buffer), so TCP slows the peer.
 *  - write() hands bytes on at once and keeps only what the kernel cannot take yet.
 *  - Listener calls come from the event loop, never from inside read() or write();
 *    socketClosed() comes exactly once, unless the owner ended the socket with abort().
 *  - One deadline per socket (socketTimeout()), kept by the Reactor.
 *  Engine thread. */
class StreamSocket
{
    Q_DISABLE_COPY_MOVE(StreamSocket)

public:
    class Listener
    {
    public:
        virtual ~Listener() = default;
        //! An outgoing connection is established (and its TLS handshake done).
        virtual void socketConnected() {}
        //! Bytes (or the peer's close) may be waiting: read() until it returns less than asked.
        virtual void socketReadable() = 0;
        //! Everything queued was handed to the kernel.
        virtual void socketDrained() {}
        //! The connection is over: peer close, error, or the end of closeWhenFlushed().
        virtual void socketClosed() = 0;
        virtual void socketTimeout() {}
    };

    explicit StreamSocket(Reactor *reactor) : m_reactor(reactor) {}
    virtual ~StreamSocket() = default;

    void setListener(Listener *listener) { m_listener = listener; }
    Reactor *reactor() const { return m_reactor; }

    //! Starts connecting an outgoing socket: socketConnected() or socketClosed() follows.
    virtual void open() = 0;
    //! Up to \a max bytes: > 0 read, 0 nothing more for now, -1 the connection is over.
    virtual qint64 read(char *buffer, qint64 max) = 0;
    /*! Writes as much of \a data as the kernel takes now and queues the rest (sharing \a data,
     *  not copying it where the backend allows). False once the socket is over. */
    virtual bool write(const QByteArray &data) = 0;
    //! Bytes written and not yet handed to the kernel.
    virtual qint64 pendingOutput() const = 0;
    //! Bytes received and not read yet (0 where reads come straight from the kernel).
    virtual qint64 bytesBuffered() const { return 0; }
    /*! Sends what is queued, then closes: what the peer still sends is read and dropped for up
     *  to kLingerMs, so our last response is not lost to a reset. A peer that takes none of the
     *  queued bytes for \a stallMs is cut off (socketClosed() follows): a close has a deadline
     *  even when the peer never reads. */
    virtual void closeWhenFlushed(qint64 stallMs) = 0;
    //! Ends the connection now; no socketClosed() follows.
    virtual void abort() = 0;
    //! The deadline for socketTimeout(); -1 clears it.
    virtual void setTimeout(qint64 ms) = 0;
    //! Asks for a socketReadable() from the event loop (after a pause, for bytes that were
    //! already waiting and bring no new notification).
    virtual void postReadable() = 0;

    virtual bool isConnected() const = 0;
    //! The connection was established at some point (a later error is not a connect failure).
    virtual bool wasConnected() const = 0;
    //! The established connection was ended by the peer (an orderly close or a reset), not
    //! by a failure to connect or a local error.
    virtual bool endedByPeer() const = 0;
    //! The peer's end was a reset, not an orderly close: a body delimited by the close is cut,
    //! not complete. Qt reports a reset as the remote host's close, so its backend never knows.
    virtual bool endedByReset() const = 0;
    virtual QString errorString() const = 0;
    //! Why the peer's TLS certificate was refused (host and reason), or an empty text.
    virtual UiText certificateProblem() const { return {}; }

    static constexpr qint64 kLingerMs = 2000;

protected:
    Reactor *const m_reactor;
    Listener *m_listener = nullptr;
};

} // namespace qcc
