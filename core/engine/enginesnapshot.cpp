#include "enginesnapshot.h"

#include "health/outcome.h"

#include <QJsonArray>

namespace qcc {

namespace {
QJsonValue isoOrNull(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}
} // namespace

PickJson pickJson(const RegistrySnapshot &snap)
{
    return {snap.pickedId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(snap.pickedId),
            snap.pickIgnored.isEmpty() ? QJsonValue(QJsonValue::Null)
                                       : QJsonValue(snap.pickIgnored.english())};
}

QJsonObject statsJson(const EngineSnapshot &s)
{
    const RegistrySnapshot &snap = s.registry;
    QJsonArray endpoints, failed;
    QJsonObject verifyCounts;
    for (auto it = snap.verifyCounts.begin(); it != snap.verifyCounts.end(); ++it)
        verifyCounts.insert(it.key(), it.value());
    for (const EndpointSnapshot &e : snap.endpoints) {
        QJsonObject o{
            {QStringLiteral("id"), e.id},
            {QStringLiteral("name"), e.name},
            {QStringLiteral("base_url"), e.baseUrl},
            {QStringLiteral("tier"), tierName(e.tier)},
            {QStringLiteral("enabled"), e.enabled},
            {QStringLiteral("status"), statusName(e.status)},
            {QStringLiteral("key_problem"),
             e.keyProblem.isEmpty() ? QJsonValue() : QJsonValue(e.keyProblem.english())},
            {QStringLiteral("in_failure_queue"), e.inFailureQueue},
            {QStringLiteral("total_requests"), e.totalRequests},
            {QStringLiteral("failed_requests"), e.failedRequests},
            {QStringLiteral("consecutive_failures"), e.consecutiveFailures},
            {QStringLiteral("success_rate"), e.successRate},
            {QStringLiteral("avg_latency_ms"), qRound(e.avgLatencyMs * 10) / 10.0},
            {QStringLiteral("last_error"), e.lastError},
            {QStringLiteral("isolated_since"),
             e.failure ? isoOrNull(e.failure->since) : QJsonValue()},
            {QStringLiteral("next_verify_in_ms"), e.failure && snap.nextVerifyInMs >= 0
                                                      ? QJsonValue(snap.nextVerifyInMs)
                                                      : QJsonValue()},
            {QStringLiteral("cooling_for_ms"), e.coolingForMs},
            {QStringLiteral("usage"),
             QJsonObject{{QStringLiteral("input_tokens"), e.usage.input},
                         {QStringLiteral("output_tokens"), e.usage.output},
                         {QStringLiteral("cache_creation_input_tokens"), e.usage.cacheCreation},
                         {QStringLiteral("cache_read_input_tokens"), e.usage.cacheRead}}}};
        if (e.failure) {
            failed.append(e.id);
            o.insert(QStringLiteral("failure"),
                     QJsonObject{
                         {QStringLiteral("reason_class"), outcomeName(e.failure->reasonClass)},
                         {QStringLiteral("reason"), e.failure->reason},
                         {QStringLiteral("verify_attempts"), e.failure->verifyAttempts},
                         {QStringLiteral("last_probe_result"), e.failure->lastProbeResult},
                         {QStringLiteral("last_probe_latency_ms"), e.failure->lastProbeLatencyMs},
                         {QStringLiteral("last_probe_at"), isoOrNull(e.failure->lastProbeAt)}});
        }
        endpoints.append(o);
    }
    return QJsonObject{
        {QStringLiteral("version"), QStringLiteral(QCC_VERSION)},
        {QStringLiteral("uptime_s"), qRound(double(s.uptimeMs) / 100.0) / 10.0},
        {QStringLiteral("listen"), s.listenAddress},
        {QStringLiteral("active_cluster"), s.activeCluster},
        {QStringLiteral("picked"), pickJson(snap).picked},
        {QStringLiteral("pick_ignored"), pickJson(snap).ignored},
        {QStringLiteral("total_requests"), s.counters.totalRequests},
        {QStringLiteral("successful_requests"), s.counters.successfulRequests},
        {QStringLiteral("failed_requests"), s.counters.failedRequests},
        {QStringLiteral("failovers"), s.counters.failovers},
        {QStringLiteral("in_flight"), s.counters.inFlight},
        {QStringLiteral("failure_queue_size"), snap.queueSize},
        {QStringLiteral("failed_endpoints"), failed},
        {QStringLiteral("endpoint_verify_counts"), verifyCounts},
        {QStringLiteral("failure_queue"),
         QJsonObject{{QStringLiteral("total_failed"), snap.queueStats.totalFailed},
                     {QStringLiteral("total_verified"), snap.queueStats.totalVerified},
                     {QStringLiteral("total_recovered"), snap.queueStats.totalRecovered},
                     {QStringLiteral("total_still_failed"), snap.queueStats.totalStillFailed}}},
        {QStringLiteral("endpoints"), endpoints}};
}

} // namespace qcc
