#pragma once

#include "config/config.h"
#include "health/balancer.h"
#include "http/bytes.h"
#include "http/headers.h"
#include "http/httpparser.h"
#include "http/sse.h"
#include "proxy/clientconnection.h"
#include "proxy/proxycounters.h"
#include "upstream/endpointrequest.h"
#include "upstream/upstreamattempt.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>
#include <vector>

namespace qcc {

class UpstreamPool;

//! What an exchange needs from the engine; all of it lives on the engine thread.
struct ProxyContext
{
    Balancer *balancer = nullptr; //!< endpoint health, as a request sees it
    UpstreamPool *pool = nullptr;
    const FailoverConfig *failover = nullptr;
    const LimitsConfig *limits = nullptr;
    ProxyCounters *counters = nullptr;
};

/*! One client request, from selection to the last byte of its answer: attempts on up to
 *  max_attempts endpoints, the commit point, invisible failover before it and a well-formed
 *  `event: error` after it. Owned by its ClientConnection, which frees it from the event loop
 *  once its response is over (never from inside its own calls). Not a QObject: one is made per
 *  request. */
class Exchange final : private UpstreamAttempt::Listener, public ClientConnection::Responder
{
    Q_DISABLE_COPY_MOVE(Exchange)

public:
    Exchange(const ProxyContext &context, ClientConnection *client, HttpRequest request);
    ~Exchange() override;
    void start();

private:
    enum class Mode { None, Relay, HoldStream, HoldBody, HoldError };

    void nextAttempt();
    void upstreamHead(int status, const HeaderList &headers) override;
    void upstreamBody(const QByteArray &data) override;
    void upstreamFinished() override;
    void upstreamFailed(TransportError error, const UiText &message) override;
    void upstreamIdle() override;
    void clientGone() override;
    void clientDrained() override;
    //! The attempt failed before commit: record it and move on.
    void attemptFailed(OutcomeClass cls, const UiText &message, qint64 retryAfterMs = -1);
    //! Before the commit point: more held than limits.max_held_response_bytes.
    void heldTooMuch();
    //! After the commit point: end the answer well-formed (a stream with `event: error`).
    void failAfterCommit(const UiText &message);
    void commitHead(bool knownLength);
    void relay(const QByteArray &data);
    void handleStreamBytes(const QByteArray &data);
    void noteUsage(QByteArrayView eventName, QByteArrayView json);
    void finalAnswer();
    void finish(bool success);
    void dropAttempt();
    QByteArray upstreamHeaderLines();
    //! The upstream's head for the client, the endpoint's key masked.
    QByteArray clientHeaderLines() const;
    //! What the upstream said, the endpoint's key masked (a relay may echo the key it got).
    QByteArray masked(QByteArray data) const { return maskedSecret(std::move(data), m_key); }
    //! A relayed body's next bytes, masked; the last bytes that may begin the key wait for
    //! the next piece (m_carry), flushed at the end.
    void relayMasked(const QByteArray &data);

    ProxyContext m_ctx;
    ClientConnection *m_client; //!< owns this exchange; null once the client is gone
    HttpRequest m_request;
    QByteArray m_upstreamLines; //!< the request's forwardable headers, serialized once
    QByteArray m_sessionId;
    QStringList m_tried;
    std::optional<BodyModel> m_model; //!< where the body names its model, once looked for
    int m_attempts = 0;
    bool m_done = false;

    // the current attempt
    std::unique_ptr<UpstreamAttempt> m_attempt;
    //! The previous attempt, kept until no call of it can be on the stack.
    //! Finished attempts, kept until the exchange ends: one may still be on the stack (its
    //! parser called us) while the next one already failed.
    std::vector<std::unique_ptr<UpstreamAttempt>> m_retired;
    std::shared_ptr<const EndpointConfig> m_endpoint; //!< of the current attempt
    QByteArray m_key;   //!< its key, masked in everything the upstream says
    QByteArray m_carry; //!< relayed bytes held back while they may begin the key
    Mode m_mode = Mode::None;
    int m_status = 0;
    HeaderList m_headers;
    QByteArray m_held;
    SseSplitter m_sse;
    bool m_committed = false;
    bool m_sawErrorEvent = false;
    bool m_sawStop = false; //!< message_stop: the one proper end of a Messages stream
    qint64 m_heldIn = 0;    //!< bytes received before the commit point, held or judged
    bool m_paused = false;
    TokenUsage m_usage;

    // the last upstream error response, answered unchanged when nothing succeeds
    bool m_haveLastError = false;
    int m_lastStatus = 0;
    QByteArray m_lastHeaderLines; //!< masked, like m_lastBody, with the key of its endpoint
    QByteArray m_lastBody;
    OutcomeClass m_lastClass = OutcomeClass::Node;
    UiText m_lastMessage;
    bool m_anyUnsupported = false;
};

//! A rough local token count for count_tokens when no endpoint supports it.
qint64 estimateTokens(qint64 bodyBytes);

} // namespace qcc
