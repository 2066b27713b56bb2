#include "secretstore.h"

#include <QEventLoop>
#include <QTimer>

#include <memory>

namespace qcc {

namespace {
const char kNotFound[] = QT_TRANSLATE_NOOP("qcc", "no key stored for %1");

/*! Waits for one answer, at most \a timeoutMs. The answer lands in state shared with the
 *  callback, not in this frame: a keychain that answers after the timeout (an unlock prompt
 *  answered late) finds the state still alive and the loop gone, and changes nothing else. */
template <typename Start> bool runSync(Start start, QString *value, UiText *error, int timeoutMs)
{
    struct Answer
    {
        bool finished = false, ok = false;
        QString value;
        UiText error;
        QEventLoop *loop = nullptr;
    };
    const auto answer = std::make_shared<Answer>();
    QEventLoop loop;
    start([answer](bool success, const QString &v, const UiText &e) {
        if (answer->finished)
            return;
        answer->finished = true;
        answer->ok = success;
        answer->value = v;
        answer->error = e;
        if (answer->loop)
            answer->loop->quit();
    });
    if (!answer->finished) {
        answer->loop = &loop;
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        answer->loop = nullptr;
    }
    if (!answer->finished) {
        if (error)
            *error = UiText(QT_TRANSLATE_NOOP("qcc", "the keychain did not answer within %1 s"),
                            {QString::number(timeoutMs / 1000)});
        return false;
    }
    if (value)
        *value = answer->value;
    if (error)
        *error = answer->error;
    return answer->ok;
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

void MemorySecretStore::answer(const Done &done, bool ok, const QString &value, const UiText &error)
{
    if (m_delayMs <= 0)
        return done(ok, value, error);
    QTimer::singleShot(m_delayMs, this, [done, ok, value, error] { done(ok, value, error); });
}

void MemorySecretStore::read(const QString &account, Done done)
{
    if (!m_available)
        return answer(done, false, QString(), kUnavailable);
    if (!secrets.contains(account))
        return answer(done, false, QString(), notFound(account));
    answer(done, true, secrets.value(account), UiText());
}

void MemorySecretStore::write(const QString &account, const QString &secret, Done done)
{
    if (!m_available)
        return answer(done, false, QString(), kUnavailable);
    secrets.insert(account, secret);
    answer(done, true, QString(), UiText());
}

void MemorySecretStore::remove(const QString &account, Done done)
{
    if (!m_available)
        return answer(done, false, QString(), kUnavailable);
    secrets.remove(account);
    answer(done, true, QString(), UiText());
}

} // namespace qcc
