#pragma once

#include "clientconnection.h"
#include "platform/uitext.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTimer>

namespace qcc {

/*! The listening socket: hands each accepted descriptor on as it is, without a QTcpSocket. */
class AcceptServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AcceptServer)

public:
    explicit AcceptServer(std::function<void(int fd)> accepted, QObject *parent = nullptr)
        : QTcpServer(parent), m_accepted(std::move(accepted))
    {}

protected:
    void incomingConnection(qintptr fd) override { m_accepted(int(fd)); }

private:
    std::function<void(int)> m_accepted;
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
    QTimer m_resumeAccept;
    QString m_host;
};

} // namespace qcc
