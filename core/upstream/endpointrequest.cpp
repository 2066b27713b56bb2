#include "endpointrequest.h"

#include "http/bytes.h"

namespace qcc {

UpstreamRequest makeUpstreamRequest(const EndpointConfig &endpoint, const FailoverConfig &failover,
                                    const QByteArray &method, const QByteArray &target,
                                    QByteArray headerLines, const QByteArray &body,
                                    std::shared_ptr<const SpooledBody> spool)
{
    // Any client credential is gone already (Exchange) or was never there (probes). The lines
    // shared by every attempt stay shared: the key goes in lines of its own.
    UpstreamRequest r;
    const QByteArray key = endpoint.key.toUtf8();
    if (!key.isEmpty()) {
        const bool xApiKey = endpoint.auth == AuthStyle::XApiKey || endpoint.auth == AuthStyle::Both;
        const bool bearer = endpoint.auth == AuthStyle::Bearer || endpoint.auth == AuthStyle::Both;
        r.credentialLines = concatBytes({xApiKey ? QByteArrayView("x-api-key: ") : QByteArrayView(),
                                         xApiKey ? QByteArrayView(key) : QByteArrayView(),
                                         xApiKey ? QByteArrayView("\r\n") : QByteArrayView(),
                                         bearer ? QByteArrayView("Authorization: Bearer ")
                                                : QByteArrayView(),
                                         bearer ? QByteArrayView(key) : QByteArrayView(),
                                         bearer ? QByteArrayView("\r\n") : QByteArrayView()});
    }
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
