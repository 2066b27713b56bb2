#include "reactor.h"

#include "epolldispatcher.h"

#include <QDeadlineTimer>

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <utility>

namespace qcc {

Reactor::Handler::~Handler()
{
    if (m_reactor)
        m_reactor->forget(this);
}

Reactor::Reactor(QObject *parent) : QObject(parent)
{
    auto *shared = qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance());
    if (shared && !shared->hasReactor()) {
        m_shared = shared;
        m_epoll = shared->epollFd();
        shared->attach(this);
    } else {
        m_epoll = epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            qFatal("epoll_create1 failed: %s", strerror(errno));
        m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &Reactor::dispatch);
    }
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Reactor::runDeadlines);
}

Reactor::~Reactor()
{
    for (Slot &s : m_slots) {
        if (s.handler)
            s.handler->m_reactor = nullptr;
    }
    for (Handler *h = m_timed; h; h = h->m_timedNext)
        h->m_reactor = nullptr;
    for (Handler *h : m_postedList) {
        if (h)
            h->m_reactor = nullptr;
    }
    if (m_shared)
        m_shared->detach(this);
    if (m_notifier) {
        delete m_notifier;
        ::close(m_epoll);
    }
}

qint64 Reactor::nowMs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}

bool Reactor::watch(int fd, Handler *handler)
{
    if (fd < 0)
        return false;
    if (size_t(fd) >= m_slots.size())
        m_slots.resize(qMax(size_t(fd) + 1, m_slots.size() * 2));
    Slot &slot = m_slots[size_t(fd)];
    slot.handler = handler;
    if (++m_generation == 0) // generation 0 marks the dispatcher's own descriptors
        ++m_generation;
    slot.generation = m_generation;
    handler->m_reactor = this;
    handler->m_fd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.u64 = (quint64(slot.generation) << 32) | quint32(fd);
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0) {
        slot.handler = nullptr;
        return false;
    }
    return true;
}

void Reactor::unwatch(int fd)
{
    if (fd < 0 || size_t(fd) >= m_slots.size() || !m_slots[size_t(fd)].handler)
        return;
    m_slots[size_t(fd)].handler->m_fd = -1;
    m_slots[size_t(fd)].handler = nullptr; // events of this batch still queued for it are dropped
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void Reactor::deliver(quint64 data, quint32 events)
{
    const quint32 fd = quint32(data);
    const quint32 generation = quint32(data >> 32);
    if (fd >= m_slots.size())
        return;
    const Slot &slot = m_slots[fd];
    // A slot's handler may have been removed, or its fd reused, by an earlier event.
    if (slot.handler && slot.generation == generation)
        slot.handler->ioReady(events);
}

void Reactor::dispatch()
{
    epoll_event events[256];
    m_inBatch = true;
    beginBatch(nowMs());
    // A few rounds at most, so timers and other Qt events are never starved by a busy socket set.
    for (int round = 0; round < 4; ++round) {
        const int n = epoll_wait(m_epoll, events, 256, 0);
        for (int i = 0; i < n; ++i)
            deliver(events[i].data.u64, events[i].events);
        if (n < 256)
            break;
    }
    const bool left = endBatch();
    m_inBatch = false;
    if (left && !m_postScheduled) {
        m_postScheduled = true;
        QMetaObject::invokeMethod(this, &Reactor::runPostedQueued, Qt::QueuedConnection);
    }
}

bool Reactor::endBatch()
{
    // Work posted while handling the batch runs now, before the loop sleeps again: a response
    // already sent, its clean-up costs the client nothing. A few rounds at most.
    for (int round = 0; round < 4 && !m_postedList.empty(); ++round)
        runPosted();
    m_batchNowMs = -1;
    return !m_postedList.empty();
}

void Reactor::link(Handler *handler)
{
    handler->m_timedPrev = nullptr;
    handler->m_timedNext = m_timed;
    if (m_timed)
        m_timed->m_timedPrev = handler;
    m_timed = handler;
}

void Reactor::unlink(Handler *handler)
{
    if (handler->m_timedPrev)
        handler->m_timedPrev->m_timedNext = handler->m_timedNext;
    else
        m_timed = handler->m_timedNext;
    if (handler->m_timedNext)
        handler->m_timedNext->m_timedPrev = handler->m_timedPrev;
    handler->m_timedPrev = handler->m_timedNext = nullptr;
}

void Reactor::setDeadline(Handler *handler, qint64 ms)
{
    if (ms < 0) {
        if (handler->m_due >= 0) {
            handler->m_due = -1;
            unlink(handler);
        }
        return;
    }
    handler->m_reactor = this;
    const qint64 due = batchNowMs() + ms;
    if (handler->m_due < 0)
        link(handler);
    handler->m_due = due;
    // Only an earlier deadline than the armed one touches the timer; later ones are found
    // when it fires.
    if (m_timerDue < 0 || due < m_timerDue)
        armTimer(due);
}

void Reactor::armTimer(qint64 due)
{
    m_timerDue = due;
    m_timer.start(int(qBound(qint64(0), due - nowMs(), qint64(INT_MAX))));
}

void Reactor::runDeadlines()
{
    m_timerDue = -1;
    const qint64 now = nowMs();
    qint64 next = -1;
    m_expiring.clear();
    for (Handler *h = m_timed; h;) {
        Handler *const following = h->m_timedNext;
        if (h->m_due <= now) {
            h->m_due = -1;
            m_expiring.push_back(h);
            unlink(h);
        } else {
            next = next < 0 ? h->m_due : qMin(next, h->m_due);
        }
        h = following;
    }
    if (next >= 0)
        armTimer(next);
    // forget() nulls entries of handlers that an earlier callback of this round deleted.
    for (size_t i = 0; i < m_expiring.size(); ++i) {
        if (Handler *h = m_expiring[i])
            h->deadlineExpired();
    }
    m_expiring.clear();
}

void Reactor::post(Handler *handler)
{
    if (handler->m_posted)
        return;
    handler->m_posted = true;
    handler->m_reactor = this;
    m_postedList.push_back(handler);
    if (m_shared) {
        m_shared->requestPass(); // the dispatcher runs it before it next sleeps
    } else if (!m_postScheduled && !m_inBatch) {
        m_postScheduled = true;
        QMetaObject::invokeMethod(this, &Reactor::runPostedQueued, Qt::QueuedConnection);
    }
}

void Reactor::runPostedQueued()
{
    m_postScheduled = false;
    runPosted();
}

void Reactor::runPosted()
{
    // The two lists trade buffers, so a round allocates nothing (a nested round, from a
    // handler that runs an event loop, uses one of its own).
    std::vector<Handler *> nested;
    std::vector<Handler *> &list = m_runningPosted ? nested : m_running;
    list.clear();
    list.swap(m_postedList);
    for (Handler *h : list) {
        if (h)
            h->m_posted = false;
    }
    // A handler deleted by an earlier call of this round was nulled in `list` by forget().
    std::vector<Handler *> *outer = std::exchange(m_runningPosted, &list);
    for (size_t i = 0; i < list.size(); ++i) {
        if (Handler *h = list[i])
            h->ioReady(0);
    }
    m_runningPosted = outer;
    list.clear();
}

void Reactor::forget(Handler *handler)
{
    if (handler->m_due >= 0) {
        handler->m_due = -1;
        unlink(handler);
    }
    for (Handler *&h : m_expiring) {
        if (h == handler)
            h = nullptr;
    }
    if (handler->m_posted) {
        handler->m_posted = false;
        for (Handler *&h : m_postedList) {
            if (h == handler)
                h = nullptr;
        }
    }
    // The round running now, and the outer one when it is nested (m_running is empty otherwise).
    for (std::vector<Handler *> *running : {m_runningPosted, &m_running}) {
        if (!running)
            continue;
        for (Handler *&h : *running) {
            if (h == handler)
                h = nullptr;
        }
    }
    if (handler->m_fd >= 0)
        unwatch(handler->m_fd);
    handler->m_reactor = nullptr;
}

} // namespace qcc
