#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

class QDateTime;

namespace qcc {

//! What one upstream attempt tells us about the endpoint (docs/QCCD.md, "What one attempt's outcome
//! means").
enum class OutcomeClass { Success, Request, Unsupported, Credential, RateLimit, Node };

/*! How an attempt ended without a whole response. ClientStalled is the client's doing (it read
 *  nothing of a paused stream for the idle time): never classified, never the endpoint's fault. */
enum class TransportError { None, Connect, Timeout, Reset, Protocol, ClientStalled };

struct AttemptFacts
{
    int status = 0;  //!< HTTP status, 0 when no response head arrived
    QByteArray path; //!< request path, without the query
    TransportError transport = TransportError::None;
    bool wellFormed = true; //!< a 2xx body that is Anthropic-shaped (not HTML, not empty)
    bool streamErrorBeforeContent = false; //!< SSE `event: error` before the commit point
};

//! The single classification (docs/QCCD.md's outcome table). Pure; tested row by row.
OutcomeClass classify(const AttemptFacts &facts);

//! Counts against the endpoint's health (credential, rate limit, node).
inline bool isEndpointFailure(OutcomeClass c)
{
    return c == OutcomeClass::Credential || c == OutcomeClass::RateLimit || c == OutcomeClass::Node;
}

QString outcomeName(OutcomeClass c);

//! The longest cool-down an upstream's `retry-after` can ask for: one hour.
constexpr qint64 kMaxRetryAfterMs = 3600 * 1000;

/*! The wait a `retry-after` header value asks for, in ms: delta-seconds or an HTTP-date (counted
 *  from \a now; a past date is 0), at most kMaxRetryAfterMs; -1 when empty or unreadable. */
qint64 retryAfterMs(QByteArrayView value, const QDateTime &now);

} // namespace qcc
