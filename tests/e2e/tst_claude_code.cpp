// End to end: the real Claude Code CLI, through the real qccd, against fake upstreams.
#include "support/fakeupstream.h"
#include "support/testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace qcc;
using namespace qcc::test;

class TestClaudeCode : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FakeUpstream m_primary, m_secondary;
    QProcess m_qccd;
    quint16 m_port = 0;

    QProcess *claude(const QString &prompt)
    {
        auto *p = new QProcess(this);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("ANTHROPIC_BASE_URL"),
                   QStringLiteral("http://127.0.0.1:%1").arg(m_port));
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("placeholder-not-a-key"));
        env.insert(QStringLiteral("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"), QStringLiteral("1"));
        env.remove(QStringLiteral("ANTHROPIC_AUTH_TOKEN"));
        p->setProcessEnvironment(env);
        p->setWorkingDirectory(m_dir.path());
        p->start(QStringLiteral(QCC_CLAUDE_BIN), {QStringLiteral("-p"), prompt});
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(
            QFile::exists(QStringLiteral(QCC_CLAUDE_BIN)),
            "Claude Code CLI missing: run tests/e2e/install-claude-code.sh (scripts/test.sh does)");
        QDir(m_dir.path()).mkpath(QStringLiteral("home"));
        m_primary.setReply(FakeReply::error(401, "authentication_error", "invalid x-api-key"));
        m_secondary.setHandler([](const HttpRequest &r) {
            FakeReply reply = echoReply(r);
            if (r.path == "/v1/messages" &&
                QJsonDocument::fromJson(r.body).object().value(QStringLiteral("stream")).toBool())
                reply = FakeReply::sseMessage(QStringLiteral("QCC-E2E-OK from the secondary"), 5);
            return reply;
        });
        QJsonArray eps{QJsonObject{{QStringLiteral("name"), QStringLiteral("broken primary")},
                                   {QStringLiteral("base_url"), m_primary.baseUrl()},
                                   {QStringLiteral("api_key"),
                                    QStringLiteral("sk-fake-e2e-primary-0000000000")}},
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("working secondary")},
                                   {QStringLiteral("base_url"), m_secondary.baseUrl()},
                                   {QStringLiteral("api_key"),
                                    QStringLiteral("sk-fake-e2e-secondary-00000000")},
                                   {QStringLiteral("tier"), QStringLiteral("secondary")}}};
        QJsonObject cfg{{QStringLiteral("version"), 1},
                        {QStringLiteral("listen"),
                         QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                     {QStringLiteral("port"), 0}}},
                        {QStringLiteral("clusters"),
                         QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("default")},
                                                {QStringLiteral("endpoints"), eps}}}}};
        QFile f(m_dir.filePath(QStringLiteral("config.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(cfg).toJson());
        f.close();
        m_qccd.start(binaryPath(QStringLiteral("qccd")),
                     {QStringLiteral("--config"), f.fileName(), QStringLiteral("--state-dir"),
                      m_dir.filePath(QStringLiteral("state")), QStringLiteral("--port"),
                      QStringLiteral("0")});
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += m_qccd.readAllStandardOutput()).contains('\n'), 10000);
        m_port = quint16(out.mid(out.lastIndexOf(':') + 1).trimmed().toUInt());
        QVERIFY(m_port);
    }

    void claudeSucceedsThroughFailover()
    {
        QProcess *p = claude(QStringLiteral("hi"));
        // the fakes live in this process: keep its event loop running while waiting
        QTRY_VERIFY_WITH_TIMEOUT(p->state() == QProcess::NotRunning, 90000);
        const QByteArray out = p->readAllStandardOutput();
        QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        QVERIFY2(out.contains("QCC-E2E-OK from the secondary"), out.constData());
        QVERIFY(m_primary.requestCount() >= 1); // it was tried, failed with 401, and isolated
        const ClientResponse r = httpRequest(m_port, "GET", "/__qcc__/stats");
        const QJsonObject stats = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(stats.value(QStringLiteral("failure_queue_size")).toInt(), 1);
        QVERIFY(stats.value(QStringLiteral("failovers")).toInt() >= 1);
    }

    void concurrentClaudeSessions()
    {
        const int primaryBefore = m_primary.requestCount();
        QList<QProcess *> runs;
        for (int i = 0; i < 4; ++i)
            runs.append(claude(QStringLiteral("hello %1").arg(i)));
        for (QProcess *p : runs) {
            QTRY_VERIFY_WITH_TIMEOUT(p->state() == QProcess::NotRunning, 120000);
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
            QVERIFY(p->readAllStandardOutput().contains("QCC-E2E-OK"));
        }
        QCOMPARE(m_primary.requestCount(), primaryBefore); // isolated: never asked again
        // the secondary saw Claude Code's own headers, unchanged, with the endpoint's key
        bool sawBeta = false;
        for (const HttpRequest &r : m_secondary.requests()) {
            if (r.path != "/v1/messages")
                continue;
            QCOMPARE(r.header("x-api-key"), QByteArray("sk-fake-e2e-secondary-00000000"));
            QVERIFY(r.header("user-agent").contains("claude-cli"));
            QVERIFY(!r.header("anthropic-version").isEmpty());
            sawBeta |= !r.header("anthropic-beta").isEmpty();
        }
        QVERIFY(sawBeta);
    }

    void cleanupTestCase()
    {
        if (m_qccd.processId() > 0)
            ::kill(pid_t(m_qccd.processId()), SIGTERM);
        QTRY_VERIFY_WITH_TIMEOUT(m_qccd.state() == QProcess::NotRunning, 20000);
        QCOMPARE(m_qccd.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestClaudeCode)
#include "tst_claude_code.moc"
