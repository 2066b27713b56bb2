#include "engine.h"

#include "net/netbackend.h"
#include "platform/atomicfile.h"
#include "platform/logging.h"
#include "platform/os.h"
#include "platform/uitext.h"
#include "proxy/clientconnection.h"
#include "proxy/proxyserver.h"
#include "upstream/upstreampool.h"
#include "verify/verifier.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace qcc {

Engine::Engine(const Clock *clock, std::unique_ptr<NetBackend> net, QObject *parent)
    : QObject(parent), m_clock(clock), m_registry(clock),
      m_net(net ? std::move(net) : NetBackend::create()), m_pool(new UpstreamPool(m_net.get())),
      m_verifier(new Verifier(&m_registry, m_pool.get(), clock)),
      m_server(new ProxyServer(m_net.get(), this))
{
    m_context.balancer = &m_registry;
    m_context.pool = m_pool.get();
    m_context.failover = &m_config.failover;
    m_context.limits = &m_config.limits;
    m_context.counters = &m_counters;
    m_uptime.start();
    m_snapshotTick.setInterval(1000);
    connect(&m_snapshotTick, &QTimer::timeout, this, [this] { Q_EMIT snapshotReady(snapshot()); });
    connect(&m_registry, &EndpointRegistry::changed, this, [this] {
        if (!m_snapshotTick.isActive() || m_snapshotPending)
            return;
        m_snapshotPending = true;
        QTimer::singleShot(100, this, [this] {
            m_snapshotPending = false;
            Q_EMIT snapshotReady(snapshot());
        });
    });
    connect(&m_registry, &EndpointRegistry::endpointIsolated, this,
            [this](const QString &id, const QString &reason) {
                const auto ep = m_registry.endpoint(id);
                Q_EMIT endpointIsolated(id, ep ? ep->name : id, reason);
            });
    connect(&m_registry, &EndpointRegistry::endpointRestored, this, [this](const QString &id) {
        const auto ep = m_registry.endpoint(id);
        Q_EMIT endpointRestored(id, ep ? ep->name : id);
    });
}

void Engine::setSnapshotsEnabled(bool enabled)
{
    if (enabled) {
        m_snapshotTick.start();
        Q_EMIT snapshotReady(snapshot());
    } else {
        m_snapshotTick.stop();
    }
}

EngineSnapshot Engine::snapshot() const
{
    EngineSnapshot s;
    s.valid = true;
    s.listening = isListening();
    s.listenAddress = listenAddress();
    s.activeCluster = m_config.activeCluster;
    for (const ClusterConfig &c : m_config.clusters)
        s.clusters.append(c.name);
    s.registry = m_registry.snapshot();
    s.counters = m_counters;
    s.verifyIntervalMs = m_config.verify.intervalMs;
    s.probeFailures = m_verifier->lastFailures();
    s.uptimeMs = m_uptime.elapsed();
    return s;
}

Engine::~Engine()
{
    m_server.reset(); // connections and their exchanges go first
}

void Engine::setConfig(const Config &config)
{
    const QString oldHost = m_config.listenHost;
    const int oldPort = m_config.listenPort;
    const bool rebind = m_server->isListening() && (config.listenHost != m_config.listenHost ||
                                                    config.listenPort != m_config.listenPort);
    m_config = config;
    QSet<QString> elsewhere;
    for (const ClusterConfig &c : m_config.clusters) {
        if (c.name != m_config.activeCluster) {
            for (const EndpointConfig &ep : c.endpoints)
                elsewhere.insert(ep.effectiveId);
        }
    }
    m_registry.setEndpoints(m_config.activeEndpoints(), m_config.failover, elsewhere);
    for (const EndpointConfig &ep : m_config.activeEndpoints()) {
        if (ep.enabled && ep.lacksKey())
            qCWarning(lcEngine).noquote()
                << QStringLiteral("endpoint %1 (%2) is not usable: no key (%3)")
                       .arg(ep.name, ep.effectiveId, ep.whyNoKey().english());
    }
    m_verifier->configure(m_config.verify, m_config.failover);
    ServerSettings &server = m_server->settings();
    server.accessToken = m_config.accessToken.toUtf8();
    server.maxConnections = m_config.limits.maxConnections;
    server.bodyTimeoutMs = m_config.limits.requestBodyTimeoutMs;
    if (rebind) {
        // A new listen address applies at once: the old socket closes, the new one opens.
        stopListening();
        UiText error;
        if (!startListening(&error)) {
            // Never left without a socket: back to the address that worked.
            m_config.listenHost = oldHost;
            m_config.listenPort = oldPort;
            UiText again;
            const bool restored = startListening(&again);
            const UiText message(
                restored ? QT_TRANSLATE_NOOP("qcc", "%1; still listening on %2")
                         : QT_TRANSLATE_NOOP("qcc", "%1; and the previous address failed too: %2"),
                {error, restored ? UiText(listenAddress()) : again});
            qCWarning(lcEngine).noquote() << message.english();
            Q_EMIT listenFailed(message);
        }
    }
    if (m_snapshotTick.isActive())
        Q_EMIT snapshotReady(snapshot());
}

QString Engine::setStateDir(const QString &dir)
{
    makePrivateDirectory(dir);
    m_registry.setPickPath(QDir(dir).filePath(QStringLiteral("pick.json")));
    return m_registry.setStatePath(QDir(dir).filePath(QStringLiteral("failure_queue.json")));
}

bool Engine::startListening(UiText *error)
{
    if (m_server->isListening())
        return true;
    // Every connection is a descriptor: the usual soft limit of 1024 would cap QCC far below
    // its connection limit.
    static const bool raised = (os::raiseDescriptorLimit(), true);
    Q_UNUSED(raised);
    if (!m_server->listen(m_config.listenHost, quint16(m_config.listenPort), error))
        return false;
    m_verifier->start();
    qCInfo(lcEngine).noquote() << "listening on" << listenAddress();
    Q_EMIT listeningChanged(true);
    return true;
}

void Engine::stopListening()
{
    if (!m_server->isListening())
        return;
    m_server->close();
    m_server->drainAll();
    Q_EMIT listeningChanged(false);
}

ServerSettings &Engine::serverSettings()
{
    return m_server->settings();
}

bool Engine::isListening() const
{
    return m_server->isListening();
}

quint16 Engine::port() const
{
    return m_server->port();
}

QString Engine::listenAddress() const
{
    const QString host = m_server->isListening() ? m_server->host() : m_config.listenHost;
    const quint16 port = m_server->isListening() ? m_server->port() : quint16(m_config.listenPort);
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(port);
}

void Engine::shutdown(int graceMs, std::function<void()> done)
{
    m_shuttingDown = true;
    stopListening();
    m_verifier->stop();
    auto *poll = new QTimer(this);
    auto deadline = std::make_shared<QElapsedTimer>();
    deadline->start();
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline, graceMs, done] {
        if (m_counters.inFlight > 0 && deadline->elapsed() < graceMs)
            return;
        poll->stop();
        poll->deleteLater();
        if (m_counters.inFlight > 0)
            qCWarning(lcEngine) << m_counters.inFlight
                                << "request(s) still running at shutdown; closing them";
        m_server.reset(new ProxyServer(m_net.get(), this));
        m_pool->clear();
        done();
    });
    poll->start();
}

void Engine::handle(ClientConnection *client, HttpRequest request)
{
    if (request.path.startsWith("/__qcc__/") || request.path == "/__qcc__") {
        serveLocalApi(client, request);
        return;
    }
    if (m_shuttingDown) {
        client->sendError(503, QStringLiteral("QCC is shutting down"),
                          {{"x-should-retry", "true"}});
        return;
    }
    if (m_counters.inFlight >= m_config.limits.maxUpstreamRequests) {
        client->sendError(503,
                          QStringLiteral("QCC has reached its limit of %1 requests in flight")
                              .arg(m_config.limits.maxUpstreamRequests),
                          {{"retry-after", "1"}, {"x-should-retry", "true"}});
        return;
    }
    auto exchange = std::make_unique<Exchange>(m_context, client, std::move(request));
    Exchange *started = exchange.get();
    client->setResponder(std::move(exchange));
    started->start();
}

void Engine::serveLocalApi(ClientConnection *client, const HttpRequest &request)
{
    const HeaderList json = {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}};
    if (request.path == "/__qcc__/stats" && (request.method == "GET" || request.method == "HEAD")) {
        client->sendResponse(200, json, QJsonDocument(stats()).toJson(QJsonDocument::Compact));
    } else if (request.path == "/__qcc__/health" &&
               (request.method == "GET" || request.method == "HEAD")) {
        const int usable = m_registry.usableCount();
        QJsonObject o{{QStringLiteral("status"),
                       usable > 0 ? QStringLiteral("ok") : QStringLiteral("unavailable")},
                      {QStringLiteral("usable_endpoints"), usable}};
        client->sendResponse(usable > 0 ? 200 : 503, json,
                             QJsonDocument(o).toJson(QJsonDocument::Compact));
    } else if (request.path == "/__qcc__/verify" && request.method == "POST") {
        const int queued = m_registry.queue().size();
        m_verifier->verifyNow();
        QJsonObject o{{QStringLiteral("status"), QStringLiteral("started")},
                      {QStringLiteral("queued"), queued}};
        client->sendResponse(202, json, QJsonDocument(o).toJson(QJsonDocument::Compact));
    } else if (request.path == "/__qcc__/pick" && request.method == "POST") {
        servePick(client, request);
    } else if (request.path == "/__qcc__/stats" || request.path == "/__qcc__/health" ||
               request.path == "/__qcc__/verify" || request.path == "/__qcc__/pick") {
        const bool post = request.path == "/__qcc__/verify" || request.path == "/__qcc__/pick";
        client->sendError(405,
                          QStringLiteral("method %1 is not allowed on %2")
                              .arg(wireText(request.method, 20), wireText(request.path)),
                          {{"Allow", post ? "POST" : "GET, HEAD"}});
    } else {
        client->sendError(404,
                          QStringLiteral("no such QCC endpoint: %1").arg(wireText(request.path)));
    }
}

void Engine::servePick(ClientConnection *client, const HttpRequest &request)
{
    // {"endpoint": "ID or name"} picks one endpoint of the active cluster; null: automatic.
    QJsonParseError parseError;
    const QJsonDocument doc =
        request.spool ? QJsonDocument() : QJsonDocument::fromJson(request.body, &parseError);
    const QJsonValue wanted = doc.object().value(QStringLiteral("endpoint"));
    if (!doc.isObject() || !(wanted.isString() || wanted.isNull())) {
        client->sendError(400, QStringLiteral("expected {\"endpoint\": \"ID or name\"} or "
                                              "{\"endpoint\": null} (automatic)"));
        return;
    }
    QString id;
    if (wanted.isString()) {
        const QString text = wanted.toString();
        QStringList byName;
        for (const EndpointConfig &ep : m_config.activeEndpoints()) {
            if (ep.effectiveId == text)
                id = text;
            else if (ep.name == text)
                byName.append(ep.effectiveId);
        }
        if (id.isEmpty() && byName.size() == 1)
            id = byName.first();
        if (id.isEmpty()) {
            client->sendError(
                400, byName.isEmpty()
                         ? QStringLiteral("the active cluster has no endpoint with id or name %1")
                               .arg(wireText(text.toUtf8()))
                         : QStringLiteral("%1 endpoints are named %2; pick one by id")
                               .arg(byName.size())
                               .arg(wireText(text.toUtf8())));
            return;
        }
    }
    m_registry.setPicked(id);
    const RegistrySnapshot snap = m_registry.snapshot();
    const QJsonObject o{{QStringLiteral("picked"), pickJson(snap).picked},
                        {QStringLiteral("pick_ignored"), pickJson(snap).ignored}};
    client->sendResponse(200, {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}},
                         QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QJsonObject Engine::stats() const
{
    return statsJson(snapshot()); // what the UI is sent, in the local API's words
}

} // namespace qcc
