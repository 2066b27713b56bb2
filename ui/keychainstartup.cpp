#include "keychainstartup.h"

#include "engine/enginehost.h"
#include "engine/keys.h"
#include "platform/logging.h"

#include <QMessageBox>
#include <QSettings>

namespace qcc {

namespace {
const char kDeclined[] = "keychainOfferDeclined";
}

QList<UiText> prepareKeychainKeys(Config *config, SecretStore *keychain, bool *available)
{
    UiText why(QT_TRANSLATE_NOOP("qcc", "QCC_NO_KEYCHAIN is set"));
    *available = keychain && keychainAvailable(keychain, &why);
    if (*available)
        return resolveKeychainKeys(config, keychain);
    qCInfo(lcEngine).noquote() << "keys stay in the config file (0600):" << why.english();
    return markKeychainUnavailable(config, why);
}

QMessageBox *offerKeychainMove(EngineHost *host, const Config &config, const QString &configPath,
                               const QString &backendName, bool firstRun)
{
    const int plain = plaintextKeyCount(config);
    if (plain == 0 || (!firstRun && QSettings().value(QLatin1String(kDeclined), false).toBool()))
        return nullptr;
    auto *box = new QMessageBox(
        QMessageBox::Question, QObject::tr("QCC"),
        QObject::tr("%n API key(s) are stored in plain text in %1.\nMove them into the %2?",
                    nullptr, plain)
            .arg(configPath, backendName),
        QMessageBox::Yes | QMessageBox::No);
    box->setObjectName(QStringLiteral("keychainOffer"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, host, [host](int result) {
        if (result != QMessageBox::Yes) {
            QSettings().setValue(QLatin1String(kDeclined), true);
            return;
        }
        UiText error;
        if (!host->moveAllKeysToKeychain(&error))
            QMessageBox::warning(nullptr, QObject::tr("QCC"), error.localized());
    });
    box->open();
    return box;
}

} // namespace qcc
