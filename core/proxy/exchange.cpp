#include "exchange.h"

#include "clientconnection.h"
#include "http/bytes.h"
#include "http/jsonscan.h"
#include "http/response.h"
#include "platform/logging.h"
#include "platform/uitext.h"
#include "proxy/responsepolicy.h"
#include "upstream/endpointrequest.h"
#include "upstream/upstreamattempt.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace qcc {

namespace {
constexpr qint64 kPauseAbove = 1024 * 1024; // client output queued before pausing upstream
constexpr qsizetype kMaxErrorBody = 1024 * 1024;

bool isPrelude(const SseEvent &ev)
{
    return ev.event == "message_start" || ev.event == "ping" || ev.data.isEmpty();
}

UiText upstreamErrorMessage(int status, const QByteArray &body)
{
    const QJsonObject err =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    const QString msg = err.value(QStringLiteral("message")).toString();
    // The upstream's own message is quoted as it is, in its language.
    return msg.isEmpty() ? UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1"), {QString::number(status)})
                         : UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1: %2"),
                                  {QString::number(status), clippedText(msg, 300)});
}

} // namespace

qint64 estimateTokens(qint64 bodyBytes)
{
    // About four bytes of JSON per token: good enough for Claude Code's context bookkeeping.
    return qMax<qint64>(1, bodyBytes / 4);
}

Exchange::Exchange(const ProxyContext &context, ClientConnection *client, HttpRequest request)
    : m_ctx(context), m_client(client), m_request(std::move(request))
{
    m_sessionId = m_request.header("x-claude-code-session-id");
}

Exchange::~Exchange()
{
    // The connection went away with the request still running (shutdown): account for it.
    m_client = nullptr;
    if (m_attempt)
        m_attempt->abort();
    finish(false);
}

void Exchange::start()
{
    ++m_ctx.counters->totalRequests;
    ++m_ctx.counters->inFlight;
    // (ClientConnection::setResponder() made us its responder.)
    nextAttempt();
}

QByteArray Exchange::upstreamHeaderLines()
{
    // The credential is replaced per endpoint; framing and encoding are ours to set. The same
    // lines serve every attempt of this request.
    if (m_upstreamLines.isEmpty())
        m_upstreamLines = forwardableLines(
            m_request.headers,
            {"host", "content-length", "accept-encoding", "expect", "x-api-key", "authorization"},
            "Accept-Encoding: identity\r\n");
    return m_upstreamLines;
}

QByteArray Exchange::clientHeaderLines() const
{
    return masked(forwardableLines(m_headers, {"content-length"}));
}

void Exchange::nextAttempt()
{
    if (m_done)
        return;
    if (m_attempts >= m_ctx.failover->maxAttempts) {
        finalAnswer();
        return;
    }
    const auto pick = m_ctx.balancer->select({m_request.path, m_sessionId, m_tried});
    if (!pick) {
        finalAnswer();
        return;
    }
    if (m_attempts > 0)
        ++m_ctx.counters->failovers;
    ++m_attempts;
    m_endpoint = pick->endpoint;
    m_key = m_endpoint->key.toUtf8();
    m_carry.clear();
    m_tried.append(m_endpoint->effectiveId);
    m_mode = Mode::None;
    m_status = 0;
    m_headers.clear();
    m_held.clear();
    m_sse = SseSplitter();
    m_committed = m_sawErrorEvent = m_sawStop = m_paused = false;
    m_heldIn = 0;
    m_usage = TokenUsage();

    // The body's model is looked for once, and only for an endpoint that renames models.
    if (!m_endpoint->modelMap.isEmpty() && !m_model)
        m_model = findBodyModel(m_request.body, m_request.spool.get());
    m_attempt = std::make_unique<UpstreamAttempt>(
        m_ctx.pool,
        makeUpstreamRequest(*m_endpoint, *m_ctx.failover, m_request.method, m_request.target,
                            upstreamHeaderLines(), m_request.body, m_request.spool,
                            m_model ? &*m_model : nullptr),
        static_cast<UpstreamAttempt::Listener *>(this));
    qCDebug(lcProxy).noquote() << m_request.method << m_request.path << "->" << m_endpoint->name
                               << QStringLiteral("(attempt %1)").arg(m_attempts);
    m_attempt->start();
}

void Exchange::dropAttempt()
{
    if (!m_attempt)
        return;
    m_attempt->abort();
    m_retired.push_back(std::move(m_attempt));
}

void Exchange::upstreamHead(int status, const HeaderList &headers)
{
    m_status = status;
    m_headers = headers;
    const HeadDecision d = decideHead({status, &m_headers, m_request.method, m_request.path,
                                       m_request.header("accept-encoding"), m_key});
    switch (d.action) {
    case HeadDecision::Action::Fail:
        attemptFailed(OutcomeClass::Node, d.failure);
        return;
    case HeadDecision::Action::Relay:
        m_mode = Mode::Relay;
        commitHead(d.knownLength);
        return;
    case HeadDecision::Action::HoldStream:
        m_mode = Mode::HoldStream;
        return;
    case HeadDecision::Action::HoldBody:
        m_mode = Mode::HoldBody;
        return;
    case HeadDecision::Action::HoldError:
        m_mode = Mode::HoldError;
        return;
    }
}

void Exchange::commitHead(bool knownLength)
{
    m_committed = true;
    if (!m_client)
        return;
    if (m_status == 204 || m_status == 304) // no body, whatever else the head says
        m_client->sendHead(m_status, clientHeaderLines(), ClientConnection::Framing::None);
    else if (knownLength)
        m_client->sendHead(m_status, clientHeaderLines(), ClientConnection::Framing::ContentLength,
                           parseDecimal(headerValue(m_headers, "content-length")));
    else
        m_client->sendHead(m_status, clientHeaderLines(), ClientConnection::Framing::Chunked);
}

void Exchange::relay(const QByteArray &data)
{
    if (!m_client || data.isEmpty())
        return;
    m_client->sendBody(data);
    if (!m_paused && m_attempt && m_client->pendingOutput() > kPauseAbove) {
        m_paused = true;
        m_attempt->setPaused(true);
    }
}

void Exchange::relayMasked(const QByteArray &data)
{
    if (m_key.size() < kMinMaskedSecret)
        return relay(data);
    QByteArray out = m_carry.isEmpty() ? data : m_carry + data;
    maskSecret(out, m_key);
    const qsizetype keep = qMin(out.size(), m_key.size() - 1);
    m_carry = out.right(keep);
    out.chop(keep);
    relay(out);
}

void Exchange::clientDrained()
{
    if (m_paused && m_attempt) {
        m_paused = false;
        m_attempt->setPaused(false);
    }
}

void Exchange::upstreamBody(const QByteArray &data)
{
    // Whatever is held or judged before the commit point has a bound: endless pings, an event
    // that never ends, a reply that never ends all fail the endpoint here, never fill memory.
    if (!m_committed && m_mode != Mode::Relay && m_mode != Mode::None) {
        m_heldIn += data.size();
        if (m_heldIn > m_ctx.limits->maxHeldResponseBytes)
            return heldTooMuch();
    }
    switch (m_mode) {
    case Mode::Relay:
        relayMasked(data);
        break;
    case Mode::HoldStream:
        handleStreamBytes(data);
        break;
    case Mode::HoldBody:
        m_held += data;
        break;
    case Mode::HoldError:
        if (m_held.size() < kMaxErrorBody)
            m_held += data.left(kMaxErrorBody - m_held.size());
        break;
    case Mode::None:
        break;
    }
}

void Exchange::handleStreamBytes(const QByteArray &data)
{
    if (m_committed) {
        // Whole events only: an upstream cut mid-event must not glue our `event: error` onto
        // half a line. Each read still goes out at once.
        QByteArray out;
        for (const SseEvent &ev : m_sse.feed(data)) {
            out += ev.raw;
            noteUsage(ev.event, ev.data);
        }
        relay(masked(std::move(out))); // whole events: a key cannot straddle two calls
        if (m_sse.pending().size() > m_ctx.limits->maxHeldResponseBytes)
            failAfterCommit(
                UiText(QT_TRANSLATE_NOOP("qcc", "an event grew past %1 bytes without ending"),
                       {QString::number(m_ctx.limits->maxHeldResponseBytes)}));
        return;
    }
    const QList<SseEvent> events = m_sse.feed(data);
    for (const SseEvent &ev : events) {
        if (m_committed) {
            relay(masked(ev.raw));
            noteUsage(ev.event, ev.data);
            continue;
        }
        if (ev.event == "error") {
            attemptFailed(OutcomeClass::Node,
                          UiText(QT_TRANSLATE_NOOP("qcc", "stream error before content: %1"),
                                 {upstreamErrorMessage(m_status, masked(ev.data))}));
            return;
        }
        if (isPrelude(ev)) {
            m_held += ev.raw;
            noteUsage(ev.event, ev.data);
            continue;
        }
        // The commit point: the first content event. What was held goes out unchanged first.
        commitHead(false);
        relay(masked(m_held + ev.raw));
        m_held.clear();
        noteUsage(ev.event, ev.data);
    }
}

void Exchange::noteUsage(QByteArrayView eventName, QByteArrayView json)
{
    if (eventName == "error") {
        m_sawErrorEvent = true;
        return;
    }
    if (eventName == "message_stop") {
        m_sawStop = true;
        return;
    }
    QByteArrayView usage;
    if (eventName == "message_start")
        usage = jsonMember(jsonMember(json, "message"), "usage");
    else if (eventName == "message_delta")
        usage = jsonMember(json, "usage");
    else if (eventName == "usage") // the usage object of a non-streaming reply
        usage = json;
    else
        return;
    if (usage.isEmpty())
        return;
    QByteArrayView counts[4];
    jsonMembers(
        usage,
        {"input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"},
        counts);
    qint64 *into[4] = {&m_usage.input, &m_usage.output, &m_usage.cacheCreation, &m_usage.cacheRead};
    for (int i = 0; i < 4; ++i) {
        const qint64 v = parseDecimal(counts[i]);
        if (v >= 0)
            *into[i] = v; // message_delta counts are cumulative: the last one wins
    }
}

void Exchange::upstreamFinished()
{
    const qint64 latency = m_attempt ? m_attempt->firstByteMs() : -1;
    switch (m_mode) {
    case Mode::Relay:
    case Mode::HoldStream:
        if (!m_committed) {
            attemptFailed(OutcomeClass::Node,
                          UiText(QT_TRANSLATE_NOOP("qcc", "stream ended before any content")));
            return;
        }
        if (m_mode == Mode::HoldStream) {
            // A last event without its blank line is still the upstream's.
            if (!m_sse.pending().isEmpty()) {
                const SseEvent last = parseSseEvent(m_sse.pending());
                noteUsage(last.event, last.data);
            }
            // A Messages stream ends with message_stop (or the upstream's own error); anything
            // else is a cut, even when the framing looks whole (a stream delimited by the close).
            if (!m_sawStop && !m_sawErrorEvent && m_request.path == "/v1/messages")
                return failAfterCommit(
                    UiText(QT_TRANSLATE_NOOP("qcc", "the stream ended without message_stop")));
            relay(masked(m_sse.pending()));
        } else {
            relay(std::exchange(m_carry, QByteArray()));
        }
        if (m_status >= 400)
            m_ctx.balancer->record(m_endpoint->effectiveId, OutcomeClass::Request,
                                   upstreamErrorMessage(m_status, QByteArray()), latency,
                                   m_request.path);
        else if (m_sawErrorEvent)
            m_ctx.balancer->record(m_endpoint->effectiveId, OutcomeClass::Node,
                                   UiText(QT_TRANSLATE_NOOP("qcc", "stream error after content")),
                                   latency, m_request.path);
        else
            m_ctx.balancer->record(m_endpoint->effectiveId, OutcomeClass::Success, QString(),
                                   latency, m_request.path);
        dropAttempt();
        // Before the last write, which may reveal that the client left.
        finish(m_status < 300 && !m_sawErrorEvent);
        if (m_client)
            m_client->endResponse();
        return;
    case Mode::HoldBody: {
        // One pass over the body, no JSON tree: this runs for every non-streaming message.
        const JsonObjectScan scan = scanJsonObject(m_held);
        if (const UiText why =
                judgeHeldReply(m_status, headerValue(m_headers, "content-type"), m_held, scan);
            !why.isEmpty()) {
            attemptFailed(OutcomeClass::Node, why);
            return;
        }
        m_committed = true;
        maskSecret(m_held, m_key);
        // The answer first, the bookkeeping after: the client is not kept waiting for it.
        // (A client that left shows when the loop reports the socket closed, not from here.)
        if (m_client)
            m_client->sendResponse(m_status, clientHeaderLines(), m_held);
        if (!scan.usage.isEmpty())
            noteUsage("usage", scan.usage);
        m_ctx.balancer->record(m_endpoint->effectiveId, OutcomeClass::Success, QString(), latency,
                               m_request.path);
        dropAttempt();
        finish(true);
        return;
    }
    case Mode::HoldError: {
        AttemptFacts facts;
        facts.status = m_status;
        facts.path = m_request.path;
        // A body cut at its bound may end in the first bytes of the key: those go too.
        if (m_held.size() >= kMaxErrorBody)
            m_held.chop(m_key.size());
        maskSecret(m_held, m_key);
        m_haveLastError = true;
        m_lastStatus = m_status;
        m_lastHeaderLines = clientHeaderLines();
        m_lastBody = m_held;
        attemptFailed(
            classify(facts), upstreamErrorMessage(m_status, m_held),
            retryAfterMs(headerValue(m_headers, "retry-after"), QDateTime::currentDateTimeUtc()));
        return;
    }
    case Mode::None:
        attemptFailed(OutcomeClass::Node, UiText(QT_TRANSLATE_NOOP("qcc", "no response")));
        return;
    }
}

void Exchange::upstreamFailed(TransportError error, const UiText &message)
{
    if (error == TransportError::ClientStalled) {
        // The client stopped reading (only a committed response pauses): its connection ends,
        // the upstream connection is closed, and the endpoint did nothing wrong.
        qCInfo(lcProxy).noquote() << "request to" << m_endpoint->name
                                  << "ended:" << message.english();
        if (m_client)
            m_client->abortConnection();
        dropAttempt();
        finish(false);
        return;
    }
    if (!m_committed) {
        attemptFailed(OutcomeClass::Node, message);
        return;
    }
    failAfterCommit(message);
}

void Exchange::heldTooMuch()
{
    attemptFailed(OutcomeClass::Node,
                  UiText(QT_TRANSLATE_NOOP("qcc", "the answer passed %1 bytes before it could be "
                                                  "judged (limits.max_held_response_bytes)"),
                         {QString::number(m_ctx.limits->maxHeldResponseBytes)}));
}

void Exchange::failAfterCommit(const UiText &message)
{
    // After the commit point: never replay. End the stream properly, or the connection.
    m_ctx.balancer->record(
        m_endpoint->effectiveId, OutcomeClass::Node,
        UiText(QT_TRANSLATE_NOOP("qcc", "failed after the response started: %1"), {message}), -1,
        m_request.path);
    if (m_client) {
        if (m_mode == Mode::HoldStream) {
            relay("event: error\ndata: " +
                  errorBody("api_error", QStringLiteral("upstream %1 failed mid-stream: %2")
                                             .arg(m_endpoint->name, message.english())) +
                  "\n\n");
            if (m_client) // writing can reveal that the client is gone
                m_client->endResponse();
        } else {
            m_client->abortConnection();
        }
    }
    dropAttempt();
    finish(false);
}

void Exchange::upstreamIdle()
{
    if (m_client)
        m_client->flushHead(); // a committed head whose body has not begun yet
}

void Exchange::attemptFailed(OutcomeClass cls, const UiText &message, qint64 retryAfter)
{
    const qint64 latency = m_attempt ? m_attempt->elapsedMs() : -1;
    dropAttempt();
    if (cls == OutcomeClass::Unsupported)
        m_anyUnsupported = true;
    m_lastClass = cls;
    m_lastMessage = message;
    qCInfo(lcProxy).noquote() << "attempt on" << m_endpoint->name
                              << QStringLiteral("failed (%1):").arg(outcomeName(cls))
                              << message.english();
    m_ctx.balancer->record(m_endpoint->effectiveId, cls, message, latency, m_request.path,
                           retryAfter);
    nextAttempt();
}

void Exchange::finalAnswer()
{
    if (!m_client) {
        finish(false);
        return;
    }
    const Unavailability why = m_ctx.balancer->unavailability();
    if (m_request.path == "/v1/messages/count_tokens" &&
        (m_anyUnsupported || (m_attempts == 0 && why.usable > 0))) {
        const QByteArray body =
            "{\"input_tokens\":" + QByteArray::number(estimateTokens(m_request.bodySize())) + "}";
        m_client->sendResponse(200, {{"Content-Type", "application/json"}}, body);
        finish(true);
        return;
    }
    if (m_haveLastError) {
        m_client->sendResponse(m_lastStatus, m_lastHeaderLines, m_lastBody);
        finish(false);
        return;
    }
    const ProxyAnswer answer = noAnswer(why, m_attempts, m_lastMessage, m_request.path);
    m_client->sendError(answer.status, answer.message, answer.headers);
    finish(false);
}

void Exchange::clientGone()
{
    // The client left: stop the upstream attempt at once and free its connection.
    dropAttempt();
    m_client = nullptr;
    finish(false);
}

void Exchange::finish(bool success)
{
    if (m_done)
        return;
    m_done = true;
    ++(success ? m_ctx.counters->successfulRequests : m_ctx.counters->failedRequests);
    --m_ctx.counters->inFlight;
    if (!m_usage.isEmpty())
        m_ctx.balancer->addUsage(m_endpoint->effectiveId, m_usage);
    // Big buffers go now; the object itself lives on until the connection frees it.
    m_request.body = QByteArray();
    m_request.spool.reset();
    m_held = QByteArray();
    m_lastBody = QByteArray();
}

} // namespace qcc
