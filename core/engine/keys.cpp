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
            if (store->readSync(SecretStore::accountFor(ep.effectiveId), &key, &error)) {
                // Read, but maybe not usable.
                error = keyHeaderProblem(key);
                if (error.isEmpty())
                    error = tokenAsKeyProblem(key, config->accessToken);
            }
            if (error.isEmpty()) {
                ep.key = key;
                ep.keyProblem = UiText();
                Redactor::addSecret(key);
            } else {
                ep.keyProblem = UiText(QT_TRANSLATE_NOOP("qcc", "not read from the %1: %2"),
                                       {store->backendName(), error});
                problems.append(UiText(QT_TRANSLATE_NOOP("qcc", "%1 (%2): key %3"),
                                       {ep.name, ep.effectiveId, ep.keyProblem}));
            }
        }
    }
    return problems;
}

QList<UiText> markKeychainUnavailable(Config *config, const UiText &why)
{
    QList<UiText> problems;
    for (ClusterConfig &c : config->clusters) {
        for (EndpointConfig &ep : c.endpoints) {
            if (!ep.keyInKeychain)
                continue;
            ep.keyProblem =
                UiText(QT_TRANSLATE_NOOP("qcc", "it is in the keychain, but %1"), {why});
            problems.append(UiText::labelled(ep.name, ep.keyProblem));
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
