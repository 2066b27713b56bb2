// The Reactor every backend shares: socket deadlines on one timer and work posted to the event
// loop. Portable: runs in every build, on Qt's dispatcher.
#include "net/reactor.h"

#include <QtTest>

#include <functional>
#include <utility>

using namespace qcc;

namespace {
class Recorder final : public Reactor::Handler
{
public:
    int calls = 0, deadlines = 0;
    std::function<void()> onPosted, onDeadline;
    void posted() override
    {
        ++calls;
        if (onPosted)
            onPosted();
    }
    void deadlineExpired() override
    {
        ++deadlines;
        if (onDeadline)
            onDeadline();
    }
};
} // namespace

class TestReactor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void postRunsOnceFromTheEventLoop()
    {
        Reactor reactor;
        Recorder a, b;
        reactor.post(&a);
        reactor.post(&a); // posted twice before it runs: runs once
        reactor.post(&b);
        QCOMPARE(a.calls, 0); // never from inside post()
        QTRY_COMPARE(a.calls, 1);
        QCOMPARE(b.calls, 1);
        // Posted from its own call: runs again, later.
        a.onPosted = [&] {
            if (a.calls == 2)
                reactor.post(&a);
        };
        reactor.post(&a);
        QTRY_COMPARE(a.calls, 3);
        QTest::qWait(20);
        QCOMPARE(a.calls, 3);
    }

    void aHandlerGoneBeforeItsTurnIsSkipped()
    {
        Reactor reactor;
        Recorder first;
        auto *second = new Recorder;
        first.onPosted = [&] { delete std::exchange(second, nullptr); };
        reactor.post(&first);
        reactor.post(second); // deleted by the call before it in the same round
        QTRY_COMPARE(first.calls, 1);
        QVERIFY(!second);
        {
            Recorder gone;
            reactor.post(&gone);
            reactor.setDeadline(&gone, 5);
        }
        QTest::qWait(30); // nothing runs for it
    }

    void aBatchRunsItsPostsAtItsEnd()
    {
        Reactor reactor;
        Recorder r;
        reactor.beginBatch(Reactor::nowMs());
        reactor.post(&r);
        QCOMPARE(r.calls, 0);
        QCOMPARE(reactor.endBatch(), false); // nothing left
        QCOMPARE(r.calls, 1);
        QTest::qWait(20);
        QCOMPARE(r.calls, 1); // not run again from the event loop
    }

    void deadlinesKeepTheirHandlersApart()
    {
        // Timed handlers are linked into one list: arming, re-arming, clearing and deleting any
        // of them, also from a deadline callback, touches only that one.
        Reactor reactor;
        Recorder r[6];
        auto *victim = new Recorder;
        for (Recorder &h : r)
            reactor.setDeadline(&h, 20);
        reactor.setDeadline(victim, 20);
        reactor.setDeadline(&r[1], -1);  // cleared in the middle of the list
        reactor.setDeadline(&r[5], -1);  // cleared at its head (armed last of the six)
        reactor.setDeadline(&r[3], 150); // re-armed while linked
        {
            Recorder gone; // destroyed while timed
            reactor.setDeadline(&gone, 10);
        }
        r[0].onDeadline = [&] {
            delete std::exchange(victim, nullptr); // may be due in this same round
        };
        r[2].onDeadline = [&] {
            if (r[2].deadlines == 1)
                reactor.setDeadline(&r[2], 30); // re-armed from its own callback
        };
        QTRY_COMPARE(r[3].deadlines, 1);
        QTRY_COMPARE(r[2].deadlines, 2);
        QCOMPARE(r[0].deadlines, 1);
        QCOMPARE(r[1].deadlines, 0);
        QCOMPARE(r[4].deadlines, 1);
        QCOMPARE(r[5].deadlines, 0);
        QVERIFY(!victim);
        QTest::qWait(60);
        QCOMPARE(r[2].deadlines, 2); // nothing fires twice
        QCOMPARE(r[3].deadlines, 1);
    }
};

QTEST_GUILESS_MAIN(TestReactor)
#include "tst_reactor.moc"
