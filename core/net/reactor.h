#pragma once

#include <QObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QTimer>

#include <vector>

namespace qcc {

class EpollDispatcher;

/*! The data path's event source: every proxy socket of a thread registered once with one
 *  edge-triggered epoll set, which Qt's event loop watches through a single QSocketNotifier
 *  (or, under an EpollDispatcher, the dispatcher's own set, read by its one epoll_wait()),
 *  plus one timer for all socket deadlines. Ready sockets are told by a direct virtual call
 *  (no QEvent, no signal), the poll set does not grow with the number of connections, and
 *  arming a deadline costs a store, not a timer registration. The engine owns one and hands
 *  it to the proxy server and the upstream pool; it must outlive every socket it watches.
 *  Linux only (epoll). Engine thread. */
class Reactor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Reactor)

public:
    class Handler
    {
    public:
        virtual ~Handler();
        //! \a events: EPOLLIN/EPOLLOUT/EPOLLRDHUP/EPOLLHUP/EPOLLERR bits; 0 for a post().
        virtual void ioReady(quint32 events) = 0;
        virtual void deadlineExpired() = 0;

    private:
        friend class Reactor;
        Reactor *m_reactor = nullptr; //!< set while watched, timed or posted
        qint64 m_due = -1;
        //! Links of the reactor's list of timed handlers (m_due >= 0): arming and clearing a
        //! deadline, several times a request, is two stores, no hashing, no allocation.
        Handler *m_timedPrev = nullptr, *m_timedNext = nullptr;
        int m_fd = -1; //!< while watched
        bool m_posted = false;
    };

    explicit Reactor(QObject *parent = nullptr);
    ~Reactor() override;

    //! Watches \a fd (input, output, peer close) edge-triggered until unwatch(). False on error.
    bool watch(int fd, Handler *handler);
    void unwatch(int fd);
    //! deadlineExpired() in \a ms (replacing an earlier deadline); -1 clears it.
    void setDeadline(Handler *handler, qint64 ms);
    //! ioReady(0) from the event loop, once, however often it is posted before that: at the
    //! end of the current batch of socket events when posted from one.
    void post(Handler *handler);
    //! Drops every reference to \a handler (its destructor calls this).
    void forget(Handler *handler);
    //! A buffer for one read, shared by this thread's sockets (nothing keeps it across calls),
    //! so an idle connection holds no read buffer of its own.
    char *scratch() { return m_scratch.data(); }
    static constexpr qsizetype kScratchSize = 64 * 1024;

    // For the EpollDispatcher this reactor shares an epoll set with.
    //! One event of the set: \a data is what watch() registered.
    void deliver(quint64 data, quint32 events);
    //! The start of a batch of events at \a nowMs (QDeadlineTimer's clock): deadlines armed
    //! until endBatch() count from it, one clock read per batch instead of one per deadline.
    void beginBatch(qint64 nowMs) { m_batchNowMs = nowMs; }
    //! The end of a batch of events: runs what was posted. True if posted work is left.
    bool endBatch();

private:
    void dispatch();
    void runDeadlines();
    void runPosted();
    void runPostedQueued();
    void armTimer(qint64 due);
    static qint64 nowMs();
    //! The batch's moment inside one, the clock outside.
    qint64 batchNowMs() const { return m_batchNowMs >= 0 ? m_batchNowMs : nowMs(); }
    void link(Handler *handler);
    void unlink(Handler *handler);

    struct Slot
    {
        Handler *handler = nullptr;
        quint32 generation = 0;
    };
    int m_epoll = -1;
    QPointer<EpollDispatcher> m_shared;    //!< the dispatcher whose epoll set this is
    QSocketNotifier *m_notifier = nullptr; //!< watches m_epoll when it is our own
    std::vector<Slot> m_slots;             //!< indexed by fd
    quint32 m_generation = 0;
    Handler *m_timed = nullptr; //!< the timed handlers, linked through m_timedNext
    qint64 m_batchNowMs = -1;   //!< set from beginBatch() to endBatch()
    std::vector<Handler *> m_expiring;
    std::vector<Handler *> m_postedList;
    std::vector<Handler *> m_running; //!< the posted handlers being run
    std::vector<Handler *> *m_runningPosted = nullptr;
    bool m_postScheduled = false; //!< a queued runPostedQueued() is pending (own epoll set)
    bool m_inBatch = false;       //!< inside dispatch(): posts wait for its end
    QTimer m_timer;
    qint64 m_timerDue = -1;
    QByteArray m_scratch{kScratchSize, Qt::Uninitialized};
};

} // namespace qcc
