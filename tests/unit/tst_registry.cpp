#include "health/endpointregistry.h"
#include "support/manualclock.h"
#include "support/testutil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

using namespace qcc;
using qcc::test::ManualClock;

namespace {
EndpointConfig ep(const QString &id, Tier tier = Tier::Primary, int weight = 100)
{
    EndpointConfig e;
    e.id = e.effectiveId = id;
    e.name = id;
    e.key = QStringLiteral("sk-test-key-") + id;
    e.baseUrl = QStringLiteral("https://%1.example").arg(id);
    e.tier = tier;
    e.weight = weight;
    return e;
}

QString pick(EndpointRegistry &r, const QByteArray &path = "/v1/messages",
             const QSet<QString> &exclude = {})
{
    const auto p = r.select({path, QByteArray(), exclude.values()});
    return p ? p->endpoint->effectiveId : QString();
}

//! Runs \a fn on the registry's thread and waits for it.
template <typename F> void onEngine(EndpointRegistry *r, F fn)
{
    QMetaObject::invokeMethod(r, fn, Qt::BlockingQueuedConnection);
}
} // namespace

class TestRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Seed bug: concurrent failures of one endpoint counted once per failure (26 instead of 2).
    void concurrentFailuresEnterQueueOnce_data()
    {
        QTest::addColumn<int>("failures");
        QTest::addColumn<bool>("credential");
        QTest::newRow("1 node") << 1 << false;
        QTest::newRow("10 node") << 10 << false;
        QTest::newRow("100 node") << 100 << false;
        QTest::newRow("1 credential") << 1 << true;
        QTest::newRow("10 credential") << 10 << true;
        QTest::newRow("100 credential") << 100 << true;
    }
    void concurrentFailuresEnterQueueOnce()
    {
        QFETCH(int, failures);
        QFETCH(bool, credential);
        ManualClock clock;
        QThread engine;
        auto *registry = new EndpointRegistry(&clock);
        FailoverConfig f;
        f.isolateAfter = 1;
        registry->setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("b"))}, f);
        registry->moveToThread(&engine);
        engine.start();

        // Many threads report failures of the same endpoint at once, as concurrent requests do.
        QList<QThread *> reporters;
        for (int i = 0; i < failures; ++i) {
            reporters.append(QThread::create([registry, i, credential] {
                QMetaObject::invokeMethod(
                    registry,
                    [registry, i, credential] {
                        registry->record(QStringLiteral("a"),
                                         credential ? OutcomeClass::Credential : OutcomeClass::Node,
                                         QStringLiteral("failure %1").arg(i), 5);
                    },
                    Qt::QueuedConnection);
            }));
        }
        for (QThread *t : reporters)
            t->start();
        for (QThread *t : reporters) {
            t->wait();
            delete t;
        }
        RegistrySnapshot snap;
        onEngine(registry, [&] { snap = registry->snapshot(); });
        QCOMPARE(snap.queueStats.totalFailed, 1);
        QCOMPARE(snap.endpoints[0].failedRequests, failures); // no lost counter update
        QCOMPARE(snap.endpoints[0].totalRequests, failures);
        QVERIFY(snap.endpoints[0].inFailureQueue);
        QCOMPARE(statusName(snap.endpoints[0].status), QStringLiteral("isolated"));
        QCOMPARE(snap.usableCount, 1);
        onEngine(registry, [&] { delete registry; });
        engine.quit();
        engine.wait();
    }

    void restoredAndFailingAgainCountsTwice()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a"))}, FailoverConfig());
        QSignalSpy isolated(&r, &EndpointRegistry::endpointIsolated);
        for (int i = 0; i < 5; ++i)
            r.record(QStringLiteral("a"), OutcomeClass::Credential, QStringLiteral("HTTP 401"), 1);
        QCOMPARE(r.queue().stats().totalFailed, 1);
        QCOMPARE(isolated.count(), 1);
        r.recordProbe(QStringLiteral("a"), true, QStringLiteral("ok"), 12);
        QVERIFY(!r.isQueued(QStringLiteral("a")));
        for (int i = 0; i < 5; ++i)
            r.record(QStringLiteral("a"), OutcomeClass::Credential, QStringLiteral("HTTP 401"), 1);
        QCOMPARE(r.queue().stats().totalFailed, 2);
        QCOMPARE(isolated.count(), 2);
        QCOMPARE(r.queue().stats().totalRecovered, 1);
        QCOMPARE(r.queue().stats().totalVerified, 1);
    }

    // Seed bug: 2 endpoints, every failure path, with retries -> 26 entries instead of 2.
    void everyFailurePathGivesOneEntryPerEndpoint()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("p")), ep(QStringLiteral("s"), Tier::Secondary)},
                       FailoverConfig());
        const QStringList paths = {QStringLiteral("HTTP 500"),
                                   QStringLiteral("no response within 100 ms"),
                                   QStringLiteral("connect failed: Connection refused")};
        for (int retry = 0; retry < 13; ++retry) {
            for (const QString &id : {QStringLiteral("p"), QStringLiteral("s")})
                r.record(id, OutcomeClass::Node, paths[retry % 3], 3);
        }
        QCOMPARE(r.queue().size(), 2);
        QCOMPARE(r.queue().stats().totalFailed, 2);
        QCOMPARE(r.queue().entry(QStringLiteral("p"))->reason,
                 paths[2]); // the third failure isolated it
        QCOMPARE(r.queue().entry(QStringLiteral("p"))->lastError, paths[12 % 3]);
    }

    void isolateAfterConsecutiveNodeFailures()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        FailoverConfig f;
        f.isolateAfter = 3;
        r.setEndpoints({ep(QStringLiteral("a"))}, f);
        r.record(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("HTTP 500"), 1);
        r.record(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("HTTP 500"), 1);
        QCOMPARE(statusName(r.snapshot().endpoints[0].status), QStringLiteral("degraded"));
        r.record(QStringLiteral("a"), OutcomeClass::Success, QString(), 1); // resets the run
        r.record(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("HTTP 500"), 1);
        r.record(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("HTTP 500"), 1);
        QVERIFY(!r.isQueued(QStringLiteral("a")));
        r.record(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("HTTP 500"), 1);
        QVERIFY(r.isQueued(QStringLiteral("a")));
        // request-class and unsupported outcomes never count against it
        r.recordProbe(QStringLiteral("a"), true, QStringLiteral("ok"), 1);
        for (int i = 0; i < 10; ++i) {
            r.record(QStringLiteral("a"), OutcomeClass::Request, QStringLiteral("HTTP 400"), 1);
            r.record(QStringLiteral("a"), OutcomeClass::Unsupported, QStringLiteral("HTTP 404"), 1,
                     "/v1/messages/count_tokens");
        }
        QVERIFY(!r.isQueued(QStringLiteral("a")));
        QCOMPARE(r.snapshot().endpoints[0].failedRequests, 5);
    }

    // Seed bug: a queued endpoint crept back through a circuit-breaker timeout.
    void queuedEndpointIsNeverSelected()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("b"), Tier::Secondary)},
                       FailoverConfig());
        r.record(QStringLiteral("a"), OutcomeClass::Credential, QStringLiteral("HTTP 401"), 1);
        for (qint64 step : {0LL, 1000LL, 60000LL, 3600000LL, 86400000LL, 30LL * 86400000LL}) {
            clock.advance(step);
            for (int i = 0; i < 200; ++i)
                QCOMPARE(pick(r), QStringLiteral("b"));
        }
        // even when nothing else is left
        r.record(QStringLiteral("b"), OutcomeClass::Credential, QStringLiteral("HTTP 403"), 1);
        clock.advance(3600000);
        QCOMPARE(pick(r), QString());
        QVERIFY(r.allIsolated());
    }

    // Seed bug: a 401 seen by one request was not visible to requests selecting right after.
    void recorded401IsSkippedByTheVeryNextSelection()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("b")), ep(QStringLiteral("c"))},
                       FailoverConfig());
        const QString first = pick(r);
        QVERIFY(!first.isEmpty());
        r.record(first, OutcomeClass::Credential, QStringLiteral("HTTP 401: invalid x-api-key"), 1);
        for (int i = 0; i < 100; ++i) {
            const QString next = pick(r);
            QVERIFY(!next.isEmpty());
            QVERIFY(next != first);
        }
    }

    void selectionOrder()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("p1"), Tier::Primary, 300),
                        ep(QStringLiteral("p2"), Tier::Primary, 100),
                        ep(QStringLiteral("s1"), Tier::Secondary)},
                       FailoverConfig());
        QHash<QString, int> counts;
        for (int i = 0; i < 400; ++i)
            ++counts[pick(r)];
        QCOMPARE(counts.value(QStringLiteral("p1")), 300); // weighted 3:1, secondaries unused
        QCOMPARE(counts.value(QStringLiteral("p2")), 100);
        QCOMPARE(counts.value(QStringLiteral("s1")), 0);
        QCOMPARE(pick(r, "/v1/messages", {QStringLiteral("p1"), QStringLiteral("p2")}),
                 QStringLiteral("s1"));

        // 429: cooling endpoints are skipped while anything else is usable ...
        r.record(QStringLiteral("p1"), OutcomeClass::RateLimit, QStringLiteral("HTTP 429"), 1,
                 "/v1/messages", 10000);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(pick(r), QStringLiteral("p2"));
        QCOMPARE(statusName(r.snapshot().endpoints[0].status), QStringLiteral("cooling"));
        // ... the secondary serves once no primary is usable ...
        r.record(QStringLiteral("p2"), OutcomeClass::RateLimit, QStringLiteral("HTTP 429"), 1,
                 "/v1/messages", 20000);
        QCOMPARE(pick(r), QStringLiteral("s1"));
        // ... and a cooling endpoint is tried only when nothing else is left, earliest first.
        const auto p = r.select({"/v1/messages", {}, {QStringLiteral("s1")}});
        QVERIFY(p && p->cooling);
        QCOMPARE(p->endpoint->effectiveId, QStringLiteral("p1"));
        QCOMPARE(r.msUntilUsable(), 10000);
        clock.advance(10001);
        QCOMPARE(pick(r), QStringLiteral("p1"));
        QVERIFY(!r.isQueued(QStringLiteral("p1"))); // 429 is never isolation
    }

    void disabledAndUnsupportedAreSkipped()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        EndpointConfig off = ep(QStringLiteral("off"));
        off.enabled = false;
        r.setEndpoints({off, ep(QStringLiteral("a")), ep(QStringLiteral("b"))}, FailoverConfig());
        for (int i = 0; i < 50; ++i)
            QVERIFY(pick(r) != QStringLiteral("off"));
        r.record(QStringLiteral("a"), OutcomeClass::Unsupported, QStringLiteral("HTTP 404"), 1,
                 "/v1/messages/count_tokens");
        for (int i = 0; i < 20; ++i)
            QCOMPARE(pick(r, "/v1/messages/count_tokens"), QStringLiteral("b"));
        QVERIFY(pick(r) == QStringLiteral("a") ||
                pick(r) == QStringLiteral("a")); // still serves messages
        clock.advance(10 * 60 * 1000 + 1);
        QSet<QString> seen;
        for (int i = 0; i < 4; ++i)
            seen.insert(pick(r, "/v1/messages/count_tokens"));
        QVERIFY(seen.contains(QStringLiteral("a")));
        QCOMPARE(statusName(r.snapshot().endpoints[0].status), QStringLiteral("disabled"));
    }

    // An endpoint whose key cannot be had is kept, shown as no_key with the reason, and never
    // picked: not as a primary, not by session affinity, not as the last cooling resort.
    void keylessEndpointIsNeverPicked()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        EndpointConfig keyless = ep(QStringLiteral("keyless"));
        keyless.key.clear();
        keyless.apiKeyEnv = QStringLiteral("X");
        keyless.keyProblem = UiText(QStringLiteral("environment variable X is not set"));
        r.setEndpoints({keyless, ep(QStringLiteral("b"), Tier::Secondary)}, FailoverConfig());
        for (int i = 0; i < 20; ++i)
            QCOMPARE(r.select({"/v1/messages", "session-1", {}})->endpoint->effectiveId,
                     QStringLiteral("b"));
        const RegistrySnapshot snap = r.snapshot();
        QCOMPARE(statusName(snap.endpoints[0].status), QStringLiteral("no_key"));
        QCOMPARE(snap.endpoints[0].keyProblem.english(),
                 QStringLiteral("environment variable X is not set"));
        QVERIFY(snap.endpoints[1].keyProblem.isEmpty());
        QCOMPARE(snap.usableCount, 1);
        // b rate-limited: a cooling endpoint is the last resort, the keyless one never is
        r.record(QStringLiteral("b"), OutcomeClass::RateLimit, QStringLiteral("HTTP 429"), 1, {},
                 60000);
        const auto last = r.select({"/v1/messages", QByteArray(), {}});
        QVERIFY(last && last->cooling);
        QCOMPARE(last->endpoint->effectiveId, QStringLiteral("b"));
        QVERIFY(!r.select({"/v1/messages", QByteArray(), {QStringLiteral("b")}}));
        // every endpoint with a key isolated: that is "all isolated", keyless ones aside
        r.isolate(QStringLiteral("b"), OutcomeClass::Credential, QStringLiteral("HTTP 401"));
        QVERIFY(r.allIsolated());
        QCOMPARE(r.usableCount(), 0);
    }

    // The user's pick serves every request while it is usable, whatever its tier and before
    // session affinity; while it is not, selection goes on as usual and says why. It is kept
    // in its own file across restarts.
    void pickServesFirstAndSurvivesRestart()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pick.json"));
        ManualClock clock;
        const QList<EndpointConfig> eps = {ep(QStringLiteral("a")),
                                           ep(QStringLiteral("s"), Tier::Secondary)};
        {
            EndpointRegistry r(&clock);
            r.setEndpoints(eps, FailoverConfig());
            r.setPickPath(path);
            QVERIFY(r.picked().isEmpty());
            QCOMPARE(r.select({"/v1/messages", "session-1", {}})->endpoint->effectiveId,
                     QStringLiteral("a")); // the session sits on a
            r.setPicked(QStringLiteral("s"));
            for (int i = 0; i < 10; ++i)
                QCOMPARE(r.select({"/v1/messages", "session-1", {}})->endpoint->effectiveId,
                         QStringLiteral("s"));
            QVERIFY(r.snapshot().pickIgnored.isEmpty());
            QCOMPARE(r.snapshot().pickedId, QStringLiteral("s"));
            // tried and failed for this request: the others, as usual
            QCOMPARE(pick(r, "/v1/messages", {QStringLiteral("s")}), QStringLiteral("a"));
            // unusable: not honoured, and why
            r.isolate(QStringLiteral("s"), OutcomeClass::Node, QStringLiteral("HTTP 500"));
            QCOMPARE(pick(r), QStringLiteral("a"));
            QCOMPARE(r.snapshot().pickIgnored.english(), QStringLiteral("it is isolated"));
            r.restore(QStringLiteral("s"));
            QCOMPARE(pick(r), QStringLiteral("s"));
        }
        {
            EndpointRegistry r(&clock); // a restart
            r.setEndpoints(eps, FailoverConfig());
            r.setPickPath(path);
            QCOMPARE(r.picked(), QStringLiteral("s"));
            QCOMPARE(pick(r), QStringLiteral("s"));
            r.setEndpoints({eps[0]}, FailoverConfig()); // s left the active cluster
            QCOMPARE(pick(r), QStringLiteral("a"));
            QCOMPARE(r.snapshot().pickIgnored.english(),
                     QStringLiteral("it is not in the active cluster"));
            r.setPicked(QString()); // automatic
        }
        {
            EndpointRegistry r(&clock);
            r.setEndpoints(eps, FailoverConfig());
            r.setPickPath(path);
            QVERIFY(r.picked().isEmpty());
        }
        QFile corrupt(path);
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write("{\"picked\":");
        corrupt.close();
        EndpointRegistry r(&clock);
        r.setEndpoints(eps, FailoverConfig());
        r.setPickPath(path);
        QVERIFY(r.picked().isEmpty()); // unreadable: automatic
        QCOMPARE(pick(r), QStringLiteral("a"));
    }

    // Who serves now is the registry's word (the tray and the main window only show it): the
    // pick while it can, else the one that answered last while it can (a secondary only while
    // no primary can), else the first that can, primaries first.
    void servingIsTheRegistrysWord()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("b")),
                        ep(QStringLiteral("s"), Tier::Secondary)},
                       FailoverConfig());
        auto serving = [&r] { return r.snapshot().servingId; };
        QCOMPARE(serving(), QStringLiteral("a")); // nothing answered yet: the first primary
        r.record(QStringLiteral("b"), OutcomeClass::Success, UiText(), 10);
        QCOMPARE(serving(), QStringLiteral("b")); // the last one that answered
        r.isolate(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("x"));
        r.isolate(QStringLiteral("b"), OutcomeClass::Node, QStringLiteral("x"));
        QCOMPARE(serving(), QStringLiteral("s"));
        r.record(QStringLiteral("s"), OutcomeClass::Success, UiText(), 10);
        r.restore(QStringLiteral("a"));
        QCOMPARE(serving(), QStringLiteral("a")); // a primary is back: never the secondary
        r.record(QStringLiteral("a"), OutcomeClass::RateLimit, UiText(), 10, "/v1/messages", 5000);
        QCOMPARE(serving(), QStringLiteral("s")); // a cooling primary cannot serve now
        clock.advance(6000);
        QCOMPARE(serving(), QStringLiteral("a"));
        r.setPicked(QStringLiteral("s"));
        QCOMPARE(serving(), QStringLiteral("s")); // the pick, whatever its tier
        r.isolate(QStringLiteral("s"), OutcomeClass::Node, QStringLiteral("x"));
        QCOMPARE(serving(), QStringLiteral("a")); // not while it cannot
        r.isolate(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("x"));
        QCOMPARE(serving(), QString());
        // and the pick is said not to serve, from the same status
        QCOMPARE(r.snapshot().pickIgnored.english(), QStringLiteral("it is isolated"));
    }

    void sessionAffinity()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("b"))}, FailoverConfig());
        const auto first = r.select({"/v1/messages", "session-1", {}});
        QVERIFY(first);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(r.select({"/v1/messages", "session-1", {}})->endpoint->effectiveId,
                     first->endpoint->effectiveId);
        r.record(first->endpoint->effectiveId, OutcomeClass::Credential, QStringLiteral("HTTP 401"),
                 1);
        const auto moved = r.select({"/v1/messages", "session-1", {}});
        QVERIFY(moved && moved->endpoint->effectiveId != first->endpoint->effectiveId);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(r.select({"/v1/messages", "session-1", {}})->endpoint->effectiveId,
                     moved->endpoint->effectiveId);
    }

    void persistenceRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state/failure_queue.json"));
        ManualClock clock;
        {
            EndpointRegistry r(&clock);
            r.setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("中文节点"))},
                           FailoverConfig());
            QCOMPARE(r.setStatePath(path), QString());
            r.record(QStringLiteral("中文节点"), OutcomeClass::Credential,
                     QStringLiteral("密钥无效 (401)"), 1);
            r.recordProbe(QStringLiteral("中文节点"), false, QStringLiteral("HTTP 401: 认证失败"),
                          9);
        }
        QCOMPARE(qcc::test::fileMode(path), 0600);
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("中文节点"))}, FailoverConfig());
        QCOMPARE(r.setStatePath(path), QString());
        QVERIFY(r.isQueued(QStringLiteral("中文节点")));
        const FailureEntry *e = r.queue().entry(QStringLiteral("中文节点"));
        QCOMPARE(e->reason, QStringLiteral("密钥无效 (401)"));
        QCOMPARE(e->lastError, QStringLiteral("HTTP 401: 认证失败"));
        QCOMPARE(e->verifyAttempts, 1);
        QCOMPARE(e->since, clock.wallNow());
        QCOMPARE(r.queue().stats().totalFailed, 1);
        QCOMPARE(r.queue().stats().totalStillFailed, 1);
        for (int i = 0; i < 20; ++i)
            QCOMPARE(pick(r), QStringLiteral("a"));
    }

    void corruptStateIsBackedUpAndEngineStartsClean()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("failure_queue.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\":1,\"entries\":[{\"id\":");
        f.close();
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a"))}, FailoverConfig());
        const QString message = r.setStatePath(path);
        QVERIFY(message.contains(QStringLiteral("unreadable")));
        QCOMPARE(r.queue().size(), 0);
        const QStringList backups =
            QDir(dir.path()).entryList({QStringLiteral("failure_queue.json.corrupt-*")});
        QCOMPARE(backups.size(), 1);
        QCOMPARE(pick(r), QStringLiteral("a"));
        // and the next change writes a fresh, valid file
        r.record(QStringLiteral("a"), OutcomeClass::Credential, QStringLiteral("HTTP 401"), 1);
        EndpointRegistry again(&clock);
        again.setEndpoints({ep(QStringLiteral("a"))}, FailoverConfig());
        QCOMPARE(again.setStatePath(path), QString());
        QVERIFY(again.isQueued(QStringLiteral("a")));
    }

    void clusterSwitchKeepsIsolation()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a1")), ep(QStringLiteral("a2"))}, FailoverConfig(),
                       {QStringLiteral("b1")});
        r.record(QStringLiteral("a1"), OutcomeClass::Credential, QStringLiteral("HTTP 401"), 1);
        // switch to cluster B and back: a1 is still isolated, with no verification in between
        r.setEndpoints({ep(QStringLiteral("b1"))}, FailoverConfig(),
                       {QStringLiteral("a1"), QStringLiteral("a2")});
        QVERIFY(r.isQueued(QStringLiteral("a1")));
        QCOMPARE(pick(r), QStringLiteral("b1"));
        r.setEndpoints({ep(QStringLiteral("a1")), ep(QStringLiteral("a2"))}, FailoverConfig(),
                       {QStringLiteral("b1")});
        QVERIFY(r.isQueued(QStringLiteral("a1")));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(pick(r), QStringLiteral("a2"));
        QCOMPARE(r.queue().stats().totalFailed, 1);
    }

    void removedEndpointLeavesQueue()
    {
        ManualClock clock;
        EndpointRegistry r(&clock);
        r.setEndpoints({ep(QStringLiteral("a")), ep(QStringLiteral("b"))}, FailoverConfig());
        r.record(QStringLiteral("a"), OutcomeClass::Credential, QStringLiteral("HTTP 401"), 1);
        r.setEndpoints({ep(QStringLiteral("b"))}, FailoverConfig());
        QCOMPARE(r.queue().size(), 0);
        QCOMPARE(r.snapshot().endpoints.size(), 1);
        // an outcome arriving for the removed endpoint is ignored, not a crash
        r.record(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("late"), 1);
        // disabling an isolated endpoint takes it out of the queue (nothing to verify) ...
        r.record(QStringLiteral("b"), OutcomeClass::Credential, QStringLiteral("HTTP 401"), 1);
        QVERIFY(r.isQueued(QStringLiteral("b")));
        EndpointConfig off = ep(QStringLiteral("b"));
        off.enabled = false;
        r.setEndpoints({off}, FailoverConfig());
        QVERIFY(!r.isQueued(QStringLiteral("b")));
        QCOMPARE(statusName(r.snapshot().endpoints[0].status), QStringLiteral("disabled"));
        QCOMPARE(pick(r), QString());
        // ... and enabling it again is the user's choice: it is back in rotation
        r.setEndpoints({ep(QStringLiteral("b"))}, FailoverConfig());
        QCOMPARE(pick(r), QStringLiteral("b"));
    }
};

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
