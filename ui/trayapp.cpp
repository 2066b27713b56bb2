#include "trayapp.h"

#include "endpointsdialog.h"
#include "engine/enginehost.h"
#include "failednodeswindow.h"
#include "nodeswindow.h"
#include "platform/claudecode.h"
#include "platform/logging.h"
#include "settingsdialog.h"
#include "trayicon.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QMessageBox>
#include <QSettings>
#include <QUrl>

namespace qcc {

namespace {
constexpr qint64 kNotifyEveryMs = 5 * 60 * 1000;
}

TrayApp::TrayApp(EngineHost *host, const QString &stateDir, QObject *parent)
    : QObject(parent), m_host(host), m_stateDir(stateDir)
{
    connect(host, &EngineHost::snapshotChanged, &m_presenter, &StatusPresenter::update);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new TrayIcon(host, &m_presenter, this);
        connect(m_tray, &TrayIcon::openNodes, this, [this] { open(QStringLiteral("nodes")); });
        connect(m_tray, &TrayIcon::openFailedNodes, this,
                [this] { open(QStringLiteral("failed-nodes")); });
        connect(m_tray, &TrayIcon::openEndpoints, this,
                [this] { open(QStringLiteral("endpoints")); });
        connect(m_tray, &TrayIcon::openSettings, this,
                [this] { open(QStringLiteral("settings")); });
        connect(m_tray, &TrayIcon::copyEnvironment, this, [this] {
            QApplication::clipboard()->setText(claudeCodeEnvironment());
            if (m_tray)
                m_tray->showMessage(
                    tr("QCC"), tr("Copied. Paste it into the shell where you run Claude Code."),
                    QSystemTrayIcon::Information, 3000);
        });
        connect(m_tray, &TrayIcon::openLogFolder, this,
                [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_stateDir)); });
        connect(m_tray, &TrayIcon::quitRequested, this, &TrayApp::quitRequested);
        connect(m_tray, &TrayIcon::claudeCodeToggled, this, [this](bool use) {
            QString error;
            if (!setClaudeCodeUsesQcc(use, &error)) {
                m_tray->setClaudeCodeChecked(!use);
                QMessageBox::warning(nullptr, tr("QCC"), error);
            }
        });
        m_tray->setClaudeCodeChecked(ClaudeCodeSettings(m_stateDir).isEnabled());
    }
    // Once listening: a takeover recorded by an earlier run on another address points here again.
    connect(host, &EngineHost::snapshotChanged, this, [this](const EngineSnapshot &s) {
        if (m_repaired || !s.listening)
            return;
        m_repaired = true;
        QString error;
        const QString repaired = ClaudeCodeSettings(m_stateDir)
                                     .repair(QStringLiteral("http://") + s.listenAddress,
                                             m_host->config().accessToken, &error);
        if (!repaired.isEmpty())
            qCInfo(lcEngine).noquote() << repaired;
        if (!error.isEmpty())
            qCWarning(lcEngine).noquote() << error;
    });
    connect(host, &EngineHost::endpointIsolated, this,
            [this](const QString &id, const QString &name, const QString &reason) {
                notify(id, tr("%1 isolated").arg(name),
                       tr("QCC stopped using it: %1. It is re-checked automatically.").arg(reason));
            });
    connect(host, &EngineHost::endpointRestored, this,
            [this](const QString &id, const QString &name) {
                notify(id, tr("%1 is back").arg(name),
                       tr("It passed a check and serves requests again."));
            });
    connect(host, &EngineHost::listenFailed, this, [this](const UiText &message) {
        qCWarning(lcEngine).noquote() << message.english();
        notify(QString(), tr("QCC cannot start the proxy"),
               tr("%1\nChange the port in Settings, or stop the program using it, then turn the "
                  "proxy on.")
                   .arg(message.localized()),
               true);
    });
}

TrayApp::~TrayApp()
{
    for (QWidget *w : std::initializer_list<QWidget *>{m_failed, m_nodes, m_endpoints, m_settings})
        delete w;
}

void TrayApp::show()
{
    if (m_tray) {
        m_tray->show();
        return;
    }
    // No tray on this desktop: the nodes window is the app, and closing it quits.
    nodesWindow()->setNote(noTrayNote());
    qApp->setQuitOnLastWindowClosed(true);
    raise(nodesWindow());
}

void TrayApp::raise(QWidget *w)
{
    w->show();
    w->setWindowState((w->windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    w->raise();
    w->activateWindow();
}

FailedNodesWindow *TrayApp::failedNodesWindow()
{
    if (!m_failed) {
        m_failed = new FailedNodesWindow(m_host);
        connect(m_failed, &FailedNodesWindow::editRequested, this, [this](const QString &id) {
            open(QStringLiteral("endpoints"));
            m_endpoints->selectEndpoint(id);
        });
    }
    return m_failed;
}

NodesWindow *TrayApp::nodesWindow()
{
    if (!m_nodes) {
        m_nodes = new NodesWindow(m_host);
        connect(m_nodes, &NodesWindow::failedNodesRequested, this, [this](const QString &id) {
            open(QStringLiteral("failed-nodes"));
            m_failed->select(id);
        });
    }
    return m_nodes;
}

EndpointsDialog *TrayApp::endpointsDialog()
{
    if (!m_endpoints) {
        m_endpoints = new EndpointsDialog(m_host);
        m_endpoints->setAttribute(Qt::WA_DeleteOnClose);
        m_endpoints->setWelcome(m_welcome);
        m_welcome.clear();
    }
    return m_endpoints;
}

SettingsDialog *TrayApp::settingsDialog()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_host);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
    }
    return m_settings;
}

bool TrayApp::open(const QString &window)
{
    qCInfo(lcEngine).noquote() << "opening window" << window;
    if (window == QLatin1String("nodes"))
        raise(nodesWindow());
    else if (window == QLatin1String("failed-nodes"))
        raise(failedNodesWindow());
    else if (window == QLatin1String("endpoints"))
        raise(endpointsDialog());
    else if (window == QLatin1String("settings"))
        raise(settingsDialog());
    else
        return false;
    return true;
}

QString TrayApp::claudeCodeEnvironment() const
{
    const Config &c = m_host->config();
    const QString address = m_host->snapshot().valid
                                ? m_host->snapshot().listenAddress
                                : QStringLiteral("%1:%2").arg(c.listenHost).arg(c.listenPort);
    QString text = QStringLiteral("export ANTHROPIC_BASE_URL=http://%1\n").arg(address);
    if (!c.accessToken.isEmpty())
        text += QStringLiteral("export ANTHROPIC_API_KEY=%1\n").arg(c.accessToken);
    return text;
}

bool TrayApp::setClaudeCodeUsesQcc(bool use, QString *error)
{
    ClaudeCodeSettings claude(m_stateDir);
    if (!use)
        return claude.disable(error);
    const EngineSnapshot &s = m_host->snapshot();
    const Config &c = m_host->config();
    const QString address =
        s.listening ? s.listenAddress : QStringLiteral("%1:%2").arg(c.listenHost).arg(c.listenPort);
    return claude.enable(QStringLiteral("http://") + address, c.accessToken, error);
}

void TrayApp::showProblem(const QString &title, const UiText &text)
{
    qCWarning(lcEngine).noquote() << text.english();
    if (m_tray)
        m_tray->showMessage(title, text.localized(), QSystemTrayIcon::Warning, 15000);
    else
        QMessageBox::warning(nullptr, title, text.localized());
}

void TrayApp::prepareQuit()
{
    if (!QSettings().value(QStringLiteral("restoreClaudeCodeOnQuit"), false).toBool())
        return;
    QString error;
    if (!ClaudeCodeSettings(m_stateDir).disable(&error))
        qCWarning(lcEngine).noquote() << error;
}

void TrayApp::notify(const QString &id, const QString &title, const QString &text, bool critical)
{
    if (!critical && !SettingsDialog::notificationsEnabled())
        return;
    if (!id.isEmpty()) {
        auto it = m_lastNotified.find(id);
        if (it != m_lastNotified.end() && it->elapsed() < kNotifyEveryMs)
            return; // at most one per endpoint per five minutes
        m_lastNotified[id].start();
    }
    // Not logged: the text is in the UI language, and what it reports was logged in English.
    if (m_tray)
        m_tray->showMessage(
            title, text, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information, 8000);
    else if (critical) // the nodes window stands in for the tray
        nodesWindow()->setNote(title + u'\n' + text + QStringLiteral("\n\n") + noTrayNote());
}

QString TrayApp::noTrayNote()
{
    return tr("No system tray was found, so QCC shows this window instead. Closing it quits QCC.");
}

} // namespace qcc
