#include "httpparser.h"

#include <llhttp.h>

#include <cstring>
#include <new>
#include <utility>

namespace qcc {

static_assert(sizeof(llhttp_t) <= sizeof(LlhttpStorage::bytes) &&
                  alignof(llhttp_t) <= alignof(LlhttpStorage),
              "LlhttpStorage must hold an llhttp_t");

llhttp_t *LlhttpStorage::get()
{
    return std::launder(reinterpret_cast<llhttp_t *>(bytes));
}
const llhttp_t *LlhttpStorage::get() const
{
    return std::launder(reinterpret_cast<const llhttp_t *>(bytes));
}

// ---------------------------------------------------------------- head collector

void HeadCollector::grow(qsizetype more)
{
    // Typical heads fit the first size; a large one doubles a few times, at most up to the
    // parser's header limit.
    const qsizetype size = qMax(qMax<qsizetype>(2048, 2 * m_capacity), m_used + more);
    if (m_buffer.isEmpty())
        m_buffer = QByteArray(size, Qt::Uninitialized);
    else
        m_buffer.resize(size);
    m_data = m_buffer.data();
    m_capacity = size;
}

void HeadCollector::endPiece()
{
    switch (m_in) {
    case In::Nothing:
        return;
    case In::Name: // a header without a value: it gets the name's terminator, empty
        m_spans.last().value = m_used;
        m_spans.last().valueSize = 0;
        break;
    case In::Url:
    case In::Value:
        break;
    }
    putTerminator(); // the '\0' every QByteArray's data ends with
    m_in = In::Nothing;
}

void HeadCollector::url(const char *at, size_t len)
{
    if (m_in != In::Url) {
        endPiece();
        m_url = m_used;
        m_urlSize = 0;
        m_in = In::Url;
    }
    put(at, len);
    m_urlSize += qsizetype(len);
}

bool HeadCollector::name(const char *at, size_t len)
{
    const bool starts = m_in != In::Name;
    if (starts) {
        endPiece();
        m_spans.append(Span{m_used, 0, 0, 0});
        m_in = In::Name;
    }
    put(at, len);
    m_spans.last().nameSize += qsizetype(len);
    return starts;
}

void HeadCollector::value(const char *at, size_t len)
{
    if (m_in != In::Value) {
        if (m_in != In::Name) { // (the parser reports a value only after its name)
            endPiece();
            m_spans.append(Span{m_used, 0, 0, 0});
        }
        putTerminator(); // the name's terminator
        m_spans.last().value = m_used;
        m_in = In::Value;
    }
    put(at, len);
    m_spans.last().valueSize += qsizetype(len);
}

HeaderList HeadCollector::take(QByteArray *url)
{
    endPiece();
    HeaderList headers;
    headers.reserve(m_spans.size());
    for (const Span &s : m_spans) {
        if (s.nameSize > 0)
            headers.emplaceBack(shared(s.name, s.nameSize), shared(s.value, s.valueSize));
    }
    if (url)
        *url = shared(m_url, m_urlSize);
    clear();
    return headers;
}

void HeadCollector::clear()
{
    m_buffer = QByteArray(); // never written again: what was handed out keeps it
    m_data = nullptr;
    m_used = m_capacity = m_url = m_urlSize = 0;
    m_spans.clear();
    m_in = In::Nothing;
}

// ---------------------------------------------------------------- request parser

struct RequestParser::Impl
{
    static RequestParser *self(llhttp_t *p) { return static_cast<RequestParser *>(p->data); }

    static bool countHeader(RequestParser *r, size_t len)
    {
        r->m_headerBytes += qsizetype(len);
        if (r->m_headerBytes > r->m_maxHeader) {
            r->m_limitStatus = 431;
            return false;
        }
        return true;
    }

    static int onBegin(llhttp_t *p)
    {
        RequestParser *r = self(p);
        r->m_started = true;
        return 0;
    }
    static int onUrl(llhttp_t *p, const char *at, size_t len)
    {
        RequestParser *r = self(p);
        r->m_head.url(at, len);
        return countHeader(r, len) ? 0 : 1;
    }
    static int onField(llhttp_t *p, const char *at, size_t len)
    {
        RequestParser *r = self(p);
        // ": " and CRLF count once per header, not once per piece: a name split across reads
        // must not cost more than one read in one piece (found by fuzz_request).
        const bool newField = r->m_head.name(at, len);
        return countHeader(r, newField ? len + 4 : len) ? 0 : 1;
    }
    static int onValue(llhttp_t *p, const char *at, size_t len)
    {
        RequestParser *r = self(p);
        r->m_head.value(at, len);
        return countHeader(r, len) ? 0 : 1;
    }
    static int onHeadersComplete(llhttp_t *p)
    {
        RequestParser *r = self(p);
        r->m_request.headers = r->m_head.take(&r->m_request.target);
        r->m_headersDone = true;
        // The parser's names are static strings: referenced, not copied.
        const char *method = llhttp_method_name(llhttp_method_t(p->method));
        r->m_request.method = QByteArray::fromRawData(method, qsizetype(strlen(method)));
        r->m_request.http11 = p->http_major > 1 || (p->http_major == 1 && p->http_minor >= 1);
        const QByteArray &t = r->m_request.target;
        if (!t.startsWith('/') || p->upgrade) {
            r->m_limitStatus = 400;
            return -1;
        }
        const auto q = t.indexOf('?');
        r->m_request.path = q < 0 ? t : t.left(q);
        if ((p->flags & F_CONTENT_LENGTH) && p->content_length > quint64(r->m_maxBody)) {
            r->m_limitStatus = 413;
            return -1;
        }
        if (r->m_stopAtHeads &&
            ((p->flags & F_CHUNKED) || ((p->flags & F_CONTENT_LENGTH) && p->content_length > 0))) {
            r->m_atHead = true;
            return HPE_PAUSED; // continueBody() resumes
        }
        return 0;
    }
    static int onBody(llhttp_t *p, const char *at, size_t len)
    {
        RequestParser *r = self(p);
        HttpRequest &q = r->m_request;
        if (q.bodySize() + qint64(len) > r->m_maxBody) {
            r->m_limitStatus = 413;
            return 1;
        }
        if (!q.spool && q.body.size() + qsizetype(len) > r->m_spoolAbove) {
            // From here on the body goes to a file as it arrives: a 20 MiB request costs the
            // process no more memory than a small one.
            q.spool = SpooledBody::create(&r->m_spoolError);
            if (!q.spool || !q.spool->append(q.body.constData(), q.body.size(), &r->m_spoolError)) {
                r->m_limitStatus = 500;
                return 1;
            }
            q.body = QByteArray();
        }
        if (q.spool) {
            if (!q.spool->append(at, qsizetype(len), &r->m_spoolError)) {
                r->m_limitStatus = 500;
                return 1;
            }
            return 0;
        }
        // One allocation for a body of announced length (already checked against the limit).
        // (content_length counts what is still to come after this piece.)
        if (q.body.isEmpty() && !(p->flags & F_CHUNKED) && (p->flags & F_CONTENT_LENGTH) &&
            p->content_length + len <= quint64(r->m_spoolAbove))
            q.body.reserve(qsizetype(p->content_length + len));
        q.body.append(at, qsizetype(len));
        return 0;
    }
    static int onComplete(llhttp_t *p)
    {
        RequestParser *r = self(p);
        r->m_complete = true;
        r->m_request.keepAlive = llhttp_should_keep_alive(p) != 0;
        return HPE_PAUSED; // one request at a time: take() resumes
    }

    static const llhttp_settings_t *settings()
    {
        static const llhttp_settings_t s = [] {
            llhttp_settings_t s;
            llhttp_settings_init(&s);
            s.on_message_begin = onBegin;
            s.on_url = onUrl;
            s.on_header_field = onField;
            s.on_header_value = onValue;
            s.on_headers_complete = onHeadersComplete;
            s.on_body = onBody;
            s.on_message_complete = onComplete;
            return s;
        }();
        return &s;
    }
};

RequestParser::RequestParser(qsizetype maxHeaderBytes, qsizetype maxBodyBytes, qsizetype spoolAbove)
    : m_maxHeader(maxHeaderBytes), m_maxBody(maxBodyBytes), m_spoolAbove(spoolAbove)
{
    llhttp_init(new (m_llhttp.bytes) llhttp_t, HTTP_REQUEST, Impl::settings());
    parser()->data = this;
}

RequestParser::Result RequestParser::feed(const char *data, qsizetype size)
{
    Result result;
    if (m_complete || m_atHead) {
        result.status = m_complete ? Status::Complete : Status::Head;
        return result;
    }
    const llhttp_errno_t err = llhttp_execute(parser(), data, size_t(size));
    result.consumed = err == HPE_OK ? size : qsizetype(llhttp_get_error_pos(parser()) - data);
    if (m_complete) {
        result.status = Status::Complete;
        return result;
    }
    if (err == HPE_OK)
        return result;
    if (err == HPE_PAUSED && m_atHead) {
        result.status = Status::Head;
        return result;
    }
    result.status = Status::Error;
    if (m_limitStatus == 431) {
        result.errorStatus = 431;
        result.message =
            QStringLiteral("request header section is larger than %1 bytes").arg(m_maxHeader);
    } else if (m_limitStatus == 413) {
        result.errorStatus = 413;
        result.message = QStringLiteral("request body is larger than %1 bytes").arg(m_maxBody);
    } else if (m_limitStatus == 500) {
        result.errorStatus = 500;
        result.message = QStringLiteral("QCC cannot hold the request body: %1").arg(m_spoolError);
    } else if (m_limitStatus == 400) {
        result.errorStatus = 400;
        result.message = QStringLiteral("request target must be an origin-form path");
    } else {
        result.errorStatus = 400;
        result.message = QStringLiteral("malformed HTTP request: %1")
                             .arg(QString::fromLatin1(llhttp_get_error_reason(parser())));
    }
    return result;
}

void RequestParser::continueBody()
{
    if (std::exchange(m_atHead, false))
        llhttp_resume(parser());
}

HttpRequest RequestParser::take()
{
    HttpRequest r = std::move(m_request);
    m_request = HttpRequest();
    m_head.clear(); // the trailers of a chunked body, if any
    m_started = m_headersDone = m_complete = m_atHead = false;
    m_headerBytes = 0;
    llhttp_resume(parser());
    return r;
}

// ---------------------------------------------------------------- response parser

struct ResponseParser::Impl
{
    static ResponseParser *self(llhttp_t *p) { return static_cast<ResponseParser *>(p->data); }
    static int onField(llhttp_t *p, const char *at, size_t len)
    {
        ResponseParser *r = self(p);
        r->m_head.name(at, len);
        r->m_headerBytes += qsizetype(len);
        return r->m_headerBytes > 256 * 1024 ? 1 : 0;
    }
    static int onValue(llhttp_t *p, const char *at, size_t len)
    {
        ResponseParser *r = self(p);
        r->m_head.value(at, len);
        r->m_headerBytes += qsizetype(len);
        return r->m_headerBytes > 256 * 1024 ? 1 : 0;
    }
    static int onHeadersComplete(llhttp_t *p)
    {
        ResponseParser *r = self(p);
        r->m_headers = r->m_head.take();
        if (p->status_code < 100) {
            r->m_message = UiText(QT_TRANSLATE_NOOP("qcc", "malformed HTTP response: %1"),
                                  {QStringLiteral("status code %1").arg(p->status_code)});
            return -1;
        }
        if (p->status_code < 200) {
            // An interim response (100 Continue): wait for the real one. It has no body whatever
            // its headers say; skipping it keeps its bytes from reaching the body callback before
            // any head (found by fuzz_response).
            r->m_headers.clear();
            return 1;
        }
        r->m_headDone = true;
        if (r->m_cb.head)
            r->m_cb.head(int(p->status_code), r->m_headers);
        if (r->m_stopped)
            return -1;
        return r->m_noBody ? 1 : 0;
    }
    static int onBody(llhttp_t *p, const char *at, size_t len)
    {
        ResponseParser *r = self(p);
        if (r->m_cb.body)
            r->m_cb.body(at, qsizetype(len));
        return r->m_stopped ? 1 : 0;
    }
    static int onComplete(llhttp_t *p)
    {
        ResponseParser *r = self(p);
        if (!r->m_headDone)
            return 0; // end of an interim response
        r->m_complete = true;
        if (r->m_cb.complete)
            r->m_cb.complete();
        // One response per parser: bytes after it in the same read must not be parsed as a
        // second response (its head would reach the callbacks after complete(); found by
        // fuzz_response). feed() reports them as it does bytes in a later read.
        return HPE_PAUSED;
    }
    static const llhttp_settings_t *settings()
    {
        static const llhttp_settings_t s = [] {
            llhttp_settings_t s;
            llhttp_settings_init(&s);
            s.on_header_field = onField;
            s.on_header_value = onValue;
            s.on_headers_complete = onHeadersComplete;
            s.on_body = onBody;
            s.on_message_complete = onComplete;
            return s;
        }();
        return &s;
    }
};

ResponseParser::ResponseParser(Callbacks callbacks) : m_cb(std::move(callbacks))
{
    llhttp_init(new (m_llhttp.bytes) llhttp_t, HTTP_RESPONSE, Impl::settings());
    parser()->data = this;
}

bool ResponseParser::feed(const char *data, qsizetype size)
{
    if (m_stopped)
        return false;
    if (m_complete)
        return size == 0 || trailingBytes();
    const llhttp_errno_t err = llhttp_execute(parser(), data, size_t(size));
    if (m_stopped)
        return false;
    if (m_complete) // paused at the end of the response
        return llhttp_get_error_pos(parser()) == data + size || trailingBytes();
    if (err != HPE_OK) {
        if (m_message.isEmpty())
            m_message = UiText(QT_TRANSLATE_NOOP("qcc", "malformed HTTP response: %1"),
                               {QString::fromLatin1(llhttp_get_error_reason(parser()))});
        return false;
    }
    return true;
}

//! Bytes after a complete response are a protocol error: we never pipeline requests upstream.
bool ResponseParser::trailingBytes()
{
    m_message = UiText(QT_TRANSLATE_NOOP("qcc", "malformed HTTP response: %1"),
                       {QStringLiteral("bytes after the end of the response")});
    return false;
}

bool ResponseParser::finish()
{
    if (m_complete)
        return true;
    if (m_stopped)
        return false;
    llhttp_finish(parser());
    if (!m_complete && m_message.isEmpty())
        m_message =
            UiText(m_headDone ? QT_TRANSLATE_NOOP("qcc", "connection closed before the response "
                                                         "body ended")
                              : QT_TRANSLATE_NOOP("qcc", "connection closed before a response "
                                                         "arrived"));
    return m_complete;
}

bool ResponseParser::keepAlive() const
{
    return llhttp_should_keep_alive(parser()) != 0;
}

} // namespace qcc
