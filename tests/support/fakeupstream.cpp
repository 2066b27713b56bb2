#include "fakeupstream.h"

#include <QSslSocket>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

#ifdef Q_OS_WIN
#include <winsock2.h>
#else
#include <sys/socket.h>
#endif

namespace qcc::test {

QByteArray sseEvent(const QByteArray &name, const QByteArray &json)
{
    return "event: " + name + "\ndata: " + json + "\n\n";
}

FakeReply FakeReply::json(int status, const QByteArray &body)
{
    FakeReply r;
    r.status = status;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = body;
    return r;
}

FakeReply FakeReply::html(int status)
{
    FakeReply r;
    r.status = status;
    r.headers = {{"Content-Type", "text/html"}};
    r.body = "<html><body>Welcome to nginx!</body></html>";
    return r;
}

FakeReply FakeReply::error(int status, const QByteArray &type, const QByteArray &message)
{
    return json(status, R"({"type":"error","error":{"type":")" + type + R"(","message":")" +
                            message + R"("}})");
}

FakeReply FakeReply::message(const QString &text)
{
    QJsonObject block{{QStringLiteral("type"), QStringLiteral("text")},
                      {QStringLiteral("text"), text}};
    QJsonObject usage{{QStringLiteral("input_tokens"), 10}, {QStringLiteral("output_tokens"), 5}};
    QJsonObject o{{QStringLiteral("id"), QStringLiteral("msg_fake")},
                  {QStringLiteral("type"), QStringLiteral("message")},
                  {QStringLiteral("role"), QStringLiteral("assistant")},
                  {QStringLiteral("model"), QStringLiteral("claude-fake")},
                  {QStringLiteral("content"), QJsonArray{block}},
                  {QStringLiteral("stop_reason"), QStringLiteral("end_turn")},
                  {QStringLiteral("usage"), usage}};
    return json(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

FakeReply FakeReply::sse(const QList<QByteArray> &events, int delayMs)
{
    FakeReply r;
    r.headers = {{"Content-Type", "text/event-stream"}, {"Cache-Control", "no-cache"}};
    r.chunks = events;
    r.chunkDelayMs = delayMs;
    return r;
}

FakeReply FakeReply::sseMessage(const QString &text, int delayMs)
{
    const QByteArray t =
        QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    return sse(
        {sseEvent(
             "message_start",
             R"({"type":"message_start","message":{"id":"msg_fake","type":"message","role":"assistant","content":[],"model":"claude-fake","stop_reason":null,"usage":{"input_tokens":12,"output_tokens":1,"cache_creation_input_tokens":3,"cache_read_input_tokens":4}}})"),
         sseEvent(
             "content_block_start",
             R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"),
         sseEvent("ping", R"({"type": "ping"})"),
         sseEvent(
             "content_block_delta",
             R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":)" + t +
                 "}}"),
         sseEvent("content_block_stop", R"({"type":"content_block_stop","index":0})"),
         sseEvent(
             "message_delta",
             R"({"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":7}})"),
         sseEvent("message_stop", R"({"type":"message_stop"})")},
        delayMs);
}

FakeReply echoReply(const HttpRequest &request)
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QString prompt;
    for (const QJsonValue &m : body.value(QStringLiteral("messages")).toArray()) {
        const QJsonValue c = m.toObject().value(QStringLiteral("content"));
        if (c.isString())
            prompt += c.toString();
        for (const QJsonValue &b : c.toArray())
            prompt += b.toObject().value(QStringLiteral("text")).toString();
    }
    static const QRegularExpression code(QStringLiteral("([A-Z0-9]{6})\\s*$"));
    const auto m = code.match(prompt);
    const QString text =
        m.hasMatch() ? m.captured(1) : QStringLiteral("Hello from the fake upstream.");
    if (request.path == "/v1/models")
        return FakeReply::json(
            200, R"({"data":[{"id":"claude-fake","type":"model"}],"has_more":false})");
    if (request.path == "/v1/messages/count_tokens")
        return FakeReply::json(200, R"({"input_tokens":42})");
    if (body.value(QStringLiteral("stream")).toBool())
        return FakeReply::sseMessage(text);
    return FakeReply::message(text);
}

struct FakeUpstream::Conn
{
    QPointer<QTcpSocket> socket;
    RequestParser parser;
    QByteArray buffer;
    bool busy = false;
    bool answeredEarly = false; //!< the request being read was answered at its head
};

FakeUpstream::FakeUpstream(QObject *parent, quint16 port) : QObject(parent)
{
    setWorking();
    connect(&m_server, &QTcpServer::newConnection, this, &FakeUpstream::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, port);
}

FakeUpstream::~FakeUpstream()
{
    closeAll();
}

QString FakeUpstream::baseUrl() const
{
    return QStringLiteral("%1://127.0.0.1:%2")
        .arg(m_server.tls ? QStringLiteral("https") : QStringLiteral("http"))
        .arg(port());
}

void FakeUpstream::Server::incomingConnection(qintptr descriptor)
{
    if (!tls) {
        QTcpServer::incomingConnection(descriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSslConfiguration(*tls);
    socket->startServerEncryption();
    addPendingConnection(socket);
}

void FakeUpstream::setReply(const FakeReply &reply)
{
    m_handler = [reply](const HttpRequest &) { return reply; };
}

void FakeUpstream::setWorking()
{
    m_handler = echoReply;
}

void FakeUpstream::closeAll()
{
    for (const auto &s : std::as_const(m_sockets)) {
        if (s)
            s->abort();
    }
    m_sockets.clear();
}

void FakeUpstream::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++m_accepted;
        ++m_open;
        m_sockets.append(socket);
        auto conn = std::make_shared<Conn>();
        conn->socket = socket;
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            --m_open;
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, conn] {
            if (!conn->socket)
                return;
            conn->buffer += conn->socket->readAll();
            serve(conn.get());
        });
    }
}

void FakeUpstream::serve(Conn *c)
{
    while (!c->busy && !c->buffer.isEmpty() && c->socket) {
        const auto r = c->parser.feed(c->buffer.constData(), c->buffer.size());
        c->buffer.remove(0, r.consumed);
        if (r.status == RequestParser::Status::Error) {
            switch (m_onGarbage) {
            case OnGarbage::Abort:
                c->socket->abort();
                break;
            case OnGarbage::PlainHttp:
                c->socket->write("HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n"
                                 "Content-Length: 22\r\nConnection: close\r\n\r\n"
                                 "<h1>Bad Request</h1>\r\n");
                c->socket->disconnectFromHost();
                break;
            case OnGarbage::Ignore:
                c->busy = true; // deaf from now on: nothing more is parsed or answered
                c->buffer.clear();
                break;
            }
            return;
        }
        if (r.status != RequestParser::Status::Complete) {
            if (m_early && c->parser.inBody() && !c->answeredEarly) {
                c->answeredEarly = true;
                c->socket->write("HTTP/1.1 " + QByteArray::number(m_early->status) + " X\r\n" +
                                 serializeHeaders(m_early->headers) +
                                 "Content-Length: " + QByteArray::number(m_early->body.size()) +
                                 "\r\n\r\n" + m_early->body);
            }
            return;
        }
        const HttpRequest req = c->parser.take();
        m_requests.append(req);
        Q_EMIT requestReceived();
        if (std::exchange(c->answeredEarly, false))
            continue; // answered already; the body was read to its end, the next may come
        const FakeReply reply = m_handler(req);
        QPointer<QTcpSocket> socket = c->socket;
        if (reply.action == FakeReply::Action::Close) {
            socket->disconnectFromHost();
            return;
        }
        if (reply.action == FakeReply::Action::Hang) {
            c->busy = true;
            return;
        }
        c->busy = true;
        const bool head = req.method == "HEAD";
        if (reply.toxic.active()) {
            QByteArray wire = "HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\n" +
                              serializeHeaders(reply.headers);
            if (reply.closeDelimited) {
                wire += "Connection: close\r\n\r\n";
                if (!head)
                    wire += reply.chunks.isEmpty() ? reply.body : reply.chunks.join();
            } else if (reply.chunks.isEmpty()) {
                wire += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n" +
                        (head ? QByteArray() : reply.body);
            } else {
                wire += "Transfer-Encoding: chunked\r\n\r\n";
                for (const QByteArray &chunk : reply.chunks)
                    wire += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
                wire += "0\r\n\r\n";
            }
            sendToxic(c, reply, wire);
            return;
        }
        auto sendHead = [socket, reply, head] {
            if (!socket)
                return;
            QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " X\r\n";
            out += serializeHeaders(reply.headers);
            if (reply.chunks.isEmpty())
                out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n" +
                       (head ? QByteArray() : reply.body);
            else
                out += "Transfer-Encoding: chunked\r\n\r\n";
            socket->write(out);
            socket->flush();
        };
        // Send chunks one by one on timers, then finish and serve the next request. The step
        // refers to itself weakly; pending timers hold it strongly, so it dies after the last.
        auto step = std::make_shared<std::function<void(int)>>();
        std::weak_ptr<std::function<void(int)>> weak = step;
        *step = [this, socket, reply, c, weak](int i) {
            if (!socket)
                return;
            if (reply.cutAfterChunks >= 0 && i >= reply.cutAfterChunks) {
                socket->abort();
                return;
            }
            if (i >= reply.chunks.size()) {
                if (reply.hangAfterChunks)
                    return;
                if (!reply.chunks.isEmpty())
                    socket->write("0\r\n\r\n");
                c->busy = false;
                serve(c);
                return;
            }
            const QByteArray &chunk = reply.chunks[i];
            socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            socket->flush();
            const auto self = weak.lock();
            if (!self)
                return;
            if (reply.chunkDelayMs > 0)
                QTimer::singleShot(reply.chunkDelayMs, socket, [self, i] { (*self)(i + 1); });
            else
                (*self)(i + 1);
        };
        auto run = [sendHead, step] {
            sendHead();
            (*step)(0);
        };
        if (reply.headDelayMs > 0)
            QTimer::singleShot(reply.headDelayMs, socket, run);
        else
            run();
        return;
    }
}

void FakeUpstream::sendToxic(Conn *c, const FakeReply &reply, QByteArray wire)
{
    using Kind = FakeReply::Toxic::Kind;
    const FakeReply::Toxic t = reply.toxic;
    qsizetype cut = wire.size();
    if (t.kind != Kind::None && t.kind != Kind::SlowClose) {
        const qsizetype at = t.at.isEmpty() ? 0 : wire.indexOf(t.at);
        if (at < 0)
            qFatal("FakeUpstream: toxic marker \"%s\" is not in the response", t.at.constData());
        cut = t.at.isEmpty() ? 0 : at + t.at.size();
    }
    QPointer<QTcpSocket> socket = c->socket;
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    constexpr int kSettleMs = 50; // the peer reads what came before the cut
    // One step sends up to the next stop (the cut, or the end); slices send a byte per step.
    struct State
    {
        QByteArray wire;
        qsizetype pos = 0;
        bool cutDone = false;
    };
    auto st = std::make_shared<State>(State{std::move(wire)});
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weak = step;
    const bool closeAtEnd = reply.closeDelimited;
    *step = [this, c, socket, t, cut, st, weak, closeAtEnd] {
        const auto self = weak.lock();
        if (!socket || !self)
            return;
        const qsizetype stop = st->cutDone ? st->wire.size() : cut;
        if (st->pos < stop) {
            const qsizetype n = t.slices ? 1 : stop - st->pos;
            socket->write(st->wire.constData() + st->pos, n);
            socket->flush();
            st->pos += n;
            if (st->pos < stop) {
                QTimer::singleShot(0, socket, [self] { (*self)(); });
                return;
            }
        }
        if (!st->cutDone && st->pos == cut) {
            st->cutDone = true;
            switch (t.kind) {
            case Kind::Latency:
                QTimer::singleShot(t.ms, socket, [self] { (*self)(); });
                return;
            case Kind::Stall:
                return; // the pending timers let go of the step: nothing more, ever
            case Kind::Reset:
                QTimer::singleShot(kSettleMs, socket, [socket] {
                    // close() now sends RST instead of FIN (test support: the one system call
                    // of the fake, for the one thing Qt cannot do)
                    const linger l{1, 0};
                    ::setsockopt(decltype(::socket(0, 0, 0))(socket->socketDescriptor()),
                                 SOL_SOCKET, SO_LINGER, reinterpret_cast<const char *>(&l),
                                 sizeof l);
                    socket->abort();
                });
                return;
            case Kind::Close:
                QTimer::singleShot(kSettleMs, socket, [socket] { socket->disconnectFromHost(); });
                return;
            case Kind::None:
            case Kind::SlowClose:
                break;
            }
        }
        if (st->pos < st->wire.size()) {
            QTimer::singleShot(0, socket, [self] { (*self)(); });
            return;
        }
        if (t.kind == Kind::SlowClose) {
            QTimer::singleShot(t.ms, socket, [self, socket] {
                Q_UNUSED(self); // kept until the close
                socket->disconnectFromHost();
            });
            return;
        }
        if (closeAtEnd) {
            socket->disconnectFromHost();
            return;
        }
        c->busy = false;
        serve(c);
    };
    (*step)();
}

} // namespace qcc::test
