#pragma once

#include "http/httpparser.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <optional>

namespace qcc::test {

//! What a FakeUpstream answers to one request.
struct FakeReply
{
    enum class Action {
        Respond, //!< head, then body or chunks
        Hang,    //!< read the request, never answer
        Close,   //!< close the connection without answering
    };
    Action action = Action::Respond;
    int status = 200;
    HeaderList headers;
    QByteArray body;          //!< sent with Content-Length when chunks is empty
    QList<QByteArray> chunks; //!< sent chunked, one write each, chunkDelayMs apart
    int chunkDelayMs = 0;
    int headDelayMs = 0;
    int cutAfterChunks = -1;      //!< close after this many chunks without ending the body
    bool hangAfterChunks = false; //!< after the chunks, keep the connection open and silent
    //! With a toxic: the body (or the chunks, joined) with neither length nor chunking, ended
    //! by closing the connection (HTTP/1.1 allows it; some relays stream this way).
    bool closeDelimited = false;

    /*! A fault injected into the response as it goes on the wire (head, framing and body
     *  bytes). The cut is the byte right after the first occurrence of \a at (byte 0 when \a at
     *  is empty); chunk and head delays are ignored while a toxic is set. Stall, Reset and
     *  Close wait a moment at the cut first, so the peer has read what came before it. */
    struct Toxic
    {
        enum class Kind {
            None,
            Latency,   //!< pause \a ms at the cut, then send the rest
            Stall,     //!< send up to the cut, then nothing, forever; the socket stays open
            Reset,     //!< send up to the cut, then a reset (SO_LINGER 0, then close)
            Close,     //!< send up to the cut, then an orderly close (FIN)
            SlowClose, //!< send everything, keep the socket open \a ms, then FIN
        };
        Kind kind = Kind::None;
        QByteArray at;
        int ms = 0;
        bool slices = false; //!< every byte its own write, flushed, one event-loop turn apart
        bool active() const { return kind != Kind::None || slices; }
    };
    Toxic toxic;

    static FakeReply json(int status, const QByteArray &body);
    static FakeReply html(int status = 200);
    //! A well-formed non-streaming Messages API reply whose text is \a text.
    static FakeReply message(const QString &text);
    //! An SSE stream of \a events (each from sseEvent()).
    static FakeReply sse(const QList<QByteArray> &events, int delayMs = 0);
    //! A complete, well-formed stream that says \a text.
    static FakeReply sseMessage(const QString &text, int delayMs = 0);
    static FakeReply error(int status, const QByteArray &type, const QByteArray &message);
};

QByteArray sseEvent(const QByteArray &name, const QByteArray &json);

/*! A scriptable HTTP/1.1 upstream on a loopback port: keep-alive, records every request. */
class FakeUpstream final : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<FakeReply(const HttpRequest &)>;
    //! What to do with bytes that are not HTTP (a TLS ClientHello sent to this plain server).
    enum class OnGarbage {
        Abort,     //!< close at once (a server that closes during the TLS handshake)
        PlainHttp, //!< answer 400 in plain HTTP, then close (what nginx does)
        Ignore,    //!< say nothing, keep the connection open (a stalled handshake)
    };
    explicit FakeUpstream(QObject *parent = nullptr, quint16 port = 0);
    ~FakeUpstream() override;

    quint16 port() const { return m_server.serverPort(); }
    //! http://127.0.0.1:port, or https:// once setTls() was called.
    QString baseUrl() const;
    //! Speaks TLS with \a config (its certificate and key) on every connection accepted from now.
    void setTls(const QSslConfiguration &config) { m_server.tls = config; }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setReply(const FakeReply &reply);
    //! Replies like a working Messages API: echoes the probe code, streams when asked.
    void setWorking();
    void setOnGarbage(OnGarbage mode) { m_onGarbage = mode; }
    /*! Answers a request with a body as soon as its head is in (a 400 to a large body, say),
     *  then keeps reading that body as the request's and keeps the connection: the next
     *  request on it is read after the whole body, as a keep-alive server does. */
    void setEarlyAnswer(std::optional<FakeReply> reply) { m_early = std::move(reply); }
    int requestCount() const { return int(m_requests.size()); }
    const QList<HttpRequest> &requests() const { return m_requests; }
    int openConnections() const { return m_open; }
    int connectionsAccepted() const { return m_accepted; }
    void closeAll();

Q_SIGNALS:
    void requestReceived();

private:
    void onNewConnection();
    struct Conn;
    void serve(Conn *c);
    void sendToxic(Conn *c, const FakeReply &reply, QByteArray wire);
    //! Accepts plain TCP, or TLS when set (QSslServer would need it before listening).
    struct Server : QTcpServer
    {
        std::optional<QSslConfiguration> tls;
        void incomingConnection(qintptr descriptor) override;
    };
    Server m_server;
    Handler m_handler;
    QList<HttpRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
    int m_open = 0;
    int m_accepted = 0;
    OnGarbage m_onGarbage = OnGarbage::Abort;
    std::optional<FakeReply> m_early;
};

//! The echo-code handler reply: finds the probe code in the request and answers with it.
FakeReply echoReply(const HttpRequest &request);

} // namespace qcc::test
