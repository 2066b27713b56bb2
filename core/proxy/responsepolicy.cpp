#include "responsepolicy.h"

#include "health/outcome.h"
#include "http/bytes.h"

namespace qcc {

namespace {
bool lengthFramed(const HeaderList &headers)
{
    return hasHeader(headers, "content-length") && !hasHeader(headers, "transfer-encoding");
}

bool accepts(QByteArrayView acceptEncoding, const QByteArray &encoding)
{
    for (const QByteArray &token : acceptEncoding.toByteArray().toLower().split(','))
        if (token.split(';').first().trimmed() == encoding)
            return true;
    return false;
}
} // namespace

HeadDecision decideHead(const HeadFacts &f)
{
    using A = HeadDecision::Action;
    const HeaderList &headers = *f.headers;
    const bool ok = f.status >= 200 && f.status < 300;
    const QByteArray encoding = headerValue(headers, "content-encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity") {
        const QString quoted = wireText(maskedSecret(encoding, f.key), 50);
        if (!accepts(f.acceptEncoding, encoding))
            return {A::Fail, false,
                    UiText(QT_TRANSLATE_NOOP("qcc", "upstream sent Content-Encoding %1, which the "
                                                    "client did not accept"),
                           {quoted})};
        if (!ok) // an error answer is quoted and relayed; encoded, it cannot be checked for the key
            return {A::Fail, false,
                    UiText(QT_TRANSLATE_NOOP("qcc", "HTTP %1 with an encoded body "
                                                    "(Content-Encoding %2), which QCC did not ask "
                                                    "for"),
                           {QString::number(f.status), quoted})};
        // Encoded bytes cannot be inspected for the commit point: relayed as they are.
        return {A::Relay, lengthFramed(headers), {}};
    }
    if (ok) {
        if (headerValue(headers, "content-type").contains("text/event-stream"))
            return {A::HoldStream, false, {}};
        if (f.path == "/v1/messages" && f.method == "POST")
            return {A::HoldBody, false, {}};
        return {A::Relay, lengthFramed(headers), {}};
    }
    AttemptFacts facts;
    facts.status = f.status;
    facts.path = f.path.toByteArray();
    if (classify(facts) == OutcomeClass::Request) // the request is at fault: answered unchanged
        return {A::Relay, lengthFramed(headers), {}};
    return {A::HoldError, false, {}};
}

UiText judgeHeldReply(int status, QByteArrayView contentType, QByteArrayView body,
                      const JsonObjectScan &scan)
{
    if (scan.isObject && scan.type != "error")
        return {};
    const char *why =
        body.trimmed().isEmpty()       ? QT_TRANSLATE_NOOP("qcc", "HTTP %1 with an empty body")
        : contentType.contains("html") ? QT_TRANSLATE_NOOP("qcc", "HTTP %1 with an HTML page")
        : scan.isObject                ? QT_TRANSLATE_NOOP("qcc", "HTTP %1 with an error body")
                                       : QT_TRANSLATE_NOOP("qcc", "HTTP %1 with a body that is not "
                                                                                 "a JSON object");
    return UiText(why, {QString::number(status)});
}

ProxyAnswer noAnswer(const Unavailability &why, int attempts, const UiText &lastFailure,
                     QByteArrayView path)
{
    ProxyAnswer a;
    a.headers = {{"x-should-retry", "true"}};
    if (why.endpoints == 0) {
        a.message = QStringLiteral("QCC has no endpoint configured in the active cluster");
    } else if (why.usable == 0 && why.queued > 0) {
        const qint64 ms = why.nextVerifyInMs >= 0 ? why.nextVerifyInMs : 5000;
        const qint64 seconds = qMax<qint64>(1, (ms + 999) / 1000);
        a.headers.append(Header("retry-after", QByteArray::number(seconds)));
        a.message = QStringLiteral("every endpoint is isolated; the next verification is in %1 s")
                        .arg(seconds);
    } else if (why.usable == 0) {
        a.message = why.keyless.isEmpty()
                        ? QStringLiteral("every endpoint of the active cluster is disabled")
                        : QStringLiteral("no enabled endpoint of the active cluster has a key (%1)")
                              .arg(why.keyless.join(QStringLiteral("; ")));
    } else if (attempts == 0) {
        a.message = QStringLiteral("no endpoint can serve %1 right now").arg(wireText(path));
    } else {
        a.status = 502;
        a.message = QStringLiteral("all %1 attempt(s) failed; last: %2")
                        .arg(attempts)
                        .arg(lastFailure.english());
    }
    return a;
}

} // namespace qcc
