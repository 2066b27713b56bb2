#include "keys.h"

#include "platform/logging.h"
#include "platform/secretstore.h"

namespace qcc {

bool keychainAvailable(SecretStore *store, QString *why)
{
    QString value, error;
    if (store->readSync(QStringLiteral("qcc:availability-check"), &value, &error, 5000))
        return true;
    // "No entry" means the keychain answered.
    if (error.startsWith(QStringLiteral("no key stored")))
        return true;
    *why = error;
    return false;
}

QStringList resolveKeychainKeys(Config *config, SecretStore *store)
{
    QStringList problems;
    for (ClusterConfig &c : config->clusters) {
        for (EndpointConfig &ep : c.endpoints) {
            if (!ep.keyInKeychain)
                continue;
            QString key, error;
            if (store->readSync(SecretStore::accountFor(ep.effectiveId), &key, &error)) {
                ep.key = key;
                Redactor::addSecret(key);
            } else {
                problems.append(QStringLiteral("%1 (%2): key not read from the %3: %4")
                                    .arg(ep.name, ep.effectiveId, store->backendName(), error));
            }
        }
    }
    return problems;
}

int moveKeysToKeychain(Config *config, SecretStore *store, QStringList *problems,
                       const QSet<QString> &leaveInFile)
{
    int moved = 0;
    for (ClusterConfig &c : config->clusters) {
        for (EndpointConfig &ep : c.endpoints) {
            if (ep.apiKey.isEmpty() || leaveInFile.contains(ep.apiKey))
                continue;
            QString error;
            const QString id = ep.effectiveId;
            if (!store->writeSync(SecretStore::accountFor(id), ep.apiKey, &error)) {
                problems->append(QStringLiteral("%1: %2").arg(ep.name, error));
                continue;
            }
            ep.id = id; // the id no longer depends on a key in the file
            ep.key = ep.apiKey;
            ep.apiKey.clear();
            ep.keyInKeychain = true;
            ++moved;
        }
    }
    return moved;
}

int plaintextKeyCount(const Config &config)
{
    int n = 0;
    for (const ClusterConfig &c : config.clusters)
        for (const EndpointConfig &ep : c.endpoints)
            n += !ep.apiKey.isEmpty();
    return n;
}

} // namespace qcc
