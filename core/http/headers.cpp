#include "headers.h"

#include <QVarLengthArray>

#include <cstring>

namespace qcc {

namespace {
inline char lowerAscii(char c)
{
    return uchar(c - 'A') < 26 ? char(c + 32) : c;
}
//! ASCII case-insensitive equality, inline: header names are compared many times per request.
inline bool sameName(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    }
    return true;
}
} // namespace

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const Header &h : headers) {
        if (sameName(h.first, name))
            return h.second;
    }
    return QByteArray();
}

bool hasHeader(const HeaderList &headers, QByteArrayView name)
{
    for (const Header &h : headers) {
        if (sameName(h.first, name))
            return true;
    }
    return false;
}

void removeHeader(HeaderList *headers, QByteArrayView name)
{
    headers->removeIf([&](const Header &h) { return sameName(h.first, name); });
}

static bool isHopByHop(QByteArrayView name)
{
    static const QByteArrayView names[] = {"connection", "keep-alive", "proxy-connection",
                                           "te",         "trailer",    "transfer-encoding",
                                           "upgrade"};
    for (const QByteArrayView &n : names) {
        if (sameName(name, n))
            return true;
    }
    return false;
}

//! Extra header names listed in Connection (beyond the standard hop-by-hop ones), lower-case.
static QList<QByteArray> connectionNamed(const HeaderList &headers)
{
    QList<QByteArray> named;
    for (const Header &h : headers) {
        if (!sameName(h.first, "connection"))
            continue;
        for (const QByteArray &token : h.second.split(',')) {
            const QByteArray t = token.trimmed().toLower();
            if (!t.isEmpty() && !isHopByHop(t) && t != "close")
                named.append(t);
        }
    }
    return named;
}

namespace {
//! Calls \a keep for each header of \a in that is not hop-by-hop, not named in `Connection` and
//! not in \a drop.
template <typename Keep>
void forEachForwardable(const HeaderList &in, std::initializer_list<QByteArrayView> drop, Keep keep)
{
    const QList<QByteArray> named = connectionNamed(in);
    for (const Header &h : in) {
        const QByteArrayView name = h.first;
        if (isHopByHop(name))
            continue;
        bool skip = false;
        for (const QByteArrayView &d : drop)
            skip = skip || sameName(name, d);
        for (const QByteArray &n : named)
            skip = skip || sameName(name, n);
        if (!skip)
            keep(h);
    }
}

template <typename Headers> QByteArray serialize(const Headers &headers)
{
    qsizetype size = 0;
    for (const Header *h : headers)
        size += h->first.size() + h->second.size() + 4;
    // Sized once, filled with memcpy: QByteArray::append costs more than the copy itself here.
    QByteArray out(size, Qt::Uninitialized);
    char *p = out.data();
    auto put = [&p](const char *data, qsizetype n) {
        memcpy(p, data, size_t(n));
        p += n;
    };
    for (const Header *h : headers) {
        put(h->first.constData(), h->first.size());
        put(": ", 2);
        put(h->second.constData(), h->second.size());
        put("\r\n", 2);
    }
    return out;
}
} // namespace

QByteArray forwardableLines(const HeaderList &in, std::initializer_list<QByteArrayView> drop)
{
    QVarLengthArray<const Header *, 32> kept;
    forEachForwardable(in, drop, [&kept](const Header &h) { kept.append(&h); });
    return serialize(kept);
}

void removeHopByHop(HeaderList *headers)
{
    HeaderList kept;
    forEachForwardable(*headers, {}, [&kept](const Header &h) { kept.append(h); });
    *headers = std::move(kept);
}

QByteArray serializeHeaders(const HeaderList &headers)
{
    QVarLengthArray<const Header *, 32> all;
    for (const Header &h : headers)
        all.append(&h);
    return serialize(all);
}

} // namespace qcc
