#pragma once

#include "nodemodels.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace qcc {

class EngineHost;

/*! Every endpoint of the active cluster, by tier: state, success rate, a latency sparkline of
 *  the last hour, requests and tokens today, the last error as a tooltip; and what to do with
 *  the selected one: verify it, disable or enable it, edit it, use it. What a left click on the
 *  tray icon opens. */
class NodesWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NodesWindow)

public:
    explicit NodesWindow(EngineHost *host, QWidget *parent = nullptr);
    NodesModel *model() { return &m_model; }
    //! A line above the table (e.g. "no system tray was found").
    void setNote(const QString &note);

    //! The endpoint of the selected row, or empty.
    QString selectedId() const;

Q_SIGNALS:
    void failedNodesRequested(const QString &id);
    void editRequested(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateButtons();
    void verifySelected();

    EngineHost *m_host;
    NodesModel m_model;
    QTableView *m_table;
    QLabel *m_note, *m_summary, *m_result;
    QPushButton *m_verify, *m_enable, *m_edit, *m_use;
};

} // namespace qcc
