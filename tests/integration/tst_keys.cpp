// Keys in a secret store: migration out of the config file, resolution at start, and the
// running engine using a key that is in no file.
#include "engine/enginehost.h"
#include "engine/keys.h"
#include "platform/secretstore.h"
#include "support/fakeupstream.h"
#include "support/httpclient.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {
Config twoEndpoints(const QString &urlA, const QString &urlB)
{
    Config c;
    c.listenPort = 0;
    ClusterConfig cluster;
    cluster.name = QStringLiteral("default");
    for (const auto &[name, url, key] :
         {std::tuple{QStringLiteral("官方"), urlA, QStringLiteral("sk-ant-plain-aaaaaaaaaaaa")},
          std::tuple{QStringLiteral("relay"), urlB, QStringLiteral("sk-relay-plain-bbbbbbbbbb")}}) {
        EndpointConfig e;
        e.name = name;
        e.baseUrl = url;
        e.apiKey = e.key = key;
        e.effectiveId = deriveEndpointId(e.baseUrl, e.keySource());
        cluster.endpoints.append(e);
    }
    c.clusters = {cluster};
    return c;
}
} // namespace

class TestKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migrationOutOfThePlaintextFile()
    {
        MemorySecretStore store;
        Config c =
            twoEndpoints(QStringLiteral("https://a.example"), QStringLiteral("https://b.example"));
        const QString idA = c.clusters[0].endpoints[0].effectiveId;
        QCOMPARE(plaintextKeyCount(c), 2);
        QList<UiText> problems;
        QCOMPARE(moveKeysToKeychain(&c, &store, &problems), 2);
        QVERIFY(problems.isEmpty());
        const QByteArray file = c.toBytes();
        QVERIFY(!file.contains("sk-ant-plain"));
        QVERIFY(!file.contains("sk-relay-plain"));
        QVERIFY(file.contains("\"key_in_keychain\": true"));
        QCOMPARE(store.secrets.value(SecretStore::accountFor(idA)),
                 QStringLiteral("sk-ant-plain-aaaaaaaaaaaa"));
        // read back as at the next start: same ids, keys from the store
        ConfigResult again = parseConfig(file);
        QVERIFY2(again.config, qPrintable(UiText::lines(again.errors).english()));
        QCOMPARE(again.config->clusters[0].endpoints[0].effectiveId, idA);
        QVERIFY(again.config->clusters[0].endpoints[0].key.isEmpty());
        QVERIFY(resolveKeychainKeys(&*again.config, &store).isEmpty());
        QCOMPARE(again.config->clusters[0].endpoints[0].key,
                 QStringLiteral("sk-ant-plain-aaaaaaaaaaaa"));
        // a store that is gone: the problem is named, nothing is lost from the file
        store.setAvailable(false);
        const QList<UiText> missing = resolveKeychainKeys(&*again.config, &store);
        QCOMPARE(missing.size(), 2);
        QVERIFY(missing[0].english().contains(QStringLiteral("官方")) &&
                missing[0].english().contains(QStringLiteral("no keychain")));
        Config plain =
            twoEndpoints(QStringLiteral("https://a.example"), QStringLiteral("https://b.example"));
        QCOMPARE(moveKeysToKeychain(&plain, &store, &problems), 0);
        QCOMPARE(plaintextKeyCount(plain), 2);
        UiText why;
        QVERIFY(!keychainAvailable(&store, &why));
        QVERIFY(!why.english().isEmpty());
    }

    // A keychain entry with a line break would end the key's header and start another: it is
    // refused as config keys are, by name.
    void aKeychainKeyWithALineBreakIsRefused()
    {
        MemorySecretStore store;
        Config c =
            twoEndpoints(QStringLiteral("https://a.example"), QStringLiteral("https://b.example"));
        QList<UiText> problems;
        QCOMPARE(moveKeysToKeychain(&c, &store, &problems), 2);
        const QString idA = c.clusters[0].endpoints[0].effectiveId;
        store.secrets.insert(SecretStore::accountFor(idA),
                             QStringLiteral("sk-ant-evil\r\nx-injected: 1"));
        ConfigResult again = parseConfig(c.toBytes());
        QVERIFY(again.config);
        const QList<UiText> found = resolveKeychainKeys(&*again.config, &store);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found[0].english().contains(QStringLiteral("line break")),
                 qPrintable(found[0].english()));
        QVERIFY(!found[0].english().contains(QStringLiteral("sk-ant-evil")));
        QVERIFY(again.config->clusters[0].endpoints[0].key.isEmpty()); // never used
        QCOMPARE(again.config->clusters[0].endpoints[1].key,
                 QStringLiteral("sk-relay-plain-bbbbbbbbbb"));
    }

    // A keychain entry that is gone, or that holds QCC's own access token, leaves its endpoint
    // no_key with the reason; the engine serves with the others and never sends that one.
    void aKeyTheKeychainCannotGiveMakesOnlyThatEndpointNoKey()
    {
        FakeUpstream a, b;
        MemorySecretStore store;
        Config c = twoEndpoints(a.baseUrl(), b.baseUrl());
        c.accessToken = QStringLiteral("qcc-test-token-0123456789");
        QList<UiText> problems;
        QCOMPARE(moveKeysToKeychain(&c, &store, &problems), 2);
        const QString idA = c.clusters[0].endpoints[0].effectiveId;
        const QString idB = c.clusters[0].endpoints[1].effectiveId;
        store.secrets.remove(SecretStore::accountFor(idA));

        ConfigResult again = parseConfig(c.toBytes());
        QVERIFY(again.config);
        QList<UiText> found = resolveKeychainKeys(&*again.config, &store);
        QCOMPARE(found.size(), 1);
        const EndpointConfig &gone = again.config->clusters[0].endpoints[0];
        QVERIFY(gone.lacksKey());
        QVERIFY2(gone.whyNoKey().english().startsWith(QStringLiteral("not read from the ")),
                 qPrintable(gone.whyNoKey().english()));

        EngineHost host;
        QTemporaryDir dir;
        host.start(*again.config, dir.filePath(QStringLiteral("config.json")),
                   dir.filePath(QStringLiteral("state")));
        QTRY_VERIFY(host.snapshot().listening);
        QTRY_VERIFY(host.snapshot().endpoint(idA) &&
                    host.snapshot().endpoint(idA)->status == EndpointStatus::NoKey);
        HttpClient client;
        client.send(quint16(host.snapshot().listenAddress.section(u':', -1).toUInt()), "POST",
                    "/v1/messages",
                    {{"content-type", "application/json"}, {"x-api-key", c.accessToken.toUtf8()}},
                    R"({"model":"x","max_tokens":5,"messages":[]})");
        QTRY_VERIFY(client.done());
        QCOMPARE(client.status, 200);
        QCOMPARE(a.requestCount(), 0);
        QCOMPARE(b.requestCount(), 1);
        bool done = false;
        host.shutdown(2000, [&] { done = true; });
        QTRY_VERIFY(done);

        // the token in the keychain entry: refused by name, never sent
        store.secrets.insert(SecretStore::accountFor(idB), c.accessToken);
        ConfigResult third = parseConfig(c.toBytes());
        QVERIFY(third.config);
        found = resolveKeychainKeys(&*third.config, &store);
        QCOMPARE(found.size(), 2);
        QVERIFY2(found[1].english().contains(QStringLiteral("is QCC's own access token")),
                 qPrintable(found[1].english()));
        QVERIFY(third.config->clusters[0].endpoints[1].lacksKey());
    }

    // A keychain that answers after the wait gave up (an unlock prompt answered late) changes
    // nothing the caller owns: the answer lands in state the waiter shares with the callback.
    void aLateKeychainAnswerChangesNothing()
    {
        MemorySecretStore store;
        store.secrets.insert(QStringLiteral("endpoint:x"), QStringLiteral("sk-late-answer"));
        store.setAnswerDelayMs(300);
        QString value = QStringLiteral("untouched");
        UiText error;
        QVERIFY(!store.readSync(QStringLiteral("endpoint:x"), &value, &error, 50));
        QVERIFY2(error.english().contains(QStringLiteral("did not answer")),
                 qPrintable(error.english()));
        QTest::qWait(500); // the late answer arrives now
        QCOMPARE(value, QStringLiteral("untouched"));
        QVERIFY(error.english().contains(QStringLiteral("did not answer")));
        // and a keychain that answers in time is read through the same wait
        QVERIFY(store.readSync(QStringLiteral("endpoint:x"), &value, &error, 5000));
        QCOMPARE(value, QStringLiteral("sk-late-answer"));
    }

    void theEngineUsesAKeyThatIsInNoFile()
    {
        FakeUpstream a, b;
        QTemporaryDir dir;
        MemorySecretStore store;
        EngineHost host;
        host.setSecretStore(&store);
        Config c = twoEndpoints(a.baseUrl(), b.baseUrl());
        const QString path = dir.filePath(QStringLiteral("config.json"));
        host.start(c, path, dir.filePath(QStringLiteral("state")));
        QTRY_VERIFY(host.snapshot().listening);
        UiText error;
        QVERIFY2(host.applyConfig(c, &error), qPrintable(error.english()));
        // keys that were already in the file stay there until the user says yes to moving them
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY(f.readAll().contains("sk-ant-plain"));
        }
        QVERIFY2(host.moveAllKeysToKeychain(&error), qPrintable(error.english()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray onDisk = f.readAll();
        QVERIFY(!onDisk.contains("sk-ant-plain"));
        QVERIFY(onDisk.contains("key_in_keychain"));
        HttpClient client;
        client.send(quint16(host.snapshot().listenAddress.section(u':', -1).toUInt()), "POST",
                    "/v1/messages", {{"content-type", "application/json"}},
                    R"({"model":"x","max_tokens":5,"messages":[]})");
        QTRY_VERIFY(client.done());
        QCOMPARE(client.status, 200);
        QCOMPARE(a.requests().last().header("x-api-key"), QByteArray("sk-ant-plain-aaaaaaaaaaaa"));
        // an unrelated edit keeps the keychain key in use; a key typed in goes to the store
        Config edited = host.config();
        edited.failover.maxAttempts = 2;
        edited.clusters[0].endpoints[1].apiKey = QStringLiteral("sk-relay-typed-cccccccccc");
        edited.clusters[0].endpoints[1].keyInKeychain = false;
        QVERIFY(host.applyConfig(edited, &error));
        HttpClient second;
        second.send(quint16(host.snapshot().listenAddress.section(u':', -1).toUInt()), "POST",
                    "/v1/messages", {{"content-type", "application/json"}},
                    R"({"model":"x","max_tokens":5,"messages":[]})");
        QTRY_VERIFY(second.done());
        QCOMPARE(a.requests().last().header("x-api-key"), QByteArray("sk-ant-plain-aaaaaaaaaaaa"));
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QVERIFY(!again.readAll().contains("sk-relay-typed"));
        QVERIFY(store.secrets.values().contains(QStringLiteral("sk-relay-typed-cccccccccc")));
        bool done = false;
        host.shutdown(2000, [&] { done = true; });
        QTRY_VERIFY(done);
    }
};

QTEST_GUILESS_MAIN(TestKeys)
#include "tst_keys.moc"
