#pragma once

#include "balancer.h"
#include "config/config.h"
#include "endpointstatus.h"
#include "failurequeue.h"
#include "outcome.h"
#include "platform/clock.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QVarLengthArray>

#include <memory>
#include <optional>

namespace qcc {

//! One endpoint as the outside world sees it; a value, safe to send to any thread.
struct EndpointSnapshot
{
    QString id, name, baseUrl;
    Tier tier = Tier::Primary;
    bool enabled = true;
    EndpointStatus status = EndpointStatus::Unknown;
    UiText keyProblem; //!< why it has no key, while status is NoKey
    bool inFailureQueue = false;
    qint64 totalRequests = 0, failedRequests = 0;
    int consecutiveFailures = 0;
    double successRate = 1.0;
    double avgLatencyMs = 0;
    QString lastError;
    //! The latest traffic error as a text for people (UI language), while lastError is it.
    UiText lastErrorText;
    qint64 coolingForMs = 0;
    TokenUsage usage;
    qint64 requestsToday = 0; //!< client attempts sent to it since local midnight
    qint64 tokensToday = 0;   //!< input + output tokens since local midnight
    //! Latency of successful attempts over the last hour: (UTC ms since epoch, latency ms).
    QList<QPair<qint64, int>> latencyHistory;
    std::optional<FailureEntry> failure; //!< set while isolated
};

struct RegistrySnapshot
{
    QList<EndpointSnapshot> endpoints; //!< config order
    FailureQueueStats queueStats;
    int queueSize = 0; //!< entries in the failure queue (other clusters' included)
    QHash<QString, qint64> verifyCounts;
    qint64 nextVerifyInMs = -1; //!< -1 when the queue is empty or no round is scheduled
    int usableCount = 0;        //!< enabled, with a key, and not isolated
    /*! Who serves now, or would serve the next request: the pick while it can; else the one
     *  that answered last while it can (a secondary only while no primary can); else the first
     *  that can, primaries first. Empty when none can. */
    QString servingId;
    QString pickedId; //!< the user's pick, or empty for automatic
    //! Why the pick does not serve now ("it is isolated"); empty when it does or there is none.
    UiText pickIgnored;
};

/*! Owns every piece of mutable endpoint health: counters, cool-downs, the failure queue and
 *  the selector. Lives on the engine thread and is only ever called there (the one rule of
 *  state, docs/ARCHITECTURE.md), so an outcome recorded by one request is seen by the very next
 * selection and no counter update is lost. */
class EndpointRegistry final : public QObject, public Balancer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointRegistry)

public:
    explicit EndpointRegistry(const Clock *clock, QObject *parent = nullptr);

    //! Replaces the endpoint list (the active cluster), keeping the health of ids still present.
    //! \a elsewhere: ids of the config's other clusters; their failure-queue entries are kept
    //! (a cluster switched away and back does not bring a broken endpoint back unverified).
    void setEndpoints(const QList<EndpointConfig> &endpoints, const FailoverConfig &failover,
                      const QSet<QString> &elsewhere = {});
    QList<EndpointConfig> endpoints() const;
    std::optional<EndpointConfig> endpoint(const QString &id) const;

    /*! The user's pick of one endpoint (empty: automatic). While it is usable it serves every
     *  request, whatever its tier and before session affinity; while it is not, selection goes
     *  on as if there were none. Saved to the pick path on every change. */
    void setPicked(const QString &id);
    QString picked() const { return m_pickedId; }
    /*! Loads the pick from \a path (a file that cannot be read as one is logged and ignored:
     *  automatic) and saves it there from now on. */
    void setPickPath(const QString &path);

    /*! Loads the persisted failure queue from \a path and saves there on every change. A file
     *  that cannot be read as a queue is moved aside (FILE.corrupt-TIMESTAMP) and the queue
     *  starts empty; the returned text then says what happened. */
    QString setStatePath(const QString &path);

    //! Usable primaries (weighted), then usable secondaries, then cooling ones; never isolated,
    //! disabled, keyless, or unsupported-for-this-path endpoints.
    std::optional<Pick> select(const Selection &selection) override;

    //! Records the outcome of one client attempt sent to \a id.
    void record(const QString &id, OutcomeClass cls, const UiText &message, qint64 latencyMs,
                const QByteArray &path = QByteArray(), qint64 retryAfterMs = -1) override;
    void addUsage(const QString &id, const TokenUsage &usage) override;
    Unavailability unavailability() const override;

    //! Moves \a id into the failure queue (also used by "isolate" commands).
    void isolate(const QString &id, OutcomeClass cls, const QString &reason);
    //! Result of a verification probe of a queued endpoint; a pass restores it to its tier.
    void recordProbe(const QString &id, bool passed, const QString &result, qint64 latencyMs);
    //! Back to its tier with failure counters reset (verification pass, or the user's Restore).
    void restore(const QString &id);

    bool isQueued(const QString &id) const { return m_queue.contains(id); }
    QStringList queuedIds() const;
    //! True when at least one endpoint is enabled with a key and every such one is isolated.
    bool allIsolated() const;
    int usableCount() const;
    //! Earliest time a cooling endpoint becomes usable again, or -1.
    qint64 msUntilUsable() const;
    const FailureQueue &queue() const { return m_queue; }
    void setNextVerifyAt(qint64 clockMs) { m_nextVerifyAtMs = clockMs; }

    RegistrySnapshot snapshot() const;

Q_SIGNALS:
    void endpointIsolated(const QString &id, const QString &reason);
    void endpointRestored(const QString &id);
    void changed();

private:
    struct State
    {
        std::shared_ptr<const EndpointConfig> config; //!< never null
        qint64 totalRequests = 0, failedRequests = 0, successes = 0;
        int consecutiveFailures = 0;
        double latencySumMs = 0;
        qint64 latencyCount = 0;
        QString lastError;
        UiText lastErrorText;
        qint64 coolUntilMs = -1;
        QHash<QByteArray, qint64> unsupportedUntilMs;
        int currentWeight = 0; //!< smooth weighted round-robin state
        TokenUsage usage;
        QDate day;
        qint64 requestsToday = 0, tokensToday = 0;
        QList<QPair<qint64, int>> history;
    };
    void rollDay(State &s);
    //! The local date, worked out again only after local midnight (time zones cost a stat()).
    QDate today() const;

    const State *state(const QString &id) const;
    State *state(const QString &id) { return const_cast<State *>(std::as_const(*this).state(id)); }
    bool isUsable(const State &s, const QByteArray &path) const;
    //! Enabled, with a key, not isolated: may serve once any cool-down ends.
    bool inRotation(const State &s) const;
    bool isCooling(const State &s) const;
    EndpointStatus statusOf(const State &s) const;
    //! RegistrySnapshot::servingId's endpoint, or null.
    const State *servingNow() const;
    using Candidates = QVarLengthArray<State *, 8>;
    State *pickWeighted(const Candidates &candidates);
    void persist();
    UiText whyPickIgnored() const;

    const Clock *m_clock;
    mutable QDate m_today;
    mutable qint64 m_todayEndsMs = -1; //!< wall ms of the next local midnight
    QList<State> m_states;
    FailoverConfig m_failover;
    FailureQueue m_queue;
    QString m_statePath;
    QSet<QString> m_elsewhere;
    qint64 m_nextVerifyAtMs = -1;
    QString m_lastServedId; //!< the endpoint that answered the latest successful attempt
    QString m_pickedId;
    QString m_pickPath;
    struct Affinity
    {
        QString id;
        qint64 lastUsedMs = 0;
    };
    QHash<QByteArray, Affinity> m_affinity;
};

} // namespace qcc
