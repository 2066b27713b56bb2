#pragma once

#include "statuspresenter.h"

#include <QSystemTrayIcon>

class QAction;
class QMenu;

namespace qcc {

class EngineHost;

//! The tray icon of a state, painted at every size it is asked for (crisp on HiDPI).
QIcon trayIconFor(TrayState state);

/*! The tray icon and its menu; it only subscribes to the presenter and the host's snapshots.
 *  What the menu items do is up to the TrayApp (signals). */
class TrayIcon final : public QSystemTrayIcon
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(EngineHost *host, StatusPresenter *presenter, QObject *parent = nullptr);
    ~TrayIcon() override;
    QMenu *menu() const { return m_menu; }
    TrayState state() const { return m_state; }
    void setClaudeCodeChecked(bool on);
    //! Puts the proxy switch back to what the engine says (after the user cancelled).
    void setProxyChecked(bool on);

Q_SIGNALS:
    void openNodes();
    void openFailedNodes();
    void openEndpoints();
    void openSettings();
    void copyEnvironment();
    void openLogFolder();
    void openAbout();
    void quitRequested();
    void claudeCodeToggled(bool useQcc);
    void proxyToggled(bool on);

private:
    void rebuildDynamic(const EngineSnapshot &snapshot);

    EngineHost *m_host;
    QMenu *m_menu;
    QAction *m_headline, *m_hint, *m_toggle, *m_failed, *m_claude;
    QMenu *m_clusters, *m_nodes, *m_pick;
    TrayState m_state = TrayState::Grey;
};

} // namespace qcc
