#include "keychainstore.h"

#include <qt6keychain/keychain.h>

namespace qcc {

namespace {
// The keychain's own reason (job->errorString()) is quoted as it comes.
UiText describe(QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoError:
        return UiText();
    case QKeychain::EntryNotFound:
        return SecretStore::notFound(job->key());
    case QKeychain::NoBackendAvailable:
        return UiText(QT_TRANSLATE_NOOP("qcc", "no keychain is available (%1); use api_key_env or "
                                               "a key in the 0600 config file"),
                      {job->errorString()});
    case QKeychain::AccessDenied:
        return UiText(QT_TRANSLATE_NOOP("qcc", "the keychain refused access: %1"),
                      {job->errorString()});
    default:
        return UiText(QT_TRANSLATE_NOOP("qcc", "keychain error: %1"), {job->errorString()});
    }
}

template <typename J> void run(J *job, const SecretStore::Done &done, bool returnsData)
{
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, job, [done, returnsData](QKeychain::Job *j) {
        const bool ok = j->error() == QKeychain::NoError;
        QString value;
        if (ok && returnsData)
            value = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
        done(ok, value, describe(j));
    });
    job->start();
}
} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent), m_service(service)
{}

QString KeychainSecretStore::backendName() const
{
#if defined(Q_OS_MACOS)
    return QStringLiteral("macOS Keychain");
#elif defined(Q_OS_WIN)
    return QStringLiteral("Windows Credential Manager");
#else
    return QStringLiteral("Secret Service");
#endif
}

void KeychainSecretStore::read(const QString &account, Done done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(account);
    run(job, done, true);
}

void KeychainSecretStore::write(const QString &account, const QString &secret, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(account);
    job->setTextData(secret);
    run(job, done, false);
}

void KeychainSecretStore::remove(const QString &account, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(account);
    run(job, done, false);
}

} // namespace qcc
