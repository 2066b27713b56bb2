#include "endpointregistry.h"

#include "platform/atomicfile.h"
#include "platform/logging.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace qcc {

namespace {
constexpr qint64 kUnsupportedForMs = 10 * 60 * 1000;
constexpr qint64 kDefaultCoolDownMs = 30 * 1000;
constexpr qint64 kAffinityIdleMs = 60 * 60 * 1000;
constexpr int kAffinityMax = 10000;
} // namespace

EndpointRegistry::EndpointRegistry(const Clock *clock, QObject *parent)
    : QObject(parent), m_clock(clock)
{}

void EndpointRegistry::setEndpoints(const QList<EndpointConfig> &endpoints,
                                    const FailoverConfig &failover, const QSet<QString> &elsewhere)
{
    QList<State> next;
    m_elsewhere = elsewhere;
    QSet<QString> ids = elsewhere;
    for (const EndpointConfig &ep : endpoints) {
        State s;
        if (State *old = state(ep.effectiveId))
            s = *old;
        s.config = std::make_shared<const EndpointConfig>(ep);
        next.append(s);
        // A disabled endpoint is out of rotation by the user's choice: nothing to re-verify.
        if (ep.enabled)
            ids.insert(ep.effectiveId);
    }
    m_states = next;
    m_failover = failover;
    const QStringList dropped = m_queue.retainOnly(ids);
    for (const QString &id : dropped)
        qCInfo(lcHealth) << "endpoint" << id
                         << "left the configuration; removed from the failure queue";
    if (!dropped.isEmpty())
        persist();
    Q_EMIT changed();
}

QList<EndpointConfig> EndpointRegistry::endpoints() const
{
    QList<EndpointConfig> list;
    for (const State &s : m_states)
        list.append(*s.config);
    return list;
}

std::optional<EndpointConfig> EndpointRegistry::endpoint(const QString &id) const
{
    for (const State &s : m_states) {
        if (s.config->effectiveId == id)
            return *s.config;
    }
    return std::nullopt;
}

const EndpointRegistry::State *EndpointRegistry::state(const QString &id) const
{
    for (const State &s : m_states) {
        if (s.config->effectiveId == id)
            return &s;
    }
    return nullptr;
}

QString EndpointRegistry::setStatePath(const QString &path)
{
    m_statePath = path;
    QFile file(path);
    if (!file.exists())
        return QString();
    QString problem;
    if (!file.open(QIODevice::ReadOnly)) {
        problem = file.errorString();
    } else {
        FailureQueue loaded;
        if (loaded.fromJson(file.readAll(), &problem)) {
            m_queue = loaded;
            QSet<QString> ids = m_elsewhere;
            for (const State &s : std::as_const(m_states)) {
                if (s.config->enabled)
                    ids.insert(s.config->effectiveId);
            }
            m_queue.retainOnly(ids);
            qCInfo(lcHealth) << "restored failure queue with" << m_queue.size()
                             << "endpoint(s) from" << path;
            Q_EMIT changed();
            return QString();
        }
    }
    file.close();
    const QString backup = path + QStringLiteral(".corrupt-") +
                           m_clock->wallNow().toString(QStringLiteral("yyyyMMdd-hhmmss-zzz"));
    QFile::rename(path, backup);
    const QString message =
        QStringLiteral("failure-queue state %1 is unreadable (%2); moved to %3, "
                       "starting with an empty queue")
            .arg(path, problem, backup);
    qCWarning(lcHealth).noquote() << message;
    return message;
}

void EndpointRegistry::setPicked(const QString &id)
{
    if (id == m_pickedId)
        return;
    m_pickedId = id;
    qCInfo(lcHealth).noquote() << (id.isEmpty() ? QStringLiteral("pick: automatic")
                                                : QStringLiteral("pick: endpoint ") + id);
    if (!m_pickPath.isEmpty()) {
        QString error;
        const QJsonObject o{{QStringLiteral("picked"),
                             id.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(id)}};
        if (!writeFileAtomically(m_pickPath, QJsonDocument(o).toJson(), &error))
            qCWarning(lcHealth).noquote() << "cannot save the pick:" << error;
    }
    Q_EMIT changed();
}

void EndpointRegistry::setPickPath(const QString &path)
{
    m_pickPath = path;
    QFile file(path);
    if (!file.exists())
        return;
    QJsonParseError error;
    const QJsonDocument doc = file.open(QIODevice::ReadOnly)
                                  ? QJsonDocument::fromJson(file.readAll(), &error)
                                  : QJsonDocument();
    const QJsonValue picked = doc.object().value(QStringLiteral("picked"));
    if (!doc.isObject() || !(picked.isString() || picked.isNull())) {
        qCWarning(lcHealth).noquote()
            << "the pick in" << path << "is unreadable; choosing automatically";
        return;
    }
    m_pickedId = picked.toString();
    Q_EMIT changed();
}

UiText EndpointRegistry::whyPickIgnored() const
{
    if (m_pickedId.isEmpty())
        return UiText();
    const State *s = state(m_pickedId);
    if (!s)
        return UiText(QT_TRANSLATE_NOOP("qcc", "it is not in the active cluster"));
    switch (statusOf(*s)) {
    case EndpointStatus::Disabled:
        return UiText(QT_TRANSLATE_NOOP("qcc", "it is disabled"));
    case EndpointStatus::NoKey:
        return UiText(QT_TRANSLATE_NOOP("qcc", "it has no key"));
    case EndpointStatus::Isolated:
        return UiText(QT_TRANSLATE_NOOP("qcc", "it is isolated"));
    case EndpointStatus::Cooling:
        return UiText(QT_TRANSLATE_NOOP("qcc", "it is rate-limited"));
    default:
        return UiText();
    }
}

void EndpointRegistry::persist()
{
    if (m_statePath.isEmpty())
        return;
    QString error;
    if (!writeFileAtomically(m_statePath, m_queue.toJson(), &error))
        qCWarning(lcHealth).noquote() << "cannot save failure queue:" << error;
}

bool EndpointRegistry::isCooling(const State &s) const
{
    return s.coolUntilMs >= 0 && m_clock->nowMs() < s.coolUntilMs;
}

bool EndpointRegistry::inRotation(const State &s) const
{
    return s.config->enabled && !s.config->lacksKey() && !m_queue.contains(s.config->effectiveId);
}

bool EndpointRegistry::isUsable(const State &s, const QByteArray &path) const
{
    if (!inRotation(s) || isCooling(s))
        return false;
    const qint64 until = s.unsupportedUntilMs.value(path, -1);
    return until < 0 || m_clock->nowMs() >= until;
}

EndpointRegistry::State *EndpointRegistry::pickWeighted(const Candidates &candidates)
{
    // Smooth weighted round-robin: deterministic, and spreads picks evenly by weight.
    if (candidates.isEmpty())
        return nullptr;
    int total = 0;
    State *best = nullptr;
    for (State *s : candidates) {
        s->currentWeight += s->config->weight;
        total += s->config->weight;
        if (!best || s->currentWeight > best->currentWeight)
            best = s;
    }
    best->currentWeight -= total;
    return best;
}

std::optional<EndpointRegistry::Pick> EndpointRegistry::select(const Selection &sel)
{
    if (!m_pickedId.isEmpty() && !sel.exclude.contains(m_pickedId)) {
        if (State *s = state(m_pickedId); s && isUsable(*s, sel.path))
            return Pick{s->config, false};
    }
    const qint64 now = m_clock->nowMs();
    if (m_failover.sessionAffinity && !sel.sessionId.isEmpty()) {
        auto it = m_affinity.find(sel.sessionId);
        if (it != m_affinity.end()) {
            State *s = state(it->id);
            // A session stays on its endpoint, but never on a secondary once a primary is back.
            bool primaryUsable = false;
            if (s && s->config->tier == Tier::Secondary) {
                for (const State &other : m_states)
                    primaryUsable |= other.config->tier == Tier::Primary &&
                                     !sel.exclude.contains(other.config->effectiveId) &&
                                     isUsable(other, sel.path);
            }
            if (s && !primaryUsable && !sel.exclude.contains(it->id) && isUsable(*s, sel.path)) {
                it->lastUsedMs = now;
                return Pick{s->config, false};
            }
        }
    }

    Candidates primaries, secondaries, cooling;
    for (State &s : m_states) {
        if (sel.exclude.contains(s.config->effectiveId))
            continue;
        if (isUsable(s, sel.path))
            (s.config->tier == Tier::Primary ? primaries : secondaries).append(&s);
        else if (inRotation(s) && isCooling(s))
            cooling.append(&s);
    }
    State *chosen = pickWeighted(!primaries.isEmpty() ? primaries : secondaries);
    if (!chosen && !cooling.isEmpty()) {
        // Only cooling endpoints are left: the one whose cool-down ends first.
        chosen = *std::min_element(cooling.begin(), cooling.end(), [](State *a, State *b) {
            return a->coolUntilMs < b->coolUntilMs;
        });
        return Pick{chosen->config, true};
    }
    if (!chosen)
        return std::nullopt;

    if (m_failover.sessionAffinity && !sel.sessionId.isEmpty()) {
        if (m_affinity.size() >= kAffinityMax) {
            for (auto it = m_affinity.begin(); it != m_affinity.end();)
                it = now - it->lastUsedMs > kAffinityIdleMs ? m_affinity.erase(it) : std::next(it);
            if (m_affinity.size() >= kAffinityMax)
                m_affinity.clear();
        }
        const Affinity affinity{chosen->config->effectiveId, now};
        if (auto it = m_affinity.find(sel.sessionId); it != m_affinity.end())
            *it = affinity;
        else // a copy of its own: the request's value shares the buffer of its whole head
            m_affinity.insert(QByteArray(sel.sessionId.constData(), sel.sessionId.size()),
                              affinity);
    }
    return Pick{chosen->config, false};
}

void EndpointRegistry::record(const QString &id, OutcomeClass cls, const UiText &message,
                              qint64 latencyMs, const QByteArray &path, qint64 retryAfterMs)
{
    State *s = state(id);
    if (!s)
        return; // the endpoint left the configuration while the attempt was in flight
    ++s->totalRequests;
    rollDay(*s);
    ++s->requestsToday;
    // A success (every request) carries no message: nothing to render or redact then. The
    // structured text is kept only when redaction changed nothing: a masked key must not come
    // back through the translated rendering.
    QString error;
    UiText text;
    if (!message.isEmpty()) {
        const QString english = message.english();
        error = Redactor::redact(english);
        text = error == english ? message : UiText(error);
    }
    switch (cls) {
    case OutcomeClass::Success:
        ++s->successes;
        s->consecutiveFailures = 0;
        if (latencyMs >= 0) {
            s->latencySumMs += double(latencyMs);
            ++s->latencyCount;
            const qint64 now = m_clock->wallNowMs();
            // One sample per 10 s is plenty for a one-hour sparkline.
            if (s->history.isEmpty() || now - s->history.last().first >= 10000)
                s->history.append({now, int(qMin<qint64>(latencyMs, INT_MAX))});
            while (!s->history.isEmpty() && now - s->history.first().first > 3600000)
                s->history.removeFirst();
        }
        m_lastServedId = id;
        break;
    case OutcomeClass::Request:
        break;
    case OutcomeClass::Unsupported:
        // (A copy of its own: the request's path may share the buffer of its whole head.)
        s->unsupportedUntilMs.insert(QByteArray(path.constData(), path.size()),
                                     m_clock->nowMs() + kUnsupportedForMs);
        break;
    case OutcomeClass::RateLimit:
        ++s->failedRequests;
        s->lastError = error;
        s->lastErrorText = text;
        s->coolUntilMs = m_clock->nowMs() + (retryAfterMs >= 0 ? retryAfterMs : kDefaultCoolDownMs);
        m_queue.noteError(id, error);
        break;
    case OutcomeClass::Credential:
    case OutcomeClass::Node:
        ++s->failedRequests;
        ++s->consecutiveFailures;
        s->lastError = error;
        s->lastErrorText = text;
        if (m_queue.contains(id))
            m_queue.noteError(id, error);
        else if (cls == OutcomeClass::Credential ||
                 s->consecutiveFailures >= m_failover.isolateAfter)
            isolate(id, cls, error);
        break;
    }
    Q_EMIT changed();
}

void EndpointRegistry::addUsage(const QString &id, const TokenUsage &usage)
{
    if (State *s = state(id)) {
        s->usage.input += usage.input;
        s->usage.output += usage.output;
        s->usage.cacheCreation += usage.cacheCreation;
        s->usage.cacheRead += usage.cacheRead;
        rollDay(*s);
        s->tokensToday += usage.input + usage.output;
    }
}

void EndpointRegistry::isolate(const QString &id, OutcomeClass cls, const QString &reason)
{
    if (!state(id))
        return;
    const QString text = Redactor::redact(reason);
    if (m_queue.add(id, cls, text, m_clock->wallNow())) {
        qCWarning(lcHealth).noquote()
            << "endpoint" << id << QStringLiteral("isolated (%1):").arg(outcomeName(cls)) << text;
        persist();
        Q_EMIT endpointIsolated(id, text);
    }
    Q_EMIT changed();
}

void EndpointRegistry::recordProbe(const QString &id, bool passed, const QString &result,
                                   qint64 latencyMs)
{
    m_queue.recordProbe(id, passed, Redactor::redact(result), latencyMs, m_clock->wallNow());
    if (passed && m_queue.contains(id))
        restore(id);
    else
        persist();
    Q_EMIT changed();
}

void EndpointRegistry::restore(const QString &id)
{
    State *s = state(id);
    const bool wasQueued = m_queue.remove(id);
    if (s) {
        s->consecutiveFailures = 0;
        s->coolUntilMs = -1;
        s->lastError.clear();
        s->lastErrorText = UiText();
        s->successes = qMax<qint64>(s->successes, 1);
    }
    if (wasQueued) {
        qCInfo(lcHealth) << "endpoint" << id << "restored to its tier";
        persist();
        Q_EMIT endpointRestored(id);
    }
    Q_EMIT changed();
}

QDate EndpointRegistry::today() const
{
    const qint64 nowMs = m_clock->wallNowMs();
    if (m_todayEndsMs < 0 || nowMs >= m_todayEndsMs || nowMs < m_todayEndsMs - 26 * 3600000LL) {
        const QDateTime local = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::LocalTime);
        m_today = local.date();
        m_todayEndsMs = local.date().addDays(1).startOfDay().toMSecsSinceEpoch();
    }
    return m_today;
}

void EndpointRegistry::rollDay(State &s)
{
    const QDate today = this->today();
    if (s.day != today) {
        s.day = today;
        s.requestsToday = 0;
        s.tokensToday = 0;
    }
}

QStringList EndpointRegistry::queuedIds() const
{
    QStringList ids;
    for (const FailureEntry &e : m_queue.entries())
        ids.append(e.id);
    return ids;
}

bool EndpointRegistry::allIsolated() const
{
    bool anyEnabled = false;
    for (const State &s : m_states) {
        if (!s.config->enabled || s.config->lacksKey())
            continue;
        anyEnabled = true;
        if (!m_queue.contains(s.config->effectiveId))
            return false;
    }
    return anyEnabled;
}

Unavailability EndpointRegistry::unavailability() const
{
    Unavailability u;
    u.endpoints = int(m_states.size());
    u.usable = usableCount();
    u.queued = m_queue.size();
    u.nextVerifyInMs = (m_queue.size() && m_nextVerifyAtMs >= 0)
                           ? qMax<qint64>(0, m_nextVerifyAtMs - m_clock->nowMs())
                           : -1;
    for (const State &s : m_states)
        if (statusOf(s) == EndpointStatus::NoKey)
            u.keyless.append(s.config->name + QStringLiteral(": ") +
                             s.config->whyNoKey().english());
    return u;
}

int EndpointRegistry::usableCount() const
{
    int n = 0;
    for (const State &s : m_states)
        n += inRotation(s);
    return n;
}

qint64 EndpointRegistry::msUntilUsable() const
{
    qint64 best = -1;
    for (const State &s : m_states) {
        if (inRotation(s) && isCooling(s)) {
            const qint64 left = s.coolUntilMs - m_clock->nowMs();
            if (best < 0 || left < best)
                best = left;
        }
    }
    return best;
}

EndpointStatus EndpointRegistry::statusOf(const State &s) const
{
    if (!s.config->enabled)
        return EndpointStatus::Disabled;
    if (s.config->lacksKey())
        return EndpointStatus::NoKey;
    if (m_queue.contains(s.config->effectiveId))
        return EndpointStatus::Isolated;
    if (isCooling(s))
        return EndpointStatus::Cooling;
    if (s.consecutiveFailures > 0)
        return EndpointStatus::Degraded;
    return s.successes > 0 ? EndpointStatus::Healthy : EndpointStatus::Unknown;
}

const EndpointRegistry::State *EndpointRegistry::servingNow() const
{
    // The selector's order (pick, then primaries before secondaries), without its weights.
    const auto serves = [this](const State *s) { return s && canServe(statusOf(*s)); };
    if (const State *picked = state(m_pickedId); serves(picked))
        return picked;
    bool primaryServes = false;
    for (const State &s : m_states)
        primaryServes |= s.config->tier == Tier::Primary && serves(&s);
    if (const State *last = state(m_lastServedId);
        serves(last) && (last->config->tier == Tier::Primary || !primaryServes))
        return last;
    for (Tier tier : {Tier::Primary, Tier::Secondary}) {
        for (const State &s : m_states) {
            if (s.config->tier == tier && serves(&s))
                return &s;
        }
    }
    return nullptr;
}

RegistrySnapshot EndpointRegistry::snapshot() const
{
    RegistrySnapshot snap;
    const qint64 now = m_clock->nowMs();
    for (const State &s : m_states) {
        EndpointSnapshot e;
        e.id = s.config->effectiveId;
        e.name = s.config->name;
        e.baseUrl = s.config->baseUrl;
        e.tier = s.config->tier;
        e.enabled = s.config->enabled;
        e.status = statusOf(s);
        if (s.config->lacksKey())
            e.keyProblem = s.config->whyNoKey();
        e.inFailureQueue = m_queue.contains(e.id);
        e.totalRequests = s.totalRequests;
        e.failedRequests = s.failedRequests;
        e.consecutiveFailures = s.consecutiveFailures;
        e.successRate = s.totalRequests
                            ? double(s.totalRequests - s.failedRequests) / double(s.totalRequests)
                            : 1.0;
        e.avgLatencyMs = s.latencyCount ? s.latencySumMs / double(s.latencyCount) : 0;
        e.lastError = s.lastError;
        e.lastErrorText = s.lastErrorText;
        e.coolingForMs = isCooling(s) ? s.coolUntilMs - now : 0;
        e.usage = s.usage;
        const bool today = s.day == this->today();
        e.requestsToday = today ? s.requestsToday : 0;
        e.tokensToday = today ? s.tokensToday : 0;
        e.latencyHistory = s.history;
        if (const FailureEntry *f = m_queue.entry(e.id)) {
            e.failure = *f;
            e.lastError = f->lastError;
        }
        snap.endpoints.append(e);
    }
    snap.queueStats = m_queue.stats();
    snap.queueSize = m_queue.size();
    snap.verifyCounts = m_queue.verifyCounts();
    snap.nextVerifyInMs =
        (m_queue.size() && m_nextVerifyAtMs >= 0) ? qMax<qint64>(0, m_nextVerifyAtMs - now) : -1;
    snap.usableCount = usableCount();
    const State *serving = servingNow();
    snap.servingId = serving ? serving->config->effectiveId : QString();
    snap.pickedId = m_pickedId;
    snap.pickIgnored = whyPickIgnored();
    return snap;
}

} // namespace qcc
