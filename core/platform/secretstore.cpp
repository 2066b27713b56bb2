#include "secretstore.h"

#include <QEventLoop>
#include <QTimer>

namespace qcc {

namespace {
const char kNotFound[] = QT_TRANSLATE_NOOP("qcc", "no key stored for %1");

template <typename Start> bool runSync(Start start, QString *value, UiText *error, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false, ok = false;
    start([&](bool success, const QString &v, const UiText &e) {
        finished = true;
        ok = success;
        if (value)
            *value = v;
        if (error)
            *error = e;
        loop.quit();
    });
    if (!finished) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    if (!finished && error)
        *error = UiText(QT_TRANSLATE_NOOP("qcc", "the keychain did not answer within %1 s"),
                        {QString::number(timeoutMs / 1000)});
    return finished && ok;
}
} // namespace

UiText SecretStore::notFound(const QString &account)
{
    return UiText(kNotFound, {account});
}

bool SecretStore::isNotFound(const UiText &error)
{
    return error.source() == kNotFound;
}

bool SecretStore::readSync(const QString &account, QString *value, UiText *error, int timeoutMs)
{
    return runSync([&](Done d) { read(account, d); }, value, error, timeoutMs);
}

bool SecretStore::writeSync(const QString &account, const QString &secret, UiText *error,
                            int timeoutMs)
{
    return runSync([&](Done d) { write(account, secret, d); }, nullptr, error, timeoutMs);
}

bool SecretStore::removeSync(const QString &account, UiText *error, int timeoutMs)
{
    return runSync([&](Done d) { remove(account, d); }, nullptr, error, timeoutMs);
}

static const UiText kUnavailable(QT_TRANSLATE_NOOP("qcc", "no keychain is available"));

void MemorySecretStore::read(const QString &account, Done done)
{
    if (!m_available)
        return done(false, QString(), kUnavailable);
    if (!secrets.contains(account))
        return done(false, QString(), notFound(account));
    done(true, secrets.value(account), UiText());
}

void MemorySecretStore::write(const QString &account, const QString &secret, Done done)
{
    if (!m_available)
        return done(false, QString(), kUnavailable);
    secrets.insert(account, secret);
    done(true, QString(), UiText());
}

void MemorySecretStore::remove(const QString &account, Done done)
{
    if (!m_available)
        return done(false, QString(), kUnavailable);
    secrets.remove(account);
    done(true, QString(), UiText());
}

} // namespace qcc
