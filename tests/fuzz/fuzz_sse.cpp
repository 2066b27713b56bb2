// libFuzzer target: SseSplitter (core/http/sse.h), which cuts upstream event streams at event
// boundaries (the commit point and the relay depend on it). Input: 4 bytes of split seed, then
// the stream. Fed in one piece and in pieces: the same events, nothing lost or duplicated.

#include "fuzzutil.h"
#include "http/sse.h"

using namespace qcc;
using qcc::fuzz::pieces;
using qcc::fuzz::takeSeed;

namespace {
struct Run
{
    QList<SseEvent> events;
    QByteArray pending;
};

Run split(const QByteArray &stream, const QList<qsizetype> &cuts)
{
    Run run;
    SseSplitter splitter;
    qsizetype at = 0;
    for (qsizetype n : cuts) {
        run.events += splitter.feed(stream.mid(at, n));
        at += n;
    }
    run.pending = splitter.pending();
    return run;
}

//! An event ends with a line end (\n, \r\n or \r) followed by an empty line; these five
//! endings cover all nine combinations.
bool blankLineEnd(const QByteArray &raw)
{
    for (const char *end : {"\n\n", "\n\r\n", "\n\r", "\r\r", "\r\r\n"}) {
        if (raw.endsWith(end))
            return true;
    }
    return false;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const quint32 seed = takeSeed(data, size);
    const QByteArray stream(reinterpret_cast<const char *>(data), qsizetype(size));

    const Run whole = split(stream, {stream.size()});
    const Run pieces_ = split(stream, pieces(stream.size(), seed));

    // Every byte is in exactly one event or still pending, in order.
    QByteArray joined;
    for (const SseEvent &ev : whole.events) {
        FUZZ_CHECK(!ev.raw.isEmpty());
        FUZZ_CHECK(blankLineEnd(ev.raw));
        FUZZ_CHECK(!ev.event.isEmpty());
        const SseEvent again = parseSseEvent(ev.raw);
        FUZZ_CHECK(again.event == ev.event && again.data == ev.data);
        joined += ev.raw;
    }
    FUZZ_CHECK(joined + whole.pending == stream);

    FUZZ_CHECK(whole.events.size() == pieces_.events.size());
    for (qsizetype i = 0; i < whole.events.size(); ++i) {
        FUZZ_CHECK(whole.events[i].raw == pieces_.events[i].raw);
        FUZZ_CHECK(whole.events[i].event == pieces_.events[i].event);
        FUZZ_CHECK(whole.events[i].data == pieces_.events[i].data);
    }
    FUZZ_CHECK(whole.pending == pieces_.pending);
    return 0;
}
