#pragma once

#include "headers.h"
#include "platform/uitext.h"
#include "spooledbody.h"

#include <QByteArray>
#include <QString>
#include <QVarLengthArray>

#include <cstring>
#include <functional>
#include <memory>

struct llhttp__internal_s; // llhttp_t

namespace qcc {

//! Room for one llhttp_t inside the parser objects (its layout is llhttp's business): a parser
//! costs no allocation of its own.
struct alignas(8) LlhttpStorage
{
    unsigned char bytes[128];
    llhttp__internal_s *get();
    const llhttp__internal_s *get() const;
};

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

/*! The URL and header section of one message, collected as the parser reports it: every name
 *  and value goes into one buffer, each followed by a '\0', and comes out as QByteArrays that
 *  share that buffer. One allocation per head instead of two per header; the buffer lives as
 *  long as any of its headers does. */
class HeadCollector
{
    Q_DISABLE_COPY_MOVE(HeadCollector) // m_data points into m_buffer

public:
    HeadCollector() = default;
    void url(const char *at, size_t len);
    //! A piece of a header name; true when it begins a new header.
    bool name(const char *at, size_t len);
    void value(const char *at, size_t len);
    //! The headers collected (and the URL into \a url), then starts afresh.
    HeaderList take(QByteArray *url = nullptr);
    void clear();

private:
    enum class In { Nothing, Url, Name, Value };
    struct Span
    {
        qsizetype name = 0, nameSize = 0, value = 0, valueSize = 0;
    };
    void put(const char *at, size_t len)
    {
        if (len == 0)
            return;
        if (m_used + qsizetype(len) > m_capacity)
            grow(qsizetype(len));
        memcpy(m_data + m_used, at, len);
        m_used += qsizetype(len);
    }
    void putTerminator()
    {
        if (m_used == m_capacity)
            grow(1);
        m_data[m_used++] = '\0';
    }
    void grow(qsizetype more);
    void endPiece();
    //! A QByteArray over part of the buffer, holding a reference to it (as a copy of the whole
    //! would), '\0'-terminated like any other. Writing to it while the buffer is shared copies
    //! it first, as for any shared QByteArray.
    QByteArray shared(qsizetype pos, qsizetype size)
    {
        if (size == 0)
            return QByteArray();
        QByteArray::DataPointer part = m_buffer.data_ptr();
        part.ptr += pos;
        part.size = size;
        return QByteArray(std::move(part));
    }

    QByteArray m_buffer;    //!< its size is its capacity; m_used bytes are filled
    char *m_data = nullptr; //!< m_buffer's bytes, written without QByteArray's detach checks
    qsizetype m_used = 0, m_capacity = 0;
    qsizetype m_url = 0, m_urlSize = 0;
    QVarLengthArray<Span, 24> m_spans;
    In m_in = In::Nothing;
};

/*! Incremental HTTP/1.1 request parser over llhttp with size limits. Stops after each
 *  complete request so pipelined requests are handled one at a time. The socket code only
 *  feeds it bytes. */
class RequestParser
{
public:
    //! Head: see stopAtHeads().
    enum class Status { Incomplete, Head, Complete, Error };
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
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    Result feed(const char *data, qsizetype size);
    //! When on, feed() stops with Status::Head after the head of a request that has a body, so
    //! that the head can be judged before a byte of the body is accepted; head() is the request
    //! so far, and continueBody() goes on to the body.
    void stopAtHeads(bool on) { m_stopAtHeads = on; }
    const HttpRequest &head() const { return m_request; }
    void continueBody();
    //! The completed request; the parser is then ready for the next one.
    HttpRequest take();
    //! True while a request has begun but its header section is not complete.
    bool inHeaderSection() const { return m_started && !m_headersDone; }
    //! True while a request's head is complete but its body is not.
    bool inBody() const { return m_headersDone && !m_complete; }

private:
    struct Impl;
    friend struct Impl;
    llhttp__internal_s *parser() { return m_llhttp.get(); }
    LlhttpStorage m_llhttp;
    HttpRequest m_request;
    HeadCollector m_head;
    bool m_started = false, m_headersDone = false, m_complete = false;
    bool m_stopAtHeads = false, m_atHead = false;
    qsizetype m_headerBytes = 0;
    qsizetype m_maxHeader, m_maxBody, m_spoolAbove;
    int m_limitStatus = 0;
    QString m_spoolError;
};

/*! Incremental HTTP/1.1 response parser over llhttp; chunked bodies are decoded. */
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
    llhttp__internal_s *parser() { return m_llhttp.get(); }
    const llhttp__internal_s *parser() const { return m_llhttp.get(); }
    LlhttpStorage m_llhttp;
    Callbacks m_cb;
    HeaderList m_headers;
    HeadCollector m_head;
    bool m_noBody = false, m_headDone = false, m_complete = false, m_stopped = false;
    qsizetype m_headerBytes = 0;
    UiText m_message;
};

} // namespace qcc
