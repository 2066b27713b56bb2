// The QtKeychain store against a real Secret Service (gnome-keyring in a private D-Bus session,
// started by tests/gui/with-keyring.sh).
#include "engine/keys.h"
#include "keychainstore.h"

#include <QtTest>

using namespace qcc;

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
