// libFuzzer target: the config loader (core/config/config.h), which reads a file people edit by
// hand and which EngineHost re-parses before every save. Any bytes must give a config or
// errors, never both, never neither; a config that parses must write back to bytes that parse to
// the same config (what the tray saves is what the next start reads).

#include "config/config.h"
#include "fuzzutil.h"
#include "platform/logging.h"

using namespace qcc;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QProcessEnvironment env = [] {
        QProcessEnvironment e;
        e.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-fuzz-0123456789"));
        e.insert(QStringLiteral("RELAY_KEY"), QStringLiteral("sk-relay-中转-42"));
        e.insert(QStringLiteral("EMPTY"), QString());
        return e;
    }();
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const ConfigResult first = parseConfig(bytes, env);
    FUZZ_CHECK(first.config.has_value() != !first.errors.isEmpty());
    for (const UiText &e : first.errors)
        FUZZ_CHECK(!e.english().isEmpty());
    if (first.config) {
        const QByteArray written = first.config->toBytes();
        const ConfigResult second = parseConfig(written, env);
        FUZZ_CHECK(second.config.has_value());
        FUZZ_CHECK(second.config->toBytes() == written);
        FUZZ_CHECK(second.config->activeEndpoints().size() ==
                   first.config->activeEndpoints().size());
    }
    // parseConfig registers keys and tokens for redaction; a long-running app has a handful,
    // a fuzzer would collect millions.
    Redactor::clearSecrets();
    return 0;
}
