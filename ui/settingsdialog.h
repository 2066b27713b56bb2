#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace qcc {

class EngineHost;

/*! Listen address and port, verification and failover settings (in the config file), and the
 *  desktop's own preferences (start at login, notifications, language; in QSettings). */
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(EngineHost *host, QWidget *parent = nullptr);
    bool apply();

    static bool notificationsEnabled();
    static QString language(); //!< "system", "en" or "zh_CN"

private:
    EngineHost *m_host;
    QLineEdit *m_host_;
    QSpinBox *m_port, *m_interval, *m_maxAttempts, *m_isolateAfter, *m_connectTimeout, *m_firstByte,
        *m_idle;
    QCheckBox *m_autostart, *m_notifications, *m_restoreClaude;
    QComboBox *m_language;
    QLabel *m_problems;
};

} // namespace qcc
