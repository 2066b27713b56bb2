#pragma once

#include "http/headers.h"
#include "http/httpparser.h"
#include "net/streamsocket.h"
#include "proxy/accesspolicy.h"

#include <QObject>

#include <memory>

namespace qcc {

/*! One client connection: parses requests one at a time (keep-alive, pipelining), refuses what
 *  docs/API.md says to refuse ("Requests the proxy refuses"), hands each accepted request to the
 * handler and writes the response the handler produces. Engine thread. */
class ClientConnection final : public QObject, private StreamSocket::Listener
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientConnection)

public:
    //! Who a connection reports to (ProxyServer): each accepted request, and its end.
    class Owner
    {
    public:
        virtual ~Owner() = default;
        //! A request passed the access policy; answer it through \a client.
        virtual void requestReady(ClientConnection *client, HttpRequest request) = 0;
        //! The connection is over; free it from the event loop.
        virtual void connectionClosed(ClientConnection *client) = 0;
    };
    //! What answers the current request (an Exchange), told of the client directly.
    class Responder
    {
    public:
        virtual ~Responder() = default;
        //! The client went away while its request was in progress.
        virtual void clientGone() = 0;
        //! Output queued for the client fell below the pause threshold.
        virtual void clientDrained() = 0;
    };
    //! Takes ownership of the current request's responder. It is destroyed from the event loop
    //! once its response is over (never from inside its own calls), when a later request
    //! replaces it, or with us.
    void setResponder(std::unique_ptr<Responder> responder);
    enum class Framing { ContentLength, Chunked, None /*!< 204, 304: no body at all */ };

    //! Takes the accepted connection \a socket.
    ClientConnection(std::unique_ptr<StreamSocket> socket, const ServerSettings *settings,
                     Owner *owner, QObject *parent = nullptr);
    //! Answers the first request with 503 and closes: the connection is over the limit.
    void refuseAsOverLimit() { m_overLimit = true; }
    ~ClientConnection() override;

    // The response to the current request. Exactly one response per request.
    //! \a headerLines: serialized "Name: value\r\n" lines (forwardableLines()).
    void sendHead(int status, const QByteArray &headerLines, Framing framing,
                  qint64 contentLength = -1);
    void sendBody(const QByteArray &data);
    void endResponse();
    //! Sends a head that sendHead() kept back for the first body bytes.
    void flushHead();
    //! A complete response in one call (proxy errors, the local API, held bodies).
    void sendResponse(int status, const HeaderList &headers, const QByteArray &body);
    void sendResponse(int status, const QByteArray &headerLines, const QByteArray &body);
    void sendError(int status, const QString &message, HeaderList extra = {});
    //! Ends the connection now (a response that cannot be completed properly).
    void abortConnection();

    bool isOpen() const;
    bool isHeadRequest() const { return m_headRequest; }
    bool headSent() const { return m_headSent; }
    //! Bytes accepted for sending but not yet written to the kernel.
    qint64 pendingOutput() const;
    bool isIdle() const { return !m_busy; }
    //! Stop reading new requests; close once the current response is done.
    void drain();

private:
    enum class Timeout { None, Header, Body, Idle };
    void socketReadable() override;
    void socketDrained() override;
    void socketClosed() override;
    void socketTimeout() override;
    void processInput();
    //! Over the connection limit, or refusal() has a reason: answers (keeping the connection
    //! when \a keepAlive) and returns true.
    bool refused(const HttpRequest &head, bool keepAlive);
    void beginAnswer(const HttpRequest &head, bool keepAlive);
    void finishRequest();
    void onDisconnected();
    void write(const QByteArray &data);
    void setTimeout(Timeout kind);
    void closeGracefully();
    //! Too much input waits behind a request in progress, or too many answers wait for a
    //! client that does not read: the client is not read.
    bool inputBlocked() const;
    void resumeInput();

    //! Frees a finished request's handler from the event loop, right after its response went
    //! out: its clean-up then overlaps the client's reading instead of delaying the next request.
    class Retirer final : public Reactor::Handler
    {
    public:
        explicit Retirer(ClientConnection *owner) : m_owner(owner) {}
        void posted() override;
        void deadlineExpired() override {}

    private:
        ClientConnection *m_owner;
    };

    std::unique_ptr<StreamSocket> m_socket;
    Retirer m_retirer{this};
    const ServerSettings *m_settings;
    Owner *m_owner;
    Responder *m_responder = nullptr;
    std::unique_ptr<Responder> m_current, m_retired;
    RequestParser m_parser;
    QByteArray m_input;
    QByteArray m_head; //!< a response head not sent yet
    Timeout m_timeout = Timeout::None;
    bool m_busy = false;
    bool m_headChecked = false; //!< the request being read was judged on its head
    bool m_readPaused = false;  //!< inputBlocked() stopped reading; resumeInput() restarts it
    bool m_overLimit = false;
    bool m_headRequest = false, m_headSent = false, m_chunked = false, m_noBody = false;
    bool m_keepAlive = true, m_http11 = true;
    bool m_draining = false, m_closed = false, m_closedEmitted = false;
};

} // namespace qcc
