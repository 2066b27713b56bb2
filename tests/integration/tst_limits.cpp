// Resource limits of the client side, through the real proxy socket: connection cap, requests
// in flight, slow request bodies, and the memory that idle connections cost.
#include "proxyrig.h"
#include "support/testmain.h"
#include "support/testutil.h"

#include <QFile>
#include <QScopeGuard>
#include <QtTest>

#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

using namespace qcc;
using namespace qcc::test;

namespace {
qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

QByteArray errorType(const QByteArray &body)
{
    return QJsonDocument::fromJson(body)
        .object()
        .value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("type"))
        .toString()
        .toUtf8();
}
} // namespace

class TestLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { installTestLogHandler(QStringLiteral("tst_limits")); }

    void connectionsOverTheLimitGetA503()
    {
        FakeUpstream upstream;
        upstream.setWorking();
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.config.limits.maxConnections = 2;
        rig.start();
        // Two keep-alive connections that served a request, so both are surely accepted.
        HttpClient *a = rig.send(this, "GET", "/v1/models");
        HttpClient *b = rig.send(this, "GET", "/v1/models");
        QVERIFY(waitAll({a, b}));
        QCOMPARE(a->status, 200);
        QCOMPARE(b->status, 200);
        QVERIFY(!a->closed && !b->closed);

        HttpClient *over = rig.post(this);
        QVERIFY(waitFor(over));
        QCOMPARE(over->status, 503);
        QCOMPARE(errorType(over->body), QByteArray("overloaded_error"));
        QVERIFY(over->body.contains("limit of 2 client connections"));
        QCOMPARE(over->header("retry-after"), QByteArray("1"));
        QCOMPARE(over->header("x-should-retry"), QByteArray("true"));
        QCOMPARE(over->header("connection"), QByteArray("close"));
        QTRY_VERIFY(over->closed);
        QCOMPARE(upstream.requestCount(), 2); // the refused request went nowhere

        a->abort(); // a slot frees up: new connections are served again
        QTest::qWait(50);
        HttpClient *again = rig.post(this);
        QVERIFY(waitFor(again));
        QCOMPARE(again->status, 200);
    }

    void requestsInFlightOverTheLimitGetA503()
    {
        FakeUpstream upstream;
        FakeReply hang;
        hang.action = FakeReply::Action::Hang;
        upstream.setReply(hang);
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.config.limits.maxUpstreamRequests = 2;
        rig.config.failover.firstByteTimeoutMs = 600;
        rig.config.failover.maxAttempts = 1;
        rig.start();
        HttpClient *a = rig.post(this);
        HttpClient *b = rig.post(this);
        QTRY_COMPARE(upstream.requestCount(), 2);
        HttpClient *over = rig.post(this);
        QVERIFY(waitFor(over, 3000));
        QCOMPARE(over->status, 503);
        QCOMPARE(errorType(over->body), QByteArray("overloaded_error"));
        QVERIFY(over->body.contains("limit of 2 requests in flight"));
        QCOMPARE(over->header("retry-after"), QByteArray("1"));
        QCOMPARE(upstream.requestCount(), 2);
        QCOMPARE(rig.engine.counters().totalRequests, 2); // a refusal is not a proxied request

        // The two in flight end (first-byte timeout), and then requests go through again.
        QVERIFY(waitAll({a, b}));
        QCOMPARE(a->status, 502);
        QCOMPARE(rig.engine.counters().inFlight, 0);
        upstream.setWorking();
        HttpClient *again = rig.post(this);
        QVERIFY(waitFor(again));
        QCOMPARE(again->status, 200);
    }

    void aTricklingBodyIsCutOffWith408()
    {
        FakeUpstream upstream;
        upstream.setWorking();
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.config.limits.requestBodyTimeoutMs = 300;
        rig.start();
        HttpClient slow;
        slow.sendRaw(rig.port(), "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:" +
                                     QByteArray::number(rig.port()) +
                                     "\r\nContent-Type: application/json\r\n"
                                     "Content-Length: 100\r\n\r\n{\"model\":");
        QTRY_VERIFY_WITH_TIMEOUT(slow.closed, 3000);
        QCOMPARE(slow.status, 408);
        QCOMPARE(errorType(slow.body), QByteArray("invalid_request_error"));
        QVERIFY(slow.body.contains("request body not received within 0.3 s"));
        QCOMPARE(upstream.requestCount(), 0);
        QCOMPARE(rig.engine.counters().totalRequests, 0);
    }

    void tenThousandIdleConnectionsCostLittle()
    {
        constexpr int kConnections = 10000;
        FakeUpstream upstream;
        upstream.setWorking();
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start(); // (raises this process's descriptor limit, as qccd's start does)
        rlimit rl{};
        QVERIFY(getrlimit(RLIMIT_NOFILE, &rl) == 0);
        QVERIFY2(rl.rlim_cur >= kConnections + 200,
                 qPrintable(QStringLiteral("RLIMIT_NOFILE %1 is too low for this test")
                                .arg(qulonglong(rl.rlim_cur))));
        // Warm up the paths every connection uses, so that what remains is per connection.
        HttpClient *warm = rig.post(this);
        QVERIFY(waitFor(warm));
        const qint64 before = rssKiB();

        // The client ends live in a child process (they need descriptors of their own), which
        // connects them all, reports, and holds them until told to let go.
        int ready[2], release[2];
        QVERIFY(::pipe(ready) == 0 && ::pipe(release) == 0);
        const quint16 port = rig.port();
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            sockaddr_in addr{};
            addr.sin_family = AF_INET;
            addr.sin_port = htons(port);
            addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            char result = 'R';
            for (int i = 0; i < kConnections; ++i) {
                const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
                if (fd < 0 ||
                    ::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
                    result = 'F';
                    break;
                }
            }
            (void)!::write(ready[1], &result, 1);
            char c;
            (void)!::read(release[0], &c, 1);
            ::_exit(0);
        }
        char result = 0;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 60000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20); // the proxy accepts
            pollfd p{ready[0], POLLIN, 0};
            if (::poll(&p, 1, 0) == 1) {
                QCOMPARE(::read(ready[0], &result, 1), ssize_t(1));
                break;
            }
        }
        auto cleanup = qScopeGuard([&] {
            (void)!::write(release[1], "x", 1);
            ::waitpid(child, nullptr, 0);
            for (int fd : {ready[0], ready[1], release[0], release[1]})
                ::close(fd);
        });
        QCOMPARE(result, 'R');
        // Connections are accepted in order: once this one is answered, all are in.
        HttpClient *probe = rig.send(this, "GET", "/__qcc__/health");
        QVERIFY(waitFor(probe, 30000));
        QCOMPARE(probe->status, 200);
        const qint64 after = rssKiB();
        const double perConnection = double(after - before) / kConnections;
        qInfo("RSS %lld KiB -> %lld KiB with %d idle connections: %.2f KiB each", before, after,
              kConnections, perConnection);
        QVERIFY2(perConnection < 4.0, "idle connections cost more than 4 KiB of memory each");

        // A normal request is still served while they are all open.
        HttpClient *ok = rig.post(this);
        QVERIFY(waitFor(ok, 30000));
        QCOMPARE(ok->status, 200);
    }
};

QCC_TEST_MAIN(TestLimits)
#include "tst_limits.moc"
