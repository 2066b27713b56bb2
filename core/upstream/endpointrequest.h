#pragma once

#include "config/config.h"
#include "upstreamattempt.h"

namespace qcc {

//! Where a request body names its model: its top-level "model" string, looked for once a request.
struct BodyModel
{
    qint64 at = -1;  //!< offset of the value's opening quote; -1: the body names no model
    qint64 size = 0; //!< of the value as written, quotes included
    QString name;
};
//! Reads a spooled body piece by piece, and at most as far as the model.
BodyModel findBodyModel(const QByteArray &body, const SpooledBody *spool);

/*! Builds the request one endpoint receives: its base URL, proxy and timeouts, the credential
 *  placed as its `auth` style says (any client credential is removed first), and the body's
 *  model renamed as its model map says (\a model: where the body names it, when the endpoint
 *  has a map). */
UpstreamRequest makeUpstreamRequest(const EndpointConfig &endpoint, const FailoverConfig &failover,
                                    const QByteArray &method, const QByteArray &target,
                                    QByteArray headerLines, const QByteArray &body,
                                    std::shared_ptr<const SpooledBody> spool = {},
                                    const BodyModel *model = nullptr);

} // namespace qcc
