#include "epolldispatcher.h"

#include "epollpoller.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QMetaMethod>
#include <QSocketNotifier>

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <utility>

namespace qcc {

namespace {
// Events of the dispatcher's own descriptors carry generation 0 in the upper half of their
// epoll data; the reactor's never do (its generations start at 1).
constexpr quint64 kWakeTag = 0xffffffffu;

qint64 nowMs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}

qint64 nowNs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs();
}
} // namespace

EpollDispatcher::EpollDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("EpollDispatcher: cannot create its descriptors: %s", strerror(errno));
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kWakeTag;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &ev);
}

EpollDispatcher::~EpollDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

void EpollDispatcher::detach(EpollPoller *poller)
{
    if (m_poller == poller)
        m_poller = nullptr;
}

// ---- socket notifiers ---------------------------------------------------------------------

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    if (fd < 0)
        return;
    if (size_t(fd) >= m_notifiers.size())
        m_notifiers.resize(size_t(fd) + 1);
    Notifiers &n = m_notifiers[size_t(fd)];
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        n.read = notifier;
        break;
    case QSocketNotifier::Write:
        n.write = notifier;
        break;
    case QSocketNotifier::Exception:
        n.exception = notifier;
        break;
    }
    updateEpoll(fd);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    if (fd < 0 || size_t(fd) >= m_notifiers.size())
        return;
    Notifiers &n = m_notifiers[size_t(fd)];
    if (n.read == notifier)
        n.read = nullptr;
    if (n.write == notifier)
        n.write = nullptr;
    if (n.exception == notifier)
        n.exception = nullptr;
    updateEpoll(fd);
}

void EpollDispatcher::updateEpoll(int fd)
{
    Notifiers &n = m_notifiers[size_t(fd)];
    // Level-triggered, as Qt's notifiers expect: they fire again while the condition holds.
    const quint32 mask = (n.read ? quint32(EPOLLIN) : 0) | (n.write ? quint32(EPOLLOUT) : 0) |
                         (n.exception ? quint32(EPOLLPRI) : 0);
    if (mask == n.mask)
        return;
    epoll_event ev{};
    ev.events = mask;
    ev.data.u64 = quint64(quint32(fd)); // generation 0: ours
    int r;
    if (mask == 0)
        r = epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
    else if (n.mask == 0)
        r = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
    else
        r = epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &ev);
    // A descriptor closed before its notifier was disabled left the set by itself (EBADF,
    // ENOENT); one reused meanwhile is new to the set (EEXIST on MOD is impossible, ENOENT is
    // answered with ADD).
    if (r != 0 && errno == ENOENT && mask != 0)
        r = epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
    if (r != 0 && mask != 0)
        qWarning("EpollDispatcher: cannot watch descriptor %d: %s", fd, strerror(errno));
    n.mask = r == 0 ? mask : 0;
}

// ---- timers -------------------------------------------------------------------------------

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                    QObject *object)
{
    m_timers.push_back({timerId, qMax<qint64>(0, interval), timerType, object,
                        nowMs() + qMax<qint64>(0, interval), false});
}

EpollDispatcher::Timer *EpollDispatcher::findTimer(int id)
{
    for (Timer &t : m_timers) {
        if (t.id == id)
            return &t;
    }
    return nullptr;
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    const auto it = std::find_if(m_timers.begin(), m_timers.end(),
                                 [timerId](const Timer &t) { return t.id == timerId; });
    if (it == m_timers.end())
        return false;
    m_timers.erase(it);
    return true;
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    const auto before = m_timers.size();
    m_timers.erase(std::remove_if(m_timers.begin(), m_timers.end(),
                                  [object](const Timer &t) { return t.object == object; }),
                   m_timers.end());
    return m_timers.size() != before;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const Timer &t : m_timers) {
        if (t.object == object)
            list.append(TimerInfo(t.id, int(qMin<qint64>(t.intervalMs, INT_MAX)), t.type));
    }
    return list;
}

int EpollDispatcher::remainingTime(int timerId)
{
    const Timer *t = findTimer(timerId);
    if (!t)
        return -1;
    return int(qBound(qint64(0), t->dueMs - nowMs(), qint64(INT_MAX)));
}

int EpollDispatcher::activateTimers(qint64 now)
{
    if (m_timers.empty())
        return 0;
    // Only timers due when this round began, each once: one registered or rescheduled by a
    // handler waits for the next round.
    m_firing.clear();
    for (const Timer &t : m_timers) {
        if (t.dueMs <= now && !t.running)
            m_firing.push_back(t.id);
    }
    int fired = 0;
    for (const int id : m_firing) {
        Timer *t = findTimer(id);
        if (!t || t->dueMs > now || t->running)
            continue; // killed, restarted or already firing in an outer loop meanwhile
        // The next due time from the schedule, skipping ticks that were missed altogether.
        t->dueMs += t->intervalMs;
        if (t->dueMs <= now)
            t->dueMs = now + t->intervalMs;
        t->running = true;
        QObject *object = t->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        if (Timer *still = findTimer(id))
            still->running = false;
    }
    return fired;
}

int EpollDispatcher::waitMs(bool canWait) const
{
    if (!canWait)
        return 0;
    qint64 earliest = -1;
    for (const Timer &t : m_timers) {
        if (!t.running && (earliest < 0 || t.dueMs < earliest))
            earliest = t.dueMs;
    }
    if (earliest < 0)
        return -1;
    return int(qBound(qint64(0), earliest - nowMs(), qint64(INT_MAX)));
}

// ---- the loop -----------------------------------------------------------------------------

int EpollDispatcher::wait(epoll_event *events, int max, int timeoutMs)
{
    int n;
    if (timeoutMs != 0) {
        const qint64 start = nowNs();
        if (const qint64 window = m_spin.ns()) {
            do {
                n = epoll_wait(m_epoll, events, max, 0);
                if (n > 0)
                    return n;
            } while (nowNs() - start < window);
        }
        do {
            n = epoll_wait(m_epoll, events, max, timeoutMs);
        } while (n < 0 && errno == EINTR);
        m_spin.slept(nowNs() - start);
        return n;
    }
    do {
        n = epoll_wait(m_epoll, events, max, 0);
    } while (n < 0 && errno == EINTR);
    return n;
}

void EpollDispatcher::wakeUp()
{
    // Any thread. One write per wake-up, however many events were posted meanwhile.
    if (!m_wakePending.exchange(true, std::memory_order_acq_rel)) {
        const quint64 one = 1;
        while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
        }
    }
}

void EpollDispatcher::interrupt()
{
    m_interrupt.store(true, std::memory_order_release);
    wakeUp();
}

namespace {
bool isPassSignal(const QMetaMethod &signal)
{
    return signal == QMetaMethod::fromSignal(&QAbstractEventDispatcher::awake) ||
           signal == QMetaMethod::fromSignal(&QAbstractEventDispatcher::aboutToBlock);
}
} // namespace

void EpollDispatcher::connectNotify(const QMetaMethod &signal)
{
    if (isPassSignal(signal))
        m_passListeners.fetch_add(1, std::memory_order_relaxed);
}

void EpollDispatcher::disconnectNotify(const QMetaMethod &signal)
{
    // A disconnect of everything names no signal (an invalid method): the count stays, and the
    // signals go on being emitted, which is the safe side.
    if (isPassSignal(signal))
        m_passListeners.fetch_sub(1, std::memory_order_relaxed);
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupt.store(false, std::memory_order_relaxed);
    const bool listened = m_passListeners.load(std::memory_order_relaxed) > 0;
    if (listened)
        Q_EMIT awake();
    // Every postEvent() calls wakeUp(): a pass that delivers posted events returns without
    // sleeping, as Qt's dispatchers do, so that a caller looping on a condition sees it.
    const bool posted = m_wakePending.exchange(false, std::memory_order_acq_rel);
    QCoreApplication::sendPostedEvents();

    const bool includeNotifiers = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !posted && !m_passRequested &&
                         !m_interrupt.load(std::memory_order_acquire);
    m_passRequested = false;
    if (canWait && listened)
        Q_EMIT aboutToBlock();
    if (m_interrupt.load(std::memory_order_acquire))
        return false;

    int handled = 0;
    Reactor *reactor = m_poller ? m_poller->reactor() : nullptr;
    if (includeNotifiers && !m_deferred.empty() && m_poller) {
        reactor->beginBatch(nowMs());
        for (const epoll_event &ev : std::exchange(m_deferred, {}))
            m_poller->deliver(ev.data.u64, ev.events);
        ++handled;
    }
    epoll_event events[256];
    const int n = wait(events, 256, includeNotifiers ? waitMs(canWait) : 0);
    // One clock read for what this pass runs: the reactor's deadlines and the timers.
    const qint64 now = nowMs();
    if (reactor)
        reactor->beginBatch(now);
    for (int i = 0; i < n; ++i) {
        const quint64 tag = events[i].data.u64;
        if (tag == kWakeTag) {
            // Drained only; what was posted is delivered by the next pass (see m_wakePending).
            quint64 count;
            while (::read(m_wakeFd, &count, sizeof count) < 0 && errno == EINTR) {
            }
            continue;
        }
        if (!includeNotifiers) {
            // An edge-triggered proxy socket reports once: kept for the next pass that takes
            // socket events. (Level-triggered Qt notifiers simply report again.)
            if ((tag >> 32) != 0)
                m_deferred.push_back(events[i]);
            continue;
        }
        if ((tag >> 32) != 0) {
            if (m_poller)
                m_poller->deliver(events[i].data.u64, events[i].events);
            ++handled;
            continue;
        }
        const size_t fd = size_t(quint32(tag));
        // Each notifier looked up again: an earlier one of this batch may have removed it.
        const quint32 ev = events[i].events;
        auto activate = [this, fd, &handled](QSocketNotifier *Notifiers::*which) {
            if (fd >= m_notifiers.size())
                return;
            if (QSocketNotifier *notifier = m_notifiers[fd].*which) {
                QEvent event(QEvent::SockAct);
                QCoreApplication::sendEvent(notifier, &event);
                ++handled;
            }
        };
        if (ev & (EPOLLIN | EPOLLHUP | EPOLLERR))
            activate(&Notifiers::read);
        if (ev & (EPOLLOUT | EPOLLERR))
            activate(&Notifiers::write);
        if (ev & EPOLLPRI)
            activate(&Notifiers::exception);
    }
    handled += activateTimers(now);
    // What the sockets and timers of this pass posted runs before the loop sleeps again. The
    // posts asked for a pass (requestPass()); this was it. Only work left over keeps the next
    // pass from sleeping: else every request would cost a needless epoll_wait(0).
    if (m_poller)
        m_passRequested = m_poller->reactor()->endBatch();
    return handled > 0;
}

} // namespace qcc
