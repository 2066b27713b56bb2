#pragma once

#include "nodemodels.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

class QPlainTextEdit;

namespace qcc {

class EngineHost;

/*! The failure queue: why each endpoint is isolated, since when, the checks so far and the
 *  countdown to the next, with the selected row in full below (the Why column is often longer
 *  than a column can show); Verify now, Restore, Disable and Edit act on the selected row.
 *  Endpoints that cannot serve for want of a key are listed too. */
class FailedNodesWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailedNodesWindow)

public:
    explicit FailedNodesWindow(EngineHost *host, QWidget *parent = nullptr);
    FailedNodesModel *model() { return &m_model; }
    QTableView *table() { return m_table; }
    //! Selects the row of \a id (used when opened from the nodes window).
    void select(const QString &id);

Q_SIGNALS:
    void editRequested(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QString selectedId() const;
    void updateButtons();
    void onSnapshot(const EngineSnapshot &snapshot);
    void showDetails();

    EngineHost *m_host;
    FailedNodesModel m_model;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_empty;
    QLabel *m_footer;
    QPlainTextEdit *m_details; //!< the selected row in full: nothing clipped, all copyable
    QPushButton *m_verify, *m_verifyAll, *m_restore, *m_disable, *m_edit;
};

} // namespace qcc
