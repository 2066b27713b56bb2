// Two real qcc-tray processes: the second hands --open to the first and exits 0.
#include "support/fakeupstream.h"
#include "support/testutil.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace qcc::test;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondLaunchOpensWindowInFirst()
    {
        QTemporaryDir dir;
        FakeUpstream upstream;
        QFile cfg(dir.filePath(QStringLiteral("config.json")));
        QVERIFY(cfg.open(QIODevice::WriteOnly));
        cfg.write(
            QStringLiteral(
                R"({"version":1,"listen":{"host":"127.0.0.1","port":0},"clusters":[{"name":"default","endpoints":[{"name":"a","base_url":"%1"}]}]})")
                .arg(upstream.baseUrl())
                .toUtf8());
        cfg.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("xdg")));
        env.insert(QStringLiteral("QCC_INSTANCE_NAME"),
                   QStringLiteral("qcc-test-%1").arg(QCoreApplication::applicationPid()));
        const QStringList args = {QStringLiteral("--config"), cfg.fileName(),
                                  QStringLiteral("--state-dir"),
                                  dir.filePath(QStringLiteral("state"))};

        QProcess first;
        first.setProcessEnvironment(env);
        first.start(binaryPath(QStringLiteral("qcc-tray")), args);
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += first.readAllStandardOutput()).contains("listening on"),
                                 10000);

        QProcess second;
        second.setProcessEnvironment(env);
        second.start(binaryPath(QStringLiteral("qcc-tray")),
                     args + QStringList{QStringLiteral("--open"), QStringLiteral("failed-nodes")});
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 10000);
        QCOMPARE(second.exitCode(), 0);
        QVERIFY(second.readAllStandardOutput().contains("already running"));
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT(
            (log += first.readAllStandardError()).contains("opening window failed-nodes"), 5000);
        QCOMPARE(first.state(), QProcess::Running); // the first one carries on

        // a bad --open value is an error, before any hand-off
        QProcess bad;
        bad.setProcessEnvironment(env);
        bad.start(binaryPath(QStringLiteral("qcc-tray")),
                  {QStringLiteral("--open"), QStringLiteral("kitchen")});
        QTRY_COMPARE_WITH_TIMEOUT(bad.state(), QProcess::NotRunning, 10000);
        QCOMPARE(bad.exitCode(), 2);

        first.terminate(); // SIGTERM, or WM_CLOSE on Windows
        if (!first.waitForFinished(10000))
            first.kill();
        QCOMPARE(first.state(), QProcess::NotRunning);
    }
};

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
