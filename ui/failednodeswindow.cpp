#include "failednodeswindow.h"

#include "engine/enginehost.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace qcc {

FailedNodesWindow::FailedNodesWindow(EngineHost *host, QWidget *parent)
    : QWidget(parent, Qt::Window), m_host(host)
{
    setObjectName(QStringLiteral("failedNodesWindow"));
    setWindowTitle(tr("QCC — Failed endpoints"));
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("failedNodesTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    // Why takes the room the others leave (it is the longest); the full text is below.
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(FailedNodesModel::Reason,
                                                      QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);

    m_empty =
        new QLabel(tr("All is well: no endpoint is isolated.\nQCC re-checks isolated endpoints "
                      "automatically and lists them here."));
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    m_details = new QPlainTextEdit;
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select an endpoint to see why in full."));
    // Room for every line of a row (seven), so that nothing needs scrolling.
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 7 +
                                2 * m_details->frameWidth() + 8);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_empty);
    m_stack->addWidget(split);

    m_verify = new QPushButton(tr("&Verify now"));
    m_verifyAll = new QPushButton(tr("Verify &all"));
    m_restore = new QPushButton(tr("&Restore"));
    m_disable = new QPushButton(tr("&Disable"));
    m_edit = new QPushButton(tr("&Edit…"));
    m_verify->setToolTip(tr("Probe the selected endpoint now; it comes back if it passes."));
    m_restore->setToolTip(tr("Put the selected endpoint back into rotation without a check."));
    m_disable->setToolTip(tr("Take the selected endpoint out of use until you enable it again."));
    m_footer = new QLabel;
    m_footer->setObjectName(QStringLiteral("footer"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_verify, m_verifyAll, m_restore, m_disable, m_edit})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_footer);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);
    layout->addLayout(buttons);

    connect(m_verify, &QPushButton::clicked, this, [this] { m_host->verifyNow(selectedId()); });
    connect(m_verifyAll, &QPushButton::clicked, this, [this] { m_host->verifyNow(); });
    connect(m_restore, &QPushButton::clicked, this, [this] { m_host->restore(selectedId()); });
    connect(m_disable, &QPushButton::clicked, this, [this] {
        UiText error;
        if (!m_host->setEndpointEnabled(selectedId(), false, &error))
            QMessageBox::warning(
                this, tr("QCC"),
                tr("The endpoint could not be disabled:\n%1").arg(error.localized()));
    });
    connect(m_edit, &QPushButton::clicked, this, [this] { Q_EMIT editRequested(selectedId()); });
    connect(m_table, &QTableView::doubleClicked, this,
            [this] { Q_EMIT editRequested(selectedId()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FailedNodesWindow::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FailedNodesWindow::showDetails);
    connect(host, &EngineHost::snapshotChanged, this, &FailedNodesWindow::onSnapshot);
    onSnapshot(host->snapshot());

    resize(860, 440);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("failedNodesWindow/geometry")).toByteArray());
}

void FailedNodesWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QStringLiteral("failedNodesWindow/geometry"), saveGeometry());
    QWidget::closeEvent(event);
}

QString FailedNodesWindow::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model.idAt(rows.first().row());
}

void FailedNodesWindow::select(const QString &id)
{
    const int row = m_model.rowOf(id);
    if (row >= 0)
        m_table->selectRow(row);
}

void FailedNodesWindow::updateButtons()
{
    const bool any = !selectedId().isEmpty();
    for (QPushButton *b : {m_verify, m_restore, m_disable, m_edit})
        b->setEnabled(any);
    m_verifyAll->setEnabled(m_model.rowCount() > 0);
}

void FailedNodesWindow::onSnapshot(const EngineSnapshot &snapshot)
{
    const bool hadFocus = m_table->hasFocus();
    m_model.setSnapshot(snapshot);
    m_stack->setCurrentIndex(m_model.rowCount() ? 1 : 0);
    if (m_model.rowCount() && m_table->selectionModel()->selectedRows().isEmpty() && hadFocus)
        m_table->selectRow(0);
    const auto &q = snapshot.registry.queueStats;
    m_footer->setText(tr("All time, kept across restarts: %1 isolations · %2 re-checks · "
                         "%3 recoveries")
                          .arg(q.totalFailed)
                          .arg(q.totalVerified)
                          .arg(q.totalRecovered));
    m_footer->setToolTip(tr("Isolations: times an endpoint entered this list. Re-checks: probes "
                            "of listed endpoints. Recoveries: probes that passed and brought an "
                            "endpoint back."));
    updateButtons();
    showDetails();
}

void FailedNodesWindow::showDetails()
{
    // Every column of the selected row, labelled, in full; a value's tooltip (the exact
    // time of "3 min ago") follows it in brackets.
    const int row = m_model.rowOf(selectedId());
    QStringList lines;
    for (int column = 0; row >= 0 && column < m_model.columnCount(); ++column) {
        const QModelIndex index = m_model.index(row, column);
        const QString value = index.data().toString();
        const QString exact = index.data(Qt::ToolTipRole).toString();
        lines.append(
            m_model.headerData(column, Qt::Horizontal).toString() + QStringLiteral(": ") + value +
            (exact.isEmpty() || value.contains(exact) ? QString()
                                                      : QStringLiteral(" (%1)").arg(exact)));
    }
    const QString text = lines.join(u'\n');
    if (m_details->toPlainText() != text) // keeps a selection being made while it ticks
        m_details->setPlainText(text);
}

} // namespace qcc
