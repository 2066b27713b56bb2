#include "verifier.h"

#include "health/endpointregistry.h"
#include "http/bytes.h"
#include "platform/logging.h"
#include "probe.h"
#include "upstream/endpointrequest.h"
#include "upstream/upstreampool.h"

#include <QBasicTimer>

namespace qcc {

namespace {
/*! One probe in flight: collects the response and judges it, within the probe timeout
 *  (the whole probe, slow bodies included). Deletes itself when done. */
class ProbeRun final : public QObject, private UpstreamAttempt::Listener
{
public:
    ProbeRun(QString method, QString code, QByteArray key, Verifier::TestCallback done,
             QObject *parent)
        : QObject(parent), m_method(std::move(method)), m_code(std::move(code)),
          m_key(std::move(key)), m_done(std::move(done))
    {}
    void start(UpstreamPool *pool, UpstreamRequest request, int timeoutMs)
    {
        m_timeoutMs = timeoutMs;
        m_attempt = std::make_unique<UpstreamAttempt>(
            pool, std::move(request), static_cast<UpstreamAttempt::Listener *>(this));
        m_deadline.start(timeoutMs, Qt::PreciseTimer, this); // before the attempt's own timeouts
        m_attempt->start();
    }

private:
    void timerEvent(QTimerEvent *) override
    {
        finish(false, UiText(QT_TRANSLATE_NOOP("qcc", "timeout after %1 ms"),
                             {QString::number(m_timeoutMs)}));
    }
    void upstreamHead(int status, const HeaderList &headers) override
    {
        m_status = status;
        m_headers = headers;
    }
    void upstreamBody(const QByteArray &data) override
    {
        m_body += data;
        if (m_body.size() > 4 * 1024 * 1024)
            finish(false, UiText(QT_TRANSLATE_NOOP("qcc", "reply larger than 4 MiB")));
    }
    void upstreamFinished() override
    {
        // The verdict may quote the reply: a relay that echoes the key must not put it in logs.
        maskSecret(m_body, m_key);
        const ProbeVerdict v = judgeProbe(m_method, m_code, m_status, m_headers, m_body);
        finish(v.passed, v.message);
    }
    // Transport errors come from the upstream layer in English, and are shown as they are.
    void upstreamFailed(TransportError, const UiText &message) override { finish(false, message); }
    void finish(bool passed, const UiText &message)
    {
        if (m_over)
            return;
        m_over = true;
        m_deadline.stop();
        const qint64 latency = m_attempt->elapsedMs();
        m_attempt->abort();
        deleteLater();
        m_done(passed, message, latency);
    }

    QString m_method, m_code;
    QByteArray m_key;
    Verifier::TestCallback m_done;
    std::unique_ptr<UpstreamAttempt> m_attempt;
    QBasicTimer m_deadline;
    int m_timeoutMs = 0;
    int m_status = 0;
    HeaderList m_headers;
    QByteArray m_body;
    bool m_over = false;
};
} // namespace

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
    m_urgent = false; // a queue restored with everything isolated starts a round at once
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
    if (urgent && !m_urgent && !isRoundRunning())
        due = now; // everything just became isolated: a round at once, then every urgent interval
    else if (urgent && !isRoundRunning())
        due = qMax(now, m_lastRoundMs + interval);
    m_urgent = urgent;
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
        if (!ep || ep->lacksKey()) // without its key a probe proves nothing: it waits for it
            continue;
        m_running.insert(id);
        probe(*ep, [this, id](bool passed, const UiText &result, qint64 latency) {
            m_running.remove(id);
            const QString message = result.english();
            if (passed) {
                qCInfo(lcVerify).noquote()
                    << "endpoint" << id << "passed verification in" << latency << "ms";
                m_lastFailures.remove(id);
            } else {
                qCInfo(lcVerify).noquote() << "endpoint" << id << "failed verification:" << message;
                m_lastFailures.insert(id, result);
            }
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
    UpstreamRequest req = makeUpstreamRequest(
        endpoint, timeouts, models ? QByteArray("GET") : QByteArray("POST"),
        models ? QByteArray("/v1/models") : QByteArray("/v1/messages"), serializeHeaders(headers),
        models ? QByteArray() : probeMessagesBody(endpoint.checkModel(m_verify.model), code));

    auto *run = new ProbeRun(m_verify.method, code, endpoint.key.toUtf8(), std::move(done), this);
    run->start(m_pool, std::move(req), m_verify.timeoutMs);
}

} // namespace qcc
