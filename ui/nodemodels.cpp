#include "nodemodels.h"

#include <QColor>
#include <QLocale>
#include <QPointF>
#include <QUrl>

namespace qcc {

QString Wording::ago(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return QString();
    const qint64 s = qMax<qint64>(0, when.secsTo(now));
    if (s < 60)
        return QObject::tr("%n s ago", nullptr, int(s));
    if (s < 3600)
        return QObject::tr("%n min ago", nullptr, int(s / 60));
    if (s < 86400)
        return QObject::tr("%n h ago", nullptr, int(s / 3600));
    return QObject::tr("%n d ago", nullptr, int(s / 86400));
}

QString Wording::countdown(qint64 ms)
{
    if (ms < 0)
        return QString();
    if (ms < 1000)
        return QObject::tr("now");
    return QObject::tr("in %n s", nullptr, int((ms + 999) / 1000));
}

QString Wording::latency(qint64 ms)
{
    return ms < 0 ? QString() : QObject::tr("%1 ms").arg(ms);
}

QString Wording::status(EndpointStatus status)
{
    switch (status) {
    case EndpointStatus::Healthy:
        return QObject::tr("healthy");
    case EndpointStatus::Unknown:
        return QObject::tr("not used yet");
    case EndpointStatus::Degraded:
        return QObject::tr("failing");
    case EndpointStatus::Cooling:
        return QObject::tr("rate-limited");
    case EndpointStatus::Isolated:
        return QObject::tr("isolated");
    case EndpointStatus::Disabled:
        return QObject::tr("disabled");
    case EndpointStatus::NoKey:
        return QObject::tr("not usable: no key");
    }
    return statusName(status);
}

QString Wording::noKey(const EndpointSnapshot &e)
{
    return e.keyProblem.isEmpty()
               ? status(e.status)
               : QObject::tr("not usable: no key (%1)").arg(e.keyProblem.localized());
}

QString Wording::reasonClass(OutcomeClass c)
{
    switch (c) {
    case OutcomeClass::Credential:
        return QObject::tr("key rejected");
    case OutcomeClass::RateLimit:
        return QObject::tr("rate limit");
    case OutcomeClass::Node:
        return QObject::tr("endpoint failure");
    default:
        return outcomeName(c);
    }
}

QColor statusColor(EndpointStatus status)
{
    switch (status) {
    case EndpointStatus::Healthy:
        return QColor(0x2e, 0x9e, 0x5b);
    case EndpointStatus::Isolated:
    case EndpointStatus::NoKey:
        return QColor(0xd6, 0x45, 0x41);
    case EndpointStatus::Degraded:
    case EndpointStatus::Cooling:
        return QColor(0xe0, 0xa5, 0x26);
    default:
        return QColor(0x8a, 0x8f, 0x98);
    }
}

int SnapshotTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString SnapshotTableModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : QString();
}

int SnapshotTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].id == id)
            return i;
    return -1;
}

void SnapshotTableModel::setSnapshot(const EngineSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_now = QDateTime::currentDateTimeUtc();
    const QList<EndpointSnapshot> next = rowsOf(snapshot);
    // Remove rows that went away (from the bottom, so indexes stay valid) ...
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const bool kept = std::any_of(next.begin(), next.end(), [&](const EndpointSnapshot &e) {
            return e.id == m_rows[i].id;
        });
        if (!kept) {
            beginRemoveRows(QModelIndex(), i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    // ... then walk the new order: update rows in place, insert new ones, move as needed.
    for (int i = 0; i < next.size(); ++i) {
        const int at = rowOf(next[i].id);
        if (at == i) {
            m_rows[i] = next[i];
            continue;
        }
        if (at < 0) {
            beginInsertRows(QModelIndex(), i, i);
            m_rows.insert(i, next[i]);
            endInsertRows();
        } else {
            beginMoveRows(QModelIndex(), at, at, QModelIndex(), i);
            m_rows.move(at, i);
            endMoveRows();
            m_rows[i] = next[i];
        }
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, columnCount() - 1));
}

// ------------------------------------------------------------------ failed nodes

int FailedNodesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<EndpointSnapshot> FailedNodesModel::rowsOf(const EngineSnapshot &snapshot) const
{
    QList<EndpointSnapshot> rows;
    // Isolated ones, oldest first, then those that cannot serve for want of a key.
    QList<EndpointSnapshot> keyless;
    for (const EndpointSnapshot &e : snapshot.registry.endpoints) {
        if (e.failure)
            rows.append(e);
        else if (e.status == EndpointStatus::NoKey)
            keyless.append(e);
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const EndpointSnapshot &a, const EndpointSnapshot &b) {
                         return a.failure->since < b.failure->since;
                     });
    rows += keyless;
    return rows;
}

QVariant FailedNodesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Endpoint");
    case Host:
        return tr("Host");
    case Reason:
        return tr("Why");
    case Since:
        return tr("Isolated");
    case Attempts:
        return tr("Checks");
    case LastProbe:
        return tr("Last check");
    case NextProbe:
        return tr("Next check");
    }
    return {};
}

QVariant FailedNodesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const EndpointSnapshot &e = m_rows[index.row()];
    if (role == IdRole)
        return e.id;
    if (role == Qt::DisplayRole && index.column() == Name)
        return e.name;
    if (role == Qt::DisplayRole && index.column() == Host)
        return QUrl(e.baseUrl).host();
    if (!e.failure) { // no key: nothing was tried, nothing is checked until it has one
        if (role != Qt::DisplayRole)
            return {};
        return index.column() == Reason ? Wording::noKey(e) : QStringLiteral("—");
    }
    const FailureEntry &f = *e.failure;
    if (role == Qt::ToolTipRole && index.column() == Reason)
        return m_snapshot.display(e.id, f.lastError);
    if (role == Qt::ToolTipRole && index.column() == Since)
        return QLocale().toString(f.since.toLocalTime(), QLocale::ShortFormat);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Reason:
        return tr("%1: %2").arg(Wording::reasonClass(f.reasonClass),
                                m_snapshot.display(e.id, f.lastError));
    case Since:
        return Wording::ago(f.since, m_now);
    case Attempts:
        return f.verifyAttempts;
    case LastProbe:
        if (!f.hasProbe)
            return tr("not yet");
        return QString(
            (f.lastProbePassed ? tr("passed") : m_snapshot.display(e.id, f.lastProbeResult)) +
            (f.lastProbeLatencyMs >= 0
                 ? QStringLiteral(" (%1)").arg(Wording::latency(f.lastProbeLatencyMs))
                 : QString()));
    case NextProbe:
        return Wording::countdown(m_snapshot.registry.nextVerifyInMs);
    }
    return {};
}

// ------------------------------------------------------------------ all nodes

int NodesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<EndpointSnapshot> NodesModel::rowsOf(const EngineSnapshot &snapshot) const
{
    QList<EndpointSnapshot> rows = snapshot.registry.endpoints;
    std::stable_sort(rows.begin(), rows.end(),
                     [](const EndpointSnapshot &a, const EndpointSnapshot &b) {
                         return int(a.tier) < int(b.tier);
                     });
    return rows;
}

QVariant NodesModel::headerData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Tier:
        return tr("Tier");
    case Name:
        return tr("Endpoint");
    case State:
        return tr("State");
    case SuccessRate:
        return tr("Success");
    case Latency:
        return tr("Latency (last hour)");
    case RequestsToday:
        return tr("Requests today");
    case TokensToday:
        return tr("Tokens today");
    }
    return {};
}

QVariant NodesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const EndpointSnapshot &e = m_rows[index.row()];
    if (role == IdRole)
        return e.id;
    if (role == Qt::DecorationRole && index.column() == State)
        return statusColor(e.status);
    if (role == HistoryRole && index.column() == Latency) {
        QVariantList points;
        for (const auto &p : e.latencyHistory)
            points.append(QPointF(double(p.first), double(p.second)));
        return points;
    }
    if (role == Qt::ToolTipRole && !e.lastError.isEmpty())
        return m_snapshot.display(e.id, e.lastError);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Tier:
        return e.tier == qcc::Tier::Primary ? tr("primary") : tr("secondary");
    case Name:
        return e.name;
    case State:
        if (e.inFailureQueue)
            return tr("isolated — see Failed endpoints");
        return Wording::noKey(e);
    case SuccessRate:
        return e.totalRequests ? QStringLiteral("%1 %").arg(qRound(e.successRate * 100))
                               : QStringLiteral("—");
    case Latency:
        return e.totalRequests > e.failedRequests ? Wording::latency(qRound64(e.avgLatencyMs))
                                                  : QStringLiteral("—");
    case RequestsToday:
        return e.requestsToday;
    case TokensToday:
        return QLocale().toString(e.tokensToday);
    }
    return {};
}

} // namespace qcc
