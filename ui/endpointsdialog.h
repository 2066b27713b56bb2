#pragma once

#include "config/config.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace qcc {

class EngineHost;

/*! Add, edit, remove and reorder the endpoints of the active cluster. Input is checked as it is
 *  typed; Apply/OK save the config file atomically and the running engine takes it at once. */
class EndpointsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointsDialog)

public:
    explicit EndpointsDialog(EngineHost *host, QWidget *parent = nullptr);
    //! Selects the endpoint with this id (e.g. from the failed-nodes window).
    void selectEndpoint(const QString &id);
    void setWelcome(const QString &text);
    //! Imports endpoints from \a path (earlier QCC's cache.json or a QCC export) and applies.
    bool importFrom(const QString &path, QString *report);
    //! Saves and applies; false with the reason shown when something is invalid.
    bool apply();
    QString lastError() const { return m_lastError; }

private:
    void reload();
    void showEndpoint(int row);
    void storeEndpoint();
    void validate();
    void addEndpoint();
    void removeEndpoint();
    void refreshList();
    void importEndpoints();
    void exportEndpoints();

    EngineHost *m_host;
    Config m_config;
    QList<EndpointConfig> m_endpoints;
    int m_current = -1;
    bool m_loading = false;
    QString m_lastError;

    QLabel *m_welcome;
    QListWidget *m_list;
    QPushButton *m_add, *m_remove, *m_test, *m_import, *m_export;
    QLineEdit *m_name, *m_url, *m_key, *m_keyEnv, *m_proxy, *m_verifyModel;
    QPlainTextEdit *m_modelMap;
    QComboBox *m_auth, *m_tier;
    QSpinBox *m_weight;
    QCheckBox *m_enabled;
    QLabel *m_problems, *m_testResult;
    QDialogButtonBox *m_buttons;
};

QString keyProblem(const QString &text);
/*! Why \a text (one "asked-for = sent-as" a line) is not a model map, or an empty string and
 *  the map in \a map (when given). */
QString modelMapProblem(const QString &text, QMap<QString, QString> *map);
//! A model map as modelMapProblem() reads it.
QString modelMapText(const QMap<QString, QString> &map);

} // namespace qcc
