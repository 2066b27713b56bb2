#include "platform/claudecode.h"
#include "support/testutil.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace qcc;

namespace {
void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}
QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
QJsonObject json(const QString &path)
{
    return QJsonDocument::fromJson(read(path)).object();
}
} // namespace

class TestClaudeCode : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void enableKeepsEverythingElseAndDisableRestoresExactly_data()
    {
        QTest::addColumn<QByteArray>("original");
        QTest::newRow("no file") << QByteArray();
        QTest::newRow("no env") << QByteArray(
            "{\"model\":\"opus\",\"permissions\":{\"allow\":[\"Bash(ls:*)\"]}}");
        QTest::newRow("oddly formatted, unrelated env")
            << QByteArray("  {\n\n\t\"env\" :{ \"FOO\":\"1\",\"BAR\" :  \"中文\"},\n \"hooks\": "
                          "{\"PreToolUse\": []},\n\"x\":[1,2,{\"y\":null}] }\n");
        QTest::newRow("previous proxy and key") << QByteArray(
            "{\"env\":{\"ANTHROPIC_BASE_URL\":\"https://"
            "relay.example\",\"ANTHROPIC_API_KEY\":\"sk-old-value-123456\",\"KEEP\":\"me\"}}");
    }
    void enableKeepsEverythingElseAndDisableRestoresExactly()
    {
        QFETCH(QByteArray, original);
        QTemporaryDir dir;
        const QString settings = dir.filePath(QStringLiteral("claude/settings.json"));
        if (!original.isEmpty())
            write(settings, original);
        const QJsonObject before = QJsonDocument::fromJson(original).object();
        ClaudeCodeSettings c(dir.filePath(QStringLiteral("state")), settings);
        QString error;
        QVERIFY2(c.enable(QStringLiteral("http://127.0.0.1:7860"), QStringLiteral("qcc-token-abc"),
                          &error),
                 qPrintable(error));
        QVERIFY(c.isEnabled());
        QCOMPARE(qcc::test::fileMode(settings), 0600);
        QJsonObject after = json(settings);
        QCOMPARE(after.value(QStringLiteral("env"))
                     .toObject()
                     .value(QStringLiteral("ANTHROPIC_BASE_URL"))
                     .toString(),
                 QStringLiteral("http://127.0.0.1:7860"));
        QCOMPARE(after.value(QStringLiteral("env"))
                     .toObject()
                     .value(QStringLiteral("ANTHROPIC_API_KEY"))
                     .toString(),
                 QStringLiteral("qcc-token-abc"));
        // everything else, untouched
        for (auto it = before.begin(); it != before.end(); ++it) {
            if (it.key() == QLatin1String("env")) {
                const QJsonObject env = it.value().toObject();
                for (auto e = env.begin(); e != env.end(); ++e) {
                    if (e.key() != QLatin1String("ANTHROPIC_BASE_URL") &&
                        e.key() != QLatin1String("ANTHROPIC_API_KEY"))
                        QCOMPARE(after.value(QStringLiteral("env")).toObject().value(e.key()),
                                 e.value());
                }
            } else {
                QCOMPARE(after.value(it.key()), it.value());
            }
        }
        // enabling again (another port) keeps the first saved values
        QVERIFY(c.enable(QStringLiteral("http://127.0.0.1:7861"), QString(), &error));
        QCOMPARE(json(settings)
                     .value(QStringLiteral("env"))
                     .toObject()
                     .value(QStringLiteral("ANTHROPIC_API_KEY"))
                     .toString(),
                 QString::fromLatin1(ClaudeCodeSettings::kPlaceholderKey));
        QVERIFY(c.status().contains(QStringLiteral("http://127.0.0.1:7861")));
        QVERIFY2(c.disable(&error), qPrintable(error));
        QVERIFY(!c.isEnabled());
        QCOMPARE(json(settings), before); // exactly the previous values, absent keys absent
        QCOMPARE(QFile::exists(settings), !original.isEmpty()); // a file QCC created is gone again
        QVERIFY(c.disable(&error));                             // nothing to do is fine
    }

    void invalidJsonIsNeverOverwritten()
    {
        QTemporaryDir dir;
        const QString settings = dir.filePath(QStringLiteral("settings.json"));
        const QByteArray broken = "{\n  \"model\": \"opus\",\n  \"env\": { \"A\": 1, }\n}\n";
        write(settings, broken);
        ClaudeCodeSettings c(dir.filePath(QStringLiteral("state")), settings);
        QString error;
        QVERIFY(!c.enable(QStringLiteral("http://127.0.0.1:7860"), QString(), &error));
        QVERIFY2(error.contains(settings) && error.contains(QStringLiteral("line 3")),
                 qPrintable(error));
        QCOMPARE(read(settings), broken);
        QVERIFY(!c.isEnabled());
    }

    // Taken over with CLAUDE_CONFIG_DIR set, started later without it: repair and disable work
    // on the file the takeover changed, never on the default one.
    void repairFollowsTheRecordedSettingsPath()
    {
        QTemporaryDir dir;
        const QString taken = dir.filePath(QStringLiteral("custom/settings.json"));
        const QString other = dir.filePath(QStringLiteral("home/.claude/settings.json"));
        const QByteArray mine = "{\"model\":\"opus\",\"env\":{\"KEEP\":\"1\"}}";
        write(other, mine);
        const QString state = dir.filePath(QStringLiteral("state"));
        QString error;
        QVERIFY(ClaudeCodeSettings(state, taken)
                    .enable(QStringLiteral("http://127.0.0.1:7860"), QStringLiteral("t"), &error));
        const QByteArray oldDir = qgetenv("CLAUDE_CONFIG_DIR");
        const auto restore = qScopeGuard([&] { qputenv("CLAUDE_CONFIG_DIR", oldDir); });
        qputenv("CLAUDE_CONFIG_DIR", QFileInfo(other).absolutePath().toUtf8());
        ClaudeCodeSettings later(state); // the default path now names `other`
        QCOMPARE(later.settingsPath(), taken);
        QVERIFY(!later.repair(QStringLiteral("http://127.0.0.1:7999"), QStringLiteral("t"), &error)
                     .isEmpty());
        QCOMPARE(json(taken)
                     .value(QStringLiteral("env"))
                     .toObject()
                     .value(QStringLiteral("ANTHROPIC_BASE_URL"))
                     .toString(),
                 QStringLiteral("http://127.0.0.1:7999"));
        QCOMPARE(read(other), mine); // the user's own file, untouched
        QVERIFY2(later.disable(&error), qPrintable(error));
        QCOMPARE(read(other), mine);
        QVERIFY(!QFile::exists(taken)); // QCC made it; gone again
    }

    void repairAfterAPortChange()
    {
        QTemporaryDir dir;
        const QString settings = dir.filePath(QStringLiteral("settings.json"));
        ClaudeCodeSettings c(dir.filePath(QStringLiteral("state")), settings);
        QString error;
        QVERIFY(c.repair(QStringLiteral("http://127.0.0.1:7000"), QStringLiteral("t"), &error)
                    .isEmpty()); // not taken over: nothing
        QVERIFY(c.enable(QStringLiteral("http://127.0.0.1:7860"), QStringLiteral("t"), &error));
        QVERIFY(c.repair(QStringLiteral("http://127.0.0.1:7860"), QStringLiteral("t"), &error)
                    .isEmpty()); // already right
        QVERIFY(!c.repair(QStringLiteral("http://127.0.0.1:7999"), QStringLiteral("t"), &error)
                     .isEmpty());
        QCOMPARE(json(settings)
                     .value(QStringLiteral("env"))
                     .toObject()
                     .value(QStringLiteral("ANTHROPIC_BASE_URL"))
                     .toString(),
                 QStringLiteral("http://127.0.0.1:7999"));
        QVERIFY(c.disable(&error));
        QVERIFY(json(settings).isEmpty());
    }

    void throughTheRealBinary()
    {
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CLAUDE_CONFIG_DIR"), dir.filePath(QStringLiteral("claude")));
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("xdg")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
        const QString settings = dir.filePath(QStringLiteral("claude/settings.json"));
        write(settings, "{\"theme\":\"dark\"}");
        auto run = [&](const QString &action) {
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(qcc::test::binaryPath(QStringLiteral("qccd")),
                    {QStringLiteral("--claude-code"), action});
            p.waitForFinished();
            return std::make_pair(p.exitCode(), QString::fromUtf8(p.readAllStandardOutput() +
                                                                  p.readAllStandardError()));
        };
        auto [code, out] = run(QStringLiteral("enable"));
        QVERIFY2(code == 0, qPrintable(out));
        const QJsonObject e = json(settings).value(QStringLiteral("env")).toObject();
        QCOMPARE(e.value(QStringLiteral("ANTHROPIC_BASE_URL")).toString(),
                 QStringLiteral("http://127.0.0.1:7860"));
        QVERIFY(e.value(QStringLiteral("ANTHROPIC_API_KEY"))
                    .toString()
                    .startsWith(QStringLiteral("qcc-"))); // the generated token
        std::tie(code, out) = run(QStringLiteral("status"));
        QCOMPARE(code, 0);
        QVERIFY(out.contains(QStringLiteral("QCC took it over")));
        std::tie(code, out) = run(QStringLiteral("disable"));
        QCOMPARE(code, 0);
        QCOMPARE(json(settings), QJsonObject({{QStringLiteral("theme"), QStringLiteral("dark")}}));
        write(settings, "not json");
        std::tie(code, out) = run(QStringLiteral("enable"));
        QCOMPARE(code, 1);
        QVERIFY(out.contains(settings));
        QCOMPARE(read(settings), QByteArray("not json"));
    }
};

QTEST_GUILESS_MAIN(TestClaudeCode)
#include "tst_claudecode.moc"
