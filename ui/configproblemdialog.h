#pragma once

#include "config/config.h"

#include <QDialog>

#include <functional>

class QFileSystemWatcher;
class QPlainTextEdit;
class QTimer;

namespace qcc {

/*! What qcc-tray shows instead of exiting when its config file cannot be used: every problem
 *  (field path and reason, in the UI language, selectable), the file, and ways to fix it. The
 *  proxy does not run meanwhile. The file is read again whenever it changes (and on "Check
 *  again"); once it is valid the dialog is accepted and config() holds the result. */
class ConfigProblemDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigProblemDialog)

public:
    using Loader = std::function<ConfigResult()>;
    ConfigProblemDialog(const QString &path, const QList<UiText> &problems, Loader load,
                        QWidget *parent = nullptr);

    //! Reads the file again: accepts the dialog when it is valid, else shows the new problems.
    bool check();
    const std::optional<Config> &config() const { return m_config; }
    QString problemText() const;

private:
    void showProblems(const QList<UiText> &problems);
    void watch();

    QString m_path;
    Loader m_load;
    std::optional<Config> m_config;
    QPlainTextEdit *m_problems;
    QFileSystemWatcher *m_watcher;
    QTimer *m_settle;
};

} // namespace qcc
