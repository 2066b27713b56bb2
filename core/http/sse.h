#pragma once

#include <QByteArray>
#include <QList>

namespace qcc {

struct SseEvent
{
    QByteArray raw;   //!< exact bytes, terminator included, to relay unchanged
    QByteArray event; //!< the `event:` field ("message" when absent)
    QByteArray data;  //!< the `data:` lines joined by '\n'
};

/*! Splits a text/event-stream into whole events as bytes arrive, keeping each event's exact
 *  bytes. Handles \n, \r\n and \r line ends and events split across reads. */
class SseSplitter
{
public:
    QList<SseEvent> feed(const QByteArray &bytes);
    //! Bytes of an event not yet terminated.
    const QByteArray &pending() const { return m_buffer; }

private:
    QByteArray m_buffer;
    qsizetype m_scanFrom = 0;
};

SseEvent parseSseEvent(const QByteArray &raw);

} // namespace qcc
