#pragma once

#include "platform/clock.h"

#include <QAtomicInteger>

namespace qcc::test {

//! A clock that moves only when the test says so.
class ManualClock final : public Clock
{
public:
    qint64 nowMs() const override { return m_ms.loadRelaxed(); }
    QDateTime wallNow() const override { return m_epoch.addMSecs(nowMs()); }
    void advance(qint64 ms) { m_ms.fetchAndAddRelaxed(ms); }

private:
    QAtomicInteger<qint64> m_ms{1000};
    QDateTime m_epoch = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
};

} // namespace qcc::test
