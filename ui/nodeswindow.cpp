#include "nodeswindow.h"

#include "engine/enginehost.h"
#include "statuspresenter.h"

#include <QCloseEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
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
        if (points.size() < 2)
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
        p->setPen(QPen(option.palette.color(QPalette::Highlight), 1.5));
        p->drawPath(path);
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
    setWindowTitle(tr("QCC — Nodes"));
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
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_summary);
    layout->addWidget(m_table);
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
    });
    m_model.setSnapshot(host->snapshot());
    resize(900, 300);
    restoreGeometry(QSettings().value(QStringLiteral("nodesWindow/geometry")).toByteArray());
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
