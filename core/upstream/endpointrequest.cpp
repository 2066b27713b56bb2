#include "endpointrequest.h"

#include "http/jsonscan.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qcc {

BodyModel findBodyModel(const QByteArray &body, const SpooledBody *spool)
{
    JsonStringMemberFinder finder("model");
    if (!spool) {
        finder.feed(body);
    } else {
        constexpr qint64 kPiece = 64 * 1024;
        QByteArray piece(kPiece, Qt::Uninitialized);
        qint64 n = 0;
        for (qint64 at = 0; at < spool->size(); at += n) {
            n = spool->read(at, piece.data(), kPiece);
            if (n <= 0 || !finder.feed(QByteArrayView(piece.constData(), n)))
                break;
        }
    }
    if (!finder.found())
        return {};
    const QByteArray &raw = finder.rawValue();
    BodyModel m{finder.valueStart(), raw.size(), {}};
    // The usual name has no escapes; one that has them is decoded by the JSON reader.
    m.name = raw.contains('\\') ? QJsonDocument::fromJson('[' + raw + ']').array().at(0).toString()
                                : QString::fromUtf8(raw.constData() + 1, raw.size() - 2);
    return m;
}

UpstreamRequest makeUpstreamRequest(const EndpointConfig &endpoint, const FailoverConfig &failover,
                                    const QByteArray &method, const QByteArray &target,
                                    QByteArray headerLines, const QByteArray &body,
                                    std::shared_ptr<const SpooledBody> spool,
                                    const BodyModel *model)
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
    r.target = UpstreamTarget::get(endpoint.baseUrl, endpoint.proxy, endpoint.trustedPem);
    r.method = method;
    r.path = target;
    r.headerLines = std::move(headerLines);
    r.body = body;
    r.spool = std::move(spool);
    const auto renamed = model && model->at >= 0 ? endpoint.modelMap.constFind(model->name)
                                                 : endpoint.modelMap.constEnd();
    if (renamed != endpoint.modelMap.constEnd()) {
        const QByteArray array = QJsonDocument(QJsonArray{*renamed}).toJson(QJsonDocument::Compact);
        const QByteArray value = array.mid(1, array.size() - 2);
        if (r.spool)
            r.spoolEdit = {model->at, model->size, value};
        else
            r.body = body.left(model->at) + value + body.mid(model->at + model->size);
    }
    r.connectTimeoutMs = failover.connectTimeoutMs;
    r.firstByteTimeoutMs = failover.firstByteTimeoutMs;
    r.idleTimeoutMs = failover.idleTimeoutMs;
    return r;
}

} // namespace qcc
