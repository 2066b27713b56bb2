#include "health/endpointregistry.h"
#include "support/fakeupstream.h"
#include "support/manualclock.h"
#include "upstream/upstreampool.h"
#include "verify/verifier.h"

#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {
EndpointConfig endpointFor(const FakeUpstream &fake, const QString &id, Tier tier = Tier::Primary)
{
    EndpointConfig e;
    e.id = e.effectiveId = id;
    e.name = id;
    e.baseUrl = fake.baseUrl();
    e.key = QStringLiteral("sk-test-verifier-key-0001");
    e.tier = tier;
    return e;
}
} // namespace

class TestVerifier : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probeVerdicts_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("passes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("echoes the code") << 0 << true << QStringLiteral("ok");
        QTest::newRow("wrong code")
            << 1 << false << QStringLiteral("reply did not contain the code");
        QTest::newRow("200 with error json")
            << 2 << false << QStringLiteral("HTTP 200 with an error body: overloaded_error");
        QTest::newRow("html 200") << 3 << false << QStringLiteral("HTTP 200 with an HTML page");
        QTest::newRow("401") << 4 << false
                             << QStringLiteral("HTTP 401: authentication_error: invalid x-api-key");
        QTest::newRow("timeout") << 5 << false << QStringLiteral("timeout after 300 ms");
        QTest::newRow("empty 200") << 6 << false << QStringLiteral("HTTP 200 with an empty body");
        QTest::newRow("lower-case echo") << 7 << true << QStringLiteral("ok");
        QTest::newRow("connection refused") << 8 << false << QStringLiteral("connect failed");
        // A relay that quotes the key it got: the verdict (logs, stats, the window) masks it.
        QTest::newRow("401 echoing the key")
            << 9 << false
            << QStringLiteral(
                   "HTTP 401: authentication_error: invalid key *************************");
    }

    void probeVerdicts()
    {
        QFETCH(int, kind);
        QFETCH(bool, passes);
        QFETCH(QString, reason);
        FakeUpstream fake;
        switch (kind) {
        case 1:
            fake.setReply(FakeReply::message(QStringLiteral("Sure! ZZZZZZ")));
            break;
        case 2:
            fake.setReply(FakeReply::error(200, "overloaded_error", "Overloaded"));
            break;
        case 3:
            fake.setReply(FakeReply::html());
            break;
        case 4:
            fake.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
            break;
        case 5: {
            FakeReply r;
            r.action = FakeReply::Action::Hang;
            fake.setReply(r);
            break;
        }
        case 6:
            fake.setReply(FakeReply::json(200, ""));
            break;
        case 7:
            fake.setHandler([](const HttpRequest &req) {
                FakeReply r = echoReply(req);
                r.body = r.body.toLower();
                return r;
            });
            break;
        case 9:
            fake.setReply(FakeReply::error(401, "authentication_error",
                                           "invalid key sk-test-verifier-key-0001"));
            break;
        default:
            break;
        }
        ManualClock clock;
        EndpointRegistry registry(&clock);
        EndpointConfig ep = endpointFor(fake, QStringLiteral("a"));
        if (kind == 8) {
            QTcpServer closed;
            closed.listen(QHostAddress::LocalHost, 0);
            ep.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
            closed.close();
        }
        registry.setEndpoints({ep}, FailoverConfig());
        registry.isolate(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("HTTP 500"));
        const auto net = NetBackend::create();
        UpstreamPool pool(net.get());
        Verifier verifier(&registry, &pool, &clock);
        VerifyConfig vc;
        vc.timeoutMs = 300;
        verifier.configure(vc, FailoverConfig());
        QSignalSpy done(&verifier, &Verifier::probeFinished);
        verifier.verifyNow(QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 5000);
        QCOMPARE(done[0][1].toBool(), passes);
        QVERIFY2(done[0][2].toString().startsWith(reason), qPrintable(done[0][2].toString()));
        QCOMPARE(registry.isQueued(QStringLiteral("a")), !passes);
        QCOMPARE(registry.queue().stats().totalVerified, 1);
        QCOMPARE(registry.queue().stats().totalRecovered, passes ? 1 : 0);
        QCOMPARE(registry.queue().verifyCounts().value(QStringLiteral("a")), 1);
        if (kind != 8) {
            // what the fake received is a real probe: non-streaming, small, with the key as
            // x-api-key
            QCOMPARE(fake.requestCount(), 1);
            const HttpRequest &req = fake.requests().first();
            QCOMPARE(req.path, QByteArray("/v1/messages"));
            QCOMPARE(req.header("x-api-key"), QByteArray("sk-test-verifier-key-0001"));
            QVERIFY(req.body.contains("\"max_tokens\":16"));
            QVERIFY(!req.body.contains("\"stream\""));
        }
        if (!passes) {
            QCOMPARE(registry.queue().entry(QStringLiteral("a"))->lastProbeResult,
                     done[0][2].toString());
            QCOMPARE(registry.queue().entry(QStringLiteral("a"))->verifyAttempts, 1);
        }
    }

    void modelsMethod()
    {
        FakeUpstream fake;
        ManualClock clock;
        EndpointRegistry registry(&clock);
        registry.setEndpoints({endpointFor(fake, QStringLiteral("a"))}, FailoverConfig());
        registry.isolate(QStringLiteral("a"), OutcomeClass::Node, QStringLiteral("x"));
        const auto net = NetBackend::create();
        UpstreamPool pool(net.get());
        Verifier verifier(&registry, &pool, &clock);
        VerifyConfig vc;
        vc.method = QStringLiteral("models");
        verifier.configure(vc, FailoverConfig());
        QSignalSpy done(&verifier, &Verifier::probeFinished);
        verifier.verifyNow();
        QTRY_COMPARE(done.count(), 1);
        QVERIFY(done[0][1].toBool());
        QCOMPARE(fake.requests().first().method, QByteArray("GET"));
        QCOMPARE(fake.requests().first().path, QByteArray("/v1/models"));
    }

    // A relay that does not serve the global probe model is checked with its own.
    void anEndpointsOwnVerifyModelIsAskedFor()
    {
        FakeUpstream fake; // echoes the code whatever the model
        ManualClock clock;
        EndpointRegistry registry(&clock);
        EndpointConfig own = endpointFor(fake, QStringLiteral("own"));
        own.verifyModel = QStringLiteral("中转-haiku-4-5");
        // One that names the global model otherwise is checked with its own name for it.
        EndpointConfig renamed = endpointFor(fake, QStringLiteral("renamed"));
        renamed.modelMap.insert(QStringLiteral("claude-haiku-4-5"), QStringLiteral("relay-haiku"));
        renamed.modelMap.insert(QStringLiteral("claude-sonnet-4-5"),
                                QStringLiteral("relay-sonnet"));
        registry.setEndpoints({own, endpointFor(fake, QStringLiteral("global")), renamed},
                              FailoverConfig());
        for (const char *id : {"own", "global", "renamed"})
            registry.isolate(QString::fromLatin1(id), OutcomeClass::Node, QStringLiteral("x"));
        const auto net = NetBackend::create();
        UpstreamPool pool(net.get());
        Verifier verifier(&registry, &pool, &clock);
        VerifyConfig vc;
        vc.model = QStringLiteral("claude-haiku-4-5");
        verifier.configure(vc, FailoverConfig());
        QSignalSpy done(&verifier, &Verifier::probeFinished);
        verifier.verifyNow();
        QTRY_COMPARE(done.count(), 3);
        QStringList models;
        for (const HttpRequest &r : fake.requests())
            models.append(
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("model")).toString());
        models.sort();
        QCOMPARE(models,
                 (QStringList{QStringLiteral("claude-haiku-4-5"), QStringLiteral("relay-haiku"),
                              QStringLiteral("中转-haiku-4-5")}));
        QVERIFY(!registry.isQueued(QStringLiteral("own")));
    }

    void timerDrivenRecoveryBringsPrimaryBack()
    {
        FakeUpstream primary, secondary;
        primary.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        ManualClock clock;
        EndpointRegistry registry(&clock);
        registry.setEndpoints({endpointFor(primary, QStringLiteral("p")),
                               endpointFor(secondary, QStringLiteral("s"), Tier::Secondary)},
                              FailoverConfig());
        registry.record(QStringLiteral("p"), OutcomeClass::Credential, QStringLiteral("HTTP 401"),
                        1);
        QCOMPARE(registry.select({"/v1/messages", {}, {}})->endpoint->effectiveId,
                 QStringLiteral("s"));
        const auto net = NetBackend::create();
        UpstreamPool pool(net.get());
        Verifier verifier(&registry, &pool, &clock);
        VerifyConfig vc;
        vc.intervalMs = 50; // the 60-second logic, in milliseconds
        vc.timeoutMs = 2000;
        verifier.configure(vc, FailoverConfig());
        QSignalSpy probes(&verifier, &Verifier::probeFinished);
        verifier.start();
        QTRY_VERIFY(probes.count() >= 2); // still failing, round after round
        QVERIFY(registry.isQueued(QStringLiteral("p")));
        QVERIFY(registry.snapshot().nextVerifyInMs >= 0);
        primary.setWorking();
        QTRY_VERIFY(!registry.isQueued(QStringLiteral("p")));
        QCOMPARE(registry.select({"/v1/messages", {}, {}})->endpoint->effectiveId,
                 QStringLiteral("p"));
        const auto stats = registry.queue().stats();
        QCOMPARE(stats.totalRecovered, 1);
        QCOMPARE(stats.totalVerified, stats.totalRecovered + stats.totalStillFailed);
        QCOMPARE(secondary.requestCount(), 0); // only queued endpoints are probed
        const int after = primary.requestCount();
        QTest::qWait(200);
        QCOMPARE(primary.requestCount(), after); // a restored endpoint is no longer probed
        QCOMPARE(statusName(registry.snapshot().endpoints[0].status), QStringLiteral("healthy"));
    }

    // An isolated endpoint that has lost its key (a reload where its variable is unset) is
    // not probed keyless, which would prove nothing; it waits, queued, until its key is back.
    void aQueuedEndpointWithoutItsKeyIsNotProbed()
    {
        FakeUpstream fake;
        fake.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        ManualClock clock;
        EndpointRegistry registry(&clock);
        EndpointConfig withKey = endpointFor(fake, QStringLiteral("a"));
        registry.setEndpoints({withKey}, FailoverConfig());
        registry.record(QStringLiteral("a"), OutcomeClass::Credential, QStringLiteral("HTTP 401"),
                        1);
        QVERIFY(registry.isQueued(QStringLiteral("a")));
        EndpointConfig keyless = withKey;
        keyless.key.clear();
        keyless.apiKeyEnv = QStringLiteral("QCC_TEST_UNSET_KEY");
        keyless.keyProblem =
            UiText(QStringLiteral("environment variable QCC_TEST_UNSET_KEY is not set"));
        registry.setEndpoints({keyless}, FailoverConfig());
        QCOMPARE(statusName(registry.snapshot().endpoints[0].status), QStringLiteral("no_key"));
        const auto net = NetBackend::create();
        UpstreamPool pool(net.get());
        Verifier verifier(&registry, &pool, &clock);
        VerifyConfig vc;
        vc.intervalMs = 50;
        vc.timeoutMs = 2000;
        verifier.configure(vc, FailoverConfig());
        verifier.start();
        QTest::qWait(300); // several rounds
        QCOMPARE(fake.requestCount(), 0);
        QVERIFY(registry.isQueued(QStringLiteral("a")));
        // the key is back: the next round probes it, and it recovers
        fake.setWorking();
        registry.setEndpoints({withKey}, FailoverConfig());
        QTRY_VERIFY(!registry.isQueued(QStringLiteral("a")));
        QVERIFY(fake.requestCount() >= 1);
    }

    void allIsolatedStartsRoundAtOnce()
    {
        FakeUpstream fake;
        fake.setReply(FakeReply::error(500, "api_error", "boom"));
        SystemClock clock;
        EndpointRegistry registry(&clock);
        registry.setEndpoints({endpointFor(fake, QStringLiteral("a"))}, FailoverConfig());
        const auto net = NetBackend::create();
        UpstreamPool pool(net.get());
        Verifier verifier(&registry, &pool, &clock);
        VerifyConfig vc;
        vc.intervalMs = 3600000; // the regular round is an hour away
        verifier.configure(vc, FailoverConfig());
        verifier.setUrgentIntervalMs(150);
        verifier.start();
        QTest::qWait(200);
        QCOMPARE(fake.requestCount(), 0);
        QElapsedTimer t;
        t.start();
        registry.record(QStringLiteral("a"), OutcomeClass::Credential, QStringLiteral("HTTP 401"),
                        1);
        QTRY_COMPARE_WITH_TIMEOUT(fake.requestCount(), 1, 2000);
        // repeats while all stay isolated, but never more often than the urgent interval
        QTRY_VERIFY_WITH_TIMEOUT(fake.requestCount() >= 3, 5000);
        QVERIFY2(fake.requestCount() <= t.elapsed() / 150 + 1,
                 qPrintable(QString::number(fake.requestCount())));
        // once something is usable again, the hour-long interval applies
        fake.setWorking();
        QTRY_VERIFY(!registry.isQueued(QStringLiteral("a")));
        const int n = fake.requestCount();
        QTest::qWait(400);
        QCOMPARE(fake.requestCount(), n);
    }
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
