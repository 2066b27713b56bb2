#pragma once

#include "platform/uitext.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace qcc {

/*! Where the tray app keeps endpoint keys: the OS keychain in production (KeychainSecretStore
 *  in qcc_ui), memory in unit tests. Asynchronous, as keychains are; the *Sync helpers spin a
 *  local event loop and are meant for start-up only. Accounts are "endpoint:<id>". */
class SecretStore : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(bool ok, const QString &value, const UiText &error)>;
    using QObject::QObject;

    virtual void read(const QString &account, Done done) = 0;
    virtual void write(const QString &account, const QString &secret, Done done) = 0;
    virtual void remove(const QString &account, Done done) = 0;
    //! "Secret Service", "macOS Keychain", "Windows Credential Manager", "memory"
    virtual QString backendName() const = 0;

    bool readSync(const QString &account, QString *value, UiText *error, int timeoutMs = 10000);
    bool writeSync(const QString &account, const QString &secret, UiText *error,
                   int timeoutMs = 10000);
    bool removeSync(const QString &account, UiText *error, int timeoutMs = 10000);

    //! The error of a read that found nothing: the keychain answered.
    static UiText notFound(const QString &account);
    static bool isNotFound(const UiText &error);

    static QString accountFor(const QString &endpointId)
    {
        return QStringLiteral("endpoint:") + endpointId;
    }
};

//! Keeps secrets in memory; can pretend to be unavailable. For tests.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT

public:
    using SecretStore::SecretStore;
    void read(const QString &account, Done done) override;
    void write(const QString &account, const QString &secret, Done done) override;
    void remove(const QString &account, Done done) override;
    QString backendName() const override { return QStringLiteral("memory"); }
    void setAvailable(bool available) { m_available = available; }
    //! Answers \a ms later, from the event loop (0: at once), as a keychain behind an unlock
    //! prompt does.
    void setAnswerDelayMs(int ms) { m_delayMs = ms; }
    QHash<QString, QString> secrets;

private:
    void answer(const Done &done, bool ok, const QString &value, const UiText &error);
    bool m_available = true;
    int m_delayMs = 0;
};

} // namespace qcc
