// libFuzzer target: ResponseParser (core/http/httpparser.h), which decodes what upstreams send
// (Content-Length, chunked and close-delimited bodies, interim 1xx responses). Input: 4 bytes of
// split seed, 1 byte of options, then the wire bytes. Parsed in one piece and in pieces; both
// runs must report the same head, the same body and the same end.

#include "fuzzutil.h"
#include "http/httpparser.h"

using namespace qcc;
using qcc::fuzz::pieces;
using qcc::fuzz::takeSeed;

namespace {
struct Run
{
    int heads = 0, completes = 0;
    int status = 0;
    HeaderList headers;
    QByteArray body;
    bool failed = false;   //!< a feed() returned false
    bool finished = false; //!< finish() returned true
    bool complete = false;
};

Run parse(const QByteArray &wire, const QList<qsizetype> &cuts, bool noBody, bool stopAfterHead)
{
    Run run;
    ResponseParser *self = nullptr;
    ResponseParser parser(ResponseParser::Callbacks{
        [&](int status, const HeaderList &headers) {
            FUZZ_CHECK(run.completes == 0);
            ++run.heads;
            run.status = status;
            run.headers = headers;
            FUZZ_CHECK(status >= 200); // 1xx are interim and never reported
            if (stopAfterHead)
                self->stop(); // as an attempt does when its exchange is done
        },
        [&](const char *data, qsizetype size) {
            FUZZ_CHECK(run.heads == 1 && run.completes == 0 && !noBody);
            FUZZ_CHECK(size > 0);
            run.body.append(data, size);
        },
        [&] {
            FUZZ_CHECK(run.heads == 1);
            ++run.completes;
        }});
    self = &parser;
    parser.setNoBody(noBody);
    qsizetype at = 0;
    for (qsizetype n : cuts) {
        if (!parser.feed(wire.constData() + at, n)) {
            run.failed = true;
            break;
        }
        at += n;
    }
    (void)parser.keepAlive();
    if (!run.failed) {
        run.finished = parser.finish();
        FUZZ_CHECK(run.finished == parser.isComplete());
        FUZZ_CHECK(run.finished || !parser.message().isEmpty());
    }
    run.complete = parser.isComplete();
    FUZZ_CHECK(run.complete == (run.completes == 1));
    FUZZ_CHECK(parser.headReceived() == (run.heads == 1));
    FUZZ_CHECK(run.heads <= 1 && run.completes <= 1);
    return run;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const quint32 seed = takeSeed(data, size);
    if (size == 0)
        return 0;
    const bool noBody = data[0] & 1;
    const bool stopAfterHead = data[0] & 2;
    ++data;
    --size;
    const QByteArray wire(reinterpret_cast<const char *>(data), qsizetype(size));

    const Run whole = parse(wire, {wire.size()}, noBody, stopAfterHead);
    const Run split = parse(wire, pieces(wire.size(), seed), noBody, stopAfterHead);
    FUZZ_CHECK(whole.heads == split.heads);
    FUZZ_CHECK(whole.status == split.status);
    FUZZ_CHECK(whole.headers == split.headers);
    FUZZ_CHECK(whole.failed == split.failed);
    FUZZ_CHECK(whole.finished == split.finished);
    FUZZ_CHECK(whole.complete == split.complete);
    if (!whole.failed) {
        FUZZ_CHECK(whole.body == split.body);
    } else {
        // Body bytes before a malformed byte in the same read are not handed out; bytes of
        // earlier reads are. So the whole run has seen a prefix of what the split run saw.
        FUZZ_CHECK(split.body.startsWith(whole.body));
    }
    return 0;
}
