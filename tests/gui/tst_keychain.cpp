// The QtKeychain store against a real Secret Service (gnome-keyring in a private D-Bus session,
// started by tests/gui/with-keyring.sh), and qcc-tray's start-up offer to move keys there.
#include "engine/enginehost.h"
#include "engine/keys.h"
#include "keychainstartup.h"
#include "keychainstore.h"
#include "support/fakeupstream.h"
#include "support/httpclient.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;

namespace {
//! A config with one endpoint whose key is in the file, saved at \a path.
Config plainConfig(const FakeUpstream &fake, const QString &path)
{
    Config c;
    c.listenPort = 0;
    EndpointConfig e;
    e.name = QStringLiteral("官方");
    e.baseUrl = fake.baseUrl();
    e.apiKey = e.key = QStringLiteral("sk-fake-offer-%1-0123456789").arg(path.size());
    e.effectiveId = deriveEndpointId(e.baseUrl, e.keySource());
    c.clusters = {ClusterConfig{QStringLiteral("default"), {e}, {}}};
    QString error;
    if (!saveConfig(c, path, &error))
        qFatal("%s", qPrintable(error));
    return c;
}

QByteArray fileText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // QSettings (where a declined offer is remembered) in with-keyring.sh's private HOME.
        QCoreApplication::setOrganizationName(QStringLiteral("qcc-test"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keychain"));
        QSettings().clear();
    }

    void storeReadDelete()
    {
        KeychainSecretStore store(
            QStringLiteral("qcc-test-%1").arg(QCoreApplication::applicationPid()));
        const QString account = SecretStore::accountFor(QStringLiteral("ep-中文-1"));
        const QString secret = QStringLiteral("sk-fake-keychain-test-0123456789");
        QString value;
        UiText error;
        QVERIFY2(store.writeSync(account, secret, &error), qPrintable(error.english()));
        QVERIFY2(store.readSync(account, &value, &error), qPrintable(error.english()));
        QCOMPARE(value, secret);
        QVERIFY2(store.writeSync(account, secret + QStringLiteral("-2"), &error),
                 qPrintable(error.english())); // overwrite
        QVERIFY(store.readSync(account, &value, &error));
        QCOMPARE(value, secret + QStringLiteral("-2"));
        QVERIFY2(store.removeSync(account, &error), qPrintable(error.english()));
        QVERIFY(!store.readSync(account, &value, &error));
        QVERIFY2(error.english().contains(QStringLiteral("no key stored")),
                 qPrintable(error.english()));
    }

    void migrationIntoTheRealKeychain()
    {
        KeychainSecretStore store(
            QStringLiteral("qcc-test-migrate-%1").arg(QCoreApplication::applicationPid()));
        UiText why;
        QVERIFY2(keychainAvailable(&store, &why), qPrintable(why.english()));
        Config c;
        ClusterConfig cluster;
        cluster.name = QStringLiteral("default");
        EndpointConfig e;
        e.name = QStringLiteral("官方");
        e.baseUrl = QStringLiteral("https://api.anthropic.com");
        e.apiKey = e.key = QStringLiteral("sk-ant-migrate-0123456789");
        e.effectiveId = deriveEndpointId(e.baseUrl, e.keySource());
        cluster.endpoints = {e};
        c.clusters = {cluster};
        QList<UiText> problems;
        QCOMPARE(moveKeysToKeychain(&c, &store, &problems), 1);
        QVERIFY(!c.toBytes().contains("sk-ant-migrate"));
        ConfigResult again = parseConfig(c.toBytes());
        QVERIFY(again.config);
        QVERIFY(resolveKeychainKeys(&*again.config, &store).isEmpty());
        QCOMPARE(again.config->clusters[0].endpoints[0].key, e.apiKey);
        QVERIFY(store.removeSync(SecretStore::accountFor(e.effectiveId), &why));
    }

    // First run wrote the key it found (ANTHROPIC_API_KEY) into the new file: qcc-tray asks at
    // once to move it into the keychain; Yes moves it, and the proxy goes on with it.
    void firstRunOffersToMoveTheKey()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        FakeUpstream fake;
        Config config = plainConfig(fake, path);
        const QString key = config.clusters[0].endpoints[0].apiKey;
        KeychainSecretStore store(
            QStringLiteral("qcc-test-offer-%1").arg(QCoreApplication::applicationPid()));
        bool available = false;
        QVERIFY(prepareKeychainKeys(&config, &store, &available).isEmpty());
        QVERIFY(available);
        EngineHost host;
        host.setSecretStore(&store);
        host.start(config, path, dir.filePath(QStringLiteral("state")));
        QTRY_VERIFY(host.snapshot().listening);

        QMessageBox *box = offerKeychainMove(&host, config, path, store.backendName(), true);
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(path) && box->text().contains(store.backendName()),
                 qPrintable(box->text()));
        box->button(QMessageBox::Yes)->click();
        QTRY_VERIFY(!fileText(path).contains(key.toUtf8()));
        QVERIFY(fileText(path).contains("\"key_in_keychain\": true"));

        // The next start reads it back from the keychain, and nothing is offered any more.
        ConfigResult again = loadConfig(path);
        QVERIFY(again.config);
        QVERIFY(prepareKeychainKeys(&*again.config, &store, &available).isEmpty());
        QCOMPARE(again.config->clusters[0].endpoints[0].key, key);
        QVERIFY(!offerKeychainMove(&host, *again.config, path, store.backendName(), true));
        // and the running proxy still sends it
        HttpClient c;
        c.send(quint16(host.snapshot().listenAddress.section(u':', -1).toUInt()), "POST",
               "/v1/messages", {{"content-type", "application/json"}},
               R"({"model":"m","max_tokens":1,"messages":[]})");
        QTRY_VERIFY(c.done());
        QCOMPARE(c.status, 200);
        QCOMPARE(fake.requests().last().header("x-api-key"), key.toUtf8());
        UiText error;
        QVERIFY(store.removeSync(
            SecretStore::accountFor(config.clusters[0].endpoints[0].effectiveId), &error));
    }

    // No is remembered: later starts do not ask again, but a first run always does.
    void aDeclinedOfferIsNotRepeated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        FakeUpstream fake;
        Config config = plainConfig(fake, path);
        KeychainSecretStore store(
            QStringLiteral("qcc-test-decline-%1").arg(QCoreApplication::applicationPid()));
        bool available = false;
        prepareKeychainKeys(&config, &store, &available);
        QVERIFY(available);
        EngineHost host;
        host.setSecretStore(&store);
        host.start(config, path, dir.filePath(QStringLiteral("state")));
        QTRY_VERIFY(host.snapshot().listening);
        const QByteArray before = fileText(path);

        QSettings().clear();
        QMessageBox *box = offerKeychainMove(&host, config, path, store.backendName(), false);
        QVERIFY(box);
        QPointer<QMessageBox> guard(box);
        box->button(QMessageBox::No)->click();
        QTRY_VERIFY(!guard);
        QCOMPARE(fileText(path), before); // nothing moved
        QVERIFY(!offerKeychainMove(&host, config, path, store.backendName(), false));
        box = offerKeychainMove(&host, config, path, store.backendName(), true);
        QVERIFY(box);
        box->button(QMessageBox::No)->click();
    }

    // Without a keychain (none found, or QCC_NO_KEYCHAIN): keys stay in the file, and an
    // endpoint whose key is kept in the keychain says so instead of failing the start.
    void noKeychainKeepsKeysInTheFile()
    {
        QTemporaryDir dir;
        FakeUpstream fake;
        Config config = plainConfig(fake, dir.filePath(QStringLiteral("config.json")));
        EndpointConfig kept = config.clusters[0].endpoints[0];
        kept.apiKey.clear();
        kept.key.clear();
        kept.keyInKeychain = true;
        kept.baseUrl += QStringLiteral("/kept");
        kept.effectiveId = QStringLiteral("kept");
        config.clusters[0].endpoints.append(kept);
        bool available = true;
        const QList<UiText> problems = prepareKeychainKeys(&config, nullptr, &available);
        QVERIFY(!available);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems[0].english().contains(QStringLiteral("QCC_NO_KEYCHAIN")),
                 qPrintable(problems[0].english()));
        QVERIFY(!config.clusters[0].endpoints[0].key.isEmpty());
        QVERIFY(config.clusters[0].endpoints[1].lacksKey());
    }
};

QTEST_MAIN(TestKeychain)
#include "tst_keychain.moc"
