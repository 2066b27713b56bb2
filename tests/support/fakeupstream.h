#pragma once

#include "http/httpparser.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <functional>

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
    explicit FakeUpstream(QObject *parent = nullptr, quint16 port = 0);
    ~FakeUpstream() override;

    quint16 port() const { return m_server.serverPort(); }
    QString baseUrl() const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setReply(const FakeReply &reply);
    //! Replies like a working Messages API: echoes the probe code, streams when asked.
    void setWorking();
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
    QTcpServer m_server;
    Handler m_handler;
    QList<HttpRequest> m_requests;
    QList<QPointer<QTcpSocket>> m_sockets;
    int m_open = 0;
    int m_accepted = 0;
};

//! The echo-code handler reply: finds the probe code in the request and answers with it.
FakeReply echoReply(const HttpRequest &request);

} // namespace qcc::test
