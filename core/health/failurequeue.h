#pragma once

#include "outcome.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace qcc {

struct FailureEntry
{
    QString id;
    OutcomeClass reasonClass = OutcomeClass::Node;
    QString reason;    //!< why it was isolated
    QString lastError; //!< the most recent failure seen (traffic or probe)
    QDateTime since;   //!< UTC
    int verifyAttempts = 0;
    bool hasProbe = false;
    bool lastProbePassed = false;
    QString lastProbeResult;
    qint64 lastProbeLatencyMs = -1;
    QDateTime lastProbeAt;
};

struct FailureQueueStats
{
    qint64 totalFailed = 0;      //!< entries into the queue
    qint64 totalVerified = 0;    //!< probes of queued endpoints
    qint64 totalRecovered = 0;   //!< passing probes
    qint64 totalStillFailed = 0; //!< failing probes
};

/*! The set of isolated endpoints and its statistics. A plain value owned by EndpointRegistry on
 *  the engine thread; it has no locks because nothing else touches it. An endpoint enters once
 *  per isolation: add() on an endpoint already queued only updates its last error. */
class FailureQueue
{
public:
    //! Returns true when \a id entered the queue now, false when it was already queued.
    bool add(const QString &id, OutcomeClass cls, const QString &reason, const QDateTime &when);
    bool remove(const QString &id);
    //! (Asked on every request: an empty queue answers without hashing the id.)
    bool contains(const QString &id) const
    {
        return !m_entries.isEmpty() && m_entries.contains(id);
    }
    const FailureEntry *entry(const QString &id) const;
    void noteError(const QString &id, const QString &error);
    void recordProbe(const QString &id, bool passed, const QString &result, qint64 latencyMs,
                     const QDateTime &when);
    //! Drops entries whose id is not in \a ids (endpoints removed from the config).
    QStringList retainOnly(const QSet<QString> &ids);

    QList<FailureEntry> entries() const; //!< oldest first
    int size() const { return int(m_entries.size()); }
    const FailureQueueStats &stats() const { return m_stats; }
    const QHash<QString, qint64> &verifyCounts() const { return m_verifyCounts; }

    QByteArray toJson() const;
    //! Replaces the content from a state file; false with \a error set when it is not one.
    bool fromJson(const QByteArray &json, QString *error);

private:
    QHash<QString, FailureEntry> m_entries;
    FailureQueueStats m_stats;
    QHash<QString, qint64> m_verifyCounts; //!< probes per endpoint since start (not persisted)
};

OutcomeClass outcomeFromName(const QString &name, bool *ok);

} // namespace qcc
