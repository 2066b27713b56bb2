#include "config.h"

#include "platform/atomicfile.h"
#include "platform/logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QSslCertificate>
#include <QUrl>

#include <cmath>
#include <random>

namespace qcc {

namespace {

// Templates used in more than one place.
const char kMissing[] = QT_TRANSLATE_NOOP("qcc", "missing");
const char kExpectedObject[] = QT_TRANSLATE_NOOP("qcc", "expected an object");
constexpr int kMaxModelMap = 64;
constexpr int kMaxModelName = 200;
constexpr qint64 kMaxCaFile = 1024 * 1024;

/*! Reads typed fields out of one JSON object, recording a "path.key: problem" line for each
 *  problem and remembering which keys it knows, so the rest can be kept as unknown keys. */
class Reader
{
public:
    Reader(const QJsonObject &object, QString path, QList<UiText> *errors)
        : m_object(object), m_path(std::move(path)), m_errors(errors)
    {}

    QString field(const QString &key) const { return m_path.isEmpty() ? key : m_path + u'.' + key; }
    void error(const QString &key, const UiText &problem) const
    {
        m_errors->append(UiText::labelled(field(key), problem));
    }

    bool has(const QString &key)
    {
        m_known.insert(key);
        return m_object.contains(key) && !m_object.value(key).isNull();
    }

    void string(const QString &key, QString *out)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        if (!v.isString())
            error(key, UiText(QT_TRANSLATE_NOOP("qcc", "expected a string")));
        else
            *out = v.toString();
    }

    void integer(const QString &key, int *out, int min, int max)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        const double d = v.toDouble();
        // std::trunc, not a cast to qint64: casting a double outside its range is undefined
        // (the config fuzzer found "interval_ms": 6e22).
        if (!v.isDouble() || !std::isfinite(d) || std::trunc(d) != d)
            error(key, UiText(QT_TRANSLATE_NOOP("qcc", "expected an integer")));
        else if (d < min || d > max)
            error(key, UiText(QT_TRANSLATE_NOOP("qcc", "must be between %1 and %2"),
                              {QString::number(min), QString::number(max)}));
        else
            *out = int(d);
    }

    void boolean(const QString &key, bool *out)
    {
        if (!has(key))
            return;
        const QJsonValue v = m_object.value(key);
        if (!v.isBool())
            error(key, UiText(QT_TRANSLATE_NOOP("qcc", "expected true or false")));
        else
            *out = v.toBool();
    }

    QJsonObject object(const QString &key)
    {
        if (!has(key))
            return {};
        const QJsonValue v = m_object.value(key);
        if (!v.isObject())
            error(key, UiText(kExpectedObject));
        return v.toObject();
    }

    QJsonArray array(const QString &key)
    {
        if (!has(key))
            return {};
        const QJsonValue v = m_object.value(key);
        if (!v.isArray())
            error(key, UiText(QT_TRANSLATE_NOOP("qcc", "expected an array")));
        return v.toArray();
    }

    QJsonObject unknown() const
    {
        QJsonObject rest;
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!m_known.contains(it.key()))
                rest.insert(it.key(), it.value());
        }
        return rest;
    }

private:
    QJsonObject m_object;
    QString m_path;
    QList<UiText> *m_errors;
    QSet<QString> m_known;
};

/*! "model_map": {"asked-for": "sent-as", ...}: both names non-empty, at most kMaxModelMap
 *  entries of at most kMaxModelName characters (the map is held with every request's endpoint). */
void readModelMap(Reader &r, QMap<QString, QString> *out)
{
    const QString key = QStringLiteral("model_map");
    const QJsonObject map = r.object(key);
    if (map.size() > kMaxModelMap) {
        r.error(key, UiText(QT_TRANSLATE_NOOP("qcc", "more than %1 models"),
                            {QString::number(kMaxModelMap)}));
        return;
    }
    for (auto it = map.begin(); it != map.end(); ++it) {
        const QString field = key + u'.' + it.key();
        if (it.key().trimmed().isEmpty() || it.key().size() > kMaxModelName)
            r.error(key, UiText(QT_TRANSLATE_NOOP(
                                    "qcc", "a model name must have 1 to %1 characters: \"%2\""),
                                {QString::number(kMaxModelName), it.key()}));
        else if (!it.value().isString())
            r.error(field, UiText(QT_TRANSLATE_NOOP("qcc", "expected a string")));
        else if (it.value().toString().trimmed().isEmpty() ||
                 it.value().toString().size() > kMaxModelName)
            r.error(field, UiText(QT_TRANSLATE_NOOP("qcc", "must have 1 to %1 characters"),
                                  {QString::number(kMaxModelName)}));
        else
            out->insert(it.key(), it.value().toString());
    }
}

/*! One scalar field of a config section, described once: its key, its member and (for an
 *  integer) its range. The reader and the writer of the section both walk the same table. */
template <typename S> struct Field
{
    const char *key;
    int S::*integer = nullptr;
    int min = 0, max = 0;
    bool S::*flag = nullptr;
    QString S::*text = nullptr;
};
template <typename S> constexpr Field<S> intField(const char *key, int S::*m, int min, int max)
{
    return {key, m, min, max, nullptr, nullptr};
}
template <typename S> constexpr Field<S> boolField(const char *key, bool S::*m)
{
    return {key, nullptr, 0, 0, m, nullptr};
}
template <typename S> constexpr Field<S> textField(const char *key, QString S::*m)
{
    return {key, nullptr, 0, 0, nullptr, m};
}

const Field<FailoverConfig> kFailoverFields[] = {
    intField("max_attempts", &FailoverConfig::maxAttempts, 1, 20),
    intField("isolate_after", &FailoverConfig::isolateAfter, 1, 1000),
    intField("connect_timeout_ms", &FailoverConfig::connectTimeoutMs, 1, 600000),
    intField("first_byte_timeout_ms", &FailoverConfig::firstByteTimeoutMs, 1, 3600000),
    intField("idle_timeout_ms", &FailoverConfig::idleTimeoutMs, 1, 3600000),
    boolField("session_affinity", &FailoverConfig::sessionAffinity),
};
const Field<VerifyConfig> kVerifyFields[] = {
    intField("interval_ms", &VerifyConfig::intervalMs, 10, 86400000),
    intField("timeout_ms", &VerifyConfig::timeoutMs, 1, 600000),
    textField("method", &VerifyConfig::method),
    textField("model", &VerifyConfig::model),
};
const Field<LimitsConfig> kLimitsFields[] = {
    intField("max_connections", &LimitsConfig::maxConnections, 1, 1000000),
    intField("max_upstream_requests", &LimitsConfig::maxUpstreamRequests, 1, 1000000),
    intField("request_body_timeout_ms", &LimitsConfig::requestBodyTimeoutMs, 1, 3600000),
    intField("max_held_response_bytes", &LimitsConfig::maxHeldResponseBytes, 65536,
             1024 * 1024 * 1024),
};

template <typename S, size_t N> void readFields(Reader &r, S *out, const Field<S> (&fields)[N])
{
    for (const Field<S> &f : fields) {
        const QString key = QLatin1String(f.key);
        if (f.integer)
            r.integer(key, &(out->*f.integer), f.min, f.max);
        else if (f.flag)
            r.boolean(key, &(out->*f.flag));
        else
            r.string(key, &(out->*f.text));
    }
}

template <typename S, size_t N>
QJsonObject writeFields(QJsonObject o, const S &in, const Field<S> (&fields)[N])
{
    for (const Field<S> &f : fields) {
        const QString key = QLatin1String(f.key);
        if (f.integer)
            o.insert(key, in.*f.integer);
        else if (f.flag)
            o.insert(key, in.*f.flag);
        else
            o.insert(key, in.*f.text);
    }
    return o;
}

/*! Reads the CA file named by \a key into \a pem: an absolute path to at most kMaxCaFile bytes
 *  holding at least one PEM certificate. */
void readCaFile(Reader &r, const QString &key, QString *path, QByteArray *pem)
{
    r.string(key, path);
    if (path->isEmpty())
        return;
    if (!QDir::isAbsolutePath(*path)) {
        r.error(key, UiText(QT_TRANSLATE_NOOP("qcc", "must be an absolute path")));
        return;
    }
    QFile file(*path);
    if (!file.open(QIODevice::ReadOnly)) {
        r.error(key, UiText(QT_TRANSLATE_NOOP("qcc", "cannot read %1: %2"),
                            {*path, file.errorString()}));
        return;
    }
    const QByteArray data = file.read(kMaxCaFile + 1);
    if (data.size() > kMaxCaFile)
        r.error(key, UiText(QT_TRANSLATE_NOOP("qcc", "%1 is larger than 1 MiB"), {*path}));
    else if (QSslCertificate::fromData(data, QSsl::Pem).isEmpty())
        r.error(key, UiText(QT_TRANSLATE_NOOP("qcc", "%1 holds no PEM certificate"), {*path}));
    else
        *pem += data + '\n';
}

EndpointConfig readEndpoint(const QJsonObject &object, const QString &path, QList<UiText> *errors,
                            const QProcessEnvironment &env, const QString &accessToken,
                            const QByteArray &globalPem)
{
    EndpointConfig ep;
    Reader r(object, path, errors);
    r.string(QStringLiteral("id"), &ep.id);
    r.string(QStringLiteral("name"), &ep.name);
    r.string(QStringLiteral("base_url"), &ep.baseUrl);
    r.string(QStringLiteral("api_key"), &ep.apiKey);
    r.string(QStringLiteral("api_key_env"), &ep.apiKeyEnv);
    QString auth = QStringLiteral("x-api-key"), tier = QStringLiteral("primary");
    r.string(QStringLiteral("auth"), &auth);
    r.string(QStringLiteral("tier"), &tier);
    r.integer(QStringLiteral("weight"), &ep.weight, 1, 10000);
    r.boolean(QStringLiteral("enabled"), &ep.enabled);
    r.string(QStringLiteral("proxy"), &ep.proxy);
    r.string(QStringLiteral("verify_model"), &ep.verifyModel);
    readModelMap(r, &ep.modelMap);
    ep.trustedPem = globalPem;
    readCaFile(r, QStringLiteral("ca_file"), &ep.caFile, &ep.trustedPem);
    r.boolean(QStringLiteral("key_in_keychain"), &ep.keyInKeychain);
    ep.unknown = r.unknown();
    if (ep.keyInKeychain && (!ep.apiKey.isEmpty() || !ep.apiKeyEnv.isEmpty()))
        r.error(QStringLiteral("key_in_keychain"),
                UiText(QT_TRANSLATE_NOOP("qcc", "true, but the key is also given here; keep one")));

    if (!object.contains(QStringLiteral("base_url")))
        r.error(QStringLiteral("base_url"), UiText(kMissing));
    else if (const UiText problem = baseUrlProblem(ep.baseUrl); !problem.isEmpty())
        r.error(QStringLiteral("base_url"), problem);

    if (auth == QLatin1String("x-api-key"))
        ep.auth = AuthStyle::XApiKey;
    else if (auth == QLatin1String("bearer"))
        ep.auth = AuthStyle::Bearer;
    else if (auth == QLatin1String("both"))
        ep.auth = AuthStyle::Both;
    else
        r.error(QStringLiteral("auth"),
                UiText(QT_TRANSLATE_NOOP("qcc", "must be x-api-key, bearer or both")));

    if (tier == QLatin1String("primary"))
        ep.tier = Tier::Primary;
    else if (tier == QLatin1String("secondary"))
        ep.tier = Tier::Secondary;
    else
        r.error(QStringLiteral("tier"),
                UiText(QT_TRANSLATE_NOOP("qcc", "must be primary or secondary")));

    if (const UiText problem = proxyProblem(ep.proxy); !problem.isEmpty())
        r.error(QStringLiteral("proxy"), problem);

    if (!ep.apiKey.isEmpty() && !ep.apiKeyEnv.isEmpty())
        r.error(QStringLiteral("api_key_env"),
                UiText(QT_TRANSLATE_NOOP("qcc", "set together with api_key; use one")));
    // A key that cannot be had is not a broken file: the endpoint is kept, marked no_key, and
    // the others serve (a login session often lacks the shell's variables).
    if (!ep.apiKey.isEmpty()) {
        ep.key = ep.apiKey;
    } else if (!ep.apiKeyEnv.isEmpty()) {
        if (!env.contains(ep.apiKeyEnv) || env.value(ep.apiKeyEnv).isEmpty())
            ep.keyProblem = UiText(QT_TRANSLATE_NOOP("qcc", "environment variable %1 is not set"),
                                   {ep.apiKeyEnv});
        else
            ep.key = env.value(ep.apiKeyEnv);
    }
    const QString keyField =
        ep.apiKey.isEmpty() ? QStringLiteral("api_key_env") : QStringLiteral("api_key");
    if (const UiText problem = keyHeaderProblem(ep.key); !problem.isEmpty())
        r.error(keyField, problem);
    if (const UiText problem = tokenAsKeyProblem(ep.key, accessToken); !problem.isEmpty())
        r.error(keyField, problem);
    if (!ep.key.isEmpty())
        Redactor::addSecret(ep.key);

    ep.effectiveId = ep.id.isEmpty() ? deriveEndpointId(ep.baseUrl, ep.keySource()) : ep.id;
    if (ep.name.isEmpty())
        ep.name = QUrl(ep.baseUrl).host();
    return ep;
}

QJsonObject endpointToJson(const EndpointConfig &ep)
{
    QJsonObject o = ep.unknown;
    o.insert(QStringLiteral("id"), ep.id);
    o.insert(QStringLiteral("name"), ep.name);
    o.insert(QStringLiteral("base_url"), ep.baseUrl);
    o.insert(QStringLiteral("api_key"), ep.apiKey);
    o.insert(QStringLiteral("api_key_env"), ep.apiKeyEnv);
    o.insert(QStringLiteral("auth"), authName(ep.auth));
    o.insert(QStringLiteral("tier"), tierName(ep.tier));
    o.insert(QStringLiteral("weight"), ep.weight);
    o.insert(QStringLiteral("enabled"), ep.enabled);
    o.insert(QStringLiteral("proxy"), ep.proxy);
    if (ep.verifyModel.isEmpty()) // the default is not written: a file stays as short as it was
        o.remove(QStringLiteral("verify_model"));
    else
        o.insert(QStringLiteral("verify_model"), ep.verifyModel);
    if (ep.modelMap.isEmpty()) {
        o.remove(QStringLiteral("model_map"));
    } else {
        QJsonObject map;
        for (auto it = ep.modelMap.begin(); it != ep.modelMap.end(); ++it)
            map.insert(it.key(), it.value());
        o.insert(QStringLiteral("model_map"), map);
    }
    if (ep.caFile.isEmpty())
        o.remove(QStringLiteral("ca_file"));
    else
        o.insert(QStringLiteral("ca_file"), ep.caFile);
    if (ep.keyInKeychain)
        o.insert(QStringLiteral("key_in_keychain"), true);
    else
        o.remove(QStringLiteral("key_in_keychain"));
    return o;
}

} // namespace

QString EndpointConfig::keySource() const
{
    if (!apiKey.isEmpty())
        return apiKey;
    if (!apiKeyEnv.isEmpty())
        return QStringLiteral("env:") + apiKeyEnv;
    return QString();
}

UiText baseUrlProblem(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return UiText(QT_TRANSLATE_NOOP("qcc", "not an http(s) URL"));
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return UiText(
            QT_TRANSLATE_NOOP("qcc", "must not contain a query, a fragment or a user name"));
    return {};
}

UiText proxyProblem(const QString &text)
{
    if (text == QLatin1String("none") || text == QLatin1String("system"))
        return {};
    const QUrl url(text, QUrl::StrictMode);
    if (url.isValid() &&
        (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("socks5")) &&
        !url.host().isEmpty() && url.port() > 0 && (url.path().isEmpty() || url.path() == u"/"))
        return {};
    return UiText(
        QT_TRANSLATE_NOOP("qcc", "must be none, system, http://host:port or socks5://host:port"));
}

QString EndpointConfig::checkModel(const QString &model) const
{
    return verifyModel.isEmpty() ? modelMap.value(model, model) : verifyModel;
}

UiText EndpointConfig::whyNoKey() const
{
    if (!keyProblem.isEmpty() || !keyInKeychain)
        return keyProblem;
    return UiText(QT_TRANSLATE_NOOP("qcc", "it is in the keychain, which only qcc-tray reads"));
}

QString tierName(Tier tier)
{
    return tier == Tier::Primary ? QStringLiteral("primary") : QStringLiteral("secondary");
}

QString authName(AuthStyle auth)
{
    switch (auth) {
    case AuthStyle::XApiKey:
        return QStringLiteral("x-api-key");
    case AuthStyle::Bearer:
        return QStringLiteral("bearer");
    case AuthStyle::Both:
        return QStringLiteral("both");
    }
    return {};
}

QString normalizeBaseUrl(const QString &text)
{
    QUrl url(text.trimmed());
    url.setScheme(url.scheme().toLower());
    url.setHost(url.host().toLower());
    if ((url.scheme() == QLatin1String("https") && url.port() == 443) ||
        (url.scheme() == QLatin1String("http") && url.port() == 80))
        url.setPort(-1);
    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path);
    return url.toString(QUrl::FullyEncoded);
}

QString deriveEndpointId(const QString &baseUrl, const QString &keySource)
{
    const QByteArray material = normalizeBaseUrl(baseUrl).toUtf8() + '\n' + keySource.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(material, QCryptographicHash::Sha256);
    return QStringLiteral("ep-") + QString::fromLatin1(digest.toHex().left(12));
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

UiText needsAccessToken(const QString &listenHost)
{
    return UiText::labelled(
        QStringLiteral("listen.host"),
        UiText(QT_TRANSLATE_NOOP("qcc", "%1 is not a loopback address; listening "
                                        "there requires an access_token"),
               {listenHost}));
}

const ClusterConfig *Config::cluster(const QString &name) const
{
    for (const ClusterConfig &c : clusters) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

QList<EndpointConfig> Config::activeEndpoints() const
{
    const ClusterConfig *c = active();
    return c ? c->endpoints : QList<EndpointConfig>();
}

ConfigResult parseConfig(const QByteArray &json, const QProcessEnvironment &env)
{
    ConfigResult result;
    QList<UiText> &errors = result.errors;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Report a line number: people edit this file by hand.
        const int offset = parseError.offset;
        const int line = int(json.left(offset).count('\n')) + 1;
        errors.append(UiText(QT_TRANSLATE_NOOP("qcc", "(file): invalid JSON at line %1: %2"),
                             {QString::number(line), parseError.errorString()}));
        return result;
    }
    if (!doc.isObject()) {
        errors.append(UiText(QT_TRANSLATE_NOOP("qcc", "(file): expected a JSON object")));
        return result;
    }

    Config config;
    Reader root(doc.object(), QString(), &errors);
    int version = 0;
    root.integer(QStringLiteral("version"), &version, 0, 1000000);
    if (version != 1 && errors.isEmpty())
        root.error(QStringLiteral("version"), UiText(QT_TRANSLATE_NOOP("qcc", "must be 1")));

    {
        const QJsonObject listen = root.object(QStringLiteral("listen"));
        Reader r(listen, QStringLiteral("listen"), &errors);
        r.string(QStringLiteral("host"), &config.listenHost);
        r.integer(QStringLiteral("port"), &config.listenPort, 0, 65535);
        if (!isLoopbackHost(config.listenHost) && QHostAddress(config.listenHost).isNull())
            r.error(QStringLiteral("host"),
                    UiText(QT_TRANSLATE_NOOP("qcc", "not an IP address or localhost")));
        config.listenUnknown = r.unknown();
    }
    root.string(QStringLiteral("access_token"), &config.accessToken);
    root.string(QStringLiteral("active_cluster"), &config.activeCluster);
    if (!config.accessToken.isEmpty())
        Redactor::addSecret(config.accessToken);

    QByteArray globalPem;
    {
        Reader r(root.object(QStringLiteral("tls")), QStringLiteral("tls"), &errors);
        readCaFile(r, QStringLiteral("ca_file"), &config.tls.caFile, &globalPem);
        config.tls.unknown = r.unknown();
    }

    const QJsonArray clusters = root.array(QStringLiteral("clusters"));
    QSet<QString> clusterNames;
    for (int i = 0; i < clusters.size(); ++i) {
        const QString path = QStringLiteral("clusters[%1]").arg(i);
        if (!clusters[i].isObject()) {
            errors.append(UiText::labelled(path, UiText(kExpectedObject)));
            continue;
        }
        ClusterConfig cluster;
        Reader r(clusters[i].toObject(), path, &errors);
        r.string(QStringLiteral("name"), &cluster.name);
        if (cluster.name.isEmpty())
            r.error(QStringLiteral("name"), UiText(kMissing));
        else if (clusterNames.contains(cluster.name))
            r.error(QStringLiteral("name"),
                    UiText(QT_TRANSLATE_NOOP("qcc", "duplicate cluster name %1"), {cluster.name}));
        clusterNames.insert(cluster.name);
        const QJsonArray endpoints = r.array(QStringLiteral("endpoints"));
        QHash<QString, int> ids;
        for (int j = 0; j < endpoints.size(); ++j) {
            const QString epPath = path + QStringLiteral(".endpoints[%1]").arg(j);
            if (!endpoints[j].isObject()) {
                errors.append(UiText::labelled(epPath, UiText(kExpectedObject)));
                continue;
            }
            EndpointConfig ep = readEndpoint(endpoints[j].toObject(), epPath, &errors, env,
                                             config.accessToken, globalPem);
            if (ids.contains(ep.effectiveId)) {
                errors.append(UiText::labelled(
                    epPath + QStringLiteral(".id"),
                    UiText(QT_TRANSLATE_NOOP("qcc", "duplicate id %1 (same as %2.endpoints[%3])"),
                           {ep.effectiveId, path, QString::number(ids.value(ep.effectiveId))})));
            }
            ids.insert(ep.effectiveId, j);
            cluster.endpoints.append(ep);
        }
        cluster.unknown = r.unknown();
        config.clusters.append(cluster);
    }
    if (root.has(QStringLiteral("clusters")) && !config.cluster(config.activeCluster))
        root.error(
            QStringLiteral("active_cluster"),
            UiText(QT_TRANSLATE_NOOP("qcc", "no cluster named \"%1\""), {config.activeCluster}));
    else if (!root.has(QStringLiteral("clusters")))
        root.error(QStringLiteral("clusters"), UiText(kMissing));

    {
        Reader r(root.object(QStringLiteral("failover")), QStringLiteral("failover"), &errors);
        readFields(r, &config.failover, kFailoverFields);
        config.failover.unknown = r.unknown();
    }
    {
        Reader r(root.object(QStringLiteral("verify")), QStringLiteral("verify"), &errors);
        VerifyConfig &v = config.verify;
        readFields(r, &v, kVerifyFields);
        if (v.method != QLatin1String("messages") && v.method != QLatin1String("models"))
            r.error(QStringLiteral("method"),
                    UiText(QT_TRANSLATE_NOOP("qcc", "must be messages or models")));
        if (v.model.isEmpty())
            r.error(QStringLiteral("model"), UiText(QT_TRANSLATE_NOOP("qcc", "must not be empty")));
        v.unknown = r.unknown();
    }

    {
        Reader r(root.object(QStringLiteral("limits")), QStringLiteral("limits"), &errors);
        readFields(r, &config.limits, kLimitsFields);
        config.limits.unknown = r.unknown();
    }

    if (!isLoopbackHost(config.listenHost) && config.accessToken.isEmpty())
        errors.append(needsAccessToken(config.listenHost));

    config.unknown = root.unknown();
    if (errors.isEmpty())
        result.config = config;
    return result;
}

ConfigResult loadConfig(const QString &path, const QProcessEnvironment &env)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigResult result;
        result.errors.append(UiText::labelled(path, file.errorString()));
        return result;
    }
    return parseConfig(file.readAll(), env);
}

QJsonObject Config::toJson() const
{
    QJsonObject root = unknown;
    root.insert(QStringLiteral("version"), 1);
    QJsonObject listen = listenUnknown;
    listen.insert(QStringLiteral("host"), listenHost);
    listen.insert(QStringLiteral("port"), listenPort);
    root.insert(QStringLiteral("listen"), listen);
    root.insert(QStringLiteral("access_token"), accessToken);
    root.insert(QStringLiteral("active_cluster"), activeCluster);
    QJsonArray clusterArray;
    for (const ClusterConfig &c : clusters) {
        QJsonObject co = c.unknown;
        co.insert(QStringLiteral("name"), c.name);
        QJsonArray eps;
        for (const EndpointConfig &ep : c.endpoints)
            eps.append(endpointToJson(ep));
        co.insert(QStringLiteral("endpoints"), eps);
        clusterArray.append(co);
    }
    root.insert(QStringLiteral("clusters"), clusterArray);
    root.insert(QStringLiteral("failover"),
                writeFields(failover.unknown, failover, kFailoverFields));
    root.insert(QStringLiteral("verify"), writeFields(verify.unknown, verify, kVerifyFields));
    root.insert(QStringLiteral("limits"), writeFields(limits.unknown, limits, kLimitsFields));
    QJsonObject t = tls.unknown;
    if (!tls.caFile.isEmpty())
        t.insert(QStringLiteral("ca_file"), tls.caFile);
    if (t.isEmpty()) // not written until used: a file stays as short as it was
        root.remove(QStringLiteral("tls"));
    else
        root.insert(QStringLiteral("tls"), t);
    return root;
}

QByteArray Config::toBytes() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

UiText tokenAsKeyProblem(const QString &key, const QString &accessToken)
{
    if (key.isEmpty() || key != accessToken)
        return UiText();
    return UiText(QT_TRANSLATE_NOOP(
        "qcc", "is QCC's own access token (access_token), which Claude Code sends to QCC; "
               "an endpoint needs its own API key (is ANTHROPIC_API_KEY set to QCC's token?)"));
}

QList<UiText> keyWarnings(const Config &config, int *activeWithKey, int *activeEnabled)
{
    QList<UiText> warnings;
    *activeWithKey = *activeEnabled = 0;
    for (int i = 0; i < config.clusters.size(); ++i) {
        const ClusterConfig &c = config.clusters[i];
        const bool active = c.name == config.activeCluster;
        for (int j = 0; j < c.endpoints.size(); ++j) {
            const EndpointConfig &ep = c.endpoints[j];
            if (active && ep.enabled) {
                ++*activeEnabled;
                *activeWithKey += ep.keyProblem.isEmpty();
            }
            if (ep.keyProblem.isEmpty())
                continue;
            warnings.append(UiText::labelled(
                QStringLiteral("clusters[%1].endpoints[%2] (%3)").arg(i).arg(j).arg(ep.name),
                UiText(QT_TRANSLATE_NOOP("qcc", "no key: %1"), {ep.keyProblem})));
        }
    }
    return warnings;
}

UiText keyHeaderProblem(const QString &key)
{
    if (key.contains(u'\n') || key.contains(u'\r'))
        return UiText(QT_TRANSLATE_NOOP("qcc", "key contains a line break"));
    return UiText();
}

bool saveConfig(const Config &config, const QString &path, QString *error)
{
    return writeFileAtomically(path, config.toBytes(), error);
}

Config defaultConfig(const QProcessEnvironment &env)
{
    Config config;
    ClusterConfig cluster;
    cluster.name = QStringLiteral("default");
    EndpointConfig official;
    official.name = QStringLiteral("official");
    official.baseUrl = QStringLiteral("https://api.anthropic.com");
    // The value, not the variable: once Claude Code points at QCC, ANTHROPIC_API_KEY holds
    // QCC's access token (a "qcc-" one from an earlier install is not an API key either).
    const QString found = env.value(QStringLiteral("ANTHROPIC_API_KEY")).trimmed();
    if (!found.isEmpty() && !found.startsWith(QLatin1String("qcc-")) &&
        keyHeaderProblem(found).isEmpty())
        official.apiKey = official.key = found;
    official.effectiveId = deriveEndpointId(official.baseUrl, official.keySource());
    cluster.endpoints.append(official);
    config.clusters.append(cluster);
    // A local access token keeps other local users and web pages from spending the user's keys.
    std::random_device rd;
    QByteArray token;
    for (int i = 0; i < 24; ++i)
        token.append(char(rd() & 0xff));
    config.accessToken = QStringLiteral("qcc-") + QString::fromLatin1(token.toHex());
    return config;
}

} // namespace qcc
