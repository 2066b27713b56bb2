// The real qcc-tray started on a config file it cannot use: it says why (in its log and in a
// window), runs no proxy meanwhile, and starts the proxy once the file is fixed.
#include "support/fakeupstream.h"
#include "support/httpclient.h"
#include "support/testutil.h"

#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace qcc::test;

namespace {
QByteArray configWith(const QString &baseUrl)
{
    return QStringLiteral(
               R"({"version":1,"listen":{"host":"127.0.0.1","port":0},"clusters":[{"name":"default",)"
               R"("endpoints":[{"name":"中转","base_url":"%1","api_key":"sk-fake-tray-0000000000"}]}],)"
               R"("verify":{"interval_ms":3600000}})")
        .arg(baseUrl)
        .toUtf8();
}

void writeLikeAnEditor(const QString &path, const QByteArray &data)
{
    QSaveFile f(path); // a new file renamed over the old one, as most editors save
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    QVERIFY(f.commit());
}
} // namespace

class TestTrayStartup : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QProcessEnvironment env(const QString &instance) const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        e.insert(QStringLiteral("HOME"), m_dir.path());
        e.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("xdg")));
        e.insert(QStringLiteral("QCC_NO_KEYCHAIN"), QStringLiteral("1"));
        e.insert(
            QStringLiteral("QCC_INSTANCE_NAME"),
            QStringLiteral("qcc-test-%1-%2").arg(QCoreApplication::applicationPid()).arg(instance));
        return e;
    }
    QStringList args(const QString &config) const
    {
        return {QStringLiteral("--config"), config, QStringLiteral("--state-dir"),
                m_dir.filePath(QStringLiteral("state"))};
    }

private Q_SLOTS:
    void invalidConfigWaitsForAFix()
    {
        FakeUpstream upstream;
        const QString cfg = m_dir.filePath(QStringLiteral("input/fix.json"));
        QVERIFY(QDir().mkpath(QFileInfo(cfg).absolutePath()));
        writeLikeAnEditor(cfg, configWith(QStringLiteral("not a url")));

        QProcess tray;
        tray.setProcessEnvironment(env(QStringLiteral("fix")));
        tray.start(binaryPath(QStringLiteral("qcc-tray")), args(cfg));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += tray.readAllStandardError())
                                     .contains("clusters[0].endpoints[0].base_url: not an "
                                               "http(s) URL"),
                                 10000);
        // It is up (a second launch hands over to it) and serves nothing yet.
        QProcess second;
        second.setProcessEnvironment(env(QStringLiteral("fix")));
        second.start(binaryPath(QStringLiteral("qcc-tray")), args(cfg));
        QTRY_COMPARE_WITH_TIMEOUT(second.state(), QProcess::NotRunning, 10000);
        QVERIFY(second.readAllStandardOutput().contains("already running"));
        QCOMPARE(tray.state(), QProcess::Running);
        QByteArray out = tray.readAllStandardOutput();
        QVERIFY(!out.contains("listening on"));

        writeLikeAnEditor(cfg, configWith(upstream.baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT((out += tray.readAllStandardOutput()).contains("listening on"),
                                 10000);
        const int at = out.indexOf("listening on http://127.0.0.1:") + 30;
        const quint16 port = quint16(out.mid(at, out.indexOf('\n', at) - at).toUInt());
        QVERIFY(port != 0);
        HttpClient c;
        c.send(port, "POST", "/v1/messages", {{"content-type", "application/json"}},
               R"({"model":"x","max_tokens":8,"messages":[{"role":"user","content":"hi"}]})");
        QTRY_VERIFY(c.done());
        QCOMPARE(c.status, 200);
        QCOMPARE(upstream.requestCount(), 1);

        tray.terminate();
        QVERIFY(tray.waitForFinished(10000));
        QCOMPARE(tray.exitCode(), 0);
    }

    // Quit while the file is still invalid (here SIGTERM, as at logout): status 2, no proxy.
    void quitBeforeAFixExitsWithTwo()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("input/broken.json"));
        QVERIFY(QDir().mkpath(QFileInfo(cfg).absolutePath()));
        writeLikeAnEditor(cfg, "{\"version\":1,");
        QProcess tray;
        tray.setProcessEnvironment(env(QStringLiteral("quit")));
        tray.start(binaryPath(QStringLiteral("qcc-tray")), args(cfg));
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += tray.readAllStandardError()).contains("invalid JSON"),
                                 10000);
        tray.terminate();
        QVERIFY(tray.waitForFinished(10000));
        QCOMPARE(tray.exitStatus(), QProcess::NormalExit);
        QCOMPARE(tray.exitCode(), 2);
        QVERIFY(!tray.readAllStandardOutput().contains("listening on"));
    }
};

QTEST_GUILESS_MAIN(TestTrayStartup)
#include "tst_traystartup.moc"
