// Fault injection through the real proxy: every toxic of the fake upstream, streaming and not,
// before and after the commit point, with and without a healthy endpoint behind the broken one,
// must end in exactly one defined client outcome within the configured timeouts, and leave the
// accounting balanced (every request has an outcome).
#include "proxyrig.h"

#include "http/sse.h"
#include "support/testmain.h"
#include "support/testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {

using Kind = FakeReply::Toxic::Kind;

enum class Fault {
    LatencyShort, //!< 100 ms, well inside every timeout: harmless
    LatencyLong,  //!< 900 ms, beyond the first-byte and idle timeouts
    Stall,
    Reset,
    Close,
    SlicedReset, //!< 1-byte slices, then a reset
    Slices,      //!< the whole response in 1-byte slices: harmless
    SlowClose,   //!< everything, then 1 s before the FIN: harmless
    TlsPlainHttp,
    TlsClose,
    TlsStall,
    Dns,
};

//! Where the fault strikes: at the first byte of the response, in the body before the commit
//! point, after it; Whole and Connect faults have no cut point.
enum class Phase { Start, Before, After, Whole, Connect };

enum class Outcome {
    Served,      //!< a complete, well-formed answer (from whichever endpoint)
    ProxyError,  //!< QCC's own 502/503 Anthropic-shaped JSON error with x-should-retry
    StreamError, //!< the stream ends properly with one `event: error`, never replayed
    Closed,      //!< the connection is closed without a complete response
};

constexpr int kTimeoutMs = 500; // connect, first byte and idle timeouts of the rig
constexpr int kBoundMs = 3000;  // the longest any row may take for its client outcome

const char *faultName(Fault f)
{
    switch (f) {
    case Fault::LatencyShort:
        return "latency 100ms";
    case Fault::LatencyLong:
        return "latency 900ms";
    case Fault::Stall:
        return "stall";
    case Fault::Reset:
        return "reset";
    case Fault::Close:
        return "close";
    case Fault::SlicedReset:
        return "1-byte slices then reset";
    case Fault::Slices:
        return "1-byte slices";
    case Fault::SlowClose:
        return "slow close";
    case Fault::TlsPlainHttp:
        return "tls to plain http";
    case Fault::TlsClose:
        return "tls closed in handshake";
    case Fault::TlsStall:
        return "tls stalled handshake";
    case Fault::Dns:
        return "dns failure";
    }
    return "?";
}

const char *phaseName(Phase p)
{
    switch (p) {
    case Phase::Start:
        return "at first byte";
    case Phase::Before:
        return "before commit";
    case Phase::After:
        return "after commit";
    case Phase::Whole:
        return "whole response";
    case Phase::Connect:
        return "connect";
    }
    return "?";
}

//! The commit point (docs/QCCD.md, "Commit point"): failover happens only before it.
Outcome expected(Fault f, Phase p, bool stream, bool healthy)
{
    if (f == Fault::LatencyShort || f == Fault::Slices || f == Fault::SlowClose)
        return Outcome::Served;
    if (p == Phase::After)
        return stream ? Outcome::StreamError : Outcome::Closed;
    return healthy ? Outcome::Served : Outcome::ProxyError;
}

/*! The cut marker for a phase. A stream commits at content_block_start, the first event that is
 *  none of message_start/ping/error; a non-streaming /v1/messages reply is held until complete,
 *  so any cut in its body is before the commit; after the commit for a non-streaming answer is
 *  tested on /v1/models, which is relayed from its head. Each marker cuts inside an event or a
 *  JSON body, not at a boundary. */
QByteArray markerFor(Phase p, bool stream)
{
    switch (p) {
    case Phase::Start:
    case Phase::Whole:
    case Phase::Connect:
        return {};
    case Phase::Before:
        return stream ? "event: content_block_start" : R"("content":)";
    case Phase::After:
        return stream ? "event: content_block_stop" : R"("has_more")";
    }
    return {};
}

FakeReply::Toxic toxicFor(Fault f, Phase p, bool stream)
{
    FakeReply::Toxic t;
    t.at = markerFor(p, stream);
    switch (f) {
    case Fault::LatencyShort:
        t.kind = Kind::Latency;
        t.ms = 100;
        break;
    case Fault::LatencyLong:
        t.kind = Kind::Latency;
        t.ms = 900;
        break;
    case Fault::Stall:
        t.kind = Kind::Stall;
        break;
    case Fault::Reset:
        t.kind = Kind::Reset;
        break;
    case Fault::Close:
        t.kind = Kind::Close;
        break;
    case Fault::SlicedReset:
        t.kind = Kind::Reset;
        t.slices = true;
        break;
    case Fault::Slices:
        t.slices = true;
        break;
    case Fault::SlowClose:
        t.kind = Kind::SlowClose;
        t.ms = 1000;
        break;
    default:
        break;
    }
    return t;
}

QJsonObject statsOf(ProxyRig &rig)
{
    const ClientResponse r = httpRequest(rig.port(), "GET", "/__qcc__/stats", {}, {}, 3000);
    return QJsonDocument::fromJson(r.body).object();
}

qint64 num(const QJsonObject &o, const char *key)
{
    return qint64(o.value(QLatin1String(key)).toDouble(-1));
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installTestLogHandler(QStringLiteral("tst_faults")); }

    void matrix_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("phase");
        QTest::addColumn<bool>("stream");
        QTest::addColumn<bool>("closeDelimited"); // a stream ended by closing, not framed
        QTest::addColumn<bool>("healthy");        // a healthy secondary behind the faulty primary
        QTest::addColumn<int>("outcome");
        QTest::addColumn<bool>("healthyContacted");
        const QList<std::pair<Fault, QList<Phase>>> faults = {
            {Fault::LatencyShort, {Phase::Start, Phase::Before, Phase::After}},
            {Fault::LatencyLong, {Phase::Start, Phase::Before, Phase::After}},
            {Fault::Stall, {Phase::Start, Phase::Before, Phase::After}},
            {Fault::Reset, {Phase::Start, Phase::Before, Phase::After}},
            {Fault::Close, {Phase::Start, Phase::Before, Phase::After}},
            {Fault::SlicedReset, {Phase::Before, Phase::After}},
            {Fault::Slices, {Phase::Whole}},
            {Fault::SlowClose, {Phase::Whole}},
            {Fault::TlsPlainHttp, {Phase::Connect}},
            {Fault::TlsClose, {Phase::Connect}},
            {Fault::TlsStall, {Phase::Connect}},
            {Fault::Dns, {Phase::Connect}},
        };
        for (const auto &[fault, phases] : faults) {
            // A close-delimited stream can only end by a close: a cut (reset or orderly
            // close) must not pass for its end. The faults of a live connection cover it.
            const bool byClose = phases.first() != Phase::Connect && fault != Fault::SlowClose &&
                                 fault != Fault::Stall && fault != Fault::LatencyLong;
            for (Phase phase : phases) {
                for (int framing = 0; framing < (byClose ? 3 : 2); ++framing) {
                    const bool stream = framing != 1;
                    const bool closeDelimited = framing == 2;
                    for (bool healthy : {true, false}) {
                        const Outcome o = expected(fault, phase, stream, healthy);
                        const bool contacted = healthy && o == Outcome::Served &&
                                               expected(fault, phase, stream, false) != o;
                        const QByteArray name = QByteArray(faultName(fault)) + " | " +
                                                phaseName(phase) + " | " +
                                                (closeDelimited ? "stream to close"
                                                 : stream       ? "stream"
                                                                : "non-stream") +
                                                " | " + (healthy ? "with healthy" : "alone");
                        QTest::newRow(name.constData())
                            << int(fault) << int(phase) << stream << closeDelimited << healthy
                            << int(o) << contacted;
                    }
                }
            }
        }
    }

    void matrix()
    {
        QFETCH(int, fault);
        QFETCH(int, phase);
        QFETCH(bool, stream);
        QFETCH(bool, closeDelimited);
        QFETCH(bool, healthy);
        QFETCH(int, outcome);
        QFETCH(bool, healthyContacted);
        const Fault f = Fault(fault);
        const Phase p = Phase(phase);
        const Outcome want = Outcome(outcome);

        FakeUpstream faulty, good;
        const FakeReply::Toxic toxic = toxicFor(f, p, stream);
        faulty.setHandler([toxic, closeDelimited](const HttpRequest &req) {
            FakeReply r = echoReply(req);
            r.toxic = toxic;
            r.closeDelimited = closeDelimited;
            return r;
        });
        if (f == Fault::TlsPlainHttp)
            faulty.setOnGarbage(FakeUpstream::OnGarbage::PlainHttp);
        else if (f == Fault::TlsStall)
            faulty.setOnGarbage(FakeUpstream::OnGarbage::Ignore);

        ProxyRig rig;
        rig.config.failover.connectTimeoutMs = kTimeoutMs;
        rig.config.failover.firstByteTimeoutMs = kTimeoutMs;
        rig.config.failover.idleTimeoutMs = kTimeoutMs;
        EndpointConfig &e = rig.add(faulty, QStringLiteral("faulty"));
        if (f == Fault::TlsPlainHttp || f == Fault::TlsClose || f == Fault::TlsStall)
            e.baseUrl = QStringLiteral("https://127.0.0.1:%1").arg(faulty.port());
        else if (f == Fault::Dns) // .invalid never resolves (RFC 6761)
            e.baseUrl = QStringLiteral("http://qcc-fault-test.invalid:%1").arg(faulty.port());
        if (healthy)
            rig.add(good, QStringLiteral("healthy"), Tier::Secondary);
        rig.start();

        // After the commit a non-streaming answer is one relayed from its head: /v1/models.
        const bool models = !stream && p == Phase::After;
        QElapsedTimer clock;
        clock.start();
        HttpClient *c = models ? rig.send(this, "GET", "/v1/models")
                               : rig.post(this, stream ? kStreamBody : kMessageBody);
        QVERIFY2(waitFor(c, kBoundMs), "no client outcome within the bound: a hang");
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(elapsed < kBoundMs, qPrintable(QString::number(elapsed)));
        QTest::qWait(20);                       // anything sent after the outcome would arrive now
        QCOMPARE(c->raw.count("HTTP/1.1 "), 1); // exactly one response

        switch (want) {
        case Outcome::Served:
            QVERIFY(c->complete);
            QCOMPARE(c->status, 200);
            if (stream) {
                QVERIFY2(c->body.startsWith("event: message_start"), c->body.constData());
                QCOMPARE(c->body.count("event: message_start"), 1);
                QVERIFY(c->body.contains("event: message_stop"));
                QVERIFY2(!c->body.contains("event: error"), c->body.constData());
            } else if (models) {
                const QJsonObject o = QJsonDocument::fromJson(c->body).object();
                QCOMPARE(o.value(QStringLiteral("data")).toArray().size(), 1);
            } else {
                const QJsonObject o = QJsonDocument::fromJson(c->body).object();
                QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("message"));
            }
            if (f == Fault::SlowClose) // the framed answer does not wait for the FIN
                QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
            break;
        case Outcome::ProxyError: {
            QVERIFY(c->complete);
            QVERIFY2(c->status == 502 || c->status == 503, qPrintable(QString::number(c->status)));
            QCOMPARE(c->header("x-should-retry"), QByteArray("true"));
            QVERIFY(c->header("content-type").startsWith("application/json"));
            const QJsonObject o = QJsonDocument::fromJson(c->body).object();
            QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
            const QJsonObject err = o.value(QStringLiteral("error")).toObject();
            QCOMPARE(err.value(QStringLiteral("type")).toString(),
                     c->status == 502 ? QStringLiteral("api_error")
                                      : QStringLiteral("overloaded_error"));
            QVERIFY(!err.value(QStringLiteral("message")).toString().isEmpty());
            break;
        }
        case Outcome::StreamError: {
            QVERIFY2(c->complete, "the stream must end properly, not by a cut");
            QCOMPARE(c->status, 200);
            SseSplitter sse;
            const QList<SseEvent> events = sse.feed(c->body);
            QVERIFY2(sse.pending().isEmpty(), c->body.constData()); // whole events only
            QVERIFY(events.size() >= 3);
            QCOMPARE(events.first().event, QByteArray("message_start"));
            QCOMPARE(c->body.count("event: message_start"), 1); // never replayed
            QVERIFY(!c->body.contains("event: message_stop"));
            int errors = 0;
            for (const SseEvent &ev : events)
                errors += ev.event == "error";
            QCOMPARE(errors, 1);
            QCOMPARE(events.last().event, QByteArray("error"));
            const QJsonObject o = QJsonDocument::fromJson(events.last().data).object();
            QCOMPARE(o.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
            QCOMPARE(o.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("type"))
                         .toString(),
                     QStringLiteral("api_error"));
            break;
        }
        case Outcome::Closed:
            QVERIFY(c->closed);
            QVERIFY2(!c->complete, c->raw.constData());
            break;
        }

        // The healthy endpoint was asked exactly when the contract says; the faulty one once
        // (never a replay); the TLS and DNS faults never get as far as an HTTP request.
        QCOMPARE(good.requestCount(), healthyContacted ? 1 : 0);
        const bool reachesHttp = p != Phase::Connect;
        QCOMPARE(faulty.requestCount(), reachesHttp ? 1 : 0);

        // Every request has exactly one outcome: nothing left in flight, nothing lost.
        QTRY_COMPARE_WITH_TIMEOUT(rig.engine.counters().inFlight, qint64(0), kBoundMs);
        const QJsonObject s = statsOf(rig);
        QCOMPARE(num(s, "in_flight"), 0);
        QCOMPARE(num(s, "total_requests"), 1);
        QCOMPARE(num(s, "total_requests"),
                 num(s, "successful_requests") + num(s, "failed_requests"));
        QCOMPARE(num(s, "successful_requests"), want == Outcome::Served ? 1 : 0);
        QCOMPARE(num(s, "failovers"), healthyContacted ? 1 : 0);
    }
};

QCC_TEST_MAIN(TestFaults)
#include "tst_faults.moc"
