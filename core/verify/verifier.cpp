#include "verifier.h"

#include "health/endpointregistry.h"
#include "platform/logging.h"
#include "probe.h"
#include "upstream/endpointrequest.h"
#include "upstream/upstreampool.h"

namespace qcc {

Verifier::Verifier(EndpointRegistry *registry, UpstreamPool *pool, const Clock *clock,
                   QObject *parent)
    : QObject(parent), m_registry(registry), m_pool(pool), m_clock(clock)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Verifier::runRound);
    connect(m_registry, &EndpointRegistry::changed, this, &Verifier::reschedule);
}

void Verifier::configure(const VerifyConfig &verify, const FailoverConfig &failover)
{
    m_verify = verify;
    m_failover = failover;
    if (m_active)
        reschedule();
}

void Verifier::start()
{
    m_active = true;
    m_lastRoundMs = m_clock->nowMs();
    m_nextRoundAtMs = -1;
    reschedule();
}

void Verifier::stop()
{
    m_active = false;
    m_timer.stop();
    m_nextRoundAtMs = -1;
    m_registry->setNextVerifyAt(-1);
}

void Verifier::reschedule()
{
    if (!m_active)
        return;
    const bool urgent = m_registry->allIsolated();
    const qint64 interval =
        urgent ? qMin<qint64>(m_urgentMs, m_verify.intervalMs) : m_verify.intervalMs;
    const qint64 now = m_clock->nowMs();
    qint64 due = m_lastRoundMs + interval;
    if (urgent && !isRoundRunning())
        due = qMax(now, m_lastRoundMs + interval);
    if (due == m_nextRoundAtMs && m_timer.isActive())
        return;
    m_nextRoundAtMs = due;
    m_registry->setNextVerifyAt(due);
    m_timer.start(int(qBound<qint64>(0, due - now, qint64(INT_MAX))));
}

void Verifier::runRound()
{
    m_lastRoundMs = m_clock->nowMs();
    m_nextRoundAtMs = -1;
    verifyNow();
    reschedule();
}

void Verifier::verifyNow(const QString &id)
{
    const QStringList ids = id.isEmpty() ? m_registry->queuedIds() : QStringList{id};
    for (const QString &one : ids) {
        if (!m_pending.contains(one) && !m_running.contains(one))
            m_pending.append(one);
    }
    if (!ids.isEmpty())
        qCDebug(lcVerify) << "verification of" << ids.size() << "endpoint(s) queued";
    pump();
}

void Verifier::pump()
{
    while (m_running.size() < kMaxConcurrent && !m_pending.isEmpty()) {
        const QString id = m_pending.takeFirst();
        const std::optional<EndpointConfig> ep = m_registry->endpoint(id);
        if (!ep)
            continue;
        m_running.insert(id);
        probe(*ep, [this, id](bool passed, const QString &message, qint64 latency) {
            m_running.remove(id);
            if (passed)
                qCInfo(lcVerify).noquote()
                    << "endpoint" << id << "passed verification in" << latency << "ms";
            else
                qCInfo(lcVerify).noquote() << "endpoint" << id << "failed verification:" << message;
            m_registry->recordProbe(id, passed, message, latency);
            Q_EMIT probeFinished(id, passed, message, latency);
            if (!isRoundRunning())
                Q_EMIT roundFinished();
            pump();
        });
    }
}

void Verifier::test(const EndpointConfig &endpoint, TestCallback done)
{
    probe(endpoint, std::move(done));
}

void Verifier::probe(const EndpointConfig &endpoint, TestCallback done)
{
    const bool models = m_verify.method == QLatin1String("models");
    const QString code = makeProbeCode();
    HeaderList headers = {{"anthropic-version", "2023-06-01"},
                          {"Accept", "application/json"},
                          {"Accept-Encoding", "identity"},
                          {"User-Agent", "qcc/" QCC_VERSION " (verify)"}};
    if (!models)
        headers.append(Header("Content-Type", "application/json"));
    FailoverConfig timeouts = m_failover;
    timeouts.connectTimeoutMs = qMin(timeouts.connectTimeoutMs, m_verify.timeoutMs);
    timeouts.firstByteTimeoutMs = m_verify.timeoutMs;
    timeouts.idleTimeoutMs = m_verify.timeoutMs;
    UpstreamRequest req =
        makeUpstreamRequest(endpoint, timeouts, models ? QByteArray("GET") : QByteArray("POST"),
                            models ? QByteArray("/v1/models") : QByteArray("/v1/messages"), headers,
                            models ? QByteArray() : probeMessagesBody(m_verify.model, code));

    auto *attempt = new UpstreamAttempt(m_pool, req, this);
    struct Collected
    {
        int status = 0;
        HeaderList headers;
        QByteArray body;
        bool over = false;
    };
    auto collected = std::make_shared<Collected>();
    // The whole probe, including a slow body, must end within the probe timeout.
    auto *deadline = new QTimer(attempt);
    deadline->setSingleShot(true);
    auto finish = [attempt, done, collected](bool passed, const QString &message) {
        if (collected->over)
            return;
        collected->over = true;
        const qint64 latency = attempt->elapsedMs();
        attempt->abort();
        attempt->deleteLater();
        done(passed, message, latency);
    };
    connect(deadline, &QTimer::timeout, attempt, [finish, this] {
        finish(false, QStringLiteral("timeout after %1 ms").arg(m_verify.timeoutMs));
    });
    connect(attempt, &UpstreamAttempt::head, attempt, [collected](int status, const HeaderList &h) {
        collected->status = status;
        collected->headers = h;
    });
    connect(attempt, &UpstreamAttempt::body, attempt, [collected, attempt](const QByteArray &data) {
        collected->body += data;
        if (collected->body.size() > 4 * 1024 * 1024)
            attempt->abort();
    });
    connect(attempt, &UpstreamAttempt::finished, attempt, [=] {
        const ProbeVerdict v = judgeProbe(m_verify.method, code, collected->status,
                                          collected->headers, collected->body);
        finish(v.passed, v.message);
    });
    connect(attempt, &UpstreamAttempt::failed, attempt,
            [finish](TransportError, const QString &message) { finish(false, message); });
    deadline->start(m_verify.timeoutMs);
    attempt->start();
}

} // namespace qcc
