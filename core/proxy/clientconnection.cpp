#include "clientconnection.h"

#include "http/bytes.h"
#include "http/response.h"
#include "platform/logging.h"
#include "platform/uitext.h"
#include "proxy/accesspolicy.h"

#include <charconv>
#include <cstring>
#include <utility>

namespace qcc {

//! Input waiting behind a request in progress beyond which the client is no longer read.
constexpr qsizetype kMaxPipelined = 1024 * 1024;
//! Answers queued for a client that does not read them, beyond which its input is not read
//! (nor parsed) until they drain: refusals finish at once, so without it a client that only
//! writes would have every answer queued.
constexpr qint64 kMaxQueuedOutput = 1024 * 1024;

ClientConnection::ClientConnection(std::unique_ptr<StreamSocket> socket,
                                   const ServerSettings *settings, Owner *owner, QObject *parent)
    : QObject(parent), m_socket(std::move(socket)), m_settings(settings), m_owner(owner),
      m_parser(settings->maxHeaderBytes, settings->maxBodyBytes)
{
    m_parser.stopAtHeads(true);
    m_socket->setListener(this);
    setTimeout(Timeout::Idle);
}

ClientConnection::~ClientConnection()
{
    m_responder = nullptr;
    m_current.reset();
    m_retired.reset();
}

void ClientConnection::setResponder(std::unique_ptr<Responder> responder)
{
    m_responder = responder.get();
    m_retired = std::move(m_current); // the one before: certainly not running any more
    m_current = std::move(responder);
}

bool ClientConnection::isOpen() const
{
    return !m_closed && m_socket->isConnected();
}

qint64 ClientConnection::pendingOutput() const
{
    return m_socket->pendingOutput();
}

void ClientConnection::setTimeout(Timeout kind)
{
    if (kind == m_timeout)
        return;
    m_timeout = kind;
    m_socket->setTimeout(kind == Timeout::Header ? m_settings->headerTimeoutMs
                         : kind == Timeout::Body ? m_settings->bodyTimeoutMs
                         : kind == Timeout::Idle ? m_settings->idleTimeoutMs
                                                 : -1);
}

void ClientConnection::socketTimeout()
{
    const Timeout kind = std::exchange(m_timeout, Timeout::None);
    if (kind == Timeout::Header) {
        m_keepAlive = false; // before the answer, so that it says Connection: close
        sendError(408, QStringLiteral("request header not received within %1 s")
                           .arg(m_settings->headerTimeoutMs / 1000));
        closeGracefully();
    } else if (kind == Timeout::Body) {
        // A body trickling in (slowloris) holds a connection and its buffer: bounded in time.
        m_keepAlive = false;
        sendError(408, QStringLiteral("request body not received within %1 s")
                           .arg(m_settings->bodyTimeoutMs / 1000.0));
        closeGracefully();
    } else if (kind == Timeout::Idle) {
        closeGracefully(); // silently: no request was in progress
    }
}

void ClientConnection::closeGracefully()
{
    m_closed = true;
    // A client that reads none of its last answer for the idle time is cut off.
    m_socket->closeWhenFlushed(m_settings->idleTimeoutMs);
}

void ClientConnection::socketDrained()
{
    if (m_responder)
        m_responder->clientDrained();
    else
        resumeInput(); // the answers it had not read are out
}

bool ClientConnection::inputBlocked() const
{
    return (m_busy && m_input.size() > kMaxPipelined) ||
           m_socket->pendingOutput() > kMaxQueuedOutput;
}

void ClientConnection::resumeInput()
{
    if (m_closed || m_busy)
        return;
    if (m_readPaused) {
        m_readPaused = false;
        m_socket->postReadable();
    }
    // Requests already received are handled next, from the event loop.
    if (!m_input.isEmpty())
        QMetaObject::invokeMethod(this, &ClientConnection::processInput, Qt::QueuedConnection);
}

void ClientConnection::socketClosed()
{
    onDisconnected();
}

void ClientConnection::socketReadable()
{
    char *buffer = m_socket->reactor()->scratch();
    while (!m_closed && !inputBlocked()) {
        const qint64 n = m_socket->read(buffer, Reactor::kScratchSize);
        if (n <= 0)
            break;
        m_input.append(buffer, n);
        // Parse as it comes, so a large body is held once (in the request), not twice.
        if (!m_busy)
            processInput();
        if (n < Reactor::kScratchSize)
            break; // the kernel had no more: edge-triggered input tells us when there is
    }
    m_readPaused = inputBlocked();
}

void ClientConnection::processInput()
{
    while (!m_busy && !m_closed && !m_draining) {
        if (m_input.isEmpty())
            return;
        if (m_socket->pendingOutput() > kMaxQueuedOutput) {
            m_readPaused = true; // resumed when the answers have drained
            return;
        }
        if (m_timeout == Timeout::Idle)
            setTimeout(Timeout::None);
        const RequestParser::Result r = m_parser.feed(m_input.constData(), m_input.size());
        m_input.remove(0, r.consumed);
        if (r.status == RequestParser::Status::Error) {
            m_keepAlive = false;
            m_busy = true;
            sendError(r.errorStatus, r.message);
            return;
        }
        if (r.status == RequestParser::Status::Incomplete) {
            // From the first byte of the head, then from its end: never renewed by more bytes.
            // Bare line breaks before a request start no message in the parser, but they are
            // bytes of a head that has not come: the head's deadline runs for them too.
            setTimeout(m_parser.inBody() ? Timeout::Body : Timeout::Header);
            return;
        }
        if (r.status == RequestParser::Status::Head) {
            // A request with a body is judged on its head, before a byte of the body is
            // accepted. A refused one's body is never read: its answer closes the connection.
            m_headChecked = true;
            if (refused(m_parser.head(), false))
                return;
            m_parser.continueBody();
            continue;
        }
        setTimeout(Timeout::None);
        HttpRequest request = m_parser.take();
        if (!std::exchange(m_headChecked, false) && refused(request, request.keepAlive))
            continue;
        beginAnswer(request, request.keepAlive);
        m_owner->requestReady(this, std::move(request));
    }
}

void ClientConnection::beginAnswer(const HttpRequest &head, bool keepAlive)
{
    m_busy = true;
    m_headSent = false;
    m_keepAlive = keepAlive;
    m_http11 = head.http11;
    m_headRequest = head.method == "HEAD";
}

bool ClientConnection::refused(const HttpRequest &head, bool keepAlive)
{
    if (m_overLimit) {
        beginAnswer(head, false);
        sendError(503,
                  QStringLiteral("QCC has reached its limit of %1 client connections")
                      .arg(m_settings->maxConnections),
                  {{"retry-after", "1"}, {"x-should-retry", "true"}});
        return true;
    }
    const auto [status, why] = accessRefusal(head, *m_settings);
    if (status == 0)
        return false;
    beginAnswer(head, keepAlive);
    sendError(status, why);
    return true;
}

void ClientConnection::write(const QByteArray &data)
{
    // Straight to the kernel: SSE events leave the moment they arrive. A head waits for the
    // first body bytes (or the end), so that both leave in one send.
    if (m_closed)
        return;
    if (m_head.isEmpty()) {
        m_socket->write(data);
        return;
    }
    m_head += data;
    m_socket->write(m_head);
    m_head.clear();
}

void ClientConnection::sendHead(int status, const QByteArray &headerLines, Framing framing,
                                qint64 length)
{
    Q_ASSERT(m_busy && !m_headSent);
    m_headSent = true;
    // Callers pass headers without framing ones (Content-Length, Transfer-Encoding, Connection).
    m_chunked = false;
    m_noBody = framing == Framing::None;
    QByteArrayView framingLine;
    char contentLength[40] = "Content-Length: ";
    if (framing == Framing::None) {
        // nothing: the status says there is no body
    } else if (framing == Framing::ContentLength) {
        char *p = std::to_chars(contentLength + 16, contentLength + 38, length).ptr;
        *p++ = '\r';
        *p++ = '\n';
        framingLine = QByteArrayView(contentLength, p - contentLength);
    } else if (m_http11 && !m_headRequest) {
        m_chunked = true;
        framingLine = "Transfer-Encoding: chunked\r\n";
    } else if (!m_headRequest) {
        m_keepAlive = false; // HTTP/1.0 without a length: the body ends with the connection
    }
    const bool close = !m_keepAlive || m_draining;
    char statusLine[24] = "HTTP/1.1 ";
    char *statusEnd = std::to_chars(statusLine + 9, statusLine + 22, status).ptr;
    *statusEnd++ = ' ';
    // One allocation, with room for a small body that follows at once (sendResponse()).
    m_head =
        concatBytes({QByteArrayView(statusLine, statusEnd - statusLine), reasonPhrase(status),
                     "\r\n", headerLines, framingLine,
                     close ? QByteArrayView("Connection: close\r\n") : QByteArrayView(), "\r\n"},
                    framing == Framing::ContentLength && length <= 16384 ? length : 0);
}

void ClientConnection::flushHead()
{
    if (!m_head.isEmpty())
        write(QByteArray());
}

void ClientConnection::sendBody(const QByteArray &data)
{
    if (m_headRequest || m_noBody || data.isEmpty())
        return;
    if (!m_chunked) {
        write(data);
        return;
    }
    char size[20];
    const char *end = std::to_chars(size, size + sizeof size, data.size(), 16).ptr;
    write(concatBytes({QByteArrayView(size, end - size), "\r\n", data, "\r\n"}));
}

void ClientConnection::endResponse()
{
    if (m_chunked && !m_headRequest)
        write("0\r\n\r\n");
    flushHead();
    finishRequest();
}

void ClientConnection::sendResponse(int status, const HeaderList &headers, const QByteArray &body)
{
    sendResponse(status, serializeHeaders(headers), body);
}

void ClientConnection::sendResponse(int status, const QByteArray &headerLines,
                                    const QByteArray &body)
{
    sendHead(status, headerLines, Framing::ContentLength, body.size());
    if (!m_headRequest)
        write(body);
    flushHead();
    finishRequest();
}

void ClientConnection::sendError(int status, const QString &message, HeaderList extra)
{
    extra.prepend({"Content-Type", "application/json"});
    if (!m_busy)
        m_busy = true;
    sendResponse(status, extra, errorBody(errorTypeFor(status), message));
}

void ClientConnection::Retirer::posted()
{
    if (!m_owner->m_busy) // else m_current is the next request's: setResponder() retired ours
        m_owner->m_current.reset();
    m_owner->m_retired.reset();
}

void ClientConnection::finishRequest()
{
    m_busy = false;
    m_responder = nullptr;
    if (m_current)
        m_socket->reactor()->post(&m_retirer);
    m_headSent = false;
    if (m_closed)
        return;
    if (!m_keepAlive || m_draining) {
        closeGracefully();
        return;
    }
    setTimeout(Timeout::Idle);
    if (m_socket->pendingOutput() > kMaxQueuedOutput) {
        m_readPaused = true; // socketDrained() resumes
        return;
    }
    resumeInput();
}

void ClientConnection::drain()
{
    m_draining = true;
    if (!m_busy)
        closeGracefully();
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
        if (Responder *r = std::exchange(m_responder, nullptr))
            r->clientGone();
    }
    m_closed = true;
    m_socket->setTimeout(-1);
    m_timeout = Timeout::None;
    m_owner->connectionClosed(this);
}

} // namespace qcc
