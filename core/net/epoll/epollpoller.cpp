#include "epollpoller.h"

#include "epolldispatcher.h"

#include <QSocketNotifier>

#include <sys/epoll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qcc {

EpollPoller::Watcher::~Watcher()
{
    if (m_watchedBy && m_watchedFd >= 0)
        m_watchedBy->unwatch(m_watchedFd);
}

EpollPoller::EpollPoller(Reactor *reactor, EpollDispatcher *shared, QObject *parent)
    : QObject(parent), m_reactor(reactor)
{
    if (shared && !shared->hasPoller()) {
        m_shared = shared;
        m_epoll = shared->epollFd();
        shared->attach(this);
        reactor->setDriver(shared);
        return;
    }
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0)
        qFatal("epoll_create1 failed: %s", strerror(errno));
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &EpollPoller::dispatch);
}

EpollPoller::~EpollPoller()
{
    for (Slot &s : m_slots) {
        if (s.watcher)
            s.watcher->m_watchedBy = nullptr;
    }
    if (m_shared) {
        m_shared->detach(this);
        m_reactor->setDriver(nullptr);
    }
    if (m_notifier) {
        delete m_notifier;
        ::close(m_epoll);
    }
}

bool EpollPoller::watch(int fd, Watcher *watcher)
{
    if (fd < 0)
        return false;
    if (size_t(fd) >= m_slots.size())
        m_slots.resize(qMax(size_t(fd) + 1, m_slots.size() * 2));
    Slot &slot = m_slots[size_t(fd)];
    slot.watcher = watcher;
    if (++m_generation == 0) // generation 0 marks the dispatcher's own descriptors
        ++m_generation;
    slot.generation = m_generation;
    watcher->m_watchedBy = this;
    watcher->m_watchedFd = fd;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.u64 = (quint64(slot.generation) << 32) | quint32(fd);
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev) != 0) {
        slot.watcher = nullptr;
        watcher->m_watchedFd = -1;
        return false;
    }
    return true;
}

void EpollPoller::unwatch(int fd)
{
    if (fd < 0 || size_t(fd) >= m_slots.size() || !m_slots[size_t(fd)].watcher)
        return;
    m_slots[size_t(fd)].watcher->m_watchedFd = -1;
    m_slots[size_t(fd)].watcher = nullptr; // events of this batch still queued for it are dropped
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
}

void EpollPoller::deliver(quint64 data, quint32 events)
{
    const quint32 fd = quint32(data);
    const quint32 generation = quint32(data >> 32);
    if (fd >= m_slots.size())
        return;
    const Slot &slot = m_slots[fd];
    // A slot's watcher may have been removed, or its fd reused, by an earlier event.
    if (slot.watcher && slot.generation == generation)
        slot.watcher->epollEvent(events);
}

void EpollPoller::dispatch()
{
    epoll_event events[256];
    m_reactor->beginBatch(Reactor::nowMs());
    // A few rounds at most, so timers and other Qt events are never starved by a busy socket set.
    for (int round = 0; round < 4; ++round) {
        const int n = epoll_wait(m_epoll, events, 256, 0);
        for (int i = 0; i < n; ++i)
            deliver(events[i].data.u64, events[i].events);
        if (n < 256)
            break;
    }
    m_reactor->endBatch();
}

} // namespace qcc
