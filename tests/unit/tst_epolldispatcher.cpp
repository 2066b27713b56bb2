// The event dispatcher qccd runs on: Qt's timers, socket notifiers, posted events, nested loops
// and wake-ups from other threads, and the epoll backend's poller sharing its epoll set. Runs
// with the dispatcher installed, as qccd does. Epoll machinery: only the epoll build has it.
#include "net/epoll/epolldispatcher.h"
#include "net/epoll/epollpoller.h"

#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <thread>

using namespace qcc;

namespace {
struct Pair
{
    int fd[2] = {-1, -1};
    Pair() { socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fd); }
    ~Pair()
    {
        ::close(fd[0]);
        ::close(fd[1]);
    }
};

//! A watched descriptor's events (epollEvent) and the reactor's calls (posted(): events 0).
class Recorder final : public Reactor::Handler, public EpollPoller::Watcher
{
public:
    std::function<void(quint32)> onReady;
    int calls = 0;
    void epollEvent(quint32 events) override
    {
        ++calls;
        if (onReady)
            onReady(events);
    }
    void posted() override { epollEvent(0); }
    void deadlineExpired() override
    {
        ++deadlines;
        if (onDeadline)
            onDeadline();
    }
    int deadlines = 0;
    std::function<void()> onDeadline;
};

//! A reactor and the poller of this thread's dispatcher (the first one made takes its set).
struct Backend
{
    Reactor reactor;
    EpollPoller poller{&reactor,
                       qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance())};
    bool watch(int fd, EpollPoller::Watcher *w) { return poller.watch(fd, w); }
    void unwatch(int fd) { poller.unwatch(fd); }
    void post(Reactor::Handler *h) { reactor.post(h); }
    void setDeadline(Reactor::Handler *h, qint64 ms) { reactor.setDeadline(h, ms); }
};

//! Watches the pair's first end with \a r, past the writability every new watch reports.
void watchQuietly(Backend &reactor, Pair &p, Recorder &r)
{
    QVERIFY(reactor.watch(p.fd[0], &r));
    QTest::qWait(20);
    r.calls = 0;
}

class TimerCounter final : public QObject
{
public:
    QList<int> fired;
    std::function<void(int)> onTimer;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        fired.append(event->timerId());
        if (onTimer)
            onTimer(event->timerId());
    }
};
} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isInstalled()
    {
        QVERIFY(qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance()));
    }

    void awakeAndAboutToBlockReachTheirListeners()
    {
        // Emitted only while someone listens (they cost a trip through Qt's signal machinery
        // twice a pass), but then on every pass: before it sleeps, and when it wakes.
        auto *d = QAbstractEventDispatcher::instance();
        int awake = 0, blocking = 0;
        auto a = connect(d, &QAbstractEventDispatcher::awake, [&awake] { ++awake; });
        auto b = connect(d, &QAbstractEventDispatcher::aboutToBlock, [&blocking] { ++blocking; });
        bool fired = false;
        QTimer::singleShot(10, [&fired] { fired = true; });
        while (!fired)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QVERIFY(blocking >= 1);
        QVERIFY(awake >= blocking);
        disconnect(a);
        disconnect(b);
        awake = blocking = 0;
        fired = false;
        QTimer::singleShot(10, [&fired] { fired = true; });
        while (!fired)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCOMPARE(awake, 0);
        QCOMPARE(blocking, 0);
    }

    void singleShotAndRepeatingTimers()
    {
        int single = 0, repeats = 0;
        QTimer::singleShot(30, this, [&] { ++single; });
        QTimer repeating;
        repeating.setInterval(10);
        connect(&repeating, &QTimer::timeout, this, [&] { ++repeats; });
        QElapsedTimer clock;
        clock.start();
        repeating.start();
        QTRY_COMPARE(single, 1);
        // Not before its time.
        QVERIFY2(clock.elapsed() >= 29, qPrintable(QString::number(clock.elapsed())));
        QTRY_VERIFY(repeats >= 5);
        repeating.stop();
        const int stopped = repeats;
        QTest::qWait(50);
        QCOMPARE(repeats, stopped);
        QCOMPARE(single, 1);
    }

    void zeroTimersRunEveryPass()
    {
        int n = 0;
        QTimer zero;
        zero.setInterval(0);
        connect(&zero, &QTimer::timeout, this, [&] {
            if (++n == 100)
                zero.stop();
        });
        zero.start();
        QTRY_COMPARE(n, 100);
    }

    void killedAndRestartedTimers()
    {
        TimerCounter counter;
        const int a = counter.startTimer(5);
        const int b = counter.startTimer(5);
        // a kills b from its own event: b must not fire in the same pass after that.
        counter.onTimer = [&](int id) {
            if (id == a) {
                counter.killTimer(b);
                counter.killTimer(a);
            }
        };
        QTRY_VERIFY(counter.fired.contains(a));
        QTest::qWait(30);
        QCOMPARE(counter.fired.count(a), 1);
        QVERIFY(counter.fired.count(b) <= 1); // b may have gone first, never after its kill
        auto *dispatcher = QAbstractEventDispatcher::instance();
        QCOMPARE(dispatcher->remainingTime(a), -1);
        const int c = counter.startTimer(10000);
        const int left = dispatcher->remainingTime(c);
        QVERIFY2(left > 9000 && left <= 10000, qPrintable(QString::number(left)));
        const auto infos = dispatcher->registeredTimers(&counter);
        QCOMPARE(infos.size(), 1);
        QCOMPARE(infos.first().timerId, c);
        QCOMPARE(infos.first().interval, 10000);
        counter.killTimer(c);
        QVERIFY(dispatcher->registeredTimers(&counter).isEmpty());
    }

    void nestedLoopDoesNotRefireTheRunningTimer()
    {
        TimerCounter counter;
        int other = 0;
        QTimer otherTimer;
        otherTimer.setInterval(2);
        connect(&otherTimer, &QTimer::timeout, this, [&] { ++other; });
        otherTimer.start();
        int id = -1;
        int depth = 0, maxDepth = 0;
        counter.onTimer = [&](int) {
            ++depth;
            maxDepth = qMax(maxDepth, depth);
            if (counter.fired.size() == 1) {
                // A nested loop: other timers go on, this one waits for its handler to end.
                QEventLoop loop;
                QTimer::singleShot(40, &loop, &QEventLoop::quit);
                loop.exec();
            }
            --depth;
        };
        id = counter.startTimer(1);
        QTRY_VERIFY(counter.fired.size() >= 3);
        counter.killTimer(id);
        QCOMPARE(maxDepth, 1);
        QVERIFY(other >= 5);
    }

    void socketNotifierReadAndWrite()
    {
        Pair p;
        QSocketNotifier reader(p.fd[0], QSocketNotifier::Read);
        QSocketNotifier writer(p.fd[1], QSocketNotifier::Write);
        int reads = 0, writes = 0;
        QByteArray got;
        connect(&reader, &QSocketNotifier::activated, this, [&] {
            ++reads;
            char buf[64];
            const ssize_t n = ::read(p.fd[0], buf, sizeof buf);
            if (n > 0)
                got.append(buf, n);
        });
        connect(&writer, &QSocketNotifier::activated, this, [&] {
            ++writes;
            QCOMPARE(::write(p.fd[1], "ping", 4), ssize_t(4));
            writer.setEnabled(false); // level-triggered: without this it fires on every pass
        });
        QTRY_COMPARE(got, QByteArray("ping"));
        QCOMPARE(writes, 1);
        reader.setEnabled(false);
        QCOMPARE(::write(p.fd[1], "more", 4), ssize_t(4));
        QTest::qWait(30);
        QCOMPARE(got, QByteArray("ping")); // disabled: not told
        reader.setEnabled(true);
        QTRY_COMPARE(got, QByteArray("pingmore"));
    }

    void qtSocketsWork()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QByteArray echoed;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            QTcpSocket *s = server.nextPendingConnection();
            connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
        });
        QTcpSocket client;
        connect(&client, &QTcpSocket::readyRead, this, [&] { echoed += client.readAll(); });
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QVERIFY(client.waitForConnected(5000));
        const QByteArray big(256 * 1024, 'x');
        client.write(big);
        QTRY_COMPARE(echoed.size(), big.size());
        QCOMPARE(echoed, big);
    }

    void wakeUpFromAnotherThread()
    {
        // No timer of ours is due: only the wake-up can end the wait.
        bool arrived = false;
        QThread *thread = QThread::create([this, &arrived] {
            QThread::msleep(50);
            QMetaObject::invokeMethod(
                this, [&arrived] { arrived = true; }, Qt::QueuedConnection);
        });
        thread->start();
        QElapsedTimer clock;
        clock.start();
        while (!arrived && clock.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QVERIFY(arrived);
        QVERIFY(thread->wait(5000));
        delete thread;
    }

    void exitEndsANestedLoopWithItsCode()
    {
        QEventLoop loop;
        QTimer::singleShot(10, &loop, [&loop] { loop.exit(7); });
        QCOMPARE(loop.exec(), 7);
    }

    void deleteLaterRuns()
    {
        QPointer<QObject> doomed = new QObject;
        doomed->deleteLater();
        QTRY_VERIFY(doomed.isNull());
    }

    void reactorSharesTheSet()
    {
        Backend reactor;
        Pair p;
        Recorder first, second;
        QVERIFY(reactor.watch(p.fd[0], &first));
        first.onReady = [&](quint32 events) {
            if (events == 0)
                return;
            char buf[16];
            while (::read(p.fd[0], buf, sizeof buf) > 0) {
            }
            reactor.post(&second);
        };
        QTest::qWait(20); // (watch() reports the socket writable once)
        first.calls = second.calls = 0;
        QCOMPARE(::write(p.fd[1], "x", 1), ssize_t(1));
        // The pass that delivers the socket event also runs what it posted, before it returns.
        QElapsedTimer clock;
        clock.start();
        while (first.calls == 0 && clock.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCOMPARE(first.calls, 1);
        QCOMPARE(second.calls, 1);
        // That pass left nothing to do: the next one sleeps until there is something (the timer
        // here), rather than returning at once having done nothing (an epoll_wait(0) more per
        // request on an idle-ish proxy).
        bool fired = false;
        QTimer::singleShot(30, [&fired] { fired = true; });
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QVERIFY(fired);

        // Deadlines run off the dispatcher's timers.
        reactor.setDeadline(&second, 20);
        QTRY_COMPARE(second.deadlines, 1);
        reactor.unwatch(p.fd[0]);
    }

    void excludedSocketEventsAreKeptNotLost()
    {
        Backend reactor;
        Pair p;
        Recorder r;
        watchQuietly(reactor, p, r);
        QCOMPARE(::write(p.fd[1], "x", 1), ssize_t(1));
        for (int i = 0; i < 5 && r.calls == 0; ++i) {
            QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
            QThread::msleep(5);
        }
        // (Edge-triggered: the event was taken from epoll while excluded.)
        QCOMPARE(r.calls, 0);
        QCoreApplication::processEvents();
        QCOMPARE(r.calls, 1);
        reactor.unwatch(p.fd[0]);
    }

    void spinWindowGrowsWithQuickSleepsAndDiesWithLongOnes()
    {
        SpinWindow w;
        QCOMPARE(w.ns(), 0);
        w.slept(SpinWindow::kMaxNs + 1); // idle stays idle
        QCOMPARE(w.ns(), 0);
        w.slept(20'000);
        QCOMPARE(w.ns(), SpinWindow::kMinNs);
        w.slept(SpinWindow::kMaxNs); // (within the bound counts as quick)
        QCOMPARE(w.ns(), 2 * SpinWindow::kMinNs);
        w.slept(1'000);
        QCOMPARE(w.ns(), SpinWindow::kMaxNs);
        w.slept(1'000);
        QCOMPARE(w.ns(), SpinWindow::kMaxNs); // capped
        w.slept(1'000'000);
        QCOMPARE(w.ns(), SpinWindow::kMaxNs / 2);
        w.slept(1'000'000);
        QCOMPARE(w.ns(), SpinWindow::kMinNs);
        w.slept(1'000'000);
        QCOMPARE(w.ns(), 0);
    }

    void aPollingPassDeliversAndAnIdleLoopStopsPolling()
    {
        auto *d = qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance());
        QVERIFY(d);
        auto pollFully = [d] {
            for (int i = 0; i < 3; ++i)
                d->spinWindow().slept(0);
            QCOMPARE(d->spinWindow().ns(), SpinWindow::kMaxNs);
        };
        Backend reactor;
        Pair p;
        Recorder r;
        watchQuietly(reactor, p, r);

        // An event already waiting: the first poll finds it; the window stays.
        pollFully();
        QCOMPARE(::write(p.fd[1], "x", 1), ssize_t(1));
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QCOMPARE(r.calls, 1);
        QCOMPARE(d->spinWindow().ns(), SpinWindow::kMaxNs);

        // An event from another thread, well after the poll gave up: the sleep gets it, and
        // having slept long, the loop polls half as long next time.
        // (A std::thread: its join is a synchronisation ThreadSanitizer sees, unlike
        // QThread::wait() in Debian's uninstrumented Qt.)
        ssize_t written = 0;
        std::thread writer([&p, &written] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            written = ::write(p.fd[1], "y", 1);
        });
        QElapsedTimer clock;
        clock.start();
        while (r.calls == 1 && clock.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        writer.join();
        QCOMPARE(written, ssize_t(1));
        QCOMPARE(r.calls, 2);
        QVERIFY(d->spinWindow().ns() <= SpinWindow::kMaxNs / 2);

        // An idle loop (only a timer to wait for) stops polling within two more sleeps.
        for (int i = 0; i < 3; ++i) {
            bool fired = false;
            QTimer::singleShot(5, [&fired] { fired = true; });
            while (!fired)
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        }
        QCOMPARE(d->spinWindow().ns(), 0);
        reactor.unwatch(p.fd[0]);
    }

    void secondPollerUsesItsOwnSet()
    {
        Backend shared; // the first one on this thread takes the dispatcher's set
        Backend own;
        Pair p;
        Recorder r;
        watchQuietly(own, p, r);
        QCOMPARE(::write(p.fd[1], "x", 1), ssize_t(1));
        QTRY_COMPARE(r.calls, 1);
        own.unwatch(p.fd[0]);
    }
};

int main(int argc, char **argv)
{
    QCoreApplication::setEventDispatcher(new EpollDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher tc;
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_epolldispatcher.moc"
