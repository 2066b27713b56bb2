#include "keys.h"

#include "config/config.h"
#include "platform/logging.h"
#include "platform/secretstore.h"

namespace qcc {

bool keychainAvailable(SecretStore *store, UiText *why)
{
    QString value;
    UiText error;
    if (store->readSync(QStringLiteral("qcc:availability-check"), &value, &error, 5000))
        return true;
    // "No entry" means the keychain answered.
    if (SecretStore::isNotFound(error))
        return true;
    *why = error;
    return false;
}

QList<UiText> resolveKeychainKeys(Config *config, SecretStore *store)
{
    QList<UiText> problems;
    for (ClusterConfig &c : config->clusters) {
        for (EndpointConfig &ep : c.endpoints) {
            if (!ep.keyInKeychain)
                continue;
            QString key;
            UiText error;
            if (store->readSync(SecretStore::accountFor(ep.effectiveId), &key, &error) &&
                keyHeaderProblem(key).isEmpty()) {
                ep.key = key;
                Redactor::addSecret(key);
            } else {
                if (error.isEmpty()) // read, but not usable
                    error = keyHeaderProblem(key);
                problems.append(
                    UiText(QT_TRANSLATE_NOOP("qcc", "%1 (%2): key not read from the %3: %4"),
                           {ep.name, ep.effectiveId, store->backendName(), error}));
            }
        }
    }
    return problems;
}

int moveKeysToKeychain(Config *config, SecretStore *store, QList<UiText> *problems,
                       const QSet<QString> &leaveInFile)
{
    int moved = 0;
    for (ClusterConfig &c : config->clusters) {
        for (EndpointConfig &ep : c.endpoints) {
            if (ep.apiKey.isEmpty() || leaveInFile.contains(ep.apiKey))
                continue;
            UiText error;
            const QString id = ep.effectiveId;
            if (!store->writeSync(SecretStore::accountFor(id), ep.apiKey, &error)) {
                problems->append(UiText::labelled(ep.name, error));
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
