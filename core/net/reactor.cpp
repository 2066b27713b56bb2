#include "reactor.h"

#include <QDeadlineTimer>

#include <climits>
#include <utility>

namespace qcc {

Reactor::Handler::~Handler()
{
    if (m_attached)
        m_attached->forget(this);
}

Reactor::Reactor(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Reactor::runDeadlines);
    m_postTimer.setSingleShot(true);
    m_postTimer.setInterval(0);
    connect(&m_postTimer, &QTimer::timeout, this, &Reactor::runPosted);
}

Reactor::~Reactor()
{
    for (Handler *h = m_timed; h; h = h->m_timedNext)
        h->m_attached = nullptr;
    for (Handler *h : m_postedList) {
        if (h)
            h->m_attached = nullptr;
    }
}

qint64 Reactor::nowMs()
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}

void Reactor::beginBatch(qint64 nowMs)
{
    m_batchNowMs = nowMs;
}

bool Reactor::endBatch()
{
    // Work posted while handling the batch runs now, before the loop sleeps again: a response
    // already sent, its clean-up costs the client nothing. A few rounds at most.
    for (int round = 0; round < 4 && !m_postedList.empty(); ++round)
        runPosted();
    m_batchNowMs = -1;
    const bool left = !m_postedList.empty();
    if (left && !m_driver)
        schedulePosted();
    return left;
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
    handler->m_attached = this;
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
    handler->m_attached = this;
    m_postedList.push_back(handler);
    if (m_batchNowMs >= 0)
        return; // endBatch() runs it
    if (m_driver)
        m_driver->requestPass(); // the dispatcher runs it before it next sleeps
    else
        schedulePosted();
}

void Reactor::schedulePosted()
{
    if (!m_postTimer.isActive())
        m_postTimer.start();
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
            h->posted();
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
    handler->m_attached = nullptr;
}

} // namespace qcc
