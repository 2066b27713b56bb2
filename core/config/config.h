#pragma once

#include "platform/uitext.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace qcc {

enum class Tier { Primary, Secondary };
enum class AuthStyle { XApiKey, Bearer, Both };

struct EndpointConfig
{
    QString id; //!< as written in the file; may be empty
    QString name;
    QString baseUrl;
    QString apiKey;
    QString apiKeyEnv;
    AuthStyle auth = AuthStyle::XApiKey;
    Tier tier = Tier::Primary;
    int weight = 100;
    bool enabled = true;
    QString proxy = QStringLiteral("none");
    QString verifyModel; //!< the model its re-checks ask for; empty: verify.model
    /*! Model names this endpoint calls otherwise: a request whose top-level "model" is a key
     *  goes to this endpoint with the value instead. Empty: bodies go byte for byte. */
    QMap<QString, QString> modelMap;
    QString caFile; //!< CA certificates (PEM) trusted for this endpoint besides the system's
    bool keyInKeychain = false; //!< the key is in the OS keychain (qcc-tray), not in this file
    QJsonObject unknown;        //!< keys this version does not know; written back unchanged

    // Derived when the config is loaded (never written to the file).
    QString effectiveId; //!< id, or the stable id derived from base URL and key source
    QString key;         //!< resolved key (api_key, or the api_key_env variable's value)
    /*! Why the key the file names cannot be had (the variable is unset, the keychain did not
     *  give it): such an endpoint stays in the config with status no_key and serves nothing.
     *  Empty when there is a key, and for a keychain key not read yet (see whyNoKey()). */
    UiText keyProblem;
    //! The PEM certificates of tls.ca_file and ca_file, read when the config is loaded: trusted
    //! for this endpoint's TLS besides the system store. Empty: the system store only.
    QByteArray trustedPem;

    //! Identity of the key for id derivation: the key itself, or "env:NAME".
    QString keySource() const;
    /*! The file names a key (a variable, the keychain) that could not be had: status no_key.
     *  An endpoint that names none sends no credential, as a keyless local relay wants. */
    bool lacksKey() const { return key.isEmpty() && (!apiKeyEnv.isEmpty() || keyInKeychain); }
    //! Why it lacks its key: keyProblem, or that a keychain key was not read (qccd reads none).
    UiText whyNoKey() const;
    //! What its re-checks ask for: verify_model, else the global \a model as the map names it.
    QString checkModel(const QString &model) const;
};

struct ClusterConfig
{
    QString name;
    QList<EndpointConfig> endpoints;
    QJsonObject unknown;
};

struct FailoverConfig
{
    int maxAttempts = 3;
    int isolateAfter = 3;
    int connectTimeoutMs = 10000;
    int firstByteTimeoutMs = 120000;
    int idleTimeoutMs = 300000;
    bool sessionAffinity = true;
    QJsonObject unknown;
};

//! Resource limits of the client side (docs/API.md: requests the proxy refuses).
struct LimitsConfig
{
    int maxConnections = 16384;       //!< client connections at once; more get 503 and close
    int maxUpstreamRequests = 4096;   //!< client requests in flight upstream; more get 503
    int requestBodyTimeoutMs = 60000; //!< a request body must be complete this long after its head
    //! Bytes of an upstream answer held before its commit point, and of one SSE event after it
    int maxHeldResponseBytes = 16 * 1024 * 1024;
    QJsonObject unknown;
};

struct VerifyConfig
{
    int intervalMs = 60000;
    int timeoutMs = 30000;
    QString method = QStringLiteral("messages");
    QString model = QStringLiteral("claude-haiku-4-5");
    QJsonObject unknown;
};

//! TLS of the upstream side.
struct TlsConfig
{
    QString caFile; //!< CA certificates (PEM) trusted for every endpoint besides the system's
    QJsonObject unknown;
};

struct Config
{
    QString listenHost = QStringLiteral("127.0.0.1");
    int listenPort = 7860;
    QJsonObject listenUnknown;
    QString accessToken;
    QString activeCluster = QStringLiteral("default");
    QList<ClusterConfig> clusters;
    FailoverConfig failover;
    VerifyConfig verify;
    LimitsConfig limits;
    TlsConfig tls;
    QJsonObject unknown;

    const ClusterConfig *cluster(const QString &name) const;
    const ClusterConfig *active() const { return cluster(activeCluster); }
    //! The active cluster's endpoints, or an empty list.
    QList<EndpointConfig> activeEndpoints() const;

    QJsonObject toJson() const;
    QByteArray toBytes() const;
};

struct ConfigResult
{
    std::optional<Config> config;
    QList<UiText> errors; //!< "field.path: problem", one per problem
};

//! Normalizes a base URL: lower-case scheme and host, no default port, no trailing slash.
QString normalizeBaseUrl(const QString &url);
//! The stable id of an endpoint with no explicit id ("ep-" + 12 hex digits).
QString deriveEndpointId(const QString &baseUrl, const QString &keySource);

/*! What makes \a key unusable in a request header (a line break would end the header and start
 *  one the upstream did not get from us); empty when it is fine. Wherever a key comes from: the
 *  file, the environment, the keychain. */
UiText keyHeaderProblem(const QString &key);
//! The problem of an endpoint key that is QCC's own access token; empty when it is not.
UiText tokenAsKeyProblem(const QString &key, const QString &accessToken);
bool isLoopbackHost(const QString &host);
//! Why \a text is not a base URL (http or https, with a host; no query, fragment or user name),
//! or an empty text. The one check of the config, the editor and the import.
UiText baseUrlProblem(const QString &text);
//! Why \a text is not an upstream proxy (none, system, http://host:port, socks5://host:port),
//! or an empty text.
UiText proxyProblem(const QString &text);

//! The problem of a listen address other than loopback without an access_token.
UiText needsAccessToken(const QString &listenHost);

ConfigResult parseConfig(const QByteArray &json,
                         const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
ConfigResult loadConfig(const QString &path,
                        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
//! Writes atomically (mode 0600); on failure the previous file is left intact.
bool saveConfig(const Config &config, const QString &path, QString *error);
/*! One line per endpoint (every cluster) whose key variable is unset: "path (name): no key:
 *  why". What --check-config prints as warnings; \a activeWithKey counts the active cluster's
 *  enabled endpoints that can serve (a keychain key counts: only qcc-tray can read it). */
QList<UiText> keyWarnings(const Config &config, int *activeWithKey, int *activeEnabled);
//! The configuration written on first run: the official API, with ANTHROPIC_API_KEY's value
//! (never the variable's name: Claude Code reads that variable for QCC's own token).
Config defaultConfig(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());

QString tierName(Tier tier);
QString authName(AuthStyle auth);

} // namespace qcc
