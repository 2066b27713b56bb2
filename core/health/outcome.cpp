#include "outcome.h"

#include <QDateTime>
#include <QTimeZone>

#include <algorithm>

namespace qcc {

OutcomeClass classify(const AttemptFacts &f)
{
    if (f.transport != TransportError::None || f.status == 0)
        return OutcomeClass::Node;
    const int s = f.status;
    if (s >= 200 && s < 300) {
        if (!f.wellFormed || f.streamErrorBeforeContent)
            return OutcomeClass::Node;
        return OutcomeClass::Success;
    }
    if (s == 401 || s == 402 || s == 403)
        return OutcomeClass::Credential;
    if (s == 429)
        return OutcomeClass::RateLimit;
    if (s == 404)
        return f.path == "/v1/messages" ? OutcomeClass::Node : OutcomeClass::Unsupported;
    // These say the request is at fault, not the endpoint: relayed unchanged, no failover.
    if (s == 400 || s == 409 || s == 413 || s == 414 || s == 415 || s == 422)
        return OutcomeClass::Request;
    // 5xx, 529, redirects, and the 4xx a working API never sends for a good request (408, 421,
    // 425, ... come from a broken relay or its front end): another endpoint may serve it.
    return OutcomeClass::Node;
}

qint64 retryAfterMs(QByteArrayView value, const QDateTime &now)
{
    const QByteArrayView v = value.trimmed();
    if (v.isEmpty())
        return -1;
    if (std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // delta-seconds, read digit by digit so no value can overflow: past the cap, capped.
        qint64 seconds = 0;
        for (const char c : v) {
            seconds = seconds * 10 + (c - '0');
            if (seconds >= kMaxRetryAfterMs / 1000)
                return kMaxRetryAfterMs;
        }
        return seconds * 1000;
    }
    // An HTTP-date, IMF-fixdate form: "Sun, 06 Nov 1994 08:49:37 GMT" (English names).
    QDateTime at = QDateTime::fromString(QString::fromLatin1(v),
                                         QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!at.isValid())
        return -1;
    at.setTimeZone(QTimeZone::utc());
    return qBound<qint64>(0, now.msecsTo(at), kMaxRetryAfterMs);
}

QString outcomeName(OutcomeClass c)
{
    switch (c) {
    case OutcomeClass::Success:
        return QStringLiteral("success");
    case OutcomeClass::Request:
        return QStringLiteral("request");
    case OutcomeClass::Unsupported:
        return QStringLiteral("unsupported");
    case OutcomeClass::Credential:
        return QStringLiteral("credential");
    case OutcomeClass::RateLimit:
        return QStringLiteral("rate_limit");
    case OutcomeClass::Node:
        return QStringLiteral("node");
    }
    return {};
}

} // namespace qcc
