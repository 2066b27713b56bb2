#pragma once

#include "reactor.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <deque>

namespace qcc {

/*! A non-blocking TCP socket on the data path, driven by a Reactor: reads go straight from the
 *  kernel into the caller's buffer (no FIONREAD, no intermediate buffer), writes go straight to
 *  the kernel and only what it cannot take yet is kept. Not a QObject: its listener is called
 *  directly. socketClosed() comes exactly once, always from the event loop (never from inside
 *  read() or write()), unless the owner ended the socket itself with abort().
 *  Engine thread. */
class Socket final : private Reactor::Handler
{
    Q_DISABLE_COPY_MOVE(Socket)

public:
    class Listener
    {
    public:
        virtual ~Listener() = default;
        virtual void socketConnected() {}
        //! Bytes (or the peer's close) may be waiting: read() until it returns 0 or -1.
        virtual void socketReadable() = 0;
        //! Everything queued was handed to the kernel.
        virtual void socketDrained() {}
        //! The connection is over: peer close, error, or the end of closeWhenFlushed().
        virtual void socketClosed() = 0;
        virtual void socketTimeout() {}
    };

    Socket(Reactor *reactor, Listener *listener);
    ~Socket() override;

    //! Takes an accepted, connected descriptor.
    bool adopt(int fd);
    //! Starts a non-blocking connect; socketConnected() or socketClosed() follows.
    bool connectTo(const QHostAddress &address, quint16 port);

    /*! Up to \a max bytes: > 0 read, 0 nothing more for now, -1 the connection is over
     *  (socketClosed() follows from the event loop). */
    qint64 read(char *buffer, qint64 max);
    /*! Writes as much of \a data as the kernel takes now and queues the rest (sharing \a data,
     *  not copying it: a 20 MB body costs nothing more here). False once the socket is over. */
    bool write(const QByteArray &data);
    qint64 pendingOutput() const { return m_pending; }

    //! Sends what is queued, then closes (a lingering close: what the peer still sends is read
    //! and dropped for up to 2 s, so our last response is not lost to a reset).
    void closeWhenFlushed();
    //! Ends the connection now, with a reset; no socketClosed() follows.
    void abort();
    //! deadline for socketTimeout(); -1 clears it. One deadline per socket.
    void setTimeout(qint64 ms);
    //! Asks for a socketReadable() from the event loop (after a pause: edge-triggered input
    //! gives no new notification for bytes that were already waiting).
    void postReadable();

    bool isOpen() const { return m_state == State::Connected || m_state == State::Connecting; }
    bool isConnected() const { return m_state == State::Connected; }
    //! The connection was established at some point (a later error is not a connect failure).
    bool wasConnected() const { return m_wasConnected; }
    //! errno of the failure that ended the connection, 0 for an orderly close by the peer.
    int error() const { return m_error; }
    QString errorString() const;
    Reactor *reactor() const { return m_reactor; }

private:
    enum class State { Idle, Connecting, Connected, Lingering, Over };
    void ioReady(quint32 events) override;
    void deadlineExpired() override;
    bool flushOut();
    void over(int error);
    void closeFd();

    Reactor *m_reactor;
    Listener *m_listener;
    int m_fd = -1;
    State m_state = State::Idle;
    struct Chunk
    {
        QByteArray data;
        qsizetype offset = 0; //!< bytes of data already sent
    };
    std::deque<Chunk> m_out;
    qint64 m_pending = 0;
    int m_error = 0;
    bool m_closeAfterFlush = false;
    bool m_wasConnected = false;
    bool m_closedPending = false; //!< socketClosed() is due from the event loop
};

} // namespace qcc
