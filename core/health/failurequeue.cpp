#include "failurequeue.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace qcc {

bool FailureQueue::add(const QString &id, OutcomeClass cls, const QString &reason,
                       const QDateTime &when)
{
    auto it = m_entries.find(id);
    if (it != m_entries.end()) {
        it->lastError = reason;
        return false;
    }
    FailureEntry e;
    e.id = id;
    e.reasonClass = cls;
    e.reason = reason;
    e.lastError = reason;
    e.since = when;
    m_entries.insert(id, e);
    ++m_stats.totalFailed;
    return true;
}

bool FailureQueue::remove(const QString &id)
{
    return m_entries.remove(id) > 0;
}

const FailureEntry *FailureQueue::entry(const QString &id) const
{
    auto it = m_entries.constFind(id);
    return it == m_entries.constEnd() ? nullptr : &*it;
}

void FailureQueue::noteError(const QString &id, const QString &error)
{
    auto it = m_entries.find(id);
    if (it != m_entries.end())
        it->lastError = error;
}

void FailureQueue::recordProbe(const QString &id, bool passed, const QString &result,
                               qint64 latencyMs, const QDateTime &when)
{
    ++m_stats.totalVerified;
    ++m_verifyCounts[id];
    if (passed)
        ++m_stats.totalRecovered;
    else
        ++m_stats.totalStillFailed;
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    ++it->verifyAttempts;
    it->hasProbe = true;
    it->lastProbePassed = passed;
    it->lastProbeResult = result;
    it->lastProbeLatencyMs = latencyMs;
    it->lastProbeAt = when;
    if (!passed)
        it->lastError = result;
}

QStringList FailureQueue::retainOnly(const QSet<QString> &ids)
{
    QStringList dropped;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (!ids.contains(it.key())) {
            dropped.append(it.key());
            it = m_entries.erase(it);
        } else {
            ++it;
        }
    }
    return dropped;
}

QList<FailureEntry> FailureQueue::entries() const
{
    QList<FailureEntry> list = m_entries.values();
    std::sort(list.begin(), list.end(), [](const FailureEntry &a, const FailureEntry &b) {
        return a.since != b.since ? a.since < b.since : a.id < b.id;
    });
    return list;
}

OutcomeClass outcomeFromName(const QString &name, bool *ok)
{
    *ok = true;
    for (OutcomeClass c : {OutcomeClass::Success, OutcomeClass::Request, OutcomeClass::Unsupported,
                           OutcomeClass::Credential, OutcomeClass::RateLimit, OutcomeClass::Node}) {
        if (outcomeName(c) == name)
            return c;
    }
    *ok = false;
    return OutcomeClass::Node;
}

QByteArray FailureQueue::toJson() const
{
    QJsonArray entries;
    for (const FailureEntry &e : this->entries()) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), e.id);
        o.insert(QStringLiteral("reason_class"), outcomeName(e.reasonClass));
        o.insert(QStringLiteral("reason"), e.reason);
        o.insert(QStringLiteral("last_error"), e.lastError);
        o.insert(QStringLiteral("since"), e.since.toString(Qt::ISODateWithMs));
        o.insert(QStringLiteral("verify_attempts"), e.verifyAttempts);
        entries.append(o);
    }
    QJsonObject stats;
    stats.insert(QStringLiteral("total_failed"), m_stats.totalFailed);
    stats.insert(QStringLiteral("total_verified"), m_stats.totalVerified);
    stats.insert(QStringLiteral("total_recovered"), m_stats.totalRecovered);
    stats.insert(QStringLiteral("total_still_failed"), m_stats.totalStillFailed);
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("entries"), entries);
    root.insert(QStringLiteral("stats"), stats);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool FailureQueue::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON: %1").arg(pe.errorString());
        return false;
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(QStringLiteral("version")).toInt() != 1 ||
        !root.value(QStringLiteral("entries")).isArray()) {
        *error = QStringLiteral("not a version 1 failure-queue state file");
        return false;
    }
    QHash<QString, FailureEntry> entries;
    for (const QJsonValue &v : root.value(QStringLiteral("entries")).toArray()) {
        const QJsonObject o = v.toObject();
        FailureEntry e;
        e.id = o.value(QStringLiteral("id")).toString();
        bool ok = false;
        e.reasonClass = outcomeFromName(o.value(QStringLiteral("reason_class")).toString(), &ok);
        e.reason = o.value(QStringLiteral("reason")).toString();
        e.lastError = o.value(QStringLiteral("last_error")).toString();
        e.since =
            QDateTime::fromString(o.value(QStringLiteral("since")).toString(), Qt::ISODateWithMs);
        e.verifyAttempts = o.value(QStringLiteral("verify_attempts")).toInt();
        if (e.id.isEmpty() || !ok || !e.since.isValid() || entries.contains(e.id)) {
            *error = QStringLiteral("invalid entry %1")
                         .arg(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
            return false;
        }
        entries.insert(e.id, e);
    }
    const QJsonObject stats = root.value(QStringLiteral("stats")).toObject();
    FailureQueueStats s;
    s.totalFailed = stats.value(QStringLiteral("total_failed")).toInteger();
    s.totalVerified = stats.value(QStringLiteral("total_verified")).toInteger();
    s.totalRecovered = stats.value(QStringLiteral("total_recovered")).toInteger();
    s.totalStillFailed = stats.value(QStringLiteral("total_still_failed")).toInteger();
    m_entries = entries;
    m_stats = s;
    return true;
}

} // namespace qcc
