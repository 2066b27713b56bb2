#pragma once

#include "platform/secretstore.h"

namespace qcc {

/*! Endpoint keys in the OS keychain through QtKeychain: the Secret Service (GNOME Keyring,
 *  KWallet) on Linux, the Keychain on macOS, the Credential Manager on Windows. */
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT

public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("qcc"),
                                 QObject *parent = nullptr);
    void read(const QString &account, Done done) override;
    void write(const QString &account, const QString &secret, Done done) override;
    void remove(const QString &account, Done done) override;
    QString backendName() const override;

private:
    QString m_service;
};

} // namespace qcc
