#include "importexport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace qcc {

namespace {
EndpointConfig endpointFrom(const QString &name, const QString &url, const QString &key, int weight,
                            int priority)
{
    EndpointConfig e;
    e.name = name;
    e.baseUrl = url;
    e.apiKey = e.key = key;
    e.weight = qBound(1, weight > 0 ? weight : 100, 10000);
    e.tier = priority >= 2 ? Tier::Secondary : Tier::Primary;
    e.effectiveId = deriveEndpointId(e.baseUrl, e.keySource());
    return e;
}

bool isUrl(const QString &s)
{
    return baseUrlProblem(s).isEmpty(); // what the config will accept
}
} // namespace

ImportResult importFastcc(const QByteArray &json)
{
    ImportResult r;
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    const QJsonValue profilesValue = doc.object().value(QStringLiteral("profiles"));
    QList<QPair<QString, QJsonObject>> profiles;
    if (profilesValue.isObject()) {
        const QJsonObject o = profilesValue.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            profiles.append({it.key(), it.value().toObject()});
    } else if (profilesValue.isArray()) {
        for (const QJsonValue &v : profilesValue.toArray())
            profiles.append({v.toObject().value(QStringLiteral("name")).toString(), v.toObject()});
    } else {
        r.problems.append(UiText(QT_TRANSLATE_NOOP(
            "qcc", "no \"profiles\" found: not a cache.json of the earlier QCC")));
        return r;
    }
    for (const auto &[profileName, p] : profiles) {
        ClusterConfig cluster;
        cluster.name = profileName.isEmpty() ? QStringLiteral("imported") : profileName;
        const QJsonArray endpoints = p.value(QStringLiteral("endpoints")).toArray();
        if (endpoints.isEmpty() && isUrl(p.value(QStringLiteral("base_url")).toString())) {
            cluster.endpoints.append(
                endpointFrom(cluster.name, p.value(QStringLiteral("base_url")).toString(),
                             p.value(QStringLiteral("api_key")).toString(), 100, 1));
        }
        int n = 0;
        for (const QJsonValue &v : endpoints) {
            const QJsonObject e = v.toObject();
            ++n;
            const QString url = e.value(QStringLiteral("base_url")).toString();
            if (!isUrl(url)) {
                r.problems.append(UiText(
                    QT_TRANSLATE_NOOP(
                        "qcc", "%1: endpoint %2 skipped: base_url \"%3\" is not an http(s) URL"),
                    {cluster.name, QString::number(n), url}));
                continue;
            }
            QString name = e.value(QStringLiteral("name")).toString();
            if (name.isEmpty())
                name = QStringLiteral("%1 #%2").arg(cluster.name).arg(n);
            const QString key = e.contains(QStringLiteral("api_key"))
                                    ? e.value(QStringLiteral("api_key")).toString()
                                    : p.value(QStringLiteral("api_key")).toString();
            EndpointConfig ep =
                endpointFrom(name, url, key, e.value(QStringLiteral("weight")).toInt(100),
                             e.value(QStringLiteral("priority")).toInt(1));
            if (e.contains(QStringLiteral("enabled")))
                ep.enabled = e.value(QStringLiteral("enabled")).toBool(true);
            if (std::any_of(
                    cluster.endpoints.begin(), cluster.endpoints.end(),
                    [&](const EndpointConfig &x) { return x.effectiveId == ep.effectiveId; })) {
                r.problems.append(UiText(
                    QT_TRANSLATE_NOOP(
                        "qcc", "%1: endpoint %2 skipped: same URL and key as an earlier one"),
                    {cluster.name, QString::number(n)}));
                continue;
            }
            cluster.endpoints.append(ep);
        }
        if (!cluster.endpoints.isEmpty())
            r.clusters.append(cluster);
    }
    return r;
}

ImportResult importQcc(const QByteArray &json)
{
    ImportResult r;
    QJsonObject o = QJsonDocument::fromJson(json).object();
    // An export file has no listen section and maybe no active cluster: make it a config to
    // validate it with the one config parser.
    if (!o.contains(QStringLiteral("version")))
        o.insert(QStringLiteral("version"), 1);
    const QJsonArray clusters = o.value(QStringLiteral("clusters")).toArray();
    if (!clusters.isEmpty() && !o.contains(QStringLiteral("active_cluster")))
        o.insert(QStringLiteral("active_cluster"),
                 clusters.first().toObject().value(QStringLiteral("name")));
    const ConfigResult parsed = parseConfig(QJsonDocument(o).toJson());
    if (!parsed.config) {
        r.problems = parsed.errors;
        return r;
    }
    r.clusters = parsed.config->clusters;
    return r;
}

ImportResult importFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ImportResult r;
        r.problems.append(UiText::labelled(path, f.errorString()));
        return r;
    }
    const QByteArray data = f.readAll();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        ImportResult r;
        r.problems.append(UiText(QT_TRANSLATE_NOOP("qcc", "%1: not a JSON object (%2)"),
                                 {path, pe.errorString()}));
        return r;
    }
    ImportResult r =
        doc.object().contains(QStringLiteral("profiles")) ? importFastcc(data) : importQcc(data);
    for (UiText &p : r.problems)
        p = UiText::labelled(path, p);
    return r;
}

QByteArray exportClusters(const QList<ClusterConfig> &clusters, bool withKeys)
{
    Config c;
    c.clusters = clusters;
    for (ClusterConfig &cluster : c.clusters) {
        for (EndpointConfig &e : cluster.endpoints) {
            if (!withKeys) {
                e.apiKey.clear(); // api_key_env names a variable, not a secret: kept
            } else if (e.keyInKeychain && !e.key.isEmpty()) {
                e.apiKey = e.key; // from the keychain into the file, as asked
                e.keyInKeychain = false;
            }
        }
    }
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("qcc_export"),
                withKeys ? QStringLiteral("with keys") : QStringLiteral("without keys"));
    root.insert(QStringLiteral("clusters"), c.toJson().value(QStringLiteral("clusters")));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

int mergeClusters(Config *config, const QList<ClusterConfig> &clusters)
{
    int added = 0;
    for (const ClusterConfig &in : clusters) {
        ClusterConfig *target = nullptr;
        for (ClusterConfig &c : config->clusters) {
            if (c.name == in.name)
                target = &c;
        }
        if (!target) {
            config->clusters.append(in);
            added += int(in.endpoints.size());
            continue;
        }
        for (const EndpointConfig &e : in.endpoints) {
            const bool known = std::any_of(
                target->endpoints.begin(), target->endpoints.end(),
                [&](const EndpointConfig &x) { return x.effectiveId == e.effectiveId; });
            if (!known) {
                target->endpoints.append(e);
                ++added;
            }
        }
    }
    return added;
}

} // namespace qcc
