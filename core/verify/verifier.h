#pragma once

#include "config/config.h"
#include "platform/clock.h"
#include "platform/uitext.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <functional>

namespace qcc {

class EndpointRegistry;
class UpstreamPool;

/*! Re-verifies isolated endpoints with real probes on a timer (verify.interval_ms). Each round
 *  probes every queued endpoint, at most kMaxConcurrent at once. While every enabled endpoint is
 *  isolated a round starts at once and repeats every urgentIntervalMs (5 s). Engine thread. */
class Verifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Verifier)

public:
    static constexpr int kMaxConcurrent = 4;

    Verifier(EndpointRegistry *registry, UpstreamPool *pool, const Clock *clock,
             QObject *parent = nullptr);

    void configure(const VerifyConfig &verify, const FailoverConfig &failover);
    void setUrgentIntervalMs(int ms) { m_urgentMs = ms; }
    void start();
    void stop();
    //! Probes \a id now (or every queued endpoint when empty).
    void verifyNow(const QString &id = QString());

    using TestCallback = std::function<void(bool passed, const UiText &message, qint64 latencyMs)>;
    //! Probes any endpoint (queued or not) without touching its health: the editor's Test button.
    void test(const EndpointConfig &endpoint, TestCallback done);

    /*! The latest failed verification of each endpoint, structured so the UI can show it in its
     *  language; the registry (and so the API and the state file) keeps its English form. */
    const QHash<QString, UiText> &lastFailures() const { return m_lastFailures; }

    bool isRoundRunning() const { return !m_pending.isEmpty() || !m_running.isEmpty(); }
    qint64 nextRoundAtMs() const { return m_nextRoundAtMs; }

Q_SIGNALS:
    //! \a message in English, as the registry records it.
    void probeFinished(const QString &id, bool passed, const QString &message, qint64 latencyMs);
    void roundFinished();

private:
    void runRound();
    void pump();
    void reschedule();
    void probe(const EndpointConfig &endpoint, TestCallback done);

    EndpointRegistry *m_registry;
    UpstreamPool *m_pool;
    const Clock *m_clock;
    VerifyConfig m_verify;
    FailoverConfig m_failover;
    QTimer m_timer;
    int m_urgentMs = 5000;
    qint64 m_lastRoundMs = -1;
    qint64 m_nextRoundAtMs = -1;
    QStringList m_pending;
    QSet<QString> m_running;
    QHash<QString, UiText> m_lastFailures;
    bool m_active = false;
    bool m_urgent = false; //!< every enabled endpoint was isolated at the last reschedule
};

} // namespace qcc
