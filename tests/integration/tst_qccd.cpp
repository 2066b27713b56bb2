// Drives the real qccd binary as a separate process.
#include "support/fakeupstream.h"
#include "support/httpclient.h"
#include "support/testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h> // umask (a Linux-only test)

#include <csignal>

using namespace qcc;
using namespace qcc::test;

namespace {
const QByteArray kBody =
    R"({"model":"x","max_tokens":8,"messages":[{"role":"user","content":"hi"}]})";
const QByteArray kStream =
    R"({"model":"x","max_tokens":8,"stream":true,"messages":[{"role":"user","content":"hi"}]})";
const QString kPrimaryKey = QStringLiteral("sk-fake-api03-PRIMARYSECRETKEY0000000000");
const QString kSecondaryKey = QStringLiteral("sk-fake-api03-SECONDARYSECRETKEY000000000");

struct Daemon
{
    QProcess process;
    quint16 port = 0;
    QByteArray stdoutText;

    bool start(const QStringList &args,
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        process.setProcessEnvironment(env);
        process.start(binaryPath(QStringLiteral("qccd")), args);
        if (!process.waitForStarted(5000))
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 10000) {
            process.waitForReadyRead(100);
            stdoutText += process.readAllStandardOutput();
            const auto i = stdoutText.indexOf("listening on http://127.0.0.1:");
            if (i >= 0 && stdoutText.indexOf('\n', i) > 0) {
                port =
                    quint16(stdoutText.mid(i + 30, stdoutText.indexOf('\n', i) - i - 30).toUInt());
                return port != 0;
            }
            if (process.state() == QProcess::NotRunning)
                return false;
        }
        return false;
    }
    void signal(int signo)
    {
        const qint64 pid = process.processId();
        if (pid > 0) // never 0: that would signal our own process group
            ::kill(pid_t(pid), signo);
    }
    int stop(int signo = SIGTERM)
    {
        signal(signo);
        if (process.state() != QProcess::NotRunning && !process.waitForFinished(40000))
            return -1;
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    }
    ~Daemon()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished();
        }
    }
};

QJsonObject stats(quint16 port)
{
    const ClientResponse r = httpRequest(port, "GET", "/__qcc__/stats");
    return QJsonDocument::fromJson(r.body).object();
}

QByteArray configFor(const QList<std::tuple<QString, QString, QString, QString>> &endpoints,
                     int port = 0)
{
    QJsonArray eps;
    for (const auto &[name, url, key, tier] : endpoints)
        eps.append(QJsonObject{{QStringLiteral("name"), name},
                               {QStringLiteral("base_url"), url},
                               {QStringLiteral("api_key"), key},
                               {QStringLiteral("tier"), tier}});
    QJsonObject o{{QStringLiteral("version"), 1},
                  {QStringLiteral("listen"),
                   QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                               {QStringLiteral("port"), port}}},
                  {QStringLiteral("clusters"),
                   QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("default")},
                                          {QStringLiteral("endpoints"), eps}}}}};
    return QJsonDocument(o).toJson();
}

//! Writes a test input (configs hold plaintext keys; the redaction scan skips input/ folders).
void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}
} // namespace

class TestQccd : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp()
    {
        QProcess p;
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains(QCC_VERSION));
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished());
        const QByteArray help = p.readAllStandardOutput();
        for (const char *opt : {"--config", "--listen", "--port", "--state-dir", "--log-level",
                                "--check-config", "--claude-code", "--version"})
            QVERIFY2(help.contains(opt), opt);
    }

    void checkConfig()
    {
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        const QString good = dir.filePath(QStringLiteral("input/good.json")),
                      bad = dir.filePath(QStringLiteral("input/bad.json"));
        write(good, configFor({{QStringLiteral("a"), QStringLiteral("https://a.example"),
                                kPrimaryKey, QStringLiteral("primary")}}));
        write(bad, configFor({{QStringLiteral("a"), QStringLiteral("https://a.example"),
                               kPrimaryKey, QStringLiteral("primary")},
                              {QStringLiteral("b"), QStringLiteral("not a url"), kPrimaryKey,
                               QStringLiteral("gold")}}));
        QProcess p;
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--check-config"), good});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 0);
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--check-config"), bad});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 2);
        const QStringList lines =
            QString::fromUtf8(p.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(
            lines,
            (QStringList{
                QStringLiteral("clusters[0].endpoints[1].base_url: not an http(s) URL"),
                QStringLiteral("clusters[0].endpoints[1].tier: must be primary or secondary")}));
    }

    // A key that cannot be had (a variable unset where qccd was started, none set) is a
    // warning, not an invalid file: that endpoint is no_key, the others serve.
    void missingKeysAreWarningsAndTheOthersServe()
    {
        FakeUpstream upstream;
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        QByteArray mixed = configFor(
            {{QStringLiteral("变量"), upstream.baseUrl(), QString(), QStringLiteral("primary")},
             {QStringLiteral("b"), upstream.baseUrl(), kPrimaryKey, QStringLiteral("secondary")}});
        mixed.replace("\"api_key\": \"\"", "\"api_key_env\": \"QCC_TEST_UNSET_KEY\"");
        QVERIFY(mixed.contains("QCC_TEST_UNSET_KEY"));
        const QString mixedPath = dir.filePath(QStringLiteral("input/mixed.json"));
        const QString nonePath = dir.filePath(QStringLiteral("input/none.json"));
        write(mixedPath, mixed);
        QByteArray none = configFor(
            {{QStringLiteral("a"), upstream.baseUrl(), QString(), QStringLiteral("primary")}});
        none.replace("\"api_key\": \"\"", "\"api_key_env\": \"QCC_TEST_UNSET_KEY\"");
        write(nonePath, none);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QCC_TEST_UNSET_KEY"));
        const QString warning =
            QStringLiteral("warning: clusters[0].endpoints[0] (变量): no key: environment variable "
                           "QCC_TEST_UNSET_KEY is not set");

        QProcess p;
        p.setProcessEnvironment(env);
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--check-config"), mixedPath});
        QVERIFY(p.waitForFinished());
        QCOMPARE(QString::fromUtf8(p.readAllStandardError()).trimmed(), warning);
        QCOMPARE(p.exitCode(), 0);
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--check-config"), nonePath});
        QVERIFY(p.waitForFinished());
        QCOMPARE(QString::fromUtf8(p.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts),
                 (QStringList{
                     QStringLiteral("warning: clusters[0].endpoints[0] (a): no key: environment "
                                    "variable QCC_TEST_UNSET_KEY is not set"),
                     QStringLiteral("no enabled endpoint of the active cluster \"default\" has "
                                    "a key")}));
        QCOMPARE(p.exitCode(), 2);

        {
            Daemon d;
            QVERIFY(d.start({QStringLiteral("--config"), mixedPath, QStringLiteral("--state-dir"),
                             dir.filePath(QStringLiteral("state"))},
                            env));
            const ClientResponse r = httpRequest(d.port, "POST", "/v1/messages",
                                                 {{"content-type", "application/json"}}, kBody);
            QCOMPARE(r.status, 200);
            QCOMPARE(upstream.requestCount(), 1);
            QVERIFY(upstream.requests().last().header("x-api-key") == kPrimaryKey.toUtf8());
            const QJsonArray eps = stats(d.port).value(QStringLiteral("endpoints")).toArray();
            QCOMPARE(eps[0].toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("no_key"));
            QCOMPARE(eps[0].toObject().value(QStringLiteral("key_problem")).toString(),
                     QStringLiteral("environment variable QCC_TEST_UNSET_KEY is not set"));
            QCOMPARE(eps[1].toObject().value(QStringLiteral("status")).toString(),
                     QStringLiteral("healthy"));
            QVERIFY(eps[1].toObject().value(QStringLiteral("key_problem")).isNull());
            QCOMPARE(d.stop(), 0);
        }
        QFile log(dir.filePath(QStringLiteral("state/qccd.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(log.readAll()).contains(QStringLiteral("endpoint 变量 (ep-")));
        {
            // None has a key: qccd still starts (a SIGHUP after the fix needs no restart) and
            // says why it cannot serve.
            Daemon d;
            QVERIFY(d.start({QStringLiteral("--config"), nonePath, QStringLiteral("--state-dir"),
                             dir.filePath(QStringLiteral("state"))},
                            env));
            const ClientResponse r = httpRequest(d.port, "POST", "/v1/messages",
                                                 {{"content-type", "application/json"}}, kBody);
            QCOMPARE(r.status, 503);
            QVERIFY2(r.body.contains("no enabled endpoint of the active cluster has a key (a: "
                                     "environment variable QCC_TEST_UNSET_KEY is not set)"),
                     r.body.constData());
            QCOMPARE(upstream.requestCount(), 1);
            QCOMPARE(d.stop(), 0);
        }
    }

    // "Use this endpoint": POST /__qcc__/pick, shown in stats, kept across a restart.
    void pickThroughTheLocalApiSurvivesRestart()
    {
        FakeUpstream primary, secondary;
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        const QString cfg = dir.filePath(QStringLiteral("input/pick.json"));
        write(cfg, configFor({{QStringLiteral("主节点"), primary.baseUrl(), kPrimaryKey,
                               QStringLiteral("primary")},
                              {QStringLiteral("备用"), secondary.baseUrl(), kSecondaryKey,
                               QStringLiteral("secondary")}}));
        const QStringList args = {QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"),
                                  dir.filePath(QStringLiteral("state"))};
        const HeaderList json = {{"content-type", "application/json"}};
        QString secondaryId;
        {
            Daemon d;
            QVERIFY(d.start(args));
            QCOMPARE(stats(d.port).value(QStringLiteral("picked")).isNull(), true);
            ClientResponse r = httpRequest(d.port, "POST", "/__qcc__/pick", json,
                                           QStringLiteral(R"({"endpoint":"备用"})").toUtf8());
            QCOMPARE(r.status, 200);
            secondaryId =
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("picked")).toString();
            QVERIFY2(secondaryId.startsWith(QLatin1String("ep-")), r.body.constData());
            for (int i = 0; i < 3; ++i)
                QCOMPARE(httpRequest(d.port, "POST", "/v1/messages", json, kBody).status, 200);
            QCOMPARE(secondary.requestCount(), 3);
            QCOMPARE(primary.requestCount(), 0);
            const QJsonObject s = stats(d.port);
            QCOMPARE(s.value(QStringLiteral("picked")).toString(), secondaryId);
            QVERIFY(s.value(QStringLiteral("pick_ignored")).isNull());
            // refusals name the problem
            r = httpRequest(d.port, "POST", "/__qcc__/pick", json, R"({"endpoint":"nope"})");
            QCOMPARE(r.status, 400);
            QVERIFY2(r.body.contains("no endpoint with id or name nope"), r.body.constData());
            r = httpRequest(d.port, "POST", "/__qcc__/pick", json, "not json");
            QCOMPARE(r.status, 400);
            r = httpRequest(d.port, "GET", "/__qcc__/pick");
            QCOMPARE(r.status, 405);
            QCOMPARE(stats(d.port).value(QStringLiteral("picked")).toString(), secondaryId);
            QCOMPARE(d.stop(), 0);
        }
        {
            Daemon d; // the pick is in the state dir, not the config
            QVERIFY(d.start(args));
            QCOMPARE(stats(d.port).value(QStringLiteral("picked")).toString(), secondaryId);
            QCOMPARE(httpRequest(d.port, "POST", "/v1/messages", json, kBody).status, 200);
            QCOMPARE(secondary.requestCount(), 4);
            // the pick fails: failover as usual, and stats say why it is not honoured
            secondary.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
            QCOMPARE(httpRequest(d.port, "POST", "/v1/messages", json, kBody).status, 200);
            QCOMPARE(primary.requestCount(), 1);
            QCOMPARE(stats(d.port).value(QStringLiteral("pick_ignored")).toString(),
                     QStringLiteral("it is isolated"));
            const ClientResponse r =
                httpRequest(d.port, "POST", "/__qcc__/pick", json, R"({"endpoint":null})");
            QCOMPARE(r.status, 200);
            QVERIFY(stats(d.port).value(QStringLiteral("picked")).isNull());
            QCOMPARE(d.stop(), 0);
        }
    }

    void refusesToStartWrongly()
    {
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        const QString cfg = dir.filePath(QStringLiteral("input/c.json"));
        write(cfg, configFor({{QStringLiteral("a"), QStringLiteral("https://a.example"),
                               kPrimaryKey, QStringLiteral("primary")}}));
        // a port in use: exit 1, naming the port
        QTcpServer taken;
        QVERIFY(taken.listen(QHostAddress::LocalHost, 0));
        QProcess p;
        p.start(binaryPath(QStringLiteral("qccd")),
                {QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"), dir.path(),
                 QStringLiteral("--port"), QString::number(taken.serverPort())});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains(QByteArray(
            "port " + QByteArray::number(taken.serverPort()) + " on 127.0.0.1 is already in use")));
        // a public address without an access token: exit 2
        p.start(binaryPath(QStringLiteral("qccd")),
                {QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"), dir.path(),
                 QStringLiteral("--listen"), QStringLiteral("0.0.0.0")});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(
            p.readAllStandardError().contains("listen.host: 0.0.0.0 is not a loopback address"));
        // a bad option value, an unknown option, a missing value: exit 2, with a reason
        for (const QStringList &bad :
             {QStringList{QStringLiteral("--port"), QStringLiteral("http")},
              QStringList{QStringLiteral("--bogus")}, QStringList{QStringLiteral("--port")},
              QStringList{QStringLiteral("--log-level"), QStringLiteral("loud")}}) {
            p.start(binaryPath(QStringLiteral("qccd")), bad);
            QVERIFY(p.waitForFinished());
            QCOMPARE(p.exitCode(), 2);
            QVERIFY(!p.readAllStandardError().isEmpty());
        }
    }

    // Exposure on the network: a listen address that is not loopback needs an access token,
    // whether it comes from the file or the command line, and the refusal names the field.
    void nonLoopbackListenNeedsAToken_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("viaOption");
        QTest::newRow("0.0.0.0 in the file") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow(":: in the file") << QStringLiteral("::") << false;
        QTest::newRow("LAN address in the file") << QStringLiteral("192.168.1.10") << false;
        QTest::newRow(":: by --listen") << QStringLiteral("::") << true;
    }
    void nonLoopbackListenNeedsAToken()
    {
        QFETCH(QString, host);
        QFETCH(bool, viaOption);
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        QJsonObject o = QJsonDocument::fromJson(
                            configFor({{QStringLiteral("a"), QStringLiteral("https://a.example"),
                                        kPrimaryKey, QStringLiteral("primary")}}))
                            .object();
        if (!viaOption)
            o.insert(QStringLiteral("listen"),
                     QJsonObject{{QStringLiteral("host"), host}, {QStringLiteral("port"), 0}});
        const QString cfg = dir.filePath(QStringLiteral("input/c.json"));
        write(cfg, QJsonDocument(o).toJson());
        QStringList args = {QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"),
                            dir.path()};
        if (viaOption)
            args << QStringLiteral("--listen") << host;
        QProcess p;
        p.start(binaryPath(QStringLiteral("qccd")), args);
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains(
                     QByteArray("listen.host: " + host.toUtf8() + " is not a loopback address")),
                 err.constData());
        QVERIFY(!err.contains(kPrimaryKey.toUtf8()));
        QVERIFY(!p.readAllStandardOutput().contains("listening on")); // never bound
        if (viaOption)
            return;
        // the same file is valid once it has an access token
        o.insert(QStringLiteral("access_token"), QStringLiteral("qcc-test-token-0123456789"));
        write(cfg, QJsonDocument(o).toJson());
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--check-config"), cfg});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        o.remove(QStringLiteral("access_token"));
        write(cfg, QJsonDocument(o).toJson());
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--check-config"), cfg});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().startsWith("listen.host: "));
    }

    // A loopback address other than 127.0.0.1: the Host allow-list follows the address listened
    // on, so Claude Code's requests (Host: 127.0.0.2:PORT) are served, and names that are not
    // this machine's are still refused (DNS rebinding).
    void anotherLoopbackAddressIsAllowedAsHost()
    {
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        FakeUpstream up;
        QJsonObject o =
            QJsonDocument::fromJson(configFor({{QStringLiteral("a"), up.baseUrl(), kPrimaryKey,
                                                QStringLiteral("primary")}}))
                .object();
        o.insert(QStringLiteral("listen"),
                 QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.2")},
                             {QStringLiteral("port"), 0}});
        const QString cfg = dir.filePath(QStringLiteral("input/c.json"));
        write(cfg, QJsonDocument(o).toJson());
        QProcess p;
        p.start(binaryPath(QStringLiteral("qccd")),
                {QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"), dir.path()});
        QByteArray out;
        QElapsedTimer t;
        t.start();
        while (!out.contains('\n') && t.elapsed() < 10000 && p.state() != QProcess::NotRunning) {
            p.waitForReadyRead(100);
            out += p.readAllStandardOutput();
        }
        const qsizetype at = out.indexOf("listening on http://127.0.0.2:");
        QVERIFY2(at >= 0, out.constData());
        const QByteArray port = out.mid(at + 30, out.indexOf('\n', at) - at - 30).trimmed();
        auto ask = [&](const QByteArray &host) {
            QTcpSocket s;
            s.connectToHost(QHostAddress(QStringLiteral("127.0.0.2")), quint16(port.toUInt()));
            if (!s.waitForConnected(3000))
                return 0;
            s.write("GET /__qcc__/health HTTP/1.1\r\nHost: " + host +
                    "\r\nConnection: close\r\n\r\n");
            QByteArray answer;
            while (s.waitForReadyRead(3000))
                answer += s.readAll();
            answer += s.readAll();
            return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : -1;
        };
        QCOMPARE(ask("127.0.0.2:" + port), 200);
        QCOMPARE(ask("localhost:" + port), 200);
        QCOMPARE(ask("127.0.0.3:" + port), 403);
        QCOMPARE(ask("evil.example:" + port), 403);
        QCOMPARE(ask("127.0.0.2:1" + port), 403);
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
    }

    // Keys at rest: every file a real qccd writes is owner-only, even under a umask that would
    // let everyone read it.
    void filesAreOwnerOnly()
    {
        const mode_t oldMask = ::umask(0);
        const auto restore = qScopeGuard([oldMask] { ::umask(oldMask); });
        FakeUpstream broken;
        broken.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        ArtifactDir home(QStringLiteral("tst_qccd-modes"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
        env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), home.filePath(QStringLiteral("claude")));
        env.remove(QStringLiteral("ANTHROPIC_API_KEY")); // the first-run config holds no key
        const QString stateDir = home.filePath(QStringLiteral(".local/share/qcc"));
        // first run: qccd writes the config, Claude Code's settings and the takeover record
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(binaryPath(QStringLiteral("qccd")),
                {QStringLiteral("--claude-code"), QStringLiteral("enable")});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        // then a run that isolates an endpoint: the failure queue and the log
        const QString cfg = home.filePath(QStringLiteral("input/run.json"));
        write(cfg, configFor({{QStringLiteral("a"), broken.baseUrl(), kPrimaryKey,
                               QStringLiteral("primary")}}));
        {
            Daemon d;
            QVERIFY(d.start(
                {QStringLiteral("--config"), cfg, QStringLiteral("--port"), QStringLiteral("0")},
                env));
            const ClientResponse r = httpRequest(d.port, "POST", "/v1/messages",
                                                 {{"content-type", "application/json"}}, kBody);
            QCOMPARE(r.status, 401);
            QCOMPARE(d.stop(), 0);
        }
        for (const char *file :
             {".config/qcc/config.json", "claude/settings.json",
              ".local/share/qcc/claude-code-takeover.json", ".local/share/qcc/failure_queue.json",
              ".local/share/qcc/qccd.log"}) {
            const QString path = home.filePath(QString::fromLatin1(file));
            QVERIFY2(QFile::exists(path), file);
            QVERIFY2(
                fileMode(path) == 0600,
                qPrintable(
                    QStringLiteral("%1: %2").arg(QLatin1String(file)).arg(fileMode(path), 0, 8)));
        }
        QCOMPARE(fileMode(stateDir), 0700);
        // the directories QCC made for its config (and Claude Code's, which did not exist)
        for (const char *dir : {".config/qcc", "claude"})
            QVERIFY2(fileMode(home.filePath(QString::fromLatin1(dir))) == 0700, dir);
    }

    void firstRunCreatesDefaultConfig()
    {
        ArtifactDir home(QStringLiteral("tst_qccd-home"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), kPrimaryKey);
        Daemon d;
        QVERIFY(d.start({QStringLiteral("--port"), QStringLiteral("0")}, env));
        const QString cfg = home.filePath(QStringLiteral(".config/qcc/config.json"));
        // The key QCC found is the user's to keep: the file is removed once checked, so the
        // redaction scan of the artifacts sees only what QCC must never write.
        const auto removeKeyFile = qScopeGuard([&cfg] { QFile::remove(cfg); });
        QVERIFY(QFile::exists(cfg));
        QCOMPARE(fileMode(cfg), 0600);
        QFile f(cfg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject config = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonObject official = config.value(QStringLiteral("clusters"))[0]
                                         .toObject()
                                         .value(QStringLiteral("endpoints"))[0]
                                         .toObject();
        // the value, never the variable: Claude Code sends QCC's token in ANTHROPIC_API_KEY
        QVERIFY(official.value(QStringLiteral("api_key")).toString() == kPrimaryKey);
        QCOMPARE(official.value(QStringLiteral("api_key_env")).toString(), QString());
        // the default config has an access token: a request without it is refused
        const ClientResponse r = httpRequest(d.port, "GET", "/__qcc__/health");
        QCOMPARE(r.status, 401);
        QCOMPARE(d.stop(), 0);
        QVERIFY(QFile::exists(home.filePath(QStringLiteral(".local/share/qcc/qccd.log"))));

        // Later, Claude Code's variable holds QCC's token: the file says exactly that.
        const QString token = config.value(QStringLiteral("access_token")).toString();
        QVERIFY(token.startsWith(QLatin1String("qcc-")));
        QJsonObject bad = config;
        QJsonArray clusters = bad.value(QStringLiteral("clusters")).toArray();
        QJsonObject cluster = clusters[0].toObject();
        QJsonObject ep = official;
        ep.insert(QStringLiteral("api_key"), QString());
        ep.insert(QStringLiteral("api_key_env"), QStringLiteral("ANTHROPIC_API_KEY"));
        cluster.insert(QStringLiteral("endpoints"), QJsonArray{ep});
        clusters[0] = cluster;
        bad.insert(QStringLiteral("clusters"), clusters);
        write(cfg, QJsonDocument(bad).toJson());
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), token);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(binaryPath(QStringLiteral("qccd")), {QStringLiteral("--check-config"), cfg});
        QVERIFY(p.waitForFinished());
        QCOMPARE(p.exitCode(), 2);
        QVERIFY2(p.readAllStandardError().startsWith(
                     "clusters[0].endpoints[0].api_key_env: is QCC's own access token "
                     "(access_token), which Claude Code sends to QCC"),
                 "");
    }

    void failureQueueSurvivesRestartAndKeysStayHidden()
    {
        FakeUpstream primary, secondary;
        primary.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        const QString cfg = dir.filePath(QStringLiteral("input/c.json"));
        write(cfg, configFor({{QStringLiteral("主节点"), primary.baseUrl(), kPrimaryKey,
                               QStringLiteral("primary")},
                              {QStringLiteral("backup"), secondary.baseUrl(), kSecondaryKey,
                               QStringLiteral("secondary")}}));
        const QStringList args = {
            QStringLiteral("--config"),    cfg,
            QStringLiteral("--state-dir"), dir.filePath(QStringLiteral("state")),
            QStringLiteral("--port"),      QStringLiteral("0"),
            QStringLiteral("--log-level"), QStringLiteral("debug")};
        QByteArray allOutput;
        {
            Daemon d;
            QVERIFY(d.start(args));
            ClientResponse r;
            QTest::qWait(0);
            HttpClient c;
            c.send(d.port, "POST", "/v1/messages", {{"content-type", "application/json"}}, kBody);
            QTRY_VERIFY(c.done());
            QCOMPARE(c.status, 200);
            QCOMPARE(primary.requestCount(), 1);
            QCOMPARE(d.stop(), 0);
            allOutput +=
                d.stdoutText + d.process.readAllStandardOutput() + d.process.readAllStandardError();
        }
        QCOMPARE(fileMode(dir.filePath(QStringLiteral("state/failure_queue.json"))), 0600);
        {
            Daemon d;
            QVERIFY(d.start(args));
            const QJsonObject s = stats(d.port);
            QCOMPARE(s.value(QStringLiteral("failure_queue_size")).toInt(), 1);
            const QJsonObject ep = s.value(QStringLiteral("endpoints")).toArray().at(0).toObject();
            QCOMPARE(ep.value(QStringLiteral("name")).toString(), QStringLiteral("主节点"));
            QCOMPARE(ep.value(QStringLiteral("status")).toString(), QStringLiteral("isolated"));
            HttpClient c;
            c.send(d.port, "POST", "/v1/messages", {{"content-type", "application/json"}}, kBody);
            QTRY_VERIFY(c.done());
            QCOMPARE(c.status, 200);
            QCOMPARE(primary.requestCount(), 1); // still isolated after the restart
            allOutput += QJsonDocument(s).toJson();
            QCOMPARE(d.stop(), 0);
            allOutput +=
                d.stdoutText + d.process.readAllStandardOutput() + d.process.readAllStandardError();
        }
        QFile log(dir.filePath(QStringLiteral("state/qccd.log")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        allOutput += log.readAll();
        QFile state(dir.filePath(QStringLiteral("state/failure_queue.json")));
        QVERIFY(state.open(QIODevice::ReadOnly));
        allOutput += state.readAll();
        QVERIFY(allOutput.contains("主节点")); // UTF-8 names in the logs, intact
        QVERIFY(allOutput.contains("isolated (credential)"));
        QVERIFY(!allOutput.contains(kPrimaryKey.toUtf8())); // keys never leave the process
        QVERIFY(!allOutput.contains(kSecondaryKey.toUtf8()));
        QVERIFY(!allOutput.contains("PRIMARYSECRET"));
    }

    void sigtermLetsStreamsFinish()
    {
        FakeUpstream upstream;
        upstream.setReply(FakeReply::sseMessage(QStringLiteral("slow and steady"), 200));
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        const QString cfg = dir.filePath(QStringLiteral("input/c.json"));
        write(cfg, configFor({{QStringLiteral("a"), upstream.baseUrl(), kPrimaryKey,
                               QStringLiteral("primary")}}));
        Daemon d;
        QVERIFY(d.start({QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"), dir.path(),
                         QStringLiteral("--port"), QStringLiteral("0")}));
        HttpClient c;
        c.send(d.port, "POST", "/v1/messages", {{"content-type", "application/json"}}, kStream);
        QTRY_VERIFY(c.body.contains("content_block_delta"));
        d.signal(SIGTERM);
        QTest::qWait(100);
        HttpClient late; // no new connections once stopping
        late.send(d.port, "GET", "/__qcc__/health");
        QTRY_VERIFY(late.done());
        QCOMPARE(late.status, 0);
        QTRY_VERIFY_WITH_TIMEOUT(c.done(), 10000);
        QVERIFY(c.complete);
        QVERIFY(c.body.contains("message_stop"));
        QTRY_COMPARE_WITH_TIMEOUT(d.process.state(), QProcess::NotRunning, 10000);
        QCOMPARE(d.process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(d.process.exitCode(), 0);
    }

    void sighupReloadsConfig()
    {
        FakeUpstream a, b;
        ArtifactDir dir(QStringLiteral("tst_qccd"));
        const QString cfg = dir.filePath(QStringLiteral("input/c.json"));
        write(cfg, configFor({{QStringLiteral("a"), a.baseUrl(), kPrimaryKey,
                               QStringLiteral("primary")}}));
        Daemon d;
        QVERIFY(d.start({QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"), dir.path(),
                         QStringLiteral("--port"), QStringLiteral("0")}));
        write(cfg, configFor({{QStringLiteral("b"), b.baseUrl(), kPrimaryKey,
                               QStringLiteral("primary")}}));
        d.signal(SIGHUP);
        QTRY_COMPARE(stats(d.port)
                         .value(QStringLiteral("endpoints"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QStringLiteral("name"))
                         .toString(),
                     QStringLiteral("b"));
        write(cfg, "{ not json");
        d.signal(SIGHUP);
        QTest::qWait(300);
        // a broken file is refused; the running config stays
        QCOMPARE(stats(d.port).value(QStringLiteral("endpoints")).toArray().size(), 1);
        QCOMPARE(d.stop(), 0);
        QVERIFY(d.process.readAllStandardError().contains("config reload refused"));
    }
};

QTEST_GUILESS_MAIN(TestQccd)
#include "tst_qccd.moc"
