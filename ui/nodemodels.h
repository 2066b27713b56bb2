#pragma once

#include "engine/enginesnapshot.h"

#include <QAbstractTableModel>
#include <QDateTime>

namespace qcc {

//! Human wording shared by the windows: "3 min ago", "in 42 s", "120 ms".
namespace Wording {
QString ago(const QDateTime &when, const QDateTime &now);
QString countdown(qint64 ms);
QString latency(qint64 ms);
QString status(EndpointStatus status);
//! "not usable: no key (why)" for an endpoint with status no_key.
QString noKey(const EndpointSnapshot &e);
QString reasonClass(OutcomeClass c);
} // namespace Wording

/*! Base for the two tables: rows keyed by endpoint id, updated in place from snapshots so that
 *  views neither flicker nor lose their selection. */
class SnapshotTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    void setSnapshot(const EngineSnapshot &snapshot);
    QString idAt(int row) const;
    int rowOf(const QString &id) const;
    static constexpr int IdRole = Qt::UserRole + 1;

protected:
    //! The rows this model shows, in display order.
    virtual QList<EndpointSnapshot> rowsOf(const EngineSnapshot &snapshot) const = 0;
    QList<EndpointSnapshot> m_rows;
    EngineSnapshot m_snapshot;
    QDateTime m_now;
};

/*! The failure queue: one row per isolated endpoint. */
class FailedNodesModel final : public SnapshotTableModel
{
    Q_OBJECT

public:
    enum Column { Name, Host, Reason, Since, Attempts, LastProbe, NextProbe, ColumnCount };
    using SnapshotTableModel::SnapshotTableModel;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QList<EndpointSnapshot> rowsOf(const EngineSnapshot &snapshot) const override;
};

/*! Every endpoint of the active cluster, primaries first. */
class NodesModel final : public SnapshotTableModel
{
    Q_OBJECT

public:
    enum Column {
        Tier,
        Name,
        State,
        SuccessRate,
        Latency,
        RequestsToday,
        TokensToday,
        ColumnCount
    };
    static constexpr int HistoryRole = Qt::UserRole + 2; //!< QList<QPointF> of (ms, latency)
    using SnapshotTableModel::SnapshotTableModel;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    QList<EndpointSnapshot> rowsOf(const EngineSnapshot &snapshot) const override;
};

QColor statusColor(EndpointStatus status);

} // namespace qcc
