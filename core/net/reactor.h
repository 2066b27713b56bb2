#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <vector>

namespace qcc {

/*! The data path's time and deferred work, for every socket of one thread, whichever backend
 *  moves its bytes: one timer for all socket deadlines (arming one costs a few stores, not a
 *  timer registration), work posted to run from the event loop (never from inside the call
 *  that posts it), and one read buffer the thread's sockets share. Ready sockets are the
 *  backend's business (core/net/epoll: an epoll set; otherwise Qt's notifiers); a backend
 *  that delivers socket events in batches brackets them with beginBatch()/endBatch(), so that
 *  deadlines armed in a batch share one clock read and what it posts runs before the loop
 *  sleeps again. The engine's NetBackend owns one; it must outlive every socket that uses it.
 *  Portable. Engine thread. */
class Reactor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Reactor)

public:
    class Handler
    {
    public:
        virtual ~Handler();
        //! What post() asked for, from the event loop.
        virtual void posted() = 0;
        virtual void deadlineExpired() = 0;

    private:
        friend class Reactor;
        Reactor *m_attached = nullptr; //!< set while timed or posted
        qint64 m_due = -1;
        //! Links of the reactor's list of timed handlers (m_due >= 0): arming and clearing a
        //! deadline, several times a request, is two stores, no hashing, no allocation.
        Handler *m_timedPrev = nullptr, *m_timedNext = nullptr;
        bool m_posted = false;
    };

    /*! What runs the reactor's batches when it is the event loop's own (qccd's
     *  EpollDispatcher): a post made outside a batch asks it for a pass, which ends with
     *  endBatch(), instead of queueing a call through Qt's event queue. */
    class Driver
    {
    public:
        virtual ~Driver() = default;
        virtual void requestPass() = 0;
    };

    explicit Reactor(QObject *parent = nullptr);
    ~Reactor() override;

    void setDriver(Driver *driver) { m_driver = driver; }
    //! deadlineExpired() in \a ms (replacing an earlier deadline); -1 clears it.
    void setDeadline(Handler *handler, qint64 ms);
    //! posted() from the event loop, once, however often it is posted before that: at the
    //! end of the current batch of socket events when posted from one.
    void post(Handler *handler);
    //! Drops every reference to \a handler (its destructor calls this).
    void forget(Handler *handler);
    //! A buffer for one read, shared by this thread's sockets (nothing keeps it across calls),
    //! so an idle connection holds no read buffer of its own.
    char *scratch() { return m_scratch.data(); }
    static constexpr qsizetype kScratchSize = 64 * 1024;

    //! The start of a batch of socket events at \a nowMs (QDeadlineTimer's clock): deadlines
    //! armed until endBatch() count from it, one clock read per batch instead of one per
    //! deadline, and posts wait for endBatch().
    void beginBatch(qint64 nowMs);
    //! The end of a batch: runs what was posted. True if posted work is left (with a Driver,
    //! it asks for the next pass; without one, a queued call runs it).
    bool endBatch();
    static qint64 nowMs();

private:
    void runDeadlines();
    void runPosted();
    void schedulePosted();
    void armTimer(qint64 due);
    //! The batch's moment inside one, the clock outside.
    qint64 batchNowMs() const { return m_batchNowMs >= 0 ? m_batchNowMs : nowMs(); }
    void link(Handler *handler);
    void unlink(Handler *handler);

    Driver *m_driver = nullptr;
    Handler *m_timed = nullptr; //!< the timed handlers, linked through m_timedNext
    qint64 m_batchNowMs = -1;   //!< set from beginBatch() to endBatch()
    std::vector<Handler *> m_expiring;
    std::vector<Handler *> m_postedList;
    std::vector<Handler *> m_running; //!< the posted handlers being run
    std::vector<Handler *> *m_runningPosted = nullptr;
    //! Runs posted work outside batches: a zero timer, not a queued call (each queued call
    //! posts an event, and each posted event costs a wake-up system call).
    QTimer m_postTimer;
    QTimer m_timer;
    qint64 m_timerDue = -1;
    QByteArray m_scratch{kScratchSize, Qt::Uninitialized};
};

} // namespace qcc
