#include "proxyserver.h"

#include "config/config.h"
#include "platform/logging.h"

namespace qcc {

ProxyServer::ProxyServer(NetBackend *net, RequestHandler *handler, QObject *parent)
    : QObject(parent), m_server(net->makeAcceptor([this](std::unique_ptr<StreamSocket> socket) {
          onNewConnection(std::move(socket));
      })),
      m_handler(handler)
{}

ProxyServer::~ProxyServer()
{
    // Connections go before our members do; their ends are not told to a half-destroyed us.
    const QList<ClientConnection *> connections = std::exchange(m_connections, {});
    for (ClientConnection *c : connections)
        delete c;
}

bool ProxyServer::listen(const QString &host, quint16 port, UiText *error)
{
    const QHostAddress address = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    if (!m_server->start(address, port)) {
        *error = m_server->serverError() == QAbstractSocket::AddressInUseError
                     ? UiText(QT_TRANSLATE_NOOP("qcc", "port %1 on %2 is already in use (another "
                                                       "QCC, or another program); stop it or "
                                                       "choose another port with --port or "
                                                       "listen.port"),
                              {QString::number(port), host})
                     : UiText(QT_TRANSLATE_NOOP("qcc", "cannot listen on %1:%2: %3"),
                              {host, QString::number(port), m_server->errorString()});
        return false;
    }
    m_host = host;
    m_settings.port = m_server->serverPort();
    m_settings.loopbackOnly = isLoopbackHost(host);
    // The Host allow-list follows the address actually listened on (127.0.0.2 as much as
    // 127.0.0.1), plus the names a local client may use for it.
    const QByteArray portText = ':' + QByteArray::number(m_settings.port);
    QList<QByteArray> names{address.protocol() == QAbstractSocket::IPv6Protocol
                                ? '[' + address.toString().toLatin1() + ']'
                                : address.toString().toLatin1()};
    if (m_settings.loopbackOnly)
        names << "localhost"
              << "127.0.0.1"
              << "[::1]";
    m_settings.allowedHosts.clear();
    for (const QByteArray &name : std::as_const(names)) {
        const QByteArray entry = name.toLower() + portText;
        if (!m_settings.allowedHosts.contains(entry))
            m_settings.allowedHosts.append(entry);
    }
    return true;
}

void ProxyServer::close()
{
    m_server->stop();
}

void ProxyServer::drainAll()
{
    for (ClientConnection *c : std::as_const(m_connections))
        c->drain();
}

void ProxyServer::onNewConnection(std::unique_ptr<StreamSocket> socket)
{
    const qsizetype open = m_connections.size();
    if (open >= 2 * qsizetype(m_settings.maxConnections))
        return; // far over the limit: not even an answer (the socket closes as it goes)
    auto *conn = new ClientConnection(std::move(socket), &m_settings, this, this);
    if (open >= m_settings.maxConnections)
        conn->refuseAsOverLimit(); // its first request gets a clear 503, then it closes
    m_connections.append(conn);
}

void ProxyServer::requestReady(ClientConnection *client, HttpRequest request)
{
    m_handler->handle(client, std::move(request));
}

void ProxyServer::connectionClosed(ClientConnection *client)
{
    if (m_connections.removeOne(client)) // else we are being destroyed, and delete it ourselves
        client->deleteLater();
}

} // namespace qcc
