// libFuzzer target: the one-pass JSON object scanner (core/http/jsonscan.h), which decides
// whether a held non-streaming reply is committed. It is lenient by design, but must never read
// out of bounds, and must accept every object that a real JSON parser accepts.

#include "fuzzutil.h"
#include "http/jsonscan.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace qcc;

namespace {
bool inside(QByteArrayView part, QByteArrayView whole)
{
    return part.isEmpty() || (part.data() >= whole.data() &&
                              part.data() + part.size() <= whole.data() + whole.size());
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A copy in a buffer of its own size, so ASan sees any read past the end.
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QByteArrayView json(bytes);
    const JsonObjectScan scan = scanJsonObject(json);
    FUZZ_CHECK(inside(scan.usage, json));
    FUZZ_CHECK(scan.usage.isEmpty() || scan.usage.startsWith('{'));
    const QByteArrayView usage = jsonMember(json, "usage");
    const QByteArrayView type = jsonMember(json, "type");
    FUZZ_CHECK(inside(usage, json) && inside(type, json));
    FUZZ_CHECK(inside(scan.type, json));
    // The one-pass form finds exactly what the one-key form finds, key by key.
    QByteArrayView both[2];
    jsonMembers(json, {"type", "usage"}, both);
    FUZZ_CHECK(both[0].data() == type.data() && both[0].size() == type.size());
    FUZZ_CHECK(both[1].data() == usage.data() && both[1].size() == usage.size());

    // The piece-by-piece finder (spooled request bodies) finds the same whatever the pieces.
    JsonStringMemberFinder whole("type"), pieces("type");
    whole.feed(json);
    const qsizetype step = size > 0 ? 1 + data[0] % 7 : 1;
    for (qsizetype at = 0;
         at < json.size() && pieces.feed(json.sliced(at, qMin(step, json.size() - at)));
         at += step) {
    }
    FUZZ_CHECK(whole.found() == pieces.found());
    if (whole.found()) {
        FUZZ_CHECK(whole.valueStart() == pieces.valueStart());
        FUZZ_CHECK(whole.rawValue() == pieces.rawValue());
        FUZZ_CHECK(bytes.mid(whole.valueStart(), whole.rawValue().size()) == whole.rawValue());
        FUZZ_CHECK(whole.rawValue().startsWith('"') && whole.rawValue().endsWith('"'));
    }

    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()) {
        FUZZ_CHECK(scan.isObject);
        // The scanner compares raw keys (upstreams do not escape "usage") and keeps the first of
        // duplicates; compare with the real parser where those do not matter.
        if (!bytes.contains('\\') && bytes.count("\"usage\"") <= 1) {
            const QJsonObject o = doc.object();
            FUZZ_CHECK(o.contains(QLatin1String("usage")) == !usage.isEmpty());
            FUZZ_CHECK(o.value(QLatin1String("usage")).isObject() == !scan.usage.isEmpty());
        }
        if (!bytes.contains('\\') && bytes.count("\"type\"") <= 1 &&
            QString::fromUtf8(bytes).toUtf8() == bytes) {
            const QJsonValue typeValue = doc.object().value(QLatin1String("type"));
            const QByteArray text = typeValue.toString().toUtf8();
            const bool shortString =
                typeValue.isString() && text.size() <= JsonStringMemberFinder::kMaxValue - 2;
            FUZZ_CHECK(whole.found() == shortString);
            if (shortString)
                FUZZ_CHECK(whole.rawValue() == '"' + text + '"');
        }
    }
    return 0;
}
