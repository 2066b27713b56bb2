#pragma once

#include "clientconnection.h"
#include "platform/uitext.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

namespace qcc {

/*! The listening socket. QTcpServer binds it (and reports a port in use); accepting is ours,
 *  through the reactor, so that each accepted descriptor is handed on as it is (no QTcpSocket)
 *  and running out of descriptors pauses accepting for a moment instead of busy-looping (Qt
 *  retries accept() at once on EMFILE). */
class AcceptServer final : public QTcpServer, private Reactor::Handler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AcceptServer)

public:
    AcceptServer(Reactor *reactor, std::function<void(int fd)> accepted, QObject *parent = nullptr);
    bool start(const QHostAddress &address, quint16 port);
    void stop();

private:
    void ioReady(quint32 events) override;
    void deadlineExpired() override;
    void acceptAll();

    Reactor *m_reactor;
    std::function<void(int)> m_accepted;
    int m_fd = -1;
    bool m_starved = false; //!< accept() failed for lack of resources; retrying
};

/*! Accepts client connections and owns them. Engine thread. */
class ProxyServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyServer)

public:
    ProxyServer(Reactor *reactor, ClientConnection::Handler handler, QObject *parent = nullptr);
    ~ProxyServer() override;

    //! Binds \a host:\a port (0 = any free port). False with \a error naming the port otherwise.
    bool listen(const QString &host, quint16 port, UiText *error);
    void close();
    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QString host() const { return m_host; }
    ServerSettings &settings() { return m_settings; }
    int connectionCount() const { return int(m_connections.size()); }
    //! Stops reading new requests on every connection; idle ones close now.
    void drainAll();

Q_SIGNALS:
    void connectionClosed();

private:
    void onNewConnection(int fd);

    Reactor *m_reactor;
    AcceptServer m_server;
    ServerSettings m_settings;
    ClientConnection::Handler m_handler;
    QList<ClientConnection *> m_connections;
    QString m_host;
};

} // namespace qcc
