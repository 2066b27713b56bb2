#include "logging.h"

#include <QDateTime>
#include <QFile>
#include <QMutex>
#include <QRegularExpression>
#include <QStringList>

#include <cstdio>

Q_LOGGING_CATEGORY(lcConfig, "qcc.config")
Q_LOGGING_CATEGORY(lcHealth, "qcc.health")
Q_LOGGING_CATEGORY(lcVerify, "qcc.verify")
Q_LOGGING_CATEGORY(lcProxy, "qcc.proxy")
Q_LOGGING_CATEGORY(lcUpstream, "qcc.upstream")
Q_LOGGING_CATEGORY(lcEngine, "qcc.engine")

namespace qcc {

namespace {
QMutex s_mutex; // guards s_secrets and the log file state
QStringList s_secrets;
QString s_logPath;
qint64 s_logMax = 0;
QFile *s_logFile = nullptr;

const QRegularExpression &keyPattern()
{
    // Anthropic-style keys and bearer tokens of any provider that look like secrets.
    static const QRegularExpression re(QStringLiteral("sk-[A-Za-z0-9][A-Za-z0-9_\\-]{11,}"));
    return re;
}
} // namespace

QString Redactor::mask(const QString &secret)
{
    if (secret.size() < 12)
        return QStringLiteral("[redacted]");
    const QString prefix = secret.startsWith(QLatin1String("sk-ant-")) ? QStringLiteral("sk-ant-")
                           : secret.startsWith(QLatin1String("sk-"))   ? QStringLiteral("sk-")
                                                                       : QString();
    return prefix + QChar(0x2026) + secret.right(4);
}

void Redactor::addSecret(const QString &secret)
{
    // Very short values would mask ordinary words; they are not real keys anyway.
    if (secret.size() < 6)
        return;
    QMutexLocker lock(&s_mutex);
    if (!s_secrets.contains(secret))
        s_secrets.append(secret);
}

void Redactor::clearSecrets()
{
    QMutexLocker lock(&s_mutex);
    s_secrets.clear();
}

QString Redactor::redact(QString text)
{
    {
        QMutexLocker lock(&s_mutex);
        for (const QString &secret : std::as_const(s_secrets)) {
            if (text.contains(secret))
                text.replace(secret, mask(secret));
        }
    }
    QRegularExpressionMatchIterator it = keyPattern().globalMatch(text);
    QList<QPair<qsizetype, qsizetype>> spans;
    while (it.hasNext()) {
        const auto m = it.next();
        spans.append({m.capturedStart(), m.capturedLength()});
    }
    for (auto i = spans.size() - 1; i >= 0; --i) {
        const QString found = text.mid(spans[i].first, spans[i].second);
        text.replace(spans[i].first, spans[i].second, mask(found));
    }
    return text;
}

bool parseLogLevel(const QString &text, LogLevel *level)
{
    static const QStringList names = {QStringLiteral("error"), QStringLiteral("warning"),
                                      QStringLiteral("info"), QStringLiteral("debug")};
    const auto i = names.indexOf(text.toLower());
    if (i < 0)
        return false;
    *level = static_cast<LogLevel>(i);
    return true;
}

static void writeLine(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    QMutexLocker lock(&s_mutex);
    if (!s_logFile)
        return;
    if (s_logFile->size() + line.size() > s_logMax) {
        s_logFile->close();
        QFile::remove(s_logPath + QStringLiteral(".1"));
        QFile::rename(s_logPath, s_logPath + QStringLiteral(".1"));
        s_logFile->open(QIODevice::WriteOnly | QIODevice::Append,
                        QFile::ReadOwner | QFile::WriteOwner);
        s_logFile->setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    }
    s_logFile->write(line);
    s_logFile->flush();
}

static void handler(QtMsgType type, const QMessageLogContext &ctx, const QString &msg)
{
    const char *kind = "debug";
    switch (type) {
    case QtDebugMsg:
        kind = "debug";
        break;
    case QtInfoMsg:
        kind = "info";
        break;
    case QtWarningMsg:
        kind = "warning";
        break;
    case QtCriticalMsg:
        kind = "error";
        break;
    case QtFatalMsg:
        kind = "fatal";
        break;
    }
    const QString line = QDateTime::currentDateTime().toString(Qt::ISODateWithMs) + u' ' +
                         QLatin1String(kind) + u' ' +
                         QLatin1String(ctx.category ? ctx.category : "default") +
                         QStringLiteral(": ") + Redactor::redact(msg) + u'\n';
    writeLine(line.toUtf8());
    if (type == QtFatalMsg)
        std::abort();
}

void installLogHandler(LogLevel level, const QString &logFile, qint64 maxBytes)
{
    QString rules =
        QStringLiteral("qcc.*.debug=%1\nqcc.*.info=%2\nqcc.*.warning=%3\n")
            .arg(level >= LogLevel::Debug ? QStringLiteral("true") : QStringLiteral("false"),
                 level >= LogLevel::Info ? QStringLiteral("true") : QStringLiteral("false"),
                 level >= LogLevel::Warning ? QStringLiteral("true") : QStringLiteral("false"));
    QLoggingCategory::setFilterRules(rules);
    {
        QMutexLocker lock(&s_mutex);
        delete s_logFile;
        s_logFile = nullptr;
        s_logPath = logFile;
        s_logMax = maxBytes;
        if (!logFile.isEmpty()) {
            s_logFile = new QFile(logFile);
            if (!s_logFile->open(QIODevice::WriteOnly | QIODevice::Append,
                                 QFile::ReadOwner | QFile::WriteOwner)) {
                std::fprintf(stderr, "qcc: cannot open log file %s: %s\n", qPrintable(logFile),
                             qPrintable(s_logFile->errorString()));
                delete s_logFile;
                s_logFile = nullptr;
            } else {
                s_logFile->setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            }
        }
    }
    qInstallMessageHandler(handler);
}

} // namespace qcc
