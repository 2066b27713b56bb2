#include "accesspolicy.h"

#include "platform/uitext.h"

namespace qcc {

namespace {
bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    // Compare every byte whatever the lengths, so timing says nothing about the token.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = qMax(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? uchar(a[i]) : 0;
        const unsigned char y = i < b.size() ? uchar(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0;
}
//! One of \a allowed ("name:port", lower case), case-insensitively: exactly the port's digits
//! (no sign, no leading zero), nothing around them.
bool hostAllowed(QByteArrayView host, const QList<QByteArray> &allowed)
{
    for (const QByteArray &a : allowed) {
        if (host.size() == a.size() && qstrnicmp(host.data(), host.size(), a.data(), a.size()) == 0)
            return true;
    }
    return false;
}
} // namespace

Refusal accessRefusal(const HttpRequest &request, const ServerSettings &settings)
{
    // One pass over the headers, no allocation: this runs for every request.
    QByteArrayView host, apiKey, authorization;
    bool origin = false;
    for (const Header &h : request.headers) {
        const QByteArrayView name = h.first;
        if (sameHeaderName(name, "host"))
            host = h.second;
        else if (sameHeaderName(name, "origin"))
            origin = true;
        else if (sameHeaderName(name, "x-api-key"))
            apiKey = h.second;
        else if (sameHeaderName(name, "authorization"))
            authorization = h.second;
    }
    if (settings.loopbackOnly && !hostAllowed(host, settings.allowedHosts))
        return {403, QStringLiteral("Host header \"%1\" is not allowed (DNS-rebinding protection)")
                         .arg(wireText(host, 100))};
    if (origin)
        return {403, QStringLiteral("requests from web pages (with an Origin header) are refused")};
    if (!settings.accessToken.isEmpty()) {
        QByteArrayView given = apiKey;
        if (given.isEmpty() && authorization.startsWith("Bearer "))
            given = authorization.sliced(7).trimmed();
        if (!constantTimeEquals(given, settings.accessToken))
            return {401, QStringLiteral("missing or wrong QCC access token")};
    }
    return {};
}

} // namespace qcc
