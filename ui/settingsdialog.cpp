#include "settingsdialog.h"

#include "engine/enginehost.h"
#include "platform/autostart.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace qcc {

bool SettingsDialog::notificationsEnabled()
{
    return QSettings().value(QStringLiteral("notifications"), true).toBool();
}

QString SettingsDialog::language()
{
    return QSettings().value(QStringLiteral("language"), QStringLiteral("system")).toString();
}

SettingsDialog::SettingsDialog(EngineHost *host, QWidget *parent) : QDialog(parent), m_host(host)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("QCC — Settings"));
    const Config &c = host->config();
    auto spin = [](int min, int max, int value, const QString &suffix) {
        auto *s = new QSpinBox;
        s->setRange(min, max);
        s->setValue(value);
        s->setSuffix(suffix);
        return s;
    };
    m_host_ = new QLineEdit(c.listenHost);
    m_host_->setObjectName(QStringLiteral("listenHost"));
    m_port = spin(0, 65535, c.listenPort, QString());
    m_port->setSpecialValueText(tr("any free port")); // 0: the address is shown in the tray menu
    m_port->setObjectName(QStringLiteral("listenPort"));
    m_interval = spin(1, 86400, qMax(1, c.verify.intervalMs / 1000), tr(" s"));
    m_maxAttempts = spin(1, 20, c.failover.maxAttempts, QString());
    m_isolateAfter = spin(1, 1000, c.failover.isolateAfter, QString());
    m_connectTimeout = spin(1, 600, qMax(1, c.failover.connectTimeoutMs / 1000), tr(" s"));
    m_firstByte = spin(1, 3600, qMax(1, c.failover.firstByteTimeoutMs / 1000), tr(" s"));
    m_idle = spin(1, 3600, qMax(1, c.failover.idleTimeoutMs / 1000), tr(" s"));
    m_autostart = new QCheckBox(tr("Start QCC when I log in"));
    m_autostart->setObjectName(QStringLiteral("autostart"));
    m_autostart->setChecked(Autostart::isEnabled());
    m_notifications = new QCheckBox(tr("Notify me when an endpoint is isolated or recovers"));
    m_notifications->setChecked(notificationsEnabled());
    m_restoreClaude = new QCheckBox(tr("Restore Claude Code's own settings when QCC quits"));
    m_restoreClaude->setObjectName(QStringLiteral("restoreClaudeCode"));
    m_restoreClaude->setChecked(
        QSettings().value(QStringLiteral("restoreClaudeCodeOnQuit"), false).toBool());
    m_language = new QComboBox;
    m_language->addItem(tr("System language"), QStringLiteral("system"));
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(language())));
    m_problems = new QLabel;
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_problems->setWordWrap(true);

    auto *proxy = new QGroupBox(tr("Proxy"));
    auto *pf = new QFormLayout(proxy);
    pf->addRow(tr("Listen address"), m_host_);
    pf->addRow(tr("Port"), m_port);
    auto *failover = new QGroupBox(tr("Failover and verification"));
    auto *ff = new QFormLayout(failover);
    ff->addRow(tr("Re-check isolated endpoints every"), m_interval);
    ff->addRow(tr("Endpoints tried per request"), m_maxAttempts);
    ff->addRow(tr("Isolate after consecutive failures"), m_isolateAfter);
    ff->addRow(tr("Connect timeout"), m_connectTimeout);
    ff->addRow(tr("First-byte timeout"), m_firstByte);
    ff->addRow(tr("Idle stream timeout"), m_idle);
    auto *desktop = new QGroupBox(tr("Desktop"));
    auto *df = new QFormLayout(desktop);
    df->addRow(m_autostart);
    df->addRow(m_notifications);
    df->addRow(m_restoreClaude);
    df->addRow(tr("Language (after restart)"), m_language);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel |
                                         QDialogButtonBox::Apply);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(proxy);
    layout->addWidget(failover);
    layout->addWidget(desktop);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &SettingsDialog::apply);
}

bool SettingsDialog::apply()
{
    Config c = m_host->config();
    c.listenHost = m_host_->text().trimmed();
    c.listenPort = m_port->value();
    c.verify.intervalMs = m_interval->value() * 1000;
    c.failover.maxAttempts = m_maxAttempts->value();
    c.failover.isolateAfter = m_isolateAfter->value();
    c.failover.connectTimeoutMs = m_connectTimeout->value() * 1000;
    c.failover.firstByteTimeoutMs = m_firstByte->value() * 1000;
    c.failover.idleTimeoutMs = m_idle->value() * 1000;
    UiText problem;
    if (!m_host->applyConfig(c, &problem)) {
        m_problems->setText(problem.localized());
        return false;
    }
    QString error;
    if (m_autostart->isChecked() != Autostart::isEnabled() &&
        !Autostart::setEnabled(m_autostart->isChecked(), QCoreApplication::applicationFilePath(),
                               &error)) {
        m_problems->setText(error);
        return false;
    }
    QSettings s;
    s.setValue(QStringLiteral("notifications"), m_notifications->isChecked());
    s.setValue(QStringLiteral("restoreClaudeCodeOnQuit"), m_restoreClaude->isChecked());
    s.setValue(QStringLiteral("language"), m_language->currentData().toString());
    m_problems->clear();
    return true;
}

} // namespace qcc
