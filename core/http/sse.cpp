#include "sse.h"

namespace qcc {

namespace {
//! Position just past the blank line ending the first event at or after \a from, or -1.
qsizetype eventEnd(const QByteArray &b, qsizetype from)
{
    const qsizetype n = b.size();
    for (qsizetype i = from; i < n; ++i) {
        const char c = b[i];
        if (c != '\n' && c != '\r')
            continue;
        // a line end at i; is the next line empty?
        qsizetype j = i + 1;
        if (c == '\r') {
            if (j >= n)
                return -1; // cannot tell "\r" from "\r\n" yet
            if (b[j] == '\n')
                ++j;
        }
        if (j >= n)
            return -1;
        if (b[j] == '\n')
            return j + 1;
        if (b[j] == '\r') {
            if (j + 1 >= n)
                return -1;
            return b[j + 1] == '\n' ? j + 2 : j + 1;
        }
    }
    return -1;
}
} // namespace

SseEvent parseSseEvent(const QByteArray &raw)
{
    SseEvent ev;
    ev.raw = raw;
    QByteArray text = raw;
    text.replace("\r\n", "\n");
    text.replace('\r', '\n');
    bool firstData = true;
    for (const QByteArray &line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith(':'))
            continue;
        const auto colon = line.indexOf(':');
        const QByteArray field = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
        if (field == "event") {
            ev.event = value;
        } else if (field == "data") {
            if (!firstData)
                ev.data += '\n';
            ev.data += value;
            firstData = false;
        }
    }
    if (ev.event.isEmpty())
        ev.event = "message";
    return ev;
}

QList<SseEvent> SseSplitter::feed(const QByteArray &bytes)
{
    QList<SseEvent> events;
    m_buffer += bytes;
    qsizetype start = 0;
    for (;;) {
        const qsizetype end = eventEnd(m_buffer, qMax(start, m_scanFrom));
        if (end < 0)
            break;
        events.append(parseSseEvent(m_buffer.mid(start, end - start)));
        start = end;
        m_scanFrom = end;
    }
    if (start > 0) {
        m_buffer.remove(0, start);
        m_scanFrom = 0;
    }
    // Resume scanning near the end next time (a terminator may straddle reads).
    m_scanFrom = qMax<qsizetype>(0, m_buffer.size() - 3);
    return events;
}

} // namespace qcc
