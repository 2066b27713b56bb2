#pragma once

#include "net/reactor.h"

#include <QAbstractEventDispatcher>
#include <QList>

#include <atomic>
#include <sys/epoll.h>
#include <vector>

namespace qcc {

class EpollPoller;

/*! How long an event loop polls before it sleeps, adapted as KVM adapts its halt polling.
 *  Under dense traffic the next event is tens of microseconds away (an upstream's answer over
 *  loopback), and a sleep costs more than that: the kernel's wake-up path and, on a virtual
 *  machine, a halted vCPU's wake-up. So a loop whose sleeps end quickly polls first. A sleep
 *  that ended within kMaxNs of the wait's start doubles the window (from kMinNs); a longer one
 *  halves it, and below kMinNs it is 0: an idle loop, or one waiting on a real remote
 *  upstream (milliseconds away), never polls, and one that stops being busy polls at most
 *  kMaxNs + kMaxNs/2 + kMinNs (87.5 µs) in all before it sleeps without polling. */
class SpinWindow
{
public:
    static constexpr qint64 kMinNs = 12'500;
    static constexpr qint64 kMaxNs = 50'000;
    //! How long the next wait polls first.
    qint64 ns() const { return m_ns; }
    //! A wait found nothing by polling and slept; it ended \a waitedNs after it began.
    void slept(qint64 waitedNs)
    {
        if (waitedNs <= kMaxNs)
            m_ns = qBound(kMinNs, 2 * m_ns, kMaxNs);
        else
            m_ns = m_ns / 2 < kMinNs ? 0 : m_ns / 2;
    }

private:
    qint64 m_ns = 0;
};

/*! A Qt event dispatcher built on one epoll set, for qccd's main thread. Qt's own sockets and
 *  timers work as with any dispatcher; the EpollPoller given this dispatcher puts its sockets
 *  into the same epoll set, so one epoll_wait() per wake-up serves both and a ready proxy socket costs
 *  no poll() rebuild, no QSocketNotifier event and no signal. Installed with
 *  QCoreApplication::setEventDispatcher() before the application object exists. Linux only.
 *  Timers are kept to the millisecond (epoll's resolution), whatever their Qt::TimerType.
 *  Before it sleeps, a pass polls for as long as its SpinWindow says. */
class EpollDispatcher final : public QAbstractEventDispatcher, public Reactor::Driver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EpollDispatcher)

public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;
    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;
    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;
    void wakeUp() override;
    void interrupt() override;

    //! The epoll set, for the EpollPoller of this thread; its events are handed to attach()'s
    //! poller, each pass bracketed as a batch of the poller's Reactor.
    int epollFd() const { return m_epoll; }
    void attach(EpollPoller *poller) { m_poller = poller; }
    bool hasPoller() const { return m_poller != nullptr; }
    void detach(EpollPoller *poller);
    //! Makes the next processEvents() return without waiting (the reactor has posted work).
    void requestPass() override { m_passRequested = true; }
    //! The poll-before-sleep window of the coming passes (tests set and read it).
    SpinWindow &spinWindow() { return m_spin; }

protected:
    void connectNotify(const QMetaMethod &signal) override;
    void disconnectNotify(const QMetaMethod &signal) override;

private:
    struct Timer
    {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        qint64 dueMs;
        bool running; //!< its QTimerEvent is being delivered: not fired again meanwhile
    };
    struct Notifiers
    {
        QSocketNotifier *read = nullptr, *write = nullptr, *exception = nullptr;
        quint32 mask = 0; //!< the events registered with epoll
    };
    void updateEpoll(int fd);
    int activateTimers(qint64 now);
    int waitMs(bool canWait) const;
    int wait(epoll_event *events, int max, int timeoutMs);
    Timer *findTimer(int id);

    int m_epoll = -1;
    int m_wakeFd = -1;
    //! Set by wakeUp() (so by every postEvent()), cleared by the pass that then sends posted
    //! events; the eventfd is written only when it goes from false to true.
    std::atomic<bool> m_wakePending{false};
    std::atomic<bool> m_interrupt{false};
    bool m_passRequested = false;
    SpinWindow m_spin;
    EpollPoller *m_poller = nullptr;
    std::vector<Timer> m_timers;
    //! Connections to awake() and aboutToBlock(): emitted only when someone listens (each
    //! emission costs a trip through QMetaObject::activate, twice a pass, for nobody in qccd).
    std::atomic<int> m_passListeners{0};
    std::vector<Notifiers> m_notifiers; //!< indexed by descriptor
    std::vector<int> m_firing;
    std::vector<epoll_event> m_deferred; //!< reactor events held by ExcludeSocketNotifiers
};

} // namespace qcc
