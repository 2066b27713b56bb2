#include "nodeswindow.h"

#include "engine/enginehost.h"
#include "statuspresenter.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace qcc {

namespace {
//! Draws the latency history of the last hour as a small line.
class SparklineDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *p, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyledItemDelegate::paint(p, option, index);
        const QVariantList points = index.data(NodesModel::HistoryRole).toList();
        if (points.isEmpty())
            return;
        QRectF r = QRectF(option.rect).adjusted(4, 4, -64, -4);
        if (r.width() < 20)
            r = QRectF(option.rect).adjusted(4, 4, -4, -4);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        double maxY = 1;
        for (const QVariant &v : points)
            maxY = qMax(maxY, v.toPointF().y());
        QPainterPath path;
        for (int i = 0; i < points.size(); ++i) {
            const QPointF pt = points[i].toPointF();
            const double x =
                r.left() + r.width() * (1.0 - double(now - qint64(pt.x())) / 3600000.0);
            const double y = r.bottom() - r.height() * pt.y() / maxY;
            i ? path.lineTo(x, y) : path.moveTo(x, y);
        }
        p->save();
        p->setRenderHint(QPainter::Antialiasing);
        const QColor ink = option.palette.color(QPalette::Highlight);
        p->setPen(QPen(ink, 1.5));
        p->drawPath(path);
        // The latest point as a dot: the first minutes of traffic (one point per 10 s) show too.
        p->setPen(Qt::NoPen);
        p->setBrush(ink);
        p->drawEllipse(path.currentPosition(), 2.5, 2.5);
        p->restore();
    }
};

class StatusDotDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant c = index.data(Qt::DecorationRole);
        if (c.canConvert<QColor>()) {
            QPixmap dot(12, 12);
            dot.fill(Qt::transparent);
            QPainter p(&dot);
            p.setRenderHint(QPainter::Antialiasing);
            p.setBrush(c.value<QColor>());
            p.setPen(Qt::NoPen);
            p.drawEllipse(1, 1, 10, 10);
            option->icon = QIcon(dot);
            option->features |= QStyleOptionViewItem::HasDecoration;
        }
    }
};
} // namespace

NodesWindow::NodesWindow(EngineHost *host, QWidget *parent)
    : QWidget(parent, Qt::Window), m_host(host)
{
    setObjectName(QStringLiteral("nodesWindow"));
    setWindowTitle(tr("QCC — Endpoint status"));
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("note"));
    m_note->setWordWrap(true);
    m_note->hide();
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summary"));
    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("nodesTable"));
    m_table->setModel(&m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(NodesModel::Latency, QHeaderView::Stretch);
    // The state is what people look for: one line, as wide as its text, never cut.
    m_table->horizontalHeader()->setSectionResizeMode(NodesModel::State,
                                                      QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(NodesModel::Latency, new SparklineDelegate(m_table));
    m_table->setItemDelegateForColumn(NodesModel::State, new StatusDotDelegate(m_table));
    m_table->setAlternatingRowColors(true);
    m_verify = new QPushButton(tr("&Verify"));
    m_verify->setObjectName(QStringLiteral("verify"));
    m_verify->setToolTip(tr("Send the selected endpoint a real check request now."));
    m_enable = new QPushButton(tr("&Disable"));
    m_enable->setObjectName(QStringLiteral("enable"));
    m_edit = new QPushButton(tr("&Edit…"));
    m_edit->setObjectName(QStringLiteral("edit"));
    m_use = new QPushButton(tr("&Use this one"));
    m_use->setObjectName(QStringLiteral("use"));
    m_use->setToolTip(
        tr("Serve every request with the selected endpoint while it works, "
           "whatever its tier (the tray menu's Use endpoint → Automatic undoes it)."));
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("result"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_verify, m_enable, m_edit, m_use})
        buttons->addWidget(b);
    buttons->addWidget(m_result, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    connect(m_verify, &QPushButton::clicked, this, &NodesWindow::verifySelected);
    connect(m_enable, &QPushButton::clicked, this, [this] {
        const EndpointSnapshot *e = m_host->snapshot().endpoint(selectedId());
        UiText error;
        if (e && !m_host->setEndpointEnabled(e->id, !e->enabled, &error))
            QMessageBox::warning(
                this, tr("QCC"),
                tr("The endpoint could not be changed:\n%1").arg(error.localized()));
    });
    connect(m_edit, &QPushButton::clicked, this, [this] { Q_EMIT editRequested(selectedId()); });
    connect(m_use, &QPushButton::clicked, this, [this] { m_host->setPicked(selectedId()); });
    connect(host, &EngineHost::testFinished, this,
            [this](const QString &name, bool ok, const UiText &message, qint64 ms) {
                m_result->setText(ok ? tr("%1: works (%2 ms)").arg(name).arg(ms)
                                     : tr("%1: failed — %2").arg(name, message.localized()));
            });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &NodesWindow::updateButtons);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const QString id = m_model.idAt(index.row());
        const EndpointSnapshot *e = m_host->snapshot().endpoint(id);
        if (e && e->inFailureQueue)
            Q_EMIT failedNodesRequested(id);
    });
    connect(host, &EngineHost::snapshotChanged, this, [this](const EngineSnapshot &s) {
        m_model.setSnapshot(s);
        const QString hint = StatusPresenter::hint(s);
        m_summary->setText(StatusPresenter::present(s).tooltip +
                           (hint.isEmpty() ? QString() : QStringLiteral("\n") + hint));
        updateButtons();
    });
    m_model.setSnapshot(host->snapshot());
    updateButtons();
    resize(900, 300);
    restoreGeometry(QSettings().value(QStringLiteral("nodesWindow/geometry")).toByteArray());
}

QString NodesWindow::selectedId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model.idAt(rows.first().row());
}

void NodesWindow::updateButtons()
{
    const EngineSnapshot &s = m_host->snapshot();
    const EndpointSnapshot *e = s.endpoint(selectedId());
    for (QPushButton *b : {m_verify, m_enable, m_edit, m_use})
        b->setEnabled(e);
    m_enable->setText(e && !e->enabled ? tr("&Enable") : tr("&Disable"));
    m_use->setEnabled(e && e->id != s.registry.pickedId);
}

void NodesWindow::verifySelected()
{
    const QString id = selectedId();
    const EndpointSnapshot *e = m_host->snapshot().endpoint(id);
    if (!e)
        return;
    if (e->inFailureQueue) { // its re-check: a pass brings it back
        m_host->verifyNow(id);
        m_result->setText(tr("%1: checking… (see Failed endpoints)").arg(e->name));
        return;
    }
    for (const EndpointConfig &ep : m_host->config().activeEndpoints()) {
        if (ep.effectiveId == id) {
            m_result->setText(tr("Testing…"));
            m_host->testEndpoint(ep);
        }
    }
}

void NodesWindow::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void NodesWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(QStringLiteral("nodesWindow/geometry"), saveGeometry());
    QWidget::closeEvent(event);
}

} // namespace qcc
