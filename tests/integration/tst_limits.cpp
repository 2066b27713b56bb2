// Resource limits of the client side, through the real proxy socket: connection cap, requests
// in flight, slow request bodies, and the memory that idle connections cost.
#include "proxyrig.h"
#include "support/testmain.h"
#include "support/testutil.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QtTest>

#include <fcntl.h>
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
//! The most the kernel holds for one TCP connection: a send buffer and a receive buffer.
qint64 kernelSocketBuffers()
{
    auto maxBuffer = [](const char *file) {
        QFile f(QString::fromLatin1(file));
        return f.open(QIODevice::ReadOnly) ? f.readAll().split('\t').last().trimmed().toLongLong()
                                           : 0;
    };
    return maxBuffer("/proc/sys/net/ipv4/tcp_wmem") + maxBuffer("/proc/sys/net/ipv4/tcp_rmem");
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

    void connectionsBeyondTwiceTheLimitAreClosedUnanswered()
    {
        FakeUpstream upstream;
        upstream.setWorking();
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.config.limits.maxConnections = 1;
        rig.start();
        HttpClient *served = rig.send(this, "GET", "/v1/models");
        QVERIFY(waitFor(served));
        QCOMPARE(served->status, 200);
        // The second connection is over the limit (it would get a 503): it stays open, silent.
        QTcpSocket over;
        over.connectToHost(QHostAddress::LocalHost, rig.port());
        QVERIFY(over.waitForConnected(3000));
        QTest::qWait(100); // accepted by the proxy
        // The third is beyond twice the limit: closed at once, not even read.
        HttpClient beyond;
        beyond.send(rig.port(), "POST", "/v1/messages", {{"Content-Type", "application/json"}},
                    kMessageBody);
        QTRY_VERIFY_WITH_TIMEOUT(beyond.closed, 3000);
        QCOMPARE(beyond.status, 0);
        QVERIFY(beyond.raw.isEmpty());
        QCOMPARE(upstream.requestCount(), 1);
        // Once the others are gone, connections are served again.
        over.abort();
        served->abort();
        QTest::qWait(100);
        HttpClient *again = rig.post(this);
        QVERIFY(waitFor(again));
        QCOMPARE(again->status, 200);
    }

    void pipelinedInputWaitsBehindARequestInProgress()
    {
        // A request the upstream answers slowly, and behind it on the same connection a 20 MiB
        // request: the proxy reads about 1 MiB of it, no more, until the first is answered;
        // then the second is read and served whole.
        FakeUpstream upstream;
        FakeReply slow = FakeReply::message(QStringLiteral("ok"));
        slow.headDelayMs = 1500;
        upstream.setReply(slow);
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(rig.port()) + "\r\n";
        auto request = [&host](const QByteArray &body) -> QByteArray {
            return "POST /v1/messages HTTP/1.1\r\n" + host +
                   "Content-Type: application/json\r\nContent-Length: " +
                   QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        const QByteArray big =
            "{\"model\":\"m\",\"pad\":\"" + QByteArray(20 * 1024 * 1024, 'x') + "\"}";
        QTcpSocket client;
        QByteArray received;
        connect(&client, &QTcpSocket::readyRead, this, [&] { received += client.readAll(); });
        client.connectToHost(QHostAddress::LocalHost, rig.port());
        QVERIFY(client.waitForConnected(3000));
        client.write(request(kMessageBody) + request(big));
        QTRY_COMPARE(upstream.requestCount(), 1);
        QTest::qWait(500); // the first request is still in progress upstream
        // What the kernel can hold between us and the proxy, plus the proxy's bound.
        const qint64 kernel = kernelSocketBuffers();
        const qint64 taken = big.size() - client.bytesToWrite();
        QVERIFY2(
            taken < kernel + 2 * 1024 * 1024,
            qPrintable(QStringLiteral("%1 bytes left the client, kernel buffers hold at most %2")
                           .arg(taken)
                           .arg(kernel)));
        QVERIFY(received.isEmpty());
        // Both are answered, in order, and nothing of the big one was lost.
        QTRY_VERIFY_WITH_TIMEOUT(received.count("HTTP/1.1 200") == 2, 20000);
        QCOMPARE(upstream.requestCount(), 2);
        const HttpRequest &second = upstream.requests().at(1); // (spooled by the fake, too)
        QVERIFY(second.spool);
        QCOMPARE(second.spool->size(), qint64(big.size()));
        QVERIFY(second.spool->readAll() == big);
    }

    void refusedPipelinedRequestsWaitForTheirAnswersToBeRead()
    {
        // A client that pipelines requests the proxy refuses at once (wrong Host: no token
        // needed to send them) and never reads the answers: once about 1 MiB of answers is
        // queued, its input is no longer read, so what it gets the proxy to hold is bounded by
        // the kernel's buffers, not by what it sends. Reading the answers resumes it.
        FakeUpstream upstream;
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        const QByteArray refused = "GET /v1/models HTTP/1.1\r\nHost: " + QByteArray(90, 'h') +
                                   ".example:" + QByteArray::number(rig.port()) + "\r\n\r\n";
        QByteArray requests;
        while (requests.size() < 48 * 1024 * 1024)
            requests += refused;
        QTcpSocket client;
        client.setReadBufferSize(64 * 1024); // Qt stops reading the socket beyond this
        client.connectToHost(QHostAddress::LocalHost, rig.port());
        QVERIFY(client.waitForConnected(3000));
        client.write(requests);
        auto taken = [&] { return requests.size() - client.bytesToWrite(); };
        // Let the proxy take what it will: until nothing more leaves the client for a while.
        qint64 last = -1;
        for (int i = 0; i < 40 && taken() != last; ++i) {
            last = taken();
            QTest::qWait(250);
        }
        // Requests in the kernel on the way in, answers on the way out (each answer is bigger
        // than its request), and the proxy's bounds on both.
        const qint64 kernel = kernelSocketBuffers();
        QVERIFY2(taken() < 2 * kernel + 4 * 1024 * 1024,
                 qPrintable(QStringLiteral("%1 bytes of refused requests taken, kernel buffers "
                                           "hold at most %2")
                                .arg(taken())
                                .arg(kernel)));
        // Reading the answers lets the proxy read on: more leaves the client, and every answer
        // read is the refusal.
        const qint64 before = taken();
        QByteArray answers; // the unread tail: a read may end inside a status line
        int refusals = 0;
        QList<QByteArray> others;
        QElapsedTimer t;
        t.start();
        while (taken() < before + 4 * 1024 * 1024 && t.elapsed() < 20000) {
            QTest::qWait(20); // (the proxy runs on this thread)
            answers += client.readAll();
            qsizetype at = 0, next;
            while ((next = answers.indexOf("HTTP/1.1 ", at)) >= 0 && answers.size() >= next + 12) {
                const QByteArray status = answers.mid(next + 9, 3);
                if (status == "403")
                    ++refusals;
                else
                    others.append(status);
                at = next + 12;
            }
            answers.remove(0, at);
        }
        QVERIFY2(taken() >= before + 4 * 1024 * 1024, qPrintable(QString::number(taken())));
        QVERIFY(refusals > 0);
        QVERIFY2(others.isEmpty(), others.join(' ').constData());
        QCOMPARE(upstream.requestCount(), 0);
    }

    void acceptRetriesAfterRunningOutOfDescriptors()
    {
        FakeUpstream upstream;
        upstream.setWorking();
        ProxyRig rig;
        rig.add(upstream, QStringLiteral("only"));
        rig.start();
        HttpClient *warm = rig.post(this); // the upstream connection is pooled and open now
        QVERIFY(waitFor(warm));
        rlimit saved{};
        QVERIFY(getrlimit(RLIMIT_NOFILE, &saved) == 0);
        auto restore = qScopeGuard([&] { setrlimit(RLIMIT_NOFILE, &saved); });
        // Every descriptor below a lowered limit taken but one: the client's socket takes that
        // one, so the proxy's accept() fails with EMFILE.
        int highest = 0;
        for (const QString &fd : QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files))
            highest = qMax(highest, fd.toInt());
        rlimit tight = saved;
        tight.rlim_cur = rlim_t(highest + 8);
        QVERIFY(setrlimit(RLIMIT_NOFILE, &tight) == 0);
        std::vector<int> fillers;
        auto closeFillers = qScopeGuard([&] {
            for (int fd : fillers)
                ::close(fd);
        });
        for (int fd; (fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC)) >= 0;)
            fillers.push_back(fd);
        QVERIFY(!fillers.empty());
        ::close(fillers.back());
        fillers.pop_back();
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, rig.port());
        QVERIFY(client.waitForConnected(3000));
        client.write("GET /__qcc__/health HTTP/1.1\r\nHost: 127.0.0.1:" +
                     QByteArray::number(rig.port()) + "\r\n\r\n");
        // accept() fails, and fails again on each retry, without spinning: Qt's own accept
        // loop retried at once, burning a core while descriptors were short.
        auto cpuMs = [] {
            rusage u{};
            getrusage(RUSAGE_SELF, &u);
            return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 +
                   (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
        };
        const auto cpuBefore = cpuMs();
        QTest::qWait(600);
        const auto cpuUsed = cpuMs() - cpuBefore;
        QVERIFY2(cpuUsed < 300, qPrintable(QStringLiteral("%1 ms of CPU in 600 ms").arg(cpuUsed)));
        QCOMPARE(client.bytesAvailable(), qint64(0));
        closeFillers.dismiss();
        for (int fd : fillers)
            ::close(fd);
        restore.dismiss();
        QVERIFY(setrlimit(RLIMIT_NOFILE, &saved) == 0);
        // The next retry accepts it, and it is served.
        QTRY_VERIFY_WITH_TIMEOUT(client.bytesAvailable() > 0 || client.waitForReadyRead(50), 3000);
        const QByteArray answer = client.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
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
        // The epoll backend's raw sockets cost a few hundred bytes each; the portable backend's
        // QTcpSocket (a QObject, its private part, a socket engine and its notifiers) more.
        const double bound = qstrcmp(NetBackend::name(), "qt") == 0 ? 8.0 : 4.0;
        QVERIFY2(
            perConnection < bound,
            qPrintable(QStringLiteral("idle connections cost more than %1 KiB each").arg(bound)));

        // A normal request is still served while they are all open.
        HttpClient *ok = rig.post(this);
        QVERIFY(waitFor(ok, 30000));
        QCOMPARE(ok->status, 200);
    }
};

QCC_TEST_MAIN(TestLimits)
#include "tst_limits.moc"
