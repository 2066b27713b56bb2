#pragma once

#include "statuspresenter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace qcc {

class AboutDialog;
class EndpointsDialog;
class EngineHost;
class FailedNodesWindow;
class MainWindow;
class NodesWindow;
class SettingsDialog;
class TrayIcon;

/*! The desktop side of qcc-tray: the tray icon, the windows, notifications. Everything here
 *  runs on the UI thread and talks to the engine only through EngineHost. */
class TrayApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayApp)

public:
    TrayApp(EngineHost *host, const QString &stateDir, QObject *parent = nullptr);
    ~TrayApp() override;

    //! Shows the tray icon, or the main window when there is no system tray.
    void show();
    //! Opens one of windowNames(), or "about"; false for any other name.
    bool open(const QString &window);
    //! The windows qcc-tray --open names (docs/USER_GUIDE.md): nodes (the endpoint status
    //! window, or the main window without a tray), failed-nodes, endpoints, settings.
    static QStringList windowNames();
    void setWelcome(const QString &text) { m_welcome = text; }
    //! The icon and its menu; always there, shown only where the desktop has a tray.
    TrayIcon *tray() const { return m_tray; }
    //! The window that stands in for the tray; null while there is a tray.
    MainWindow *mainWindow() const;
    StatusPresenter *presenter() { return &m_presenter; }
    FailedNodesWindow *failedNodesWindow();
    NodesWindow *nodesWindow();
    EndpointsDialog *endpointsDialog();
    SettingsDialog *settingsDialog();
    AboutDialog *aboutDialog();
    //! The "export ..." lines for Claude Code.
    QString claudeCodeEnvironment() const;
    //! Points Claude Code's user settings at QCC, or restores them. False with \a error set.
    bool setClaudeCodeUsesQcc(bool use, QString *error);
    /*! The proxy switch. Off while Claude Code uses QCC: asks whether to restore Claude Code's
     *  own settings meanwhile (then on again re-applies them), or to cancel. */
    void setProxyOn(bool on);
    //! Before quitting: restores Claude Code's settings when the user asked for that.
    void prepareQuit();
    //! A problem the user must know about: a tray message, or a dialog without a tray.
    void showProblem(const QString &title, const UiText &text);

Q_SIGNALS:
    void quitRequested();

private:
    void notify(const QString &id, const QString &title, const QString &text,
                bool critical = false);
    static void raise(QWidget *w);

    EngineHost *m_host;
    QString m_stateDir;
    StatusPresenter m_presenter;
    TrayIcon *m_tray;
    bool m_hasTray;
    QPointer<MainWindow> m_main;
    QPointer<FailedNodesWindow> m_failed;
    QPointer<NodesWindow> m_nodes;
    QPointer<EndpointsDialog> m_endpoints;
    QPointer<SettingsDialog> m_settings;
    QPointer<AboutDialog> m_about;
    QHash<QString, QElapsedTimer> m_lastNotified;
    QString m_welcome;
    bool m_repaired = false;
};

} // namespace qcc
