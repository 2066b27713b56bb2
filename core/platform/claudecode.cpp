#include "claudecode.h"

#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace qcc {

namespace {
const QString kBaseUrl = QStringLiteral("ANTHROPIC_BASE_URL");
const QString kApiKey = QStringLiteral("ANTHROPIC_API_KEY");

//! Reads settings.json: an empty object when it does not exist, an error when it is not JSON.
bool readSettings(const QString &path, QJsonObject *out, QString *error)
{
    QFile f(path);
    if (!f.exists()) {
        *out = QJsonObject();
        return true;
    }
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray data = f.readAll();
    if (data.trimmed().isEmpty()) {
        *out = QJsonObject();
        return true;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        const int line =
            pe.error != QJsonParseError::NoError ? int(data.left(pe.offset).count('\n')) + 1 : 1;
        *error =
            QStringLiteral(
                "%1: not valid JSON (line %2: %3); it was left untouched — fix it, then try again")
                .arg(path)
                .arg(line)
                .arg(pe.error != QJsonParseError::NoError ? pe.errorString()
                                                          : QStringLiteral("expected an object"));
        return false;
    }
    *out = doc.object();
    return true;
}

bool writeJson(const QString &path, const QJsonObject &o, QString *error)
{
    return writeFileAtomically(path, QJsonDocument(o).toJson(QJsonDocument::Indented), error);
}
} // namespace

ClaudeCodeSettings::ClaudeCodeSettings(const QString &stateDir, const QString &settingsPath)
    : m_stateDir(stateDir),
      m_settingsPath(settingsPath.isEmpty() ? defaultSettingsPath() : settingsPath)
{
    // A recorded takeover belongs to the file it changed, whatever CLAUDE_CONFIG_DIR says now:
    // status, repair and disable all work on that one.
    QFile record(statePath());
    if (record.open(QIODevice::ReadOnly)) {
        const QString recorded = QJsonDocument::fromJson(record.readAll())
                                     .object()
                                     .value(QStringLiteral("settings"))
                                     .toString();
        if (!recorded.isEmpty())
            m_settingsPath = recorded;
    }
}

QString ClaudeCodeSettings::defaultSettingsPath()
{
    const QString dir = qEnvironmentVariableIsSet("CLAUDE_CONFIG_DIR")
                            ? qEnvironmentVariable("CLAUDE_CONFIG_DIR")
                            : QDir::homePath() + QStringLiteral("/.claude");
    return QDir(dir).filePath(QStringLiteral("settings.json"));
}

QString ClaudeCodeSettings::statePath() const
{
    return QDir(m_stateDir).filePath(QStringLiteral("claude-code-takeover.json"));
}

bool ClaudeCodeSettings::isEnabled() const
{
    return QFile::exists(statePath());
}

bool ClaudeCodeSettings::enable(const QString &baseUrl, const QString &token, QString *error)
{
    QJsonObject settings;
    if (!readSettings(m_settingsPath, &settings, error))
        return false;
    QJsonObject env = settings.value(QStringLiteral("env")).toObject();
    if (settings.contains(QStringLiteral("env")) &&
        !settings.value(QStringLiteral("env")).isObject()) {
        *error = QStringLiteral("%1: \"env\" is not an object; it was left untouched")
                     .arg(m_settingsPath);
        return false;
    }
    if (!isEnabled()) {
        // Remember exactly what was there (or that nothing was) before the first takeover.
        QJsonObject saved{{QStringLiteral("settings"), m_settingsPath},
                          {QStringLiteral("existed"), QFile::exists(m_settingsPath)},
                          {QStringLiteral("had_env"), settings.contains(QStringLiteral("env"))}};
        QJsonObject values;
        for (const QString &key : {kBaseUrl, kApiKey}) {
            if (env.contains(key))
                values.insert(key, env.value(key));
        }
        saved.insert(QStringLiteral("previous"), values);
        if (!writeJson(statePath(), saved, error))
            return false;
    }
    env.insert(kBaseUrl, baseUrl);
    env.insert(kApiKey, token.isEmpty() ? QString::fromLatin1(kPlaceholderKey) : token);
    settings.insert(QStringLiteral("env"), env);
    return writeJson(m_settingsPath, settings, error);
}

bool ClaudeCodeSettings::disable(QString *error)
{
    QFile stateFile(statePath());
    if (!stateFile.exists())
        return true;
    if (!stateFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(statePath(), stateFile.errorString());
        return false;
    }
    const QJsonObject saved = QJsonDocument::fromJson(stateFile.readAll()).object();
    // Restore where the takeover happened, even if CLAUDE_CONFIG_DIR differs now.
    const QString recorded = saved.value(QStringLiteral("settings")).toString();
    if (!recorded.isEmpty())
        m_settingsPath = recorded; // (this object may have recorded it since it was made)
    stateFile.close();
    QJsonObject settings;
    if (!readSettings(m_settingsPath, &settings, error))
        return false;
    QJsonObject env = settings.value(QStringLiteral("env")).toObject();
    const QJsonObject previous = saved.value(QStringLiteral("previous")).toObject();
    for (const QString &key : {kBaseUrl, kApiKey}) {
        if (previous.contains(key))
            env.insert(key, previous.value(key));
        else
            env.remove(key);
    }
    if (env.isEmpty() && !saved.value(QStringLiteral("had_env")).toBool())
        settings.remove(QStringLiteral("env"));
    else
        settings.insert(QStringLiteral("env"), env);
    if (settings.isEmpty() && saved.contains(QStringLiteral("existed")) &&
        !saved.value(QStringLiteral("existed")).toBool()) {
        QFile::remove(m_settingsPath); // there was no settings.json before QCC made one
    } else if (!writeJson(m_settingsPath, settings, error)) {
        return false;
    }
    if (!QFile::remove(statePath())) {
        *error = QStringLiteral("%1: cannot remove").arg(statePath());
        return false;
    }
    return true;
}

QString ClaudeCodeSettings::status() const
{
    QJsonObject settings;
    QString error;
    if (!readSettings(m_settingsPath, &settings, &error))
        return error;
    const QString url = settings.value(QStringLiteral("env")).toObject().value(kBaseUrl).toString();
    const QString where =
        url.isEmpty()
            ? QStringLiteral("Claude Code talks to its default API (no ANTHROPIC_BASE_URL in %1).")
                  .arg(m_settingsPath)
            : QStringLiteral("Claude Code talks to %1 (set in %2).").arg(url, m_settingsPath);
    return where +
           (isEnabled()
                ? QStringLiteral(
                      " QCC took it over; `--claude-code disable` restores the previous values.")
                : QStringLiteral(" QCC has not changed it."));
}

QString ClaudeCodeSettings::repair(const QString &baseUrl, const QString &token, QString *error)
{
    if (!isEnabled())
        return QString();
    QJsonObject settings;
    if (!readSettings(m_settingsPath, &settings, error))
        return QString();
    const QJsonObject env = settings.value(QStringLiteral("env")).toObject();
    const QString expectedKey = token.isEmpty() ? QString::fromLatin1(kPlaceholderKey) : token;
    if (env.value(kBaseUrl).toString() == baseUrl && env.value(kApiKey).toString() == expectedKey)
        return QString();
    if (!enable(baseUrl, token, error))
        return QString();
    return QStringLiteral("Claude Code settings pointed at a QCC that is no longer there; now %1")
        .arg(baseUrl);
}

} // namespace qcc
