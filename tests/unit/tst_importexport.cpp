#include "config/importexport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace qcc;

class TestImportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fastccCache()
    {
        // The shape the earlier Python QCC wrote to ~/.fastcc/cache.json.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral(".fastcc/cache.json"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(R"({"profiles":{
            "工作": {"base_url":"https:\/\/api.anthropic.com","api_key":"sk-ant-profile-key-000000",
                     "endpoints":[{"id":"x1","name":"官方","base_url":"https:\/\/api.anthropic.com","api_key":"sk-ant-official-0000000","weight":100,"priority":1},
                                  {"base_url":"https:\/\/relay.example\/api","weight":30,"priority":2},
                                  {"base_url":"ftp:\/\/broken","priority":1}]},
            "solo": {"base_url":"https:\/\/solo.example","api_key":"sk-solo-0000000000"}
            },"last_used":"工作"})")
                    .toUtf8());
        f.close();
        const ImportResult r = importFile(path);
        QCOMPARE(r.clusters.size(), 2);
        const ClusterConfig &work =
            r.clusters[0].name == QStringLiteral("工作") ? r.clusters[0] : r.clusters[1];
        const ClusterConfig &solo =
            r.clusters[0].name == QStringLiteral("solo") ? r.clusters[0] : r.clusters[1];
        QCOMPARE(work.endpoints.size(), 2);
        QCOMPARE(work.endpoints[0].name, QStringLiteral("官方"));
        QCOMPARE(work.endpoints[0].tier, Tier::Primary);
        QCOMPARE(work.endpoints[0].apiKey, QStringLiteral("sk-ant-official-0000000"));
        QCOMPARE(work.endpoints[1].tier, Tier::Secondary);
        QCOMPARE(work.endpoints[1].weight, 30);
        QCOMPARE(work.endpoints[1].apiKey,
                 QStringLiteral("sk-ant-profile-key-000000")); // the profile's key
        QCOMPARE(solo.endpoints.size(), 1);
        QCOMPARE(solo.endpoints[0].baseUrl, QStringLiteral("https://solo.example"));
        QCOMPARE(r.problems.size(), 1);
        QVERIFY(r.problems[0].english().contains(QStringLiteral("ftp://broken")));

        // merged into a config, the result is a valid config file, and merging again adds nothing
        Config config = defaultConfig(QProcessEnvironment());
        QCOMPARE(mergeClusters(&config, r.clusters), 3);
        QCOMPARE(mergeClusters(&config, r.clusters), 0);
        const ConfigResult check = parseConfig(config.toBytes(), QProcessEnvironment());
        QVERIFY2(check.config, qPrintable(UiText::lines(check.errors).english()));
        QCOMPARE(check.config->clusters.size(), 3);
    }

    void exportWithoutKeysAndBack()
    {
        ClusterConfig c;
        c.name = QStringLiteral("默认");
        EndpointConfig a;
        a.name = QStringLiteral("官方");
        a.baseUrl = QStringLiteral("https://api.anthropic.com");
        a.apiKey = QStringLiteral("sk-ant-secret-value-000000");
        EndpointConfig b;
        b.name = QStringLiteral("relay");
        b.baseUrl = QStringLiteral("https://relay.example");
        b.apiKeyEnv = QStringLiteral("RELAY_KEY");
        b.tier = Tier::Secondary;
        c.endpoints = {a, b};
        const QByteArray without = exportClusters({c}, false);
        QVERIFY(!without.contains("sk-ant-secret"));
        QVERIFY(without.contains("RELAY_KEY")); // a variable name, not a secret
        QVERIFY(without.contains("官方"));
        const QByteArray with = exportClusters({c}, true);
        QVERIFY(with.contains("sk-ant-secret-value-000000"));

        QProcessEnvironment env;
        env.insert(QStringLiteral("RELAY_KEY"), QStringLiteral("sk-relay-from-env-00000"));
        qputenv("RELAY_KEY", "sk-relay-from-env-00000");
        const ImportResult back = importQcc(with);
        QVERIFY2(back.problems.isEmpty(), qPrintable(UiText::lines(back.problems).english()));
        QCOMPARE(back.clusters.size(), 1);
        QCOMPARE(back.clusters[0].name, QStringLiteral("默认"));
        QCOMPARE(back.clusters[0].endpoints[0].apiKey, a.apiKey);
        QCOMPARE(back.clusters[0].endpoints[1].tier, Tier::Secondary);
        const ImportResult bad =
            importQcc(R"({"clusters":[{"name":"x","endpoints":[{"base_url":"nope"}]}]})");
        QVERIFY(bad.clusters.isEmpty());
        QVERIFY(bad.problems.first().english().contains(QStringLiteral("base_url")));
    }
};

QTEST_APPLESS_MAIN(TestImportExport)
#include "tst_importexport.moc"
