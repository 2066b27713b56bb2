#pragma once

#include "net/reactor.h"

#include <QObject>
#include <QPointer>

#include <vector>

class QSocketNotifier;

namespace qcc {

class EpollDispatcher;

/*! The epoll backend's readiness source: every raw socket of a thread registered once with one
 *  edge-triggered epoll set, and the ready ones told by a direct virtual call (no QEvent, no
 *  signal); the set does not grow the poll list with the number of connections. Under qccd's
 *  EpollDispatcher the set is the dispatcher's own, read by its one epoll_wait() per pass;
 *  elsewhere (qcc-tray, on Qt's GUI dispatcher) it is ours, watched through one
 *  QSocketNotifier. Each batch of events is bracketed by the Reactor's beginBatch()/endBatch().
 *  Linux only. Engine thread. */
class EpollPoller final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EpollPoller)

public:
    class Watcher
    {
    public:
        virtual ~Watcher();
        //! \a events: EPOLLIN/EPOLLOUT/EPOLLRDHUP/EPOLLHUP/EPOLLERR bits.
        virtual void epollEvent(quint32 events) = 0;

    private:
        friend class EpollPoller;
        EpollPoller *m_watchedBy = nullptr; //!< set while watched
        int m_watchedFd = -1;
    };

    /*! \a shared: the event dispatcher of this thread when it is an EpollDispatcher without a
     *  poller yet, whose epoll set this poller then shares; null for a set of our own. */
    EpollPoller(Reactor *reactor, EpollDispatcher *shared, QObject *parent = nullptr);
    ~EpollPoller() override;

    Reactor *reactor() const { return m_reactor; }
    //! Watches \a fd (input, output, peer close) edge-triggered until unwatch(). False on error.
    bool watch(int fd, Watcher *watcher);
    void unwatch(int fd);

    // For the EpollDispatcher whose set this is.
    //! One event of the set: \a data is what watch() registered.
    void deliver(quint64 data, quint32 events);

private:
    void dispatch();

    struct Slot
    {
        Watcher *watcher = nullptr;
        quint32 generation = 0;
    };
    Reactor *m_reactor;
    QPointer<EpollDispatcher> m_shared;    //!< the dispatcher whose epoll set this is
    QSocketNotifier *m_notifier = nullptr; //!< watches m_epoll when it is our own
    int m_epoll = -1;
    std::vector<Slot> m_slots; //!< indexed by fd
    quint32 m_generation = 0;
};

} // namespace qcc
