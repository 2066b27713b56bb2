#include "endpointrequest.h"

namespace qcc {

UpstreamRequest makeUpstreamRequest(const EndpointConfig &endpoint, const FailoverConfig &failover,
                                    const QByteArray &method, const QByteArray &target,
                                    QByteArray headerLines, const QByteArray &body,
                                    std::shared_ptr<const SpooledBody> spool)
{
    // Any client credential is gone already (Exchange) or was never there (probes). The lines
    // shared by every attempt stay shared: the key goes in lines of its own, built once for as
    // long as requests keep going to the same key.
    struct Credential
    {
        QString key;
        AuthStyle auth = AuthStyle::XApiKey;
        QByteArray lines;
    };
    thread_local Credential last;
    if (last.key != endpoint.key || last.auth != endpoint.auth) {
        const QByteArray key = endpoint.key.toUtf8();
        QByteArray lines;
        if (!key.isEmpty() &&
            (endpoint.auth == AuthStyle::XApiKey || endpoint.auth == AuthStyle::Both))
            lines += "x-api-key: " + key + "\r\n";
        if (!key.isEmpty() &&
            (endpoint.auth == AuthStyle::Bearer || endpoint.auth == AuthStyle::Both))
            lines += "Authorization: Bearer " + key + "\r\n";
        last = {endpoint.key, endpoint.auth, lines};
    }
    UpstreamRequest r;
    r.credentialLines = last.lines;
    r.target = UpstreamTarget::get(endpoint.baseUrl, endpoint.proxy);
    r.method = method;
    r.path = target;
    r.headerLines = std::move(headerLines);
    r.body = body;
    r.spool = std::move(spool);
    r.connectTimeoutMs = failover.connectTimeoutMs;
    r.firstByteTimeoutMs = failover.firstByteTimeoutMs;
    r.idleTimeoutMs = failover.idleTimeoutMs;
    return r;
}

} // namespace qcc
