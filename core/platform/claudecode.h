#pragma once

#include <QString>

namespace qcc {

/*! Points Claude Code at QCC through its user settings (settings.json in CLAUDE_CONFIG_DIR, or
 *  ~/.claude): only env.ANTHROPIC_BASE_URL and env.ANTHROPIC_API_KEY are set; every other key is
 *  kept. The previous values are saved in the state dir, and disable() puts them back exactly
 *  (a key that was absent is removed again). A settings.json that is not valid JSON is never
 *  overwritten. Writes are atomic. */
class ClaudeCodeSettings
{
public:
    explicit ClaudeCodeSettings(const QString &stateDir, const QString &settingsPath = QString());

    static QString defaultSettingsPath();
    QString settingsPath() const { return m_settingsPath; }
    QString statePath() const;

    //! Sets the two variables; \a token empty gives a placeholder credential.
    bool enable(const QString &baseUrl, const QString &token, QString *error);
    //! Restores what enable() replaced. Nothing to do (not enabled) is not an error.
    bool disable(QString *error); // not const: it goes back to the recorded settings path
    //! True when a takeover by QCC is recorded in the state dir.
    bool isEnabled() const;
    //! One paragraph for people: where it points, whether QCC took it over.
    QString status() const;
    /*! After QCC (re)started on \a baseUrl: a recorded takeover that points elsewhere (a
     *  previous run on another port, say) is pointed here again. Returns what it did, or "". */
    QString repair(const QString &baseUrl, const QString &token, QString *error);

    static constexpr const char *kPlaceholderKey = "qcc-proxy-holds-the-keys";

private:
    QString m_stateDir, m_settingsPath;
};

} // namespace qcc
