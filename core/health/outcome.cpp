#include "outcome.h"

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
    // Any other 4xx says the request is at fault, not the endpoint: relayed unchanged.
    if (s >= 400 && s < 500)
        return OutcomeClass::Request;
    // 5xx, 529, and redirects or other oddities a working API endpoint never sends.
    return OutcomeClass::Node;
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
