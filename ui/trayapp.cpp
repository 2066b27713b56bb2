#include "trayapp.h"

#include "aboutdialog.h"
#include "endpointsdialog.h"
#include "engine/enginehost.h"
#include "failednodeswindow.h"
#include "mainwindow.h"
#include "nodeswindow.h"
#include "platform/claudecode.h"
#include "platform/logging.h"
#include "settingsdialog.h"
#include "trayicon.h"

#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QUrl>

namespace qcc {

namespace {
constexpr qint64 kNotifyEveryMs = 5 * 60 * 1000;
}

TrayApp::TrayApp(EngineHost *host, const QString &stateDir, QObject *parent)
    : QObject(parent), m_host(host), m_stateDir(stateDir),
      m_tray(new TrayIcon(host, &m_presenter, this)),
      m_hasTray(QSystemTrayIcon::isSystemTrayAvailable())
{
    connect(host, &EngineHost::snapshotChanged, &m_presenter, &StatusPresenter::update);
    connect(m_tray, &TrayIcon::openNodes, this, [this] { open(QStringLiteral("nodes")); });
    connect(m_tray, &TrayIcon::openFailedNodes, this,
            [this] { open(QStringLiteral("failed-nodes")); });
    connect(m_tray, &TrayIcon::openEndpoints, this, [this] { open(QStringLiteral("endpoints")); });
    connect(m_tray, &TrayIcon::openSettings, this, [this] { open(QStringLiteral("settings")); });
    connect(m_tray, &TrayIcon::openAbout, this, [this] { open(QStringLiteral("about")); });
    connect(m_tray, &TrayIcon::copyEnvironment, this, [this] {
        QApplication::clipboard()->setText(claudeCodeEnvironment());
        const QString done = tr("Copied. Paste it into the shell where you run Claude Code.");
        if (m_hasTray)
            m_tray->showMessage(tr("QCC"), done, QSystemTrayIcon::Information, 3000);
        else if (m_main)
            m_main->statusBar()->showMessage(done, 8000);
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
    connect(m_tray, &TrayIcon::proxyToggled, this, &TrayApp::setProxyOn);
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
    delete m_main; // first: it holds the nodes window and shows the tray icon's menu
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_failed, m_nodes, m_endpoints, m_settings, m_about})
        delete w;
}

void TrayApp::show()
{
    if (m_hasTray) {
        m_tray->show();
        return;
    }
    // No tray on this desktop (stock GNOME has none): a main window holds what its menu holds.
    if (!m_main) {
        m_main = new MainWindow(m_tray->menu(), nodesWindow());
        connect(m_main, &MainWindow::quitRequested, this, &TrayApp::quitRequested);
        nodesWindow()->setNote(
            tr("No system tray was found, so QCC shows this window instead. Closing it asks "
               "whether to quit QCC or keep it running."));
    }
    raise(m_main);
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
        connect(m_nodes, &NodesWindow::editRequested, this, [this](const QString &id) {
            open(QStringLiteral("endpoints"));
            m_endpoints->selectEndpoint(id);
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

MainWindow *TrayApp::mainWindow() const
{
    return m_main;
}

AboutDialog *TrayApp::aboutDialog()
{
    if (!m_about) {
        m_about = new AboutDialog(m_host->configPath(), m_stateDir);
        m_about->setAttribute(Qt::WA_DeleteOnClose);
    }
    return m_about;
}

SettingsDialog *TrayApp::settingsDialog()
{
    if (!m_settings) {
        m_settings = new SettingsDialog(m_host);
        m_settings->setAttribute(Qt::WA_DeleteOnClose);
    }
    return m_settings;
}

QStringList TrayApp::windowNames()
{
    return {QStringLiteral("nodes"), QStringLiteral("failed-nodes"), QStringLiteral("endpoints"),
            QStringLiteral("settings")};
}

bool TrayApp::open(const QString &window)
{
    qCInfo(lcEngine).noquote() << "opening window" << window;
    if (window == QLatin1String("nodes"))
        raise(m_main ? static_cast<QWidget *>(m_main) : nodesWindow());
    else if (window == QLatin1String("failed-nodes"))
        raise(failedNodesWindow());
    else if (window == QLatin1String("endpoints"))
        raise(endpointsDialog());
    else if (window == QLatin1String("settings"))
        raise(settingsDialog());
    else if (window == QLatin1String("about"))
        raise(aboutDialog());
    else
        return false;
    return true;
}

void TrayApp::setProxyOn(bool on)
{
    // Claude Code pointed at a proxy that is off cannot connect at all: offer to give it back
    // its own settings meanwhile, and to point it at QCC again when the proxy is back on.
    static const QString kReapply = QStringLiteral("reapplyClaudeCodeWhenProxyOn");
    QSettings settings;
    if (!on && ClaudeCodeSettings(m_stateDir).isEnabled()) {
        QMessageBox box(QMessageBox::Question, tr("QCC"),
                        tr("Claude Code is set to use QCC, so it cannot connect while the proxy "
                           "is off.\nRestore Claude Code's own settings until the proxy is on "
                           "again?"),
                        QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, m_main);
        box.setObjectName(QStringLiteral("proxyOffQuestion"));
        box.button(QMessageBox::Yes)->setObjectName(QStringLiteral("yes"));
        box.button(QMessageBox::No)->setObjectName(QStringLiteral("no"));
        box.button(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancel"));
        const int answer = box.exec();
        if (answer == QMessageBox::Cancel) {
            m_tray->setProxyChecked(true);
            return;
        }
        if (answer == QMessageBox::Yes) {
            QString error;
            if (setClaudeCodeUsesQcc(false, &error)) {
                m_tray->setClaudeCodeChecked(false);
                settings.setValue(kReapply, true);
            } else {
                QMessageBox::warning(m_main, tr("QCC"), error);
            }
        }
    }
    m_host->setProxyEnabled(on);
    if (on && settings.value(kReapply, false).toBool()) {
        settings.remove(kReapply);
        QString error;
        if (setClaudeCodeUsesQcc(true, &error))
            m_tray->setClaudeCodeChecked(true);
        else
            QMessageBox::warning(m_main, tr("QCC"), error);
    }
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
    if (m_hasTray)
        m_tray->showMessage(title, text.localized(), QSystemTrayIcon::Warning, 15000);
    else
        QMessageBox::warning(m_main, title, text.localized());
}

void TrayApp::prepareQuit()
{
    if (m_main)
        m_main->allowClose(); // quitting closes every window: no question this time
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
    if (m_hasTray)
        m_tray->showMessage(
            title, text, critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Information, 8000);
    else if (m_main && critical) // the main window stands in for the tray; this stays in view
        nodesWindow()->setNote(title + u'\n' + text);
    else if (m_main)
        m_main->statusBar()->showMessage(title + QStringLiteral(": ") + text);
}

} // namespace qcc
