#include "secretstore.h"

#include <QEventLoop>
#include <QTimer>

namespace qcc {

namespace {
template <typename Start> bool runSync(Start start, QString *value, QString *error, int timeoutMs)
{
    QEventLoop loop;
    bool finished = false, ok = false;
    start([&](bool success, const QString &v, const QString &e) {
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
        *error = QStringLiteral("the keychain did not answer within %1 s").arg(timeoutMs / 1000);
    return finished && ok;
}
} // namespace

bool SecretStore::readSync(const QString &account, QString *value, QString *error, int timeoutMs)
{
    return runSync([&](Done d) { read(account, d); }, value, error, timeoutMs);
}

bool SecretStore::writeSync(const QString &account, const QString &secret, QString *error,
                            int timeoutMs)
{
    return runSync([&](Done d) { write(account, secret, d); }, nullptr, error, timeoutMs);
}

bool SecretStore::removeSync(const QString &account, QString *error, int timeoutMs)
{
    return runSync([&](Done d) { remove(account, d); }, nullptr, error, timeoutMs);
}

static const QString kUnavailable = QStringLiteral("no keychain is available");

void MemorySecretStore::read(const QString &account, Done done)
{
    if (!m_available)
        return done(false, QString(), kUnavailable);
    if (!secrets.contains(account))
        return done(false, QString(), QStringLiteral("no key stored for %1").arg(account));
    done(true, secrets.value(account), QString());
}

void MemorySecretStore::write(const QString &account, const QString &secret, Done done)
{
    if (!m_available)
        return done(false, QString(), kUnavailable);
    secrets.insert(account, secret);
    done(true, QString(), QString());
}

void MemorySecretStore::remove(const QString &account, Done done)
{
    if (!m_available)
        return done(false, QString(), kUnavailable);
    secrets.remove(account);
    done(true, QString(), QString());
}

} // namespace qcc
