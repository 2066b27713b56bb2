#pragma once

#include <QByteArray>
#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcHealth)
Q_DECLARE_LOGGING_CATEGORY(lcVerify)
Q_DECLARE_LOGGING_CATEGORY(lcProxy)
Q_DECLARE_LOGGING_CATEGORY(lcUpstream)
Q_DECLARE_LOGGING_CATEGORY(lcEngine)

namespace qcc {

/*! The one place where secrets are removed from text that leaves the process (log lines, error
 *  messages, stats). Keys registered here and anything shaped like an Anthropic key are replaced
 *  by a short, non-reversible mask. Thread-safe (guarded by a mutex). */
namespace Redactor {
void addSecret(const QString &secret);
void clearSecrets();
QString redact(QString text);
//! "sk-ant-…wxyz": at most a prefix and the last four characters.
QString mask(const QString &secret);
} // namespace Redactor

enum class LogLevel { Error, Warning, Info, Debug };
bool parseLogLevel(const QString &text, LogLevel *level);

/*! Installs the process-wide message handler: every line is redacted, then written to stderr and,
 *  when \a logFile is non-empty, appended to that file, which is rotated once it exceeds
 *  \a maxBytes (one previous generation kept as FILE.1). */
void installLogHandler(LogLevel level, const QString &logFile = QString(),
                       qint64 maxBytes = 5 * 1024 * 1024);

} // namespace qcc
