#include "clientconnection.h"

#include "http/response.h"
#include "platform/logging.h"

#include <QTcpSocket>

#include <utility>

namespace qcc {

namespace {
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    // Compare every byte whatever the lengths, so timing says nothing about the token.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = qMax(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i) {
        const unsigned char x = i < a.size() ? uchar(a[i]) : 0;
        const unsigned char y = i < b.size() ? uchar(b[i]) : 0;
        diff |= x ^ y;
    }
    return diff == 0;
}
} // namespace

ClientConnection::ClientConnection(QTcpSocket *socket, const ServerSettings *settings,
                                   Handler handler, QObject *parent)
    : QObject(parent), m_socket(socket), m_settings(settings), m_handler(std::move(handler)),
      m_parser(settings->maxHeaderBytes, settings->maxBodyBytes)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_headerTimer.setSingleShot(true);
    m_idleTimer.setSingleShot(true);
    connect(&m_headerTimer, &QTimer::timeout, this, [this] {
        m_keepAlive = false; // before the answer, so that it says Connection: close
        sendError(408, QStringLiteral("request header not received within %1 s")
                           .arg(m_settings->headerTimeoutMs / 1000));
        m_socket->disconnectFromHost();
    });
    connect(&m_idleTimer, &QTimer::timeout, this, [this] { m_socket->disconnectFromHost(); });
    connect(m_socket, &QTcpSocket::readyRead, this, &ClientConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ClientConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_listener && m_socket->bytesToWrite() < 256 * 1024)
            m_listener->clientDrained();
    });
    m_idleTimer.start(m_settings->idleTimeoutMs);
}

ClientConnection::~ClientConnection()
{
    m_socket->disconnect(this);
    m_listener = nullptr;
    m_current.reset();
    m_retired.reset();
}

void ClientConnection::adopt(std::unique_ptr<Listener> handler)
{
    m_listener = handler.get();
    m_retired = std::move(m_current); // the one before: certainly not running any more
    m_current = std::move(handler);
}

bool ClientConnection::isOpen() const
{
    return !m_closed && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 ClientConnection::pendingOutput() const
{
    return m_socket->bytesToWrite();
}

void ClientConnection::onReadyRead()
{
    m_input += m_socket->readAll();
    if (!m_busy)
        processInput();
}

void ClientConnection::processInput()
{
    while (!m_busy && !m_closed && !m_draining) {
        if (m_input.isEmpty())
            return;
        m_idleTimer.stop();
        const RequestParser::Result r = m_parser.feed(m_input.constData(), m_input.size());
        m_input.remove(0, r.consumed);
        if (r.status == RequestParser::Status::Error) {
            m_keepAlive = false;
            m_busy = true;
            sendError(r.errorStatus, r.message);
            return;
        }
        if (r.status == RequestParser::Status::Incomplete) {
            if (m_parser.inHeaderSection() && !m_headerTimer.isActive())
                m_headerTimer.start(m_settings->headerTimeoutMs);
            else if (!m_parser.inHeaderSection())
                m_headerTimer.stop();
            return;
        }
        m_headerTimer.stop();
        HttpRequest request = m_parser.take();
        m_busy = true;
        m_headSent = false;
        m_keepAlive = request.keepAlive;
        m_http11 = request.http11;
        m_headRequest = request.method == "HEAD";
        if (refuse(request))
            continue;
        m_handler(this, std::move(request));
    }
}

bool ClientConnection::refuse(const HttpRequest &request)
{
    if (m_settings->loopbackOnly) {
        const QByteArray host = request.header("host").toLower();
        const QByteArray port = QByteArray::number(m_settings->port);
        if (host != "127.0.0.1:" + port && host != "localhost:" + port && host != "[::1]:" + port) {
            sendError(403,
                      QStringLiteral("Host header \"%1\" is not allowed (DNS-rebinding protection)")
                          .arg(QString::fromLatin1(host.left(100))));
            return true;
        }
    }
    if (hasHeader(request.headers, "origin")) {
        sendError(403,
                  QStringLiteral("requests from web pages (with an Origin header) are refused"));
        return true;
    }
    if (!m_settings->accessToken.isEmpty()) {
        QByteArray given = request.header("x-api-key");
        const QByteArray auth = request.header("authorization");
        if (given.isEmpty() && auth.startsWith("Bearer "))
            given = auth.mid(7).trimmed();
        if (!constantTimeEquals(given, m_settings->accessToken)) {
            sendError(401, QStringLiteral("missing or wrong QCC access token"));
            return true;
        }
    }
    return false;
}

void ClientConnection::write(const QByteArray &data)
{
    if (m_closed)
        return;
    m_socket->write(data);
}

void ClientConnection::flush()
{
    // Hand the bytes to the kernel now rather than on the next write notification: one poll
    // cycle less per response, and SSE events leave the moment they arrive.
    if (!m_closed)
        m_socket->flush();
}

void ClientConnection::sendHead(int status, HeaderList headers, Framing framing,
                                qint64 contentLength)
{
    Q_ASSERT(m_busy && !m_headSent);
    m_headSent = true;
    // Callers pass headers without framing ones (Content-Length, Transfer-Encoding, Connection).
    m_chunked = false;
    m_noBody = framing == Framing::None;
    if (framing == Framing::None) {
        // nothing: the status says there is no body
    } else if (framing == Framing::ContentLength) {
        headers.append(Header("Content-Length", QByteArray::number(contentLength)));
    } else if (m_http11 && !m_headRequest) {
        m_chunked = true;
        headers.append(Header("Transfer-Encoding", "chunked"));
    } else if (!m_headRequest) {
        m_keepAlive = false; // HTTP/1.0 without a length: the body ends with the connection
    }
    if (!m_keepAlive || m_draining)
        headers.append(Header("Connection", "close"));
    write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n" +
          serializeHeaders(headers) + "\r\n");
}

void ClientConnection::sendBody(const QByteArray &data)
{
    if (m_headRequest || m_noBody || data.isEmpty())
        return;
    if (m_chunked)
        write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    else
        write(data);
    flush();
}

void ClientConnection::endResponse()
{
    if (m_chunked && !m_headRequest)
        write("0\r\n\r\n");
    flush();
    finishRequest();
}

void ClientConnection::sendResponse(int status, HeaderList headers, const QByteArray &body)
{
    sendHead(status, std::move(headers), Framing::ContentLength, body.size());
    if (!m_headRequest)
        write(body);
    flush();
    finishRequest();
}

void ClientConnection::sendError(int status, const QString &message, HeaderList extra)
{
    extra.prepend({"Content-Type", "application/json"});
    if (!m_busy)
        m_busy = true;
    sendResponse(status, extra, errorBody(errorTypeFor(status), message));
}

void ClientConnection::finishRequest()
{
    m_busy = false;
    m_listener = nullptr;
    m_headSent = false;
    if (m_closed)
        return;
    if (!m_keepAlive || m_draining) {
        m_closed = true;
        m_socket->disconnectFromHost();
        return;
    }
    m_idleTimer.start(m_settings->idleTimeoutMs);
    // Pipelined requests already received are handled next, after this call returns.
    if (!m_input.isEmpty())
        QMetaObject::invokeMethod(this, &ClientConnection::processInput, Qt::QueuedConnection);
}

void ClientConnection::drain()
{
    m_draining = true;
    if (!m_busy) {
        m_closed = true;
        m_socket->disconnectFromHost();
    }
}

void ClientConnection::abortConnection()
{
    m_closed = true;
    m_busy = false;
    m_socket->abort();
    onDisconnected();
}

void ClientConnection::onDisconnected()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    if (m_busy) {
        m_busy = false;
        m_closed = true;
        if (Listener *l = std::exchange(m_listener, nullptr))
            l->clientGone();
    }
    m_closed = true;
    m_headerTimer.stop();
    m_idleTimer.stop();
    Q_EMIT closed();
}

} // namespace qcc
