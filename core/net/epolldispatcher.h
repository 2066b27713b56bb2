#pragma once

#include <QAbstractEventDispatcher>
#include <QList>

#include <atomic>
#include <sys/epoll.h>
#include <vector>

namespace qcc {

class Reactor;

/*! A Qt event dispatcher built on one epoll set, for qccd's main thread. Qt's own sockets and
 *  timers work as with any dispatcher; a Reactor made on this thread puts its sockets into the
 *  same epoll set, so one epoll_wait() per wake-up serves both and a ready proxy socket costs
 *  no poll() rebuild, no QSocketNotifier event and no signal. Installed with
 *  QCoreApplication::setEventDispatcher() before the application object exists. Linux only.
 *  Timers are kept to the millisecond (epoll's resolution), whatever their Qt::TimerType. */
class EpollDispatcher final : public QAbstractEventDispatcher
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

    //! The epoll set, for the Reactor of this thread; its events are handed to attach()'s reactor.
    int epollFd() const { return m_epoll; }
    void attach(Reactor *reactor) { m_reactor = reactor; }
    bool hasReactor() const { return m_reactor != nullptr; }
    void detach(Reactor *reactor);
    //! Makes the next processEvents() return without waiting (the reactor has posted work).
    void requestPass() { m_passRequested = true; }

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
    Timer *findTimer(int id);

    int m_epoll = -1;
    int m_wakeFd = -1;
    //! Set by wakeUp() (so by every postEvent()), cleared by the pass that then sends posted
    //! events; the eventfd is written only when it goes from false to true.
    std::atomic<bool> m_wakePending{false};
    std::atomic<bool> m_interrupt{false};
    bool m_passRequested = false;
    Reactor *m_reactor = nullptr;
    std::vector<Timer> m_timers;
    //! Connections to awake() and aboutToBlock(): emitted only when someone listens (each
    //! emission costs a trip through QMetaObject::activate, twice a pass, for nobody in qccd).
    std::atomic<int> m_passListeners{0};
    std::vector<Notifiers> m_notifiers; //!< indexed by descriptor
    std::vector<int> m_firing;
    std::vector<epoll_event> m_deferred; //!< reactor events held by ExcludeSocketNotifiers
};

} // namespace qcc
