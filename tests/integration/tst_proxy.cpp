#include "proxyrig.h"
#include "support/testmain.h"
#include "support/testutil.h"

#include "http/sse.h"
#include "platform/os.h"
#include "verify/verifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {
FakeReply hang()
{
    FakeReply r;
    r.action = FakeReply::Action::Hang;
    return r;
}

QJsonObject statsOf(ProxyRig &rig)
{
    HttpClient c;
    c.send(rig.port(), "GET", "/__qcc__/stats");
    waitFor(&c);
    return QJsonDocument::fromJson(c.body).object();
}
/*! A client that sends one POST to the proxy and then reads nothing: Qt takes at most 64 KiB
 *  off the socket, the rest stays in the kernel. */
void postWithoutReading(QTcpSocket *client, quint16 port, const QByteArray &body,
                        const QByteArray &extraHeaders = {})
{
    client->setReadBufferSize(64 * 1024);
    client->connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(client->waitForConnected(3000));
    client->write("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
                  "\r\nContent-Type: application/json\r\n" + extraHeaders +
                  "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
}

//! Reads \a client until the proxy closes it (at most 20 s); the bytes read, -1 if still open.
qint64 readUntilClosed(QTcpSocket *client)
{
    bool closed = client->state() != QAbstractSocket::ConnectedState;
    const QMetaObject::Connection c =
        QObject::connect(client, &QTcpSocket::disconnected, [&closed] { closed = true; });
    qint64 received = 0;
    QElapsedTimer t;
    t.start();
    while (!closed && t.elapsed() < 20000) {
        QTest::qWait(10);
        received += client->readAll().size();
    }
    received += client->readAll().size();
    QObject::disconnect(c);
    return closed ? received : -1;
}
} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installTestLogHandler(QStringLiteral("tst_proxy")); }

    void aBodyThatCannotBeSpooledIsRefusedWithTheReason()
    {
        FakeUpstream upstream;
        upstream.setWorking();
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        const QByteArray saved = qgetenv("TMPDIR");
        qputenv("TMPDIR", "/nonexistent/qcc-test");
        auto restore = qScopeGuard([&] {
            if (saved.isEmpty())
                qunsetenv("TMPDIR");
            else
                qputenv("TMPDIR", saved);
        });
        const QByteArray big =
            "{\"model\":\"claude-x\",\"pad\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}";
        HttpClient *c = rig.post(this, big);
        QVERIFY(waitFor(c, 10000));
        QCOMPARE(c->status, 500);
        QVERIFY2(c->body.contains("QCC cannot hold the request body: cannot create a temporary "
                                  "file in /nonexistent/qcc-test"),
                 c->body.constData());
        QCOMPARE(upstream.requestCount(), 0);
    }

    void aSpooledBodyFailsOverWhole_data()
    {
        QTest::addColumn<bool>("byName");
        QTest::newRow("fast sockets (IP address)") << false;
        QTest::newRow("Qt sockets (host name)") << true;
    }
    void aSpooledBodyFailsOverWhole()
    {
        // A request body above the spool threshold lives in a temporary file, not in memory:
        // the first endpoint fails after reading all of it, and the second gets it again, byte
        // for byte.
        QFETCH(bool, byName);
        FakeUpstream failing, working;
        failing.setReply(FakeReply::error(529, "overloaded_error", "busy"));
        working.setReply(FakeReply::message(QStringLiteral("got it")));
        ProxyRig rig;
        rig.add(failing, QStringLiteral("first"));
        EndpointConfig &second = rig.add(working, QStringLiteral("second"), Tier::Secondary);
        if (byName) // host names take the QTcpSocket path
            second.baseUrl = QStringLiteral("http://localhost:%1").arg(working.port());
        rig.start();
        QByteArray big = "{\"model\":\"claude-x\",\"max_tokens\":8,\"messages\":[{\"role\":"
                         "\"user\",\"content\":\"";
        for (int i = 0; big.size() < 6 * 1024 * 1024; ++i)
            big += QByteArray::number(i) + ' ';
        big += "\"}]}";
        HttpClient *c = rig.post(this, big);
        QVERIFY(waitFor(c, 20000));
        QCOMPARE(c->status, 200);
        QVERIFY(c->body.contains("got it"));
        QCOMPARE(failing.requestCount(), 1);
        QCOMPARE(working.requestCount(), 1);
        // (The fakes parse with the same parser: what they received is spooled too.)
        auto received = [](const HttpRequest &r) { return r.spool ? r.spool->readAll() : r.body; };
        QCOMPARE(received(failing.requests().first()).size(), big.size());
        QVERIFY(received(failing.requests().first()) == big);
        QVERIFY(received(working.requests().first()) == big);
        QCOMPARE(working.requests().first().header("content-length"),
                 QByteArray::number(big.size()));
    }

    void aModelMapRenamesTheModelForItsEndpointOnly_data()
    {
        QTest::addColumn<int>("padding"); // bytes of message text: above 1 MiB the body is spooled
        QTest::addColumn<bool>("modelLast");
        QTest::newRow("in memory") << 1000 << false;
        QTest::newRow("spooled, model first") << 3 * 1024 * 1024 << false;
        QTest::newRow("spooled, model last") << 3 * 1024 * 1024 << true;
    }
    void aModelMapRenamesTheModelForItsEndpointOnly()
    {
        // The relay calls the model otherwise: it gets its own name for it, every other byte as
        // the client sent it; the endpoint behind it (no map) gets the body byte for byte.
        QFETCH(int, padding);
        QFETCH(bool, modelLast);
        FakeUpstream relay, official;
        relay.setReply(FakeReply::error(529, "overloaded_error", "busy"));
        official.setReply(FakeReply::message(QStringLiteral("got it")));
        ProxyRig rig;
        EndpointConfig &mapped = rig.add(relay, QStringLiteral("relay"));
        mapped.modelMap.insert(QStringLiteral("claude-sonnet-4-5"), QStringLiteral("中转/sonnet"));
        mapped.modelMap.insert(QStringLiteral("claude-haiku-4-5"), QStringLiteral("relay-haiku"));
        rig.add(official, QStringLiteral("official"), Tier::Secondary);
        rig.start();
        // (moc misreads raw strings with an odd number of quotes: plain literals here.)
        const QByteArray text = QByteArray(padding, 'x') + "\\\"model\\\":\\\"claude-haiku-4-5\\\"";
        const QByteArray messages =
            "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]";
        const QByteArray model = "\"model\" : \"claude-sonnet-4-5\"";
        const QByteArray body = modelLast ? "{" + messages + ",\"max_tokens\":8, " + model + "}"
                                          : "{" + model + ",\"max_tokens\":8, " + messages + "}";
        HttpClient *c = rig.post(this, body);
        QVERIFY(waitFor(c, 20000));
        QCOMPARE(c->status, 200);
        QCOMPARE(relay.requestCount(), 1);
        QCOMPARE(official.requestCount(), 1);
        auto received = [](const HttpRequest &r) { return r.spool ? r.spool->readAll() : r.body; };
        QByteArray renamed = body;
        renamed.replace(model, QByteArray("\"model\" : \"中转/sonnet\""));
        QCOMPARE(received(relay.requests().first()).size(), renamed.size());
        QVERIFY(received(relay.requests().first()) == renamed);
        QCOMPARE(relay.requests().first().header("content-length"),
                 QByteArray::number(renamed.size()));
        QVERIFY(received(official.requests().first()) == body);
    }

    void aModelTheMapDoesNotNameGoesUnchanged()
    {
        FakeUpstream relay;
        ProxyRig rig;
        rig.add(relay, QStringLiteral("relay"))
            .modelMap.insert(QStringLiteral("claude-sonnet-4-5"), QStringLiteral("relay-sonnet"));
        rig.start();
        for (const QByteArray &body :
             {kMessageBody, QByteArray(R"({"model":"claude-sonnet-4-5-x","max_tokens":8})"),
              QByteArray(R"({"max_tokens":8,"model":["claude-sonnet-4-5"]})")}) {
            HttpClient *c = rig.post(this, body);
            QVERIFY(waitFor(c, 10000));
            QCOMPARE(c->status, 200);
            QCOMPARE(relay.requests().last().body, body);
        }
    }

    // Every row of the outcome table (docs/QCCD.md), with a working secondary behind the primary.
    void outcomeTable_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("clientStatus");      // what the client gets
        QTest::addColumn<bool>("secondaryServes");  // the secondary answered
        QTest::addColumn<QString>("primaryStatus"); // registry status of the primary afterwards
        QTest::addColumn<int>("primaryFailed");     // its failed_requests
        const QByteArray msg = "/v1/messages?beta=true";
        QTest::newRow("200") << 200 << msg << 200 << false << "healthy" << 0;
        QTest::newRow("400 request") << 400 << msg << 400 << false << "unknown" << 0;
        QTest::newRow("413 request") << 413 << msg << 413 << false << "unknown" << 0;
        QTest::newRow("422 request") << 422 << msg << 422 << false << "unknown" << 0;
        QTest::newRow("409 request") << 409 << msg << 409 << false << "unknown" << 0;
        QTest::newRow("414 request") << 414 << msg << 414 << false << "unknown" << 0;
        QTest::newRow("415 request") << 415 << msg << 415 << false << "unknown" << 0;
        // A broken relay or its front end, not the request: another endpoint may serve it.
        QTest::newRow("408 node") << 408 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("421 node") << 421 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("425 node") << 425 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("418 node") << 418 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("301 node") << 301 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("404 count_tokens")
            << 404 << QByteArray("/v1/messages/count_tokens") << 200 << true << "unknown" << 0;
        QTest::newRow("404 messages") << 404 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("401") << 401 << msg << 200 << true << "isolated" << 1;
        QTest::newRow("402") << 402 << msg << 200 << true << "isolated" << 1;
        QTest::newRow("403") << 403 << msg << 200 << true << "isolated" << 1;
        QTest::newRow("429") << 429 << msg << 200 << true << "cooling" << 1;
        QTest::newRow("500") << 500 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("502") << 502 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("503") << 503 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("529") << 529 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("timeout") << 1 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("connection closed") << 2 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("html 200") << 3 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("empty 200") << 4 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("sse error before content") << 5 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("connection refused") << 6 << msg << 200 << true << "degraded" << 1;
        QTest::newRow("stream ends before content") << 7 << msg << 200 << true << "degraded" << 1;
    }

    void outcomeTable()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, path);
        QFETCH(int, clientStatus);
        QFETCH(bool, secondaryServes);
        QFETCH(QString, primaryStatus);
        QFETCH(int, primaryFailed);
        FakeUpstream primary, secondary;
        const bool stream = kind == 5 || kind == 7;
        switch (kind) {
        case 200:
            break;
        case 1:
            primary.setReply(hang());
            break;
        case 2: {
            FakeReply r;
            r.action = FakeReply::Action::Close;
            primary.setReply(r);
            break;
        }
        case 3:
            primary.setReply(FakeReply::html());
            break;
        case 4:
            primary.setReply(FakeReply::json(200, ""));
            break;
        case 5:
            primary.setReply(FakeReply::sse(
                {sseEvent("message_start", R"({"type":"message_start","message":{}})"),
                 sseEvent(
                     "error",
                     R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")}));
            break;
        case 7:
            primary.setReply(FakeReply::sse(
                {sseEvent("message_start", R"({"type":"message_start","message":{}})"),
                 sseEvent("ping", R"({"type":"ping"})")}));
            break;
        case 6:
            break;
        default: {
            FakeReply r = FakeReply::error(kind, "some_error", "upstream said no");
            if (kind == 429)
                r.headers.append(Header("retry-after", "20"));
            primary.setReply(r);
        }
        }
        ProxyRig rig;
        rig.config.failover.firstByteTimeoutMs = 300;
        EndpointConfig &p = rig.add(primary, QStringLiteral("primary"));
        if (kind == 6) {
            QTcpServer closed;
            closed.listen(QHostAddress::LocalHost, 0);
            p.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort());
        }
        rig.add(secondary, QStringLiteral("secondary"), Tier::Secondary);
        rig.start();

        HttpClient *c = rig.send(this, "POST", path, stream ? kStreamBody : kMessageBody);
        QVERIFY(waitFor(c));
        QVERIFY(c->complete);
        QCOMPARE(c->status, clientStatus);
        QCOMPARE(secondary.requestCount() > 0, secondaryServes);
        if (kind >= 400 && kind < 500 && !secondaryServes) // request errors come back unchanged
            QCOMPARE(c->body, FakeReply::error(kind, "some_error", "upstream said no").body);
        if (stream && clientStatus == 200) {
            QVERIFY2(c->body.startsWith("event: message_start"), c->body.constData());
            QVERIFY(!c->body.contains("event: error"));
            QVERIFY(c->body.contains("message_stop"));
        }
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("primary"));
        QCOMPARE(statusName(e.status), primaryStatus);
        QCOMPARE(e.failedRequests, primaryFailed);
        const QJsonObject stats = statsOf(rig);
        QCOMPARE(stats.value(QStringLiteral("total_requests")).toInt(), 1);
        QCOMPARE(stats.value(QStringLiteral("failovers")).toInt(), secondaryServes ? 1 : 0);
        QCOMPARE(stats.value(QStringLiteral("successful_requests")).toInt(),
                 clientStatus < 300 ? 1 : 0);
    }

    void isolatedPrimaryIsNeverUsedAgain()
    {
        FakeUpstream primary, secondary;
        primary.setReply(FakeReply::error(500, "api_error", "boom"));
        ProxyRig rig;
        rig.add(primary, QStringLiteral("primary"));
        rig.add(secondary, QStringLiteral("secondary"), Tier::Secondary);
        rig.start();
        for (int i = 0; i < 12; ++i) {
            HttpClient *c = rig.post(this);
            QVERIFY(waitFor(c));
            QCOMPARE(c->status, 200);
        }
        QCOMPARE(primary.requestCount(), 3); // isolate_after = 3, then never again
        QCOMPARE(secondary.requestCount(), 12);
        QVERIFY(rig.endpoint(QStringLiteral("primary")).inFailureQueue);
    }

    // Seed bug: requests in flight kept using an endpoint that had answered 401.
    void concurrentRequestsAtA401Primary()
    {
        FakeUpstream primary, secondary;
        primary.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        ProxyRig rig;
        rig.add(primary, QStringLiteral("primary"));
        rig.add(secondary, QStringLiteral("secondary"), Tier::Secondary);
        rig.start();
        QList<HttpClient *> clients;
        for (int i = 0; i < 20; ++i)
            clients.append(rig.post(this));
        QVERIFY(waitAll(clients));
        for (HttpClient *c : clients)
            QCOMPARE(c->status, 200);
        const int seen = primary.requestCount();
        QVERIFY(seen >= 1 && seen <= 20);
        QList<HttpClient *> later;
        for (int i = 0; i < 20; ++i)
            later.append(rig.post(this));
        QVERIFY(waitAll(later));
        for (HttpClient *c : later)
            QCOMPARE(c->status, 200);
        QCOMPARE(primary.requestCount(), seen);
        const QJsonObject fq = statsOf(rig).value(QStringLiteral("failure_queue")).toObject();
        QCOMPARE(fq.value(QStringLiteral("total_failed")).toInt(), 1);
    }

    void fiftyConcurrentFailuresAcrossTwoEndpoints()
    {
        FakeUpstream a, b, good;
        a.setReply(FakeReply::error(500, "api_error", "a down"));
        b.setReply(FakeReply::error(503, "api_error", "b down"));
        ProxyRig rig;
        rig.config.failover.isolateAfter = 1;
        rig.add(a, QStringLiteral("a"));
        rig.add(b, QStringLiteral("b"));
        rig.add(good, QStringLiteral("good"), Tier::Secondary);
        rig.start();
        QList<HttpClient *> clients;
        for (int i = 0; i < 50; ++i)
            clients.append(rig.post(this));
        QVERIFY(waitAll(clients));
        for (HttpClient *c : clients)
            QCOMPARE(c->status, 200);
        const QJsonObject stats = statsOf(rig);
        QCOMPARE(stats.value(QStringLiteral("failure_queue"))
                     .toObject()
                     .value(QStringLiteral("total_failed"))
                     .toInt(),
                 2);
        QCOMPARE(stats.value(QStringLiteral("failure_queue_size")).toInt(), 2);
        QCOMPARE(stats.value(QStringLiteral("failed_endpoints")).toArray().size(), 2);
        QCOMPARE(stats.value(QStringLiteral("successful_requests")).toInt(), 50);
        // every failed attempt is counted, none lost
        const int attempts = a.requestCount() + b.requestCount();
        QCOMPARE(rig.endpoint(QStringLiteral("a")).failedRequests +
                     rig.endpoint(QStringLiteral("b")).failedRequests,
                 attempts);
        QCOMPARE(stats.value(QStringLiteral("failovers")).toInt(), attempts);
    }

    void recoveryBringsPrimaryBackFirst()
    {
        FakeUpstream primary, secondary;
        primary.setReply(FakeReply::error(401, "authentication_error", "bad key"));
        ProxyRig rig;
        rig.config.verify.intervalMs = 100;
        rig.config.verify.timeoutMs = 2000;
        rig.add(primary, QStringLiteral("primary"));
        rig.add(secondary, QStringLiteral("secondary"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this);
        QVERIFY(waitFor(c));
        QVERIFY(rig.endpoint(QStringLiteral("primary")).inFailureQueue);
        primary.setWorking();
        QTRY_VERIFY_WITH_TIMEOUT(!rig.endpoint(QStringLiteral("primary")).inFailureQueue, 5000);
        const int before = secondary.requestCount();
        for (int i = 0; i < 5; ++i) {
            HttpClient *d = rig.post(this);
            QVERIFY(waitFor(d));
            QCOMPARE(d->status, 200);
        }
        QCOMPARE(secondary.requestCount(), before);
        QVERIFY(primary.requestCount() >= 5);
        const QJsonObject fq = statsOf(rig).value(QStringLiteral("failure_queue")).toObject();
        QCOMPARE(fq.value(QStringLiteral("total_recovered")).toInt(), 1);
    }

    void sseEventsAreRelayedAsTheyArrive()
    {
        FakeUpstream upstream;
        upstream.setReply(FakeReply::sseMessage(QStringLiteral("spaced"), 150));
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        HttpClient *c = rig.post(this, kStreamBody);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 200);
        QCOMPARE(c->header("content-type"), QByteArray("text/event-stream"));
        // byte for byte what the upstream sent
        QByteArray expected;
        for (const QByteArray &e : FakeReply::sseMessage(QStringLiteral("spaced")).chunks)
            expected += e;
        QCOMPARE(c->body, expected);
        // not buffered: the pieces arrived spread over the upstream's pacing (7 events, 150 ms
        // apart; the first two are held until the first content event, as the commit point
        // requires)
        QVERIFY2(c->pieceTimesMs.size() >= 5, qPrintable(QString::number(c->pieceTimesMs.size())));
        QVERIFY(c->pieceTimesMs.last() - c->pieceTimesMs.first() >= 400);
        const QJsonObject ep =
            statsOf(rig).value(QStringLiteral("endpoints")).toArray().at(0).toObject();
        const QJsonObject usage = ep.value(QStringLiteral("usage")).toObject();
        QCOMPARE(usage.value(QStringLiteral("input_tokens")).toInt(), 12);
        QCOMPARE(usage.value(QStringLiteral("output_tokens")).toInt(), 7);
        QCOMPARE(usage.value(QStringLiteral("cache_creation_input_tokens")).toInt(), 3);
        QCOMPARE(usage.value(QStringLiteral("cache_read_input_tokens")).toInt(), 4);
    }

    void manyConcurrentStreamsStartAtOnce()
    {
        FakeUpstream upstream;
        FakeReply r = FakeReply::sseMessage(QStringLiteral("long"), 0);
        r.hangAfterChunks = true; // every stream stays open until the test ends
        upstream.setReply(r);
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        QList<HttpClient *> clients;
        for (int i = 0; i < 16; ++i)
            clients.append(rig.post(this, kStreamBody));
        // all 16 are open at the upstream at the same time and all have started to stream
        QTRY_COMPARE_WITH_TIMEOUT(upstream.requestCount(), 16, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(clients.begin(), clients.end(),
                        [](HttpClient *c) { return c->body.contains("content_block_delta"); }),
            5000);
        QCOMPARE(upstream.openConnections(), 16);
        for (HttpClient *c : clients)
            c->abort();
        QTRY_COMPARE(upstream.openConnections(), 0);
        QTRY_COMPARE(rig.engine.counters().inFlight, 0);
    }

    void cutAfterContentEndsWithErrorEvent()
    {
        FakeUpstream primary, secondary;
        FakeReply r = FakeReply::sseMessage(QStringLiteral("partial"));
        r.cutAfterChunks =
            4; // message_start, block start, ping, delta ... then the connection drops
        primary.setReply(r);
        ProxyRig rig;
        rig.add(primary, QStringLiteral("primary"));
        rig.add(secondary, QStringLiteral("secondary"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this, kStreamBody);
        QVERIFY(waitFor(c, 5000));
        QVERIFY(c->complete); // a well-formed end of the chunked body, no hang
        QCOMPARE(c->status, 200);
        QVERIFY(c->body.contains("partial"));
        SseSplitter split;
        const QList<SseEvent> events = split.feed(c->body);
        QCOMPARE(events.last().event, QByteArray("error"));
        QVERIFY(QJsonDocument::fromJson(events.last().data).isObject());
        QCOMPARE(secondary.requestCount(), 0); // never replayed after commit
        QCOMPARE(rig.endpoint(QStringLiteral("primary")).failedRequests, 1);
    }

    // A stream cut mid-event, and a Messages stream whose framing ends without message_stop (a
    // relay that gave up and ended the chunked body): both were cut, and end with a well-formed
    // `event: error`, every event whole, counted as the endpoint's failure.
    void aCutStreamEndsWithAWellFormedError_data()
    {
        QTest::addColumn<bool>("midEvent");
        QTest::newRow("cut mid-event") << true;
        QTest::newRow("ended without message_stop") << false;
    }
    void aCutStreamEndsWithAWellFormedError()
    {
        QFETCH(bool, midEvent);
        FakeUpstream upstream;
        FakeReply r = FakeReply::sseMessage(QStringLiteral("cut short"));
        if (midEvent) {
            r.chunks = {r.chunks[0], r.chunks[1], r.chunks[3],
                        QByteArray("event: content_block_delta\ndata: {\"type\":\"content_bl")};
            r.cutAfterChunks = 4; // the connection drops in the middle of an event
        } else {
            r.chunks.removeIf(
                [](const QByteArray &e) { return e.startsWith("event: message_stop"); });
        }
        upstream.setReply(r);
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        HttpClient *c = rig.post(this, kStreamBody);
        QVERIFY(waitFor(c, 5000));
        QVERIFY(c->complete);
        QVERIFY(c->body.contains("cut short"));
        SseSplitter split;
        const QList<SseEvent> events = split.feed(c->body);
        QVERIFY(split.pending().isEmpty());
        QCOMPARE(events.last().event, QByteArray("error"));
        for (const SseEvent &e : events) // every event the client sees is whole
            QVERIFY2(QJsonDocument::fromJson(e.data).isObject(), e.raw.constData());
        if (!midEvent)
            QVERIFY2(events.last().data.contains("message_stop"), events.last().data.constData());
        QCOMPARE(rig.endpoint(QStringLiteral("only")).failedRequests, 1);
        QTRY_COMPARE(rig.engine.counters().failedRequests, 1);
        QCOMPARE(rig.engine.counters().successfulRequests, 0);
    }

    // A body that only the close delimits is complete at an orderly close and cut by a reset.
    // (The qt backend cannot tell the two apart: Qt reports a reset as the peer's close.)
    void aResetCutsABodyDelimitedByTheClose()
    {
#ifdef QCC_TEST_QT_BACKEND
        QSKIP("Qt reports a reset as the peer's orderly close (QAbstractSocket::"
              "RemoteHostClosedError), so the qt backend cannot tell a cut from an end");
#endif
        FakeUpstream upstream;
        upstream.setHandler([](const HttpRequest &req) {
            FakeReply r = echoReply(req); // /v1/models: relayed from its head
            r.closeDelimited = true;
            r.toxic.kind = FakeReply::Toxic::Kind::Reset;
            r.toxic.at = "\"has_more\"";
            return r;
        });
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        HttpClient *c = rig.send(this, "GET", "/v1/models");
        QVERIFY(waitFor(c, 5000));
        QVERIFY2(!c->complete, c->raw.constData()); // never a clean end of a cut body
        QVERIFY(c->closed);
        QCOMPARE(rig.endpoint(QStringLiteral("only")).failedRequests, 1);
        QVERIFY2(rig.endpoint(QStringLiteral("only")).lastError.contains(QLatin1String("reset")),
                 qPrintable(rig.endpoint(QStringLiteral("only")).lastError));
    }

    // Before the commit point an answer is held or judged; what is held has a bound
    // (limits.max_held_response_bytes). Each of these sends 16 times the bound and then ends
    // properly: the bound, not the end, must stop it, and the healthy endpoint serves.
    void heldAnswersHaveABound_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::addColumn<QString>("kind");
        QTest::newRow("endless pings") << true << QStringLiteral("pings");
        QTest::newRow("an event that never ends") << true << QStringLiteral("line");
        QTest::newRow("a reply that never ends") << false << QStringLiteral("json");
        QTest::newRow("an error body that never ends") << false << QStringLiteral("error");
    }
    void heldAnswersHaveABound()
    {
        QFETCH(bool, stream);
        QFETCH(QString, kind);
        constexpr int kBound = 65536;
        FakeUpstream flooding, healthy;
        FakeReply r;
        const QByteArray piece(4096, 'x');
        if (kind == QLatin1String("pings")) {
            r = FakeReply::sse({});
            r.chunks.append(sseEvent("message_start", R"({"type":"message_start","message":{}})"));
            for (int i = 0; i < 16 * kBound / 4096; ++i)
                r.chunks.append(sseEvent("ping", "{\"type\":\"ping\",\"pad\":\"" + piece + "\"}"));
        } else if (kind == QLatin1String("line")) {
            r = FakeReply::sse({"event: content_block_delta\ndata: "});
            for (int i = 0; i < 16 * kBound / 4096; ++i)
                r.chunks.append(piece);
        } else {
            r.status = kind == QLatin1String("error") ? 500 : 200;
            r.headers = {{"Content-Type", "application/json"}};
            r.chunks.append("{\"type\":\"message\",\"pad\":\"");
            for (int i = 0; i < 16 * kBound / 4096; ++i)
                r.chunks.append(piece);
        }
        r.chunks.append("\"}\n\n");
        flooding.setReply(r);
        ProxyRig rig;
        rig.config.limits.maxHeldResponseBytes = kBound;
        rig.add(flooding, QStringLiteral("flooding"));
        rig.add(healthy, QStringLiteral("healthy"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this, stream ? kStreamBody : kMessageBody);
        QVERIFY(waitFor(c, 5000));
        QVERIFY(c->complete);
        QCOMPARE(c->status, 200);
        QCOMPARE(healthy.requestCount(), 1);
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("flooding"));
        QVERIFY2(e.lastError.contains(QLatin1String("max_held_response_bytes")),
                 qPrintable(e.lastError));
    }

    // A relay that echoes the key it got (in an error, a header, an SSE event, the content)
    // never gets it to the client, the stats or the logs: it is masked, byte for byte, in
    // whatever the upstream says. Most replies split the key across two writes.
    void anEchoedKeyIsMasked_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("status"); // what the client gets
        QTest::newRow("401 error body, answered unchanged") << QStringLiteral("401") << 401;
        QTest::newRow("400 relayed as it comes") << QStringLiteral("400") << 400;
        QTest::newRow("model list relayed as it comes") << QStringLiteral("models") << 200;
        QTest::newRow("stream error before content") << QStringLiteral("sse-error") << 502;
        QTest::newRow("stream content") << QStringLiteral("sse") << 200;
        QTest::newRow("non-streaming reply") << QStringLiteral("message") << 200;
    }
    void anEchoedKeyIsMasked()
    {
        QFETCH(QString, kind);
        QFETCH(int, status);
        FakeUpstream echoing;
        echoing.setHandler([kind](const HttpRequest &req) {
            const QByteArray key = req.header("x-api-key");
            const QByteArray a = key.left(9), b = key.mid(9); // the key in two writes
            FakeReply r;
            if (kind == QLatin1String("sse") || kind == QLatin1String("message")) {
                r = kind == QLatin1String("sse")
                        ? FakeReply::sseMessage(QStringLiteral("you sent ") +
                                                QString::fromUtf8(key))
                        : FakeReply::message(QStringLiteral("you sent ") + QString::fromUtf8(key));
            } else if (kind == QLatin1String("sse-error")) {
                r = FakeReply::sse({sseEvent("message_start", R"({"type":"message_start"})"),
                                    "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
                                    "\"api_error\",\"message\":\"bad key " +
                                        a,
                                    b + "\"}}\n\n"});
            } else {
                r.status = kind == QLatin1String("models") ? 200 : kind.toInt();
                r.headers = {{"Content-Type", "application/json"}};
                r.chunks = {"{\"type\":\"error\",\"error\":{\"type\":\"x\",\"message\":\"key " + a,
                            b + "\"},\"data\":[]}"};
            }
            r.headers.append(Header("x-echo", key));
            r.chunkDelayMs = 20;
            return r;
        });
        ProxyRig rig;
        const QByteArray key = rig.add(echoing, QStringLiteral("echoing")).key.toUtf8();
        rig.start();
        const bool models = kind == QLatin1String("models");
        const bool stream = kind.startsWith(QLatin1String("sse"));
        HttpClient *c = models ? rig.send(this, "GET", "/v1/models")
                               : rig.post(this, stream ? kStreamBody : kMessageBody);
        QVERIFY(waitFor(c, 5000));
        QCOMPARE(c->status, status);
        QCOMPARE(echoing.requestCount(), 1);
        QVERIFY2(!c->raw.contains(key), c->raw.constData());
        QVERIFY2(!c->raw.contains(key.left(9)), c->raw.constData()); // no part of it either
        // The echo was masked in place, not dropped: stars where the key was.
        QVERIFY2(c->raw.contains(QByteArray(key.size(), '*')), c->raw.constData());
        const ClientResponse stats = httpRequest(rig.port(), "GET", "/__qcc__/stats", {}, {}, 3000);
        QCOMPARE(stats.status, 200);
        QVERIFY(!stats.body.contains(key.left(9)));
        QVERIFY(!rig.endpoint(QStringLiteral("echoing"))
                     .lastError.contains(QString::fromUtf8(key.left(9))));
    }

    // QCC asks for identity; an error answer encoded anyway cannot be checked for the key, so
    // it is never relayed: the endpoint fails and the next one serves.
    void anEncodedErrorAnswerIsNotRelayed()
    {
        FakeUpstream encoding, healthy;
        encoding.setHandler([](const HttpRequest &req) {
            FakeReply r = FakeReply::json(400, "{\"key\":\"" + req.header("x-api-key") + "\"}");
            r.headers.append(Header("Content-Encoding", "gzip"));
            return r;
        });
        ProxyRig rig;
        const QByteArray key = rig.add(encoding, QStringLiteral("encoding")).key.toUtf8();
        rig.add(healthy, QStringLiteral("healthy"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this, kMessageBody, {{"accept-encoding", "gzip"}});
        QVERIFY(waitFor(c, 5000));
        QCOMPARE(c->status, 200);
        QVERIFY(!c->raw.contains(key));
        QCOMPARE(healthy.requestCount(), 1);
        const QString error = rig.endpoint(QStringLiteral("encoding")).lastError;
        QVERIFY2(error.contains(QLatin1String("encoded body")), qPrintable(error));
    }

    void attemptsFailingBackToBackAreSafe()
    {
        // A failed response is followed at once by an attempt that fails while starting (a
        // closed port): the first attempt's parser is still on the stack (run under ASan).
        FakeUpstream broken, good;
        broken.setReply(FakeReply::error(500, "api_error", "boom"));
        ProxyRig rig;
        rig.add(broken, QStringLiteral("a"));
        EndpointConfig &closed = rig.add(good, QStringLiteral("b"));
        QTcpServer gone;
        gone.listen(QHostAddress::LocalHost, 0);
        closed.baseUrl = QStringLiteral("http://127.0.0.1:%1").arg(gone.serverPort());
        closed.effectiveId = deriveEndpointId(closed.baseUrl, closed.keySource());
        gone.close();
        rig.add(good, QStringLiteral("c"), Tier::Secondary);
        rig.config.failover.maxAttempts = 3;
        rig.start();
        for (int i = 0; i < 5; ++i) {
            HttpClient *c = rig.post(this);
            QVERIFY(waitFor(c));
            QCOMPARE(c->status, 200);
        }
    }

    void encodedSuccessIsRelayedAndEmptyStatusesHaveNoBody()
    {
        FakeUpstream a, b;
        a.setHandler([](const HttpRequest &req) {
            if (req.path == "/v1/messages/count_tokens")
                return FakeReply::json(204, QByteArray());
            FakeReply gz = FakeReply::json(200, QByteArray("\x1f\x8b\x08\x00gzipped", 12));
            gz.headers.append(Header("Content-Encoding", "gzip"));
            return gz;
        });
        ProxyRig rig;
        rig.add(a, QStringLiteral("a"));
        rig.add(b, QStringLiteral("b"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this, kMessageBody, {{"Accept-Encoding", "gzip, deflate"}});
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 200);
        QCOMPARE(c->header("content-encoding"), QByteArray("gzip"));
        QCOMPARE(c->body, QByteArray("\x1f\x8b\x08\x00gzipped", 12));
        QCOMPARE(b.requestCount(), 0); // not mistaken for a broken endpoint
        HttpClient *n = rig.send(this, "POST", "/v1/messages/count_tokens", "{}");
        QVERIFY(waitFor(n));
        QCOMPARE(n->status, 204);
        QVERIFY(!hasHeader(n->headers, "transfer-encoding"));
        QVERIFY(n->body.isEmpty());
    }

    void clientDisconnectMidStreamFreesEverything()
    {
        FakeUpstream upstream;
        FakeReply r = FakeReply::sseMessage(QStringLiteral("x"), 0);
        r.hangAfterChunks = true;
        upstream.setReply(r);
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        HttpClient *c = rig.post(this, kStreamBody);
        QTRY_VERIFY(c->body.contains("content_block_delta"));
        QCOMPARE(upstream.openConnections(), 1);
        QCOMPARE(rig.engine.counters().inFlight, 1);
        c->abort();
        QTRY_COMPARE(upstream.openConnections(), 0);
        QTRY_COMPARE(rig.engine.counters().inFlight, 0);
        QCOMPARE(rig.engine.counters().failedRequests, 1);
        QCOMPARE(rig.endpoint(QStringLiteral("only")).failedRequests,
                 0); // the client left; not the endpoint's fault
    }

    void headersAreRelayedExactly_data()
    {
        QTest::addColumn<int>("auth");
        QTest::newRow("x-api-key") << int(AuthStyle::XApiKey);
        QTest::newRow("bearer") << int(AuthStyle::Bearer);
        QTest::newRow("both") << int(AuthStyle::Both);
    }
    void headersAreRelayedExactly()
    {
        QFETCH(int, auth);
        FakeUpstream upstream;
        ProxyRig rig;
        rig.config.accessToken = QStringLiteral("local-token-123456");
        EndpointConfig &e = rig.add(upstream, QStringLiteral("only"));
        e.auth = AuthStyle(auth);
        e.baseUrl += QStringLiteral("/relay/prefix");
        rig.start();
        const HeaderList sent = {
            {"x-api-key", "local-token-123456"},
            {"anthropic-version", "2023-06-01"},
            {"anthropic-beta", "claude-code-20250219,interleaved-thinking-2025-05-14"},
            {"User-Agent", "claude-cli/2.1.0 (external, cli)"},
            {"x-claude-code-session-id", "abc-123"},
            {"Connection", "keep-alive, X-Hop"},
            {"X-Hop", "drop me"},
            {"Accept-Encoding", "gzip, deflate"}};
        HttpClient *c = rig.send(this, "POST", "/v1/messages?beta=true", kMessageBody, sent);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 200);
        const HttpRequest &got = upstream.requests().first();
        QCOMPARE(got.target, QByteArray("/relay/prefix/v1/messages?beta=true"));
        QCOMPARE(got.body, kMessageBody);
        QCOMPARE(got.header("anthropic-version"), QByteArray("2023-06-01"));
        QCOMPARE(got.header("anthropic-beta"),
                 QByteArray("claude-code-20250219,interleaved-thinking-2025-05-14"));
        QCOMPARE(got.header("user-agent"), QByteArray("claude-cli/2.1.0 (external, cli)"));
        QCOMPARE(got.header("x-claude-code-session-id"), QByteArray("abc-123"));
        QCOMPARE(got.header("accept-encoding"), QByteArray("identity"));
        QVERIFY(!hasHeader(got.headers, "x-hop"));
        QCOMPARE(got.header("host"),
                 QByteArray("127.0.0.1:") + QByteArray::number(upstream.port()));
        const QByteArray key = "sk-fake-test-only-000000000000";
        const bool xApi = auth != int(AuthStyle::Bearer), bearer = auth != int(AuthStyle::XApiKey);
        QCOMPARE(got.header("x-api-key"), xApi ? key : QByteArray());
        QCOMPARE(got.header("authorization"), bearer ? "Bearer " + key : QByteArray());
        for (const Header &h : got.headers) // the local token never goes upstream
            QVERIFY(!h.second.contains("local-token"));
        QVERIFY(!got.headers.contains(Header("Origin", "")));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("closes");
        QTest::newRow("rebinding host")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: evil.example:PORT\r\nx-api-key: "
                          "tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("host without port")
            << QByteArray(
                   "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nx-api-key: tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("origin") << QByteArray(
                                       "GET /v1/models HTTP/1.1\r\nHost: localhost:PORT\r\nOrigin: "
                                       "https://evil.example\r\nx-api-key: tok-123456\r\n\r\n")
                                << 403 << false;
        QTest::newRow("no token") << QByteArray(
                                         "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n")
                                  << 401 << false;
        QTest::newRow("wrong token")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: "
                          "Bearer tok-123457\r\n\r\n")
            << 401 << false;
        // DNS rebinding: a page on a name that resolves to 127.0.0.1 sends that name as Host.
        QTest::newRow("rebinding evil.com")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: evil.com:PORT\r\nx-api-key: "
                          "tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("rebinding 127.0.0.1.evil.com")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1.evil.com:PORT\r\nx-api-key: "
                          "tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("other port")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: localhost:OTHERPORT\r\nx-api-key: "
                          "tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("port with a leading zero")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: localhost:0PORT\r\nx-api-key: "
                          "tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("missing host")
            << QByteArray("GET /v1/models HTTP/1.1\r\nx-api-key: tok-123456\r\n\r\n") << 403
            << false;
        QTest::newRow("host with trailing dot")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: localhost.:PORT\r\nx-api-key: "
                          "tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("origin null")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nOrigin: "
                          "null\r\nx-api-key: tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("origin of the proxy itself")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nOrigin: "
                          "http://127.0.0.1:PORT\r\nx-api-key: tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("empty origin")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nOrigin: "
                          "\r\nx-api-key: tok-123456\r\n\r\n")
            << 403 << false;
        QTest::newRow("local api needs the token too")
            << QByteArray("GET /__qcc__/stats HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\n\r\n") << 401
            << false;
        // x-api-key wins when both are present: a wrong one is not rescued by a right Bearer.
        QTest::newRow("wrong x-api-key, right bearer")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nx-api-key: "
                          "tok-000000\r\nAuthorization: Bearer tok-123456\r\n\r\n")
            << 401 << false;
        QTest::newRow("token prefix")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nx-api-key: "
                          "tok-12345\r\n\r\n")
            << 401 << false;
        QTest::newRow("token without Bearer scheme")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: "
                          "tok-123456\r\n\r\n")
            << 401 << false;
        QTest::newRow("malformed")
            << QByteArray("GET /v1/models HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n") << 400 << true;
        QTest::newRow("header too large")
            << ("GET / HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nX-Big: " + QByteArray(70000, 'x') +
                "\r\n\r\n")
            << 431 << true;
        // A request with a body is judged on its head: a refused one is answered at once and
        // its body never read (no body is sent here at all), then the connection closes.
        QTest::newRow("body behind no token")
            << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nContent-Length: "
                          "30000000\r\n\r\n")
            << 401 << true;
        QTest::newRow("body behind a foreign host")
            << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: evil.example:PORT\r\nx-api-key: "
                          "tok-123456\r\nContent-Length: 30000000\r\n\r\n{\"model\"")
            << 403 << true;
        QTest::newRow("chunked body behind an origin")
            << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nOrigin: "
                          "https://evil.example\r\nx-api-key: tok-123456\r\nTransfer-Encoding: "
                          "chunked\r\n\r\n1000\r\n")
            << 403 << true;
        QTest::newRow("body too large")
            << QByteArray("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nContent-Length: "
                          "33554433\r\n\r\n")
            << 413 << true;
    }
    void refusals()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        QFETCH(bool, closes);
        FakeUpstream upstream;
        ProxyRig rig;
        rig.config.accessToken = QStringLiteral("tok-123456");
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        raw.replace("OTHERPORT", QByteArray::number(rig.port() == 65535 ? 1 : rig.port() + 1));
        raw.replace("PORT", QByteArray::number(rig.port()));
        HttpClient c;
        c.sendRaw(rig.port(), raw);
        QTRY_VERIFY(c.complete);
        QCOMPARE(c.status, status);
        const QJsonObject err = QJsonDocument::fromJson(c.body).object();
        QCOMPARE(err.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        QVERIFY(!err.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString()
                     .isEmpty());
        QCOMPARE(upstream.requestCount(), 0);
        if (closes)
            QTRY_VERIFY(c.closed);
        // the proxy carries on
        HttpClient *ok = rig.send(this, "GET", "/v1/models", {}, {{"x-api-key", "tok-123456"}});
        QVERIFY(waitFor(ok));
        QCOMPARE(ok->status, 200);
    }

    // What the refusals let through, and the access token never leaving for the upstream.
    void allowedRequestsKeepTheTokenLocal_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<QByteArray>("tokenHeader"); // x-api-key or authorization
        QTest::addColumn<int>("auth");               // how the endpoint's key goes upstream
        QTest::newRow("127.0.0.1, x-api-key")
            << QByteArray("127.0.0.1:PORT") << QByteArray("x-api-key") << int(AuthStyle::XApiKey);
        QTest::newRow("LOCALHOST uppercase")
            << QByteArray("LOCALHOST:PORT") << QByteArray("x-api-key") << int(AuthStyle::XApiKey);
        QTest::newRow("[::1]") << QByteArray("[::1]:PORT") << QByteArray("x-api-key")
                               << int(AuthStyle::XApiKey);
        QTest::newRow("bearer to x-api-key endpoint")
            << QByteArray("localhost:PORT") << QByteArray("authorization")
            << int(AuthStyle::XApiKey);
        QTest::newRow("bearer to bearer endpoint")
            << QByteArray("localhost:PORT") << QByteArray("authorization")
            << int(AuthStyle::Bearer);
        QTest::newRow("x-api-key to bearer endpoint")
            << QByteArray("localhost:PORT") << QByteArray("x-api-key") << int(AuthStyle::Bearer);
        QTest::newRow("bearer to both endpoint")
            << QByteArray("localhost:PORT") << QByteArray("authorization") << int(AuthStyle::Both);
    }
    void allowedRequestsKeepTheTokenLocal()
    {
        QFETCH(QByteArray, host);
        QFETCH(QByteArray, tokenHeader);
        QFETCH(int, auth);
        const QByteArray token = "local-token-abcdef123456";
        FakeUpstream upstream;
        ProxyRig rig;
        rig.config.accessToken = QString::fromLatin1(token);
        rig.add(upstream, QStringLiteral("only")).auth = AuthStyle(auth);
        rig.start();
        host.replace("PORT", QByteArray::number(rig.port()));
        const HeaderList headers = {
            {"Host", host},
            {tokenHeader, tokenHeader == "authorization" ? "Bearer " + token : token}};
        HttpClient *c = rig.post(this, kMessageBody, headers);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 200);
        QCOMPARE(upstream.requestCount(), 1);
        const HttpRequest &got = upstream.requests().first();
        for (const Header &h : got.headers) // not in any header, under any name
            QVERIFY2(!h.second.contains(token), h.first.constData());
        QVERIFY(!got.body.contains(token));
        const QByteArray key = "sk-fake-test-only-000000000000";
        const bool xApi = auth != int(AuthStyle::Bearer), bearer = auth != int(AuthStyle::XApiKey);
        QCOMPARE(got.header("x-api-key"), xApi ? key : QByteArray());
        QCOMPARE(got.header("authorization"), bearer ? "Bearer " + key : QByteArray());
        // the local API answers with the same credentials
        HttpClient *stats = rig.send(this, "GET", "/__qcc__/stats", {}, headers);
        QVERIFY(waitFor(stats));
        QCOMPARE(stats->status, 200);
        QVERIFY(!stats->body.contains(token));
        QVERIFY(!stats->body.contains("sk-fake-test"));
    }

    // An upstream that quotes the key it was sent (some relays do, in their 401 text): the key
    // is masked in everything QCC keeps and shows, and in the answer (anEchoedKeyIsMasked).
    void keyQuotedByAnUpstreamIsRedacted()
    {
        FakeUpstream upstream, spare;
        upstream.setHandler([](const HttpRequest &req) {
            return FakeReply::error(401, "authentication_error",
                                    "invalid x-api-key " + req.header("x-api-key"));
        });
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("quoting"));
        rig.add(spare, QStringLiteral("spare"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 200);
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("quoting"));
        QVERIFY(e.inFailureQueue);
        QVERIFY2(!e.lastError.contains(QLatin1String("sk-fake-test")), qPrintable(e.lastError));
        QVERIFY2(e.lastError.contains(QStringLiteral("invalid x-api-key ****")),
                 qPrintable(e.lastError));
        const QByteArray stats = QJsonDocument(statsOf(rig)).toJson();
        QVERIFY(!stats.contains("sk-fake-test"));
        QVERIFY(stats.contains("invalid x-api-key"));
    }

    void headerTimeoutAndIdleClose()
    {
        FakeUpstream upstream;
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        rig.engine.serverSettings().headerTimeoutMs = 200;
        rig.engine.serverSettings().idleTimeoutMs = 300;
        HttpClient slow;
        slow.sendRaw(rig.port(), "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1");
        QTRY_VERIFY(slow.closed);
        QCOMPARE(slow.status, 408);
        QCOMPARE(slow.header("connection"), QByteArray("close"));
        HttpClient idle;
        idle.sendRaw(rig.port(), QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(idle.closed, 3000);
        QCOMPARE(idle.status, 0);
        QVERIFY(idle.raw.isEmpty()); // closed silently
        // Bare line breaks start no request, but they are the first bytes of a head: they do
        // not hold the connection open beyond the head's deadline.
        HttpClient breaks;
        breaks.sendRaw(rig.port(), "\r\n");
        for (int i = 0; i < 5 && !breaks.closed; ++i) {
            QTest::qWait(100);
            breaks.sendMore("\r\n");
        }
        QTRY_VERIFY_WITH_TIMEOUT(breaks.closed, 3000);
        QCOMPARE(breaks.status, 408);
    }

    // The last answer on a connection that closes after it: a client that reads none of it is
    // cut off after the idle time, instead of holding the queued bytes and its connection for
    // ever. What the kernel already had still arrives; the rest never does.
    void aCloseWithUnreadOutputHasADeadline()
    {
        FakeUpstream upstream;
        upstream.setReply(FakeReply::message(QString(24 * 1024 * 1024, QLatin1Char('x'))));
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        rig.engine.serverSettings().idleTimeoutMs = 300;
        QTcpSocket client;
        postWithoutReading(&client, rig.port(), kMessageBody, "Connection: close\r\n");
        QTRY_COMPARE(upstream.requestCount(), 1);
        QTest::qWait(1500); // the answer is queued; the client reads nothing
        const qint64 received = readUntilClosed(&client);
        QVERIFY2(received >= 0, "the connection is still open");
        QVERIFY2(received < 24 * 1024 * 1024,
                 qPrintable(QStringLiteral("%1 bytes arrived: the whole answer").arg(received)));
    }

    // A client that stops reading a stream: the stream is paused (back-pressure), and after the
    // idle time with nothing read the exchange ends — client connection closed, upstream
    // connection closed, and the endpoint not blamed (it was not the silent side).
    void aClientThatStopsReadingIsCutOffWithoutBlame()
    {
        FakeUpstream upstream;
        QList<QByteArray> events{
            sseEvent("message_start", R"({"type":"message_start","message":{}})")};
        const QByteArray delta =
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
            "\"text_delta\",\"text\":\"" +
            QByteArray(16 * 1024, 'y') + "\"}}";
        events << sseEvent("content_block_start", R"({"type":"content_block_start","index":0})");
        for (int i = 0; i < 2000; ++i) // 32 MiB: more than every buffer on the way
            events << sseEvent("content_block_delta", delta);
        events << sseEvent("message_stop", R"({"type":"message_stop"})");
        upstream.setReply(FakeReply::sse(events));
        ProxyRig rig;
        rig.config.failover.idleTimeoutMs = 500;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        QTcpSocket client;
        postWithoutReading(&client, rig.port(), kStreamBody);
        QTRY_COMPARE(upstream.requestCount(), 1);
        QTest::qWait(2000); // the client reads nothing for four idle times
        const qint64 received = readUntilClosed(&client);
        QVERIFY2(received >= 0, "the stalled client's connection is still open");
        QVERIFY2(received < 32 * 1024 * 1024, qPrintable(QString::number(received)));
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("only"));
        QCOMPARE(e.failedRequests, 0); // the client stalled, not the endpoint
        QVERIFY(!e.inFailureQueue);
        // and the proxy serves the next request (the upstream connection was not left stuck)
        upstream.setReply(FakeReply::message(QStringLiteral("ok")));
        HttpClient *next = rig.post(this);
        QVERIFY(waitFor(next));
        QCOMPARE(next->status, 200);
    }

    // An upstream that answers before it has read the whole body (a 400 to a large request):
    // that connection is not pooled with the rest of the body unsent, or the next request
    // would be read as body bytes, time out, and blame a healthy endpoint.
    void anEarlyAnswerDoesNotPoolAHalfSentRequest()
    {
        FakeUpstream upstream;
        upstream.setEarlyAnswer(FakeReply::error(400, "invalid_request_error", "too long"));
        ProxyRig rig;
        rig.config.failover.firstByteTimeoutMs = 1000;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        const QByteArray big =
            "{\"model\":\"m\",\"pad\":\"" + QByteArray(24 * 1024 * 1024, 'x') + "\"}";
        HttpClient *first = rig.post(this, big);
        QVERIFY(waitFor(first, 20000));
        QCOMPARE(first->status, 400); // the request's fault, relayed
        upstream.setEarlyAnswer(std::nullopt);
        HttpClient *second = rig.post(this);
        QVERIFY(waitFor(second, 10000));
        QCOMPARE(second->status, 200);
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("only"));
        QCOMPARE(e.failedRequests, 0);
        QVERIFY(!e.inFailureQueue);
    }

    // A client that ends its side in the middle of a body will never finish the request: the
    // exchange is closed at once, nothing goes upstream.
    void aClientThatEndsMidBodyIsClosed()
    {
        FakeUpstream upstream;
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        QTcpSocket client;
        postWithoutReading(&client, rig.port(), kMessageBody);
        QVERIFY(client.waitForBytesWritten(3000));
        // the head and part of the body (the announced length is larger), then the end
        client.write("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:" +
                     QByteArray::number(rig.port()) + "\r\nContent-Length: 1000\r\n\r\n{\"model");
        QVERIFY(client.waitForBytesWritten(3000));
        QTRY_COMPARE(upstream.requestCount(), 1); // the first, whole request
        QVERIFY(os::shutdownWrite(client.socketDescriptor()));
        QVERIFY2(readUntilClosed(&client) >= 0, "the connection is still open");
        QCOMPARE(upstream.requestCount(), 1);
    }

    void keepAliveAndPipelining()
    {
        FakeUpstream upstream;
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(rig.port()) + "\r\n";
        HttpClient c;
        c.sendRaw(rig.port(), "GET /v1/models HTTP/1.1\r\n" + host + "\r\n" +
                                  "POST /v1/messages/count_tokens HTTP/1.1\r\n" + host +
                                  "Content-Length: 2\r\n\r\n{}" +
                                  "GET /__qcc__/health HTTP/1.1\r\n" + host + "\r\n");
        QTRY_VERIFY(c.raw.count("HTTP/1.1 200") == 3);
        const qsizetype models = c.raw.indexOf("claude-fake"),
                        tokens = c.raw.indexOf("input_tokens"),
                        health = c.raw.indexOf("usable_endpoints");
        QVERIFY(models > 0 && models < tokens && tokens < health);
        QVERIFY(!c.closed);
        QCOMPARE(upstream.connectionsAccepted(), 1); // the upstream connection was reused too
    }

    void countTokensFallsBackToALocalEstimate()
    {
        FakeUpstream a, b;
        a.setReply(FakeReply::error(404, "not_found_error", "Not found"));
        b.setReply(FakeReply::error(404, "not_found_error", "Not found"));
        ProxyRig rig;
        rig.add(a, QStringLiteral("a"));
        rig.add(b, QStringLiteral("b"));
        rig.start();
        const QByteArray body =
            QByteArray(R"({"model":"x","messages":[{"role":"user","content":")") +
            QByteArray(400, 'a') + "\"}]}";
        HttpClient *c = rig.send(this, "POST", "/v1/messages/count_tokens", body);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 200);
        QVERIFY(QJsonDocument::fromJson(c->body)
                    .object()
                    .value(QStringLiteral("input_tokens"))
                    .toInt() > 50);
        QCOMPARE(a.requestCount() + b.requestCount(), 2);
        // remembered: the next count_tokens asks nobody, messages still work
        HttpClient *d = rig.send(this, "POST", "/v1/messages/count_tokens", body);
        QVERIFY(waitFor(d));
        QCOMPARE(d->status, 200);
        QCOMPARE(a.requestCount() + b.requestCount(), 2);
        QVERIFY(!rig.endpoint(QStringLiteral("a")).inFailureQueue);
    }

    // A retry-after that overflows a 64-bit count of milliseconds, or asks for days, cools the
    // endpoint for at most an hour; the HTTP-date form is understood.
    void retryAfterIsBoundedAndReadAsADate_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("atLeastMs");
        QTest::addColumn<qint64>("atMostMs");
        const qint64 hour = 3600 * 1000;
        QTest::newRow("overflowing seconds")
            << QByteArray("99999999999999999") << hour - 60000 << hour;
        QTest::newRow("a week") << QByteArray("604800") << hour - 60000 << hour;
        QTest::newRow("date in 5 minutes")
            << QDateTime::currentDateTimeUtc()
                   .addSecs(300)
                   .toString(QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                   .toLatin1()
            << qint64(240000) << qint64(301000);
    }

    void retryAfterIsBoundedAndReadAsADate()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, atLeastMs);
        QFETCH(qint64, atMostMs);
        FakeUpstream limited, spare;
        FakeReply r = FakeReply::error(429, "rate_limit_error", "slow down");
        r.headers.append(Header("retry-after", value));
        limited.setReply(r);
        ProxyRig rig;
        rig.add(limited, QStringLiteral("limited"));
        rig.add(spare, QStringLiteral("spare"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 200);
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("limited"));
        QCOMPARE(statusName(e.status), QStringLiteral("cooling"));
        QVERIFY2(e.coolingForMs >= atLeastMs && e.coolingForMs <= atMostMs,
                 qPrintable(QString::number(e.coolingForMs)));
    }

    // Paths and upstream messages are UTF-8: they reach the client, the registry and the stats
    // whole, never as Latin-1 mojibake, and a long one is cut between characters.
    void textsFromTheWireStayUtf8()
    {
        FakeUpstream upstream, spare;
        const QString reason = QStringLiteral("上游节点暂时不可用") + QString(300, QChar(0x8282));
        upstream.setReply(FakeReply::error(503, "api_error", reason.toUtf8()));
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("中转节点"));
        rig.start();
        HttpClient *c = rig.post(this);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 503); // the last endpoint's own answer, byte for byte
        QCOMPARE(c->body, FakeReply::error(503, "api_error", reason.toUtf8()).body);
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("中转节点"));
        QVERIFY2(e.lastError.startsWith(QStringLiteral("HTTP 503: 上游节点暂时不可用")),
                 qPrintable(e.lastError));
        QVERIFY2(e.lastError.endsWith(QChar(0x2026)), qPrintable(e.lastError)); // cut, and says so
        QVERIFY(!e.lastError.contains(QChar(0xFFFD)));
        const QString stats = QString::fromUtf8(QJsonDocument(statsOf(rig)).toJson());
        QVERIFY(stats.contains(QStringLiteral("中转节点")));
        QVERIFY(stats.contains(QStringLiteral("上游节点暂时不可用")));

        // A UTF-8 path in a local-API error comes back as the same characters.
        HttpClient *api = rig.send(this, "GET", "/__qcc__/状态");
        QVERIFY(waitFor(api));
        QCOMPARE(api->status, 404);
        QVERIFY2(QString::fromUtf8(api->body).contains(QStringLiteral("/__qcc__/状态")),
                 api->body.constData());
    }

    void everythingIsolatedGivesRetryAfter()
    {
        FakeUpstream a;
        a.setReply(FakeReply::error(401, "authentication_error", "bad"));
        ProxyRig rig;
        rig.config.verify.intervalMs = 60000;
        rig.add(a, QStringLiteral("a"));
        rig.start();
        rig.engine.verifier()->setUrgentIntervalMs(60000);
        HttpClient *first = rig.post(this);
        QVERIFY(waitFor(first));
        QCOMPARE(first->status, 401); // the upstream's own answer, unchanged
        HttpClient *c = rig.post(this);
        QVERIFY(waitFor(c));
        QCOMPARE(c->status, 503);
        QCOMPARE(c->header("x-should-retry"), QByteArray("true"));
        QVERIFY(c->header("retry-after").toInt() >= 1);
        QCOMPARE(QJsonDocument::fromJson(c->body)
                     .object()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("type"))
                     .toString(),
                 QStringLiteral("overloaded_error"));
        HttpClient *health = rig.send(this, "GET", "/__qcc__/health");
        QVERIFY(waitFor(health));
        QCOMPARE(health->status, 503);
    }

    void localApi()
    {
        FakeUpstream a;
        ProxyRig rig;
        rig.add(a, QStringLiteral("官方"));
        rig.start();
        const QJsonObject stats = statsOf(rig);
        for (const char *key :
             {"version", "uptime_s", "listen", "active_cluster", "total_requests",
              "successful_requests", "failed_requests", "failovers", "failure_queue_size",
              "failed_endpoints", "endpoint_verify_counts", "failure_queue", "endpoints"})
            QVERIFY2(stats.contains(QLatin1String(key)), key);
        const QJsonObject ep = stats.value(QStringLiteral("endpoints")).toArray().at(0).toObject();
        QCOMPARE(ep.value(QStringLiteral("name")).toString(), QStringLiteral("官方"));
        for (const char *key :
             {"id", "name", "base_url", "tier", "enabled", "status", "in_failure_queue",
              "total_requests", "failed_requests", "consecutive_failures", "success_rate",
              "avg_latency_ms", "last_error", "isolated_since", "next_verify_in_ms"})
            QVERIFY2(ep.contains(QLatin1String(key)), key);
        QVERIFY(!QJsonDocument(stats).toJson().contains("sk-fake-test"));
        HttpClient *health = rig.send(this, "GET", "/__qcc__/health");
        QVERIFY(waitFor(health));
        QCOMPARE(health->status, 200);
        QCOMPARE(QJsonDocument::fromJson(health->body)
                     .object()
                     .value(QStringLiteral("usable_endpoints"))
                     .toInt(),
                 1);
        HttpClient *verify = rig.send(this, "POST", "/__qcc__/verify");
        QVERIFY(waitFor(verify));
        QCOMPARE(verify->status, 202);
        HttpClient *wrong = rig.send(this, "GET", "/__qcc__/verify");
        QVERIFY(waitFor(wrong));
        QCOMPARE(wrong->status, 405);
        QVERIFY(wrong->raw.startsWith("HTTP/1.1 405 Method Not Allowed"));
        QCOMPARE(statsOf(rig).value(QStringLiteral("total_requests")).toInt(),
                 0); // the local API is not proxied traffic
    }

    void contentEncodingIsConsistent()
    {
        FakeUpstream a, b;
        FakeReply gz = FakeReply::json(200, QByteArray("\x1f\x8b\x08\x00", 4));
        gz.headers.append(Header("Content-Encoding", "gzip"));
        a.setReply(gz);
        ProxyRig rig;
        rig.add(a, QStringLiteral("a"));
        rig.add(b, QStringLiteral("b"), Tier::Secondary);
        rig.start();
        // a client that accepts gzip gets it as sent, labelled
        HttpClient *c = rig.send(this, "GET", "/v1/models", {}, {{"Accept-Encoding", "gzip"}});
        QVERIFY(waitFor(c));
        QCOMPARE(c->header("content-encoding"), QByteArray("gzip"));
        QCOMPARE(c->body, QByteArray("\x1f\x8b\x08\x00", 4));
        // one that does not never sees it: that attempt fails over
        HttpClient *d = rig.send(this, "GET", "/v1/models");
        QVERIFY(waitFor(d));
        QCOMPARE(d->status, 200);
        QVERIFY(d->header("content-encoding").isEmpty());
        QCOMPARE(b.requestCount(), 1);
    }
};

QCC_TEST_MAIN(TestProxy)
#include "tst_proxy.moc"
