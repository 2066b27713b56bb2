// libFuzzer target: RequestParser (core/http/httpparser.h), the parser every client byte meets.
// Input: 4 bytes of split seed, 1 byte of options, then the wire bytes (often several pipelined
// requests). The bytes are parsed twice, in one piece and cut into pieces, the way the client
// connection feeds them; both runs must see the same requests and the same end. Half the time
// the split run also stops at each head with a body behind it (stopAtHeads), as the client
// connection does to judge a head before its body: that must change nothing else.

#include "fuzzutil.h"
#include "http/httpparser.h"

using namespace qcc;
using qcc::fuzz::pieces;
using qcc::fuzz::takeSeed;

namespace {
struct Run
{
    QList<HttpRequest> requests;
    RequestParser::Status end = RequestParser::Status::Incomplete;
    int errorStatus = 0;
    QString message;
};

bool sameRequest(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path &&
           a.headers == b.headers && a.body == b.body && a.keepAlive == b.keepAlive &&
           a.http11 == b.http11;
}

void checkRequest(const HttpRequest &r, qsizetype maxBody)
{
    FUZZ_CHECK(!r.method.isEmpty());
    FUZZ_CHECK(r.path.startsWith('/'));
    FUZZ_CHECK(r.target.startsWith(r.path));
    FUZZ_CHECK(r.body.size() <= maxBody);
    for (const Header &h : r.headers)
        FUZZ_CHECK(!h.first.isEmpty());
}

/*! Feeds \a wire to \a parser in the given pieces, as ClientConnection does: the unconsumed rest
 *  of a piece is fed again after each complete request. */
Run parse(const QByteArray &wire, const QList<qsizetype> &cuts, qsizetype maxHeader,
          qsizetype maxBody, bool heads = false)
{
    Run run;
    RequestParser parser(maxHeader, maxBody);
    parser.stopAtHeads(heads);
    QByteArray input; // what the connection holds and has not yet had consumed
    qsizetype at = 0;
    for (qsizetype n : cuts) {
        input += wire.mid(at, n);
        at += n;
        while (!input.isEmpty()) {
            const RequestParser::Result r = parser.feed(input.constData(), input.size());
            FUZZ_CHECK(r.consumed >= 0 && r.consumed <= input.size());
            input.remove(0, r.consumed);
            if (r.status == RequestParser::Status::Error) {
                FUZZ_CHECK(r.errorStatus == 400 || r.errorStatus == 413 || r.errorStatus == 431);
                FUZZ_CHECK(!r.message.isEmpty());
                run.end = r.status;
                run.errorStatus = r.errorStatus;
                run.message = r.message;
                return run; // the connection answers and closes
            }
            if (r.status == RequestParser::Status::Head) {
                FUZZ_CHECK(heads);
                FUZZ_CHECK(!parser.head().method.isEmpty());
                FUZZ_CHECK(parser.head().path.startsWith('/'));
                FUZZ_CHECK(parser.head().body.isEmpty()); // not a byte of the body yet
                parser.continueBody();
                continue;
            }
            if (r.status == RequestParser::Status::Incomplete) {
                FUZZ_CHECK(input.isEmpty()); // nothing is left behind without a reason
                break;
            }
            FUZZ_CHECK(r.consumed > 0); // a complete request always ends in a consumed byte
            FUZZ_CHECK(!parser.inHeaderSection());
            HttpRequest req = parser.take();
            checkRequest(req, maxBody);
            run.requests.append(std::move(req));
        }
    }
    run.end = RequestParser::Status::Incomplete;
    return run;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const quint32 seed = takeSeed(data, size);
    if (size == 0)
        return 0;
    // Small limits half the time, so the 413/431 paths are reached by inputs of fuzzing size.
    const bool small = data[0] & 1;
    const bool heads = data[0] & 2;
    ++data;
    --size;
    const qsizetype maxHeader = small ? 256 : 64 * 1024;
    const qsizetype maxBody = small ? 128 : 32 * 1024 * 1024;
    const QByteArray wire(reinterpret_cast<const char *>(data), qsizetype(size));

    const Run whole = parse(wire, {wire.size()}, maxHeader, maxBody);
    const Run split = parse(wire, pieces(wire.size(), seed), maxHeader, maxBody, heads);
    FUZZ_CHECK(whole.requests.size() == split.requests.size());
    for (qsizetype i = 0; i < whole.requests.size(); ++i)
        FUZZ_CHECK(sameRequest(whole.requests[i], split.requests[i]));
    FUZZ_CHECK(whole.end == split.end);
    // A request that is both malformed and over a limit may be refused for either, depending on
    // where the reads end: the parser hands over a header value (which the limit counts) only
    // when the value or the read ends, but stops at a bad byte at once. Both are refusals that
    // close the connection; any other difference is a bug.
    const bool eitherMalformed = whole.errorStatus == 400 || split.errorStatus == 400;
    if (whole.errorStatus == split.errorStatus || !eitherMalformed) {
        FUZZ_CHECK(whole.errorStatus == split.errorStatus);
        FUZZ_CHECK(whole.message == split.message);
    }
    return 0;
}
