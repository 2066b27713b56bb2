#include "proxyserver.h"

#include "config/config.h"
#include "platform/logging.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace qcc {

namespace {
constexpr int kAcceptRetryMs = 200;
} // namespace

AcceptServer::AcceptServer(Reactor *reactor, std::function<void(int)> accepted, QObject *parent)
    : QTcpServer(parent), m_reactor(reactor), m_accepted(std::move(accepted))
{
    setListenBacklogSize(1024); // a burst of connects is queued, not dropped
}

bool AcceptServer::start(const QHostAddress &address, quint16 port)
{
    if (!listen(address, port))
        return false;
    pauseAccepting(); // Qt's notifier off: the reactor watches the descriptor instead
    m_fd = int(socketDescriptor());
    if (!m_reactor->watch(m_fd, this)) {
        close();
        m_fd = -1;
        return false;
    }
    m_reactor->post(this); // connections queued before the watch began
    return true;
}

void AcceptServer::stop()
{
    if (m_fd >= 0) {
        m_reactor->unwatch(m_fd);
        m_reactor->setDeadline(this, -1);
        m_fd = -1;
    }
    close();
}

void AcceptServer::ioReady(quint32)
{
    if (!m_starved) // a retry is due anyway: new connections wait for it
        acceptAll();
}

void AcceptServer::deadlineExpired()
{
    m_starved = false;
    acceptAll();
}

void AcceptServer::acceptAll()
{
    while (m_fd >= 0) {
        const int fd = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0) {
            m_accepted(fd);
            continue;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return;
        // Out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM): the connection
        // waits in the backlog; try again shortly, when connections may have closed.
        qCWarning(lcProxy).noquote()
            << "cannot accept a client connection:" << qt_error_string(errno) << "- retrying in"
            << kAcceptRetryMs << "ms";
        m_starved = true;
        m_reactor->setDeadline(this, kAcceptRetryMs);
        return;
    }
}

ProxyServer::ProxyServer(Reactor *reactor, ClientConnection::Handler handler, QObject *parent)
    : QObject(parent), m_reactor(reactor),
      m_server(reactor, [this](int fd) { onNewConnection(fd); }), m_handler(std::move(handler))
{}

ProxyServer::~ProxyServer()
{
    // Connections go before our members do: their close signals must not reach a half-destroyed us.
    const QList<ClientConnection *> connections = m_connections;
    m_connections.clear();
    for (ClientConnection *c : connections) {
        c->disconnect(this);
        delete c;
    }
}

bool ProxyServer::listen(const QString &host, quint16 port, UiText *error)
{
    const QHostAddress address = host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                                     ? QHostAddress(QHostAddress::LocalHost)
                                     : QHostAddress(host);
    if (!m_server.start(address, port)) {
        *error = m_server.serverError() == QAbstractSocket::AddressInUseError
                     ? UiText(QT_TRANSLATE_NOOP("qcc", "port %1 on %2 is already in use (another "
                                                       "QCC, or another program); stop it or "
                                                       "choose another port with --port or "
                                                       "listen.port"),
                              {QString::number(port), host})
                     : UiText(QT_TRANSLATE_NOOP("qcc", "cannot listen on %1:%2: %3"),
                              {host, QString::number(port), m_server.errorString()});
        return false;
    }
    m_host = host;
    m_settings.port = m_server.serverPort();
    m_settings.loopbackOnly = isLoopbackHost(host);
    return true;
}

void ProxyServer::close()
{
    m_server.stop();
}

void ProxyServer::drainAll()
{
    for (ClientConnection *c : std::as_const(m_connections))
        c->drain();
}

void ProxyServer::onNewConnection(int fd)
{
    const qsizetype open = m_connections.size();
    if (open >= 2 * qsizetype(m_settings.maxConnections)) {
        ::close(fd); // far over the limit: not even an answer
        return;
    }
    auto *conn = new ClientConnection(m_reactor, fd, &m_settings, m_handler, this);
    if (open >= m_settings.maxConnections)
        conn->refuseAsOverLimit(); // its first request gets a clear 503, then it closes
    m_connections.append(conn);
    connect(conn, &ClientConnection::closed, this, [this, conn] {
        m_connections.removeOne(conn);
        conn->deleteLater();
        Q_EMIT connectionClosed();
    });
}

} // namespace qcc
