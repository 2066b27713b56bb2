#pragma once

#include "epollpoller.h"
#include "net/streamsocket.h"

#include <cerrno>
#include <vector>

namespace qcc {

/*! The epoll backend's socket: non-blocking TCP driven by an EpollPoller, reads straight from
 *  the kernel into the caller's buffer (no FIONREAD, no intermediate buffer), writes straight to
 *  the kernel, keeping only what it cannot take yet. Not a QObject: its listener is called
 *  directly. Linux only. Engine thread. */
class EpollSocket final : public StreamSocket,
                          private Reactor::Handler,
                          private EpollPoller::Watcher
{
    Q_DISABLE_COPY_MOVE(EpollSocket)

public:
    explicit EpollSocket(EpollPoller *poller);
    //! An outgoing connection to \a address:\a port, started by open().
    EpollSocket(EpollPoller *poller, const QHostAddress &address, quint16 port);
    ~EpollSocket() override;

    //! Takes an accepted, connected descriptor (non-blocking and close-on-exec, as
    //! os::acceptConnection() gives it).
    bool adopt(int fd);

    void open() override;
    qint64 read(char *buffer, qint64 max) override;
    bool write(const QByteArray &data) override;
    qint64 pendingOutput() const override { return m_pending; }
    void closeWhenFlushed(qint64 stallMs) override;
    void abort() override;
    void setTimeout(qint64 ms) override;
    void postReadable() override;
    bool isConnected() const override { return m_state == State::Connected; }
    bool wasConnected() const override { return m_wasConnected; }
    bool endedByPeer() const override;
    bool endedByReset() const override { return m_wasConnected && m_error == ECONNRESET; }
    QString errorString() const override;

private:
    enum class State { Idle, Connecting, Connected, Lingering, Over };
    void posted() override { ioReady(0); }
    void epollEvent(quint32 events) override { ioReady(events); }
    //! \a events: epoll's bits, 0 for a post().
    void ioReady(quint32 events);
    void deadlineExpired() override;
    bool flushOut();
    void over(int error);
    void closeFd();

    EpollPoller *m_poller;
    QHostAddress m_address;
    quint16 m_port = 0;
    int m_fd = -1;
    State m_state = State::Idle;
    struct Chunk
    {
        QByteArray data;
        qsizetype offset = 0; //!< bytes of data already sent
    };
    //! What the kernel has not taken yet, from m_outHead on. (A vector allocates nothing while
    //! empty, which an idle connection is; a std::deque allocates 576 bytes at construction.)
    std::vector<Chunk> m_out;
    size_t m_outHead = 0;
    qint64 m_pending = 0;
    int m_error = 0; //!< errno of the failure that ended the connection, 0 for a peer's close
    bool m_closeAfterFlush = false;
    qint64 m_flushStallMs = 0; //!< closeWhenFlushed()'s stall time
    bool m_wasConnected = false;
    bool m_closedPending = false; //!< socketClosed() is due from the event loop
    //! The peer ended its side (a FIN or a reset was reported). Edge-triggered: no second
    //! report comes, so once the reader has taken what it wants, the end is looked for here.
    bool m_peerEnded = false;
};

} // namespace qcc
