#pragma once

#include "clientconnection.h"
#include "net/netbackend.h"
#include "platform/uitext.h"

#include <QHostAddress>
#include <QList>
#include <QObject>

#include <memory>

namespace qcc {

/*! Accepts client connections and owns them. Engine thread. */
class ProxyServer final : public QObject, private ClientConnection::Owner
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyServer)

public:
    //! Where accepted requests go (the Engine).
    class RequestHandler
    {
    public:
        virtual ~RequestHandler() = default;
        virtual void handle(ClientConnection *client, HttpRequest request) = 0;
    };
    ProxyServer(NetBackend *net, RequestHandler *handler, QObject *parent = nullptr);
    ~ProxyServer() override;

    //! Binds \a host:\a port (0 = any free port). False with \a error naming the port otherwise.
    bool listen(const QString &host, quint16 port, UiText *error);
    void close();
    bool isListening() const { return m_server->isListening(); }
    quint16 port() const { return m_server->serverPort(); }
    QString host() const { return m_host; }
    ServerSettings &settings() { return m_settings; }
    int connectionCount() const { return int(m_connections.size()); }
    //! Stops reading new requests on every connection; idle ones close now.
    void drainAll();

private:
    void onNewConnection(std::unique_ptr<StreamSocket> socket);
    void requestReady(ClientConnection *client, HttpRequest request) override;
    void connectionClosed(ClientConnection *client) override;

    std::unique_ptr<Acceptor> m_server;
    ServerSettings m_settings;
    RequestHandler *m_handler;
    QList<ClientConnection *> m_connections;
    QString m_host;
};

} // namespace qcc
