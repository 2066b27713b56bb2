#pragma once

#include <QDateTime>
#include <QElapsedTimer>

namespace qcc {

/*! Time source for every piece of engine logic that measures durations (cool-downs, isolation
 *  timestamps, verification pacing). Injected so tests can move time by hand. */
class Clock
{
public:
    virtual ~Clock() = default;
    //! Monotonic milliseconds since an arbitrary start.
    virtual qint64 nowMs() const = 0;
    //! Wall-clock time, for user-facing timestamps only.
    virtual QDateTime wallNow() const = 0;
    //! wallNow() as milliseconds since the epoch (UTC), without building a QDateTime.
    virtual qint64 wallNowMs() const { return wallNow().toMSecsSinceEpoch(); }
};

class SystemClock final : public Clock
{
public:
    SystemClock() { m_timer.start(); }
    qint64 nowMs() const override { return m_timer.elapsed(); }
    QDateTime wallNow() const override { return QDateTime::currentDateTimeUtc(); }
    qint64 wallNowMs() const override { return QDateTime::currentMSecsSinceEpoch(); }

private:
    QElapsedTimer m_timer;
};

} // namespace qcc
