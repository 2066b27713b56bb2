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
class ProxyServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyServer)

public:
    ProxyServer(NetBackend *net, ClientConnection::Handler handler, QObject *parent = nullptr);
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

Q_SIGNALS:
    void connectionClosed();

private:
    void onNewConnection(std::unique_ptr<StreamSocket> socket);

    std::unique_ptr<Acceptor> m_server;
    ServerSettings m_settings;
    ClientConnection::Handler m_handler;
    QList<ClientConnection *> m_connections;
    QString m_host;
};

} // namespace qcc
