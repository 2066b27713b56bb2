#include "config/config.h"
#include "support/testutil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace qcc;

// moc (Qt 6.4) reads "//" inside raw strings as a comment, so URLs in raw strings below
// use JSON's escaped solidus ("https:\/\/").
namespace {
QByteArray withEndpoint(const QByteArray &endpointJson, const QByteArray &extraRoot = {})
{
    return R"({"version":1,"listen":{"host":"127.0.0.1","port":7860},)" + extraRoot +
           R"("clusters":[{"name":"default","endpoints":[)" + endpointJson + "]}]}";
}
QProcessEnvironment env()
{
    QProcessEnvironment e;
    e.insert(QStringLiteral("RELAY_KEY"), QStringLiteral("sk-relay-0123456789abcdef"));
    return e;
}
} // namespace

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error"); // empty: valid

        const QByteArray ok =
            R"({"name":"official","base_url":"https:\/\/api.anthropic.com","api_key":"sk-ant-test-0123456789"})";
        QTest::newRow("minimal valid") << withEndpoint(ok) << QString();
        QTest::newRow("not json") << QByteArray("{\n\"version\": 1,\n oops")
                                  << QStringLiteral("(file): invalid JSON at line 3");
        QTest::newRow("array root")
            << QByteArray("[]") << QStringLiteral("(file): expected a JSON object");
        QTest::newRow("version 2")
            << QByteArray(R"({"version":2,"clusters":[]})") << QStringLiteral("version: must be 1");
        QTest::newRow("bad url")
            << withEndpoint(
                   R"({"name":"a","base_url":"https:\/\/a.example"},{"name":"b","base_url":"ftp:\/\/x"})")
            << QStringLiteral("clusters[0].endpoints[1].base_url: not an http(s) URL");
        QTest::newRow("missing url")
            << withEndpoint(R"({"name":"a"})")
            << QStringLiteral("clusters[0].endpoints[0].base_url: missing");
        QTest::newRow("bad auth")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","auth":"basic"})")
            << QStringLiteral("clusters[0].endpoints[0].auth: must be x-api-key, bearer or both");
        QTest::newRow("bad tier")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","tier":"gold"})")
            << QStringLiteral("clusters[0].endpoints[0].tier: must be primary or secondary");
        QTest::newRow("weight type")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","weight":"x"})")
            << QStringLiteral("clusters[0].endpoints[0].weight: expected an integer");
        QTest::newRow("weight range")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","weight":0})")
            << QStringLiteral("clusters[0].endpoints[0].weight: must be between 1 and 10000");
        QTest::newRow("bad proxy")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","proxy":"ftp:\/\/p:1"})")
            << QStringLiteral("clusters[0].endpoints[0].proxy: must be none");
        QTest::newRow("socks proxy")
            << withEndpoint(
                   R"({"base_url":"https:\/\/a.example","proxy":"socks5:\/\/127.0.0.1:1080"})")
            << QString();
        QTest::newRow("duplicate id")
            << withEndpoint(
                   R"({"id":"x","base_url":"https:\/\/a.example"},{"id":"x","base_url":"https:\/\/b.example"})")
            << QStringLiteral("clusters[0].endpoints[1].id: duplicate id x");
        QTest::newRow("duplicate derived id")
            << withEndpoint(
                   R"({"base_url":"https:\/\/a.example/","api_key":"k1234567"},{"base_url":"HTTPS:\/\/A.example","api_key":"k1234567"})")
            << QStringLiteral("clusters[0].endpoints[1].id: duplicate id ep-");
        QTest::newRow("verify_model not a string")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","verify_model":5})")
            << QStringLiteral("clusters[0].endpoints[0].verify_model: expected a string");
        QTest::newRow("model_map not an object")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","model_map":["a","b"]})")
            << QStringLiteral("clusters[0].endpoints[0].model_map: expected an object");
        QTest::newRow("model_map value not a string")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","model_map":{"claude-x":1}})")
            << QStringLiteral("clusters[0].endpoints[0].model_map.claude-x: expected a string");
        QTest::newRow("model_map empty name")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","model_map":{"claude-x":" "}})")
            << QStringLiteral(
                   "clusters[0].endpoints[0].model_map.claude-x: must have 1 to 200 characters");
        QTest::newRow("model_map empty key")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","model_map":{"":"x"}})")
            << QStringLiteral("clusters[0].endpoints[0].model_map: a model name must have 1 to "
                              "200 characters");
        QTest::newRow("model_map")
            << withEndpoint(
                   R"({"base_url":"https:\/\/a.example","model_map":{"claude-x":"中转-x"}})")
            << QString();
        QTest::newRow("key is the access token")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","api_key":"qcc-0123456789ab"})",
                            R"("access_token":"qcc-0123456789ab",)")
            << QStringLiteral("clusters[0].endpoints[0].api_key: is QCC's own access token");
        QTest::newRow("variable holds the access token")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","api_key_env":"RELAY_KEY"})",
                            R"("access_token":"sk-relay-0123456789abcdef",)")
            << QStringLiteral("clusters[0].endpoints[0].api_key_env: is QCC's own access token");
        QTest::newRow("env set")
            << withEndpoint(R"({"base_url":"https:\/\/a.example","api_key_env":"RELAY_KEY"})")
            << QString();
        QTest::newRow("unknown cluster")
            << withEndpoint(R"({"base_url":"https:\/\/a.example"})", R"("active_cluster":"nope",)")
            << QStringLiteral("active_cluster: no cluster named \"nope\"");
        QTest::newRow("public listen without token")
            << QByteArray(
                   R"({"version":1,"listen":{"host":"0.0.0.0","port":7860},"clusters":[{"name":"default","endpoints":[]}]})")
            << QStringLiteral("listen.host: 0.0.0.0 is not a loopback address; listening there "
                              "requires an access_token");
        QTest::newRow("public listen with token")
            << QByteArray(
                   R"({"version":1,"access_token":"tok-123456","listen":{"host":"0.0.0.0","port":7860},"clusters":[{"name":"default","endpoints":[]}]})")
            << QString();
        QTest::newRow("port range") << withEndpoint(ok).replace("7860", "70000")
                                    << QStringLiteral("listen.port: must be between 0 and 65535");
        QTest::newRow("verify method")
            << withEndpoint(ok, R"("verify":{"method":"ping"},)")
            << QStringLiteral("verify.method: must be messages or models");
        QTest::newRow("failover type")
            << withEndpoint(ok, R"("failover":{"max_attempts":true},)")
            << QStringLiteral("failover.max_attempts: expected an integer");
        // fuzz_config, regress-integer-out-of-int64-range: the integer check cast the double to
        // qint64, undefined behaviour for 6e22 (UBSan).
        QTest::newRow("integer beyond int64")
            << withEndpoint(ok, R"("verify":{"interval_ms":6099999999999999999900},)")
            << QStringLiteral("verify.interval_ms: must be between 10 and 86400000");
        QTest::newRow("integer fraction")
            << withEndpoint(ok, R"("verify":{"interval_ms":60000.5},)")
            << QStringLiteral("verify.interval_ms: expected an integer");
        QTest::newRow("no clusters")
            << QByteArray(R"({"version":1})") << QStringLiteral("clusters: missing");
    }

    void parse()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const ConfigResult r = parseConfig(json, env());
        if (error.isEmpty()) {
            QVERIFY2(r.config.has_value(), qPrintable(UiText::lines(r.errors).english()));
            QVERIFY(r.errors.isEmpty());
        } else {
            QVERIFY(!r.config.has_value());
            QVERIFY2(!r.errors.isEmpty() && r.errors.first().english().startsWith(error),
                     qPrintable(UiText::lines(r.errors).english()));
        }
    }

    void derivedIdsAreStable()
    {
        const QString a =
            deriveEndpointId(QStringLiteral("https://relay.example/api/"), QStringLiteral("k"));
        QCOMPARE(a, deriveEndpointId(QStringLiteral("https://RELAY.example:443/api"),
                                     QStringLiteral("k")));
        QVERIFY(a != deriveEndpointId(QStringLiteral("https://relay.example/api"),
                                      QStringLiteral("k2")));
        QVERIFY(a.startsWith(QLatin1String("ep-")));
        QCOMPARE(a.size(), 15);
    }

    void envKeyIsResolved()
    {
        const ConfigResult r = parseConfig(
            withEndpoint(R"({"base_url":"https:\/\/a.example","api_key_env":"RELAY_KEY"})"), env());
        QVERIFY(r.config);
        QCOMPARE(r.config->clusters[0].endpoints[0].key,
                 QStringLiteral("sk-relay-0123456789abcdef"));
        // the file keeps the variable name, never the value
        QVERIFY(!r.config->toBytes().contains("sk-relay-0123456789abcdef"));
    }

    void unknownKeysAndChineseSurviveRewrite()
    {
        const QByteArray json =
            R"({"version":1,"x_root":{"a":[1,2]},"listen":{"host":"127.0.0.1","port":7860,"x_listen":true},
            "clusters":[{"name":"默认","x_cluster":"c","endpoints":[{"name":"官方节点","base_url":"https:\/\/a.example","x_ep":42},
                {"name":"中转","base_url":"https:\/\/b.example","verify_model":"中转-haiku",
                 "model_map":{"claude-sonnet-4-5":"中转-sonnet"}}]}],
            "active_cluster":"默认","failover":{"x_f":1},"verify":{"x_v":"v"}})";
        const ConfigResult r = parseConfig(json, env());
        QVERIFY2(r.config, qPrintable(UiText::lines(r.errors).english()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        QString error;
        QVERIFY(saveConfig(*r.config, path, &error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(o.value(QStringLiteral("x_root"))
                     .toObject()
                     .value(QStringLiteral("a"))
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(
            o.value(QStringLiteral("listen")).toObject().value(QStringLiteral("x_listen")).toBool(),
            true);
        const QJsonObject c = o.value(QStringLiteral("clusters")).toArray().at(0).toObject();
        QCOMPARE(c.value(QStringLiteral("x_cluster")).toString(), QStringLiteral("c"));
        QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("默认"));
        const QJsonObject ep = c.value(QStringLiteral("endpoints")).toArray().at(0).toObject();
        QCOMPARE(ep.value(QStringLiteral("x_ep")).toInt(), 42);
        QVERIFY(!ep.contains(QStringLiteral("verify_model"))); // the default is not written
        QVERIFY(!ep.contains(QStringLiteral("model_map")));
        QCOMPARE(r.config->activeEndpoints().at(1).modelMap,
                 (QMap<QString, QString>{
                     {QStringLiteral("claude-sonnet-4-5"), QStringLiteral("中转-sonnet")}}));
        QCOMPARE(c.value(QStringLiteral("endpoints"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("model_map"))
                     .toObject()
                     .value(QStringLiteral("claude-sonnet-4-5"))
                     .toString(),
                 QStringLiteral("中转-sonnet"));
        QCOMPARE(r.config->activeEndpoints().at(1).verifyModel, QStringLiteral("中转-haiku"));
        QCOMPARE(c.value(QStringLiteral("endpoints"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("verify_model"))
                     .toString(),
                 QStringLiteral("中转-haiku"));
        QCOMPARE(ep.value(QStringLiteral("name")).toString(), QStringLiteral("官方节点"));
        QCOMPARE(
            o.value(QStringLiteral("failover")).toObject().value(QStringLiteral("x_f")).toInt(), 1);
        QCOMPARE(
            o.value(QStringLiteral("verify")).toObject().value(QStringLiteral("x_v")).toString(),
            QStringLiteral("v"));
        // and it loads again, identically
        const ConfigResult again = loadConfig(path, env());
        QVERIFY(again.config);
        QCOMPARE(again.config->toBytes(), r.config->toBytes());
        QCOMPARE(again.config->clusters[0].endpoints[0].effectiveId,
                 r.config->clusters[0].endpoints[0].effectiveId);
        QCOMPARE(qcc::test::fileMode(path), 0600);
    }

    void failedWriteKeepsPreviousFile()
    {
#ifndef Q_OS_UNIX
        QSKIP("a file-size limit (RLIMIT_FSIZE) is how this test fills the disk: POSIX only");
#else
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        Config config = defaultConfig(QProcessEnvironment());
        QString error;
        QVERIFY(saveConfig(config, path, &error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray before = f.readAll();
        f.close();
        // A file-size limit makes the write fail half-way, for root too (the disk-full case).
        config.unknown.insert(QStringLiteral("padding"), QString(64 * 1024, u'x'));
        struct rlimit old;
        ::getrlimit(RLIMIT_FSIZE, &old);
        ::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = old;
        small.rlim_cur = 16 * 1024;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const bool saved = saveConfig(config, path, &error);
        ::setrlimit(RLIMIT_FSIZE, &old);
        QVERIFY(!saved);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
        // no temporary file left behind
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("config.json")});
#endif
    }

    void failedWriteIntoMissingParentKeepsNothingHalfWritten()
    {
        // A path whose parent is a file: cannot be created by anyone, root included.
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("blocker")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.write("x");
        blocker.close();
        QString error;
        QVERIFY(!saveConfig(defaultConfig(QProcessEnvironment()),
                            dir.filePath(QStringLiteral("blocker/config.json")), &error));
        QVERIFY(!error.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("blocker")});
    }

    // A key that cannot be had keeps its endpoint (status no_key, serving nothing) and is not
    // an invalid file; --check-config lists it as a warning.
    void missingKeyIsAWarningNotAnError()
    {
        const ConfigResult r = parseConfig(
            withEndpoint(
                R"({"name":"环境","base_url":"https:\/\/a.example","api_key_env":"NOPE_NOT_SET"},)"
                R"({"name":"none","base_url":"https:\/\/b.example"},)"
                R"({"name":"chain","base_url":"https:\/\/c.example","key_in_keychain":true},)"
                R"({"name":"ok","base_url":"https:\/\/d.example","api_key_env":"RELAY_KEY"})"),
            env());
        QVERIFY2(r.config, qPrintable(UiText::lines(r.errors).english()));
        const QList<EndpointConfig> eps = r.config->activeEndpoints();
        QCOMPARE(eps.size(), 4);
        QVERIFY(eps[0].key.isEmpty());
        QCOMPARE(eps[0].whyNoKey().english(),
                 QStringLiteral("environment variable NOPE_NOT_SET is not set"));
        QVERIFY(eps[0].lacksKey());
        // naming no key is not lacking one: no credential is sent (a keyless local relay)
        QVERIFY(eps[1].key.isEmpty() && !eps[1].lacksKey() && eps[1].whyNoKey().isEmpty());
        QVERIFY(eps[2].lacksKey()); // until qcc-tray reads it
        QCOMPARE(eps[2].whyNoKey().english(),
                 QStringLiteral("it is in the keychain, which only qcc-tray reads"));
        QVERIFY(eps[3].whyNoKey().isEmpty());
        QCOMPARE(eps[3].key, QStringLiteral("sk-relay-0123456789abcdef"));

        int withKey = -1, enabled = -1;
        const QList<UiText> warnings = keyWarnings(*r.config, &withKey, &enabled);
        QCOMPARE(enabled, 4);
        QCOMPARE(withKey, 3); // the keychain one counts: only qcc-tray can tell
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings[0].english(),
                 QStringLiteral("clusters[0].endpoints[0] (环境): no key: environment variable "
                                "NOPE_NOT_SET is not set"));
    }

    // First run writes the key it found, never the variable's name: Claude Code reads
    // ANTHROPIC_API_KEY for QCC's own token once it is pointed at QCC.
    void defaultConfigIsValid()
    {
        QProcessEnvironment e;
        e.insert(QStringLiteral("ANTHROPIC_API_KEY"),
                 QStringLiteral("sk-fake-api03-abcdefghijklmnop"));
        const Config c = defaultConfig(e);
        const ConfigResult r = parseConfig(c.toBytes(), QProcessEnvironment());
        QVERIFY2(r.config, qPrintable(UiText::lines(r.errors).english()));
        QCOMPARE(r.config->activeEndpoints().size(), 1);
        QVERIFY(r.config->activeEndpoints()[0].apiKeyEnv.isEmpty());
        QCOMPARE(r.config->activeEndpoints()[0].key,
                 QStringLiteral("sk-fake-api03-abcdefghijklmnop"));
        QVERIFY(!c.toBytes().contains("ANTHROPIC_API_KEY"));
        QVERIFY(r.config->accessToken.size() > 20);
    }

    void defaultConfigIgnoresATokenOrNoKey_data()
    {
        QTest::addColumn<QString>("value"); // null: unset
        QTest::newRow("unset") << QString();
        QTest::newRow("empty") << QStringLiteral("");
        QTest::newRow("an earlier QCC token") << QStringLiteral("qcc-00112233445566778899");
    }

    void defaultConfigIgnoresATokenOrNoKey()
    {
        QFETCH(QString, value);
        QProcessEnvironment e;
        if (!value.isNull())
            e.insert(QStringLiteral("ANTHROPIC_API_KEY"), value);
        const Config c = defaultConfig(e);
        const ConfigResult r = parseConfig(c.toBytes(), e);
        QVERIFY2(r.config, qPrintable(UiText::lines(r.errors).english()));
        const EndpointConfig official = r.config->activeEndpoints().value(0);
        QVERIFY(official.key.isEmpty());
        QVERIFY(official.apiKeyEnv.isEmpty()); // a key is added later, never this variable
    }
};

QTEST_APPLESS_MAIN(TestConfig)
#include "tst_config.moc"
