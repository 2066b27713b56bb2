#pragma once

#include "config/config.h"
#include "engine/enginesnapshot.h"
#include "health/endpointregistry.h"
#include "platform/clock.h"
#include "platform/uitext.h"
#include "proxy/clientconnection.h"
#include "proxy/exchange.h"
#include "proxy/proxyserver.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace qcc {

class ClientConnection;
class NetBackend;
class UpstreamPool;
class Verifier;

/*! The proxy engine: config, endpoint registry, verifier, upstream pool and the server, all on
 *  one thread (the engine thread). The one face app/ and the UI see. */
class Engine final : public QObject, private ProxyServer::RequestHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    //! \a net: the sockets of the data path (NetBackend::create() with no dispatcher when null).
    explicit Engine(const Clock *clock, std::unique_ptr<NetBackend> net = {},
                    QObject *parent = nullptr);
    ~Engine() override;

    //! Applies a validated config to the running engine (endpoints, failover, verify, token).
    void setConfig(const Config &config);
    const Config &config() const { return m_config; }
    //! Loads and keeps the failure queue in DIR/failure_queue.json. Returns a warning or "".
    QString setStateDir(const QString &dir);

    //! Binds config().listenHost:listenPort. False with a message naming the port otherwise.
    bool startListening(UiText *error);
    void stopListening();
    bool isListening() const;
    quint16 port() const;
    QString listenAddress() const; //!< "127.0.0.1:7860"

    /*! Graceful stop: no new connections or requests; in-flight requests finish, bounded by
     *  \a graceMs; then \a done runs. */
    void shutdown(int graceMs, std::function<void()> done);

    EndpointRegistry *registry() { return &m_registry; }
    Verifier *verifier() { return m_verifier.get(); }
    UpstreamPool *pool() { return m_pool.get(); }
    const ProxyCounters &counters() const { return m_counters; }
    //! Limits and access rules of the client side (token, timeouts, sizes).
    ServerSettings &serverSettings();
    //! The body of GET /__qcc__/stats.
    QJsonObject stats() const;
    EngineSnapshot snapshot() const;
    /*! Emits snapshotReady() about once a second and shortly after every change, coalesced:
     *  the UI's only view of the engine. */
    void setSnapshotsEnabled(bool enabled);

Q_SIGNALS:
    void listeningChanged(bool listening);
    void listenFailed(const qcc::UiText &message);
    void snapshotReady(const qcc::EngineSnapshot &snapshot);
    void endpointIsolated(const QString &id, const QString &name, const QString &reason);
    void endpointRestored(const QString &id, const QString &name);

private:
    void handle(ClientConnection *client, HttpRequest request) override;
    void serveLocalApi(ClientConnection *client, const HttpRequest &request);
    void servePick(ClientConnection *client, const HttpRequest &request);

    const Clock *m_clock;
    Config m_config;
    EndpointRegistry m_registry;
    std::unique_ptr<NetBackend> m_net; //!< outlives every socket below
    std::unique_ptr<UpstreamPool> m_pool;
    std::unique_ptr<Verifier> m_verifier;
    std::unique_ptr<ProxyServer> m_server;
    ProxyCounters m_counters;
    ProxyContext m_context;
    QElapsedTimer m_uptime;
    bool m_shuttingDown = false;
    QTimer m_snapshotTick;
    bool m_snapshotPending = false;
};

} // namespace qcc
