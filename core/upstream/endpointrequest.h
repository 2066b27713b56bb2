#pragma once

#include "config/config.h"
#include "upstreamattempt.h"

namespace qcc {

/*! Builds the request one endpoint receives: its base URL, proxy and timeouts, and the
 *  credential placed as its `auth` style says (any client credential is removed first). */
UpstreamRequest makeUpstreamRequest(const EndpointConfig &endpoint, const FailoverConfig &failover,
                                    const QByteArray &method, const QByteArray &target,
                                    QByteArray headerLines, const QByteArray &body,
                                    std::shared_ptr<const SpooledBody> spool = {});

} // namespace qcc
