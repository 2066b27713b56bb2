#pragma once

#include "headers.h"
#include "platform/uitext.h"
#include "spooledbody.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

struct http_parser;
struct http_parser_settings;

namespace qcc {

struct HttpRequest
{
    QByteArray method;
    QByteArray target; //!< as sent: path and query
    QByteArray path;   //!< without the query
    HeaderList headers;
    QByteArray body; //!< empty when the body is spooled
    //! The body, when it was larger than the parser keeps in memory.
    std::shared_ptr<SpooledBody> spool;
    bool keepAlive = true;
    bool http11 = true; //!< HTTP/1.1 (chunked responses allowed)
    QByteArray header(QByteArrayView name) const { return headerValue(headers, name); }
    qint64 bodySize() const { return spool ? spool->size() : body.size(); }
};

/*! Incremental HTTP/1.1 request parser over libhttp-parser with size limits. Stops after each
 *  complete request so pipelined requests are handled one at a time. The socket code only
 *  feeds it bytes. */
class RequestParser
{
public:
    enum class Status { Incomplete, Complete, Error };
    struct Result
    {
        Status status = Status::Incomplete;
        qsizetype consumed = 0;
        int errorStatus = 0; //!< 400, 413, 431 (or 500: the body cannot be spooled)
        QString message;
    };
    //! Bodies larger than this go to a SpooledBody as they arrive, not into memory.
    static constexpr qsizetype kSpoolAbove = 1024 * 1024;

    explicit RequestParser(qsizetype maxHeaderBytes = 64 * 1024,
                           qsizetype maxBodyBytes = 32 * 1024 * 1024,
                           qsizetype spoolAbove = kSpoolAbove);
    ~RequestParser();
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    Result feed(const char *data, qsizetype size);
    //! The completed request; the parser is then ready for the next one.
    HttpRequest take();
    //! True while a request has begun but its header section is not complete.
    bool inHeaderSection() const { return m_started && !m_headersDone; }
    //! True while a request's head is complete but its body is not.
    bool inBody() const { return m_headersDone && !m_complete; }

private:
    struct Impl;
    friend struct Impl;
    std::unique_ptr<http_parser> m_parser;
    HttpRequest m_request;
    QByteArray m_field, m_value;
    bool m_lastWasValue = false;
    bool m_started = false, m_headersDone = false, m_complete = false;
    qsizetype m_headerBytes = 0;
    qsizetype m_maxHeader, m_maxBody, m_spoolAbove;
    int m_limitStatus = 0;
    QString m_spoolError;
};

/*! Incremental HTTP/1.1 response parser over libhttp-parser; chunked bodies are decoded. */
class ResponseParser
{
public:
    struct Callbacks
    {
        std::function<void(int status, const HeaderList &headers)> head;
        std::function<void(const char *data, qsizetype size)> body;
        std::function<void()> complete;
    };

    explicit ResponseParser(Callbacks callbacks);
    ~ResponseParser();
    ResponseParser(const ResponseParser &) = delete;
    ResponseParser &operator=(const ResponseParser &) = delete;

    //! For responses to HEAD: the head has no body whatever it says.
    void setNoBody(bool noBody) { m_noBody = noBody; }
    //! Returns false on malformed input (message() says why) or when a callback asked to stop.
    bool feed(const char *data, qsizetype size);
    //! The connection closed: completes a body delimited by close. False if that truncates it.
    bool finish();
    void stop() { m_stopped = true; }
    bool keepAlive() const;
    bool isComplete() const { return m_complete; }
    bool headReceived() const { return m_headDone; }
    UiText message() const { return m_message; }

private:
    bool trailingBytes();

    struct Impl;
    friend struct Impl;
    std::unique_ptr<http_parser> m_parser;
    Callbacks m_cb;
    HeaderList m_headers;
    QByteArray m_field, m_value;
    bool m_lastWasValue = false;
    bool m_noBody = false, m_headDone = false, m_complete = false, m_stopped = false;
    qsizetype m_headerBytes = 0;
    UiText m_message;
};

} // namespace qcc
