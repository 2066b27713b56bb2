#include "endpointrequest.h"

namespace qcc {

UpstreamRequest makeUpstreamRequest(const EndpointConfig &endpoint, const FailoverConfig &failover,
                                    const QByteArray &method, const QByteArray &target,
                                    QByteArray headerLines, const QByteArray &body,
                                    std::shared_ptr<const SpooledBody> spool)
{
    // Any client credential is gone already (Exchange) or was never there (probes).
    const QByteArray key = endpoint.key.toUtf8();
    if (!key.isEmpty()) {
        if (endpoint.auth == AuthStyle::XApiKey || endpoint.auth == AuthStyle::Both)
            headerLines += "x-api-key: " + key + "\r\n";
        if (endpoint.auth == AuthStyle::Bearer || endpoint.auth == AuthStyle::Both)
            headerLines += "Authorization: Bearer " + key + "\r\n";
    }
    UpstreamRequest r;
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
