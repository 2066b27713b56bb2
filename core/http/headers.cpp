#include "headers.h"

#include <QVarLengthArray>

#include <cstring>

namespace qcc {

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const Header &h : headers) {
        if (sameHeaderName(h.first, name))
            return h.second;
    }
    return QByteArray();
}

bool hasHeader(const HeaderList &headers, QByteArrayView name)
{
    for (const Header &h : headers) {
        if (sameHeaderName(h.first, name))
            return true;
    }
    return false;
}

void removeHeader(HeaderList *headers, QByteArrayView name)
{
    headers->removeIf([&](const Header &h) { return sameHeaderName(h.first, name); });
}

namespace {
bool isHopByHop(QByteArrayView name)
{
    // By length first: most names are not hop-by-hop and leave after one comparison.
    switch (name.size()) {
    case 2:
        return sameHeaderName(name, "te");
    case 7:
        return sameHeaderName(name, "trailer") || sameHeaderName(name, "upgrade");
    case 10:
        return sameHeaderName(name, "connection") || sameHeaderName(name, "keep-alive");
    case 16:
        return sameHeaderName(name, "proxy-connection");
    case 17:
        return sameHeaderName(name, "transfer-encoding");
    default:
        return false;
    }
}

//! Header names listed in Connection beyond the standard hop-by-hop ones, as views into the list.
using NameViews = QVarLengthArray<QByteArrayView, 8>;
NameViews connectionNamed(const HeaderList &in)
{
    NameViews named;
    for (const Header &h : in) {
        if (!sameHeaderName(h.first, "connection"))
            continue;
        QByteArrayView rest = h.second;
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            const QByteArrayView token = (comma < 0 ? rest : rest.first(comma)).trimmed();
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
            if (!token.isEmpty() && !isHopByHop(token) && !sameHeaderName(token, "close"))
                named.append(token);
        }
    }
    return named;
}

//! Calls \a keep for each header of \a in that is not hop-by-hop, not named in `Connection` and
//! not in \a drop.
template <typename Keep>
void forEachForwardable(const HeaderList &in, std::initializer_list<QByteArrayView> drop, Keep keep)
{
    const NameViews named = connectionNamed(in);
    for (const Header &h : in) {
        const QByteArrayView name = h.first;
        if (isHopByHop(name))
            continue;
        bool skip = false;
        for (const QByteArrayView &d : drop)
            skip = skip || sameHeaderName(name, d);
        for (const QByteArrayView &n : named)
            skip = skip || sameHeaderName(name, n);
        if (!skip)
            keep(h);
    }
}

template <typename Headers> QByteArray serialize(const Headers &headers, QByteArrayView tail = {})
{
    qsizetype size = tail.size();
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
    if (!tail.isEmpty())
        put(tail.data(), tail.size());
    return out;
}
} // namespace

QByteArray forwardableLines(const HeaderList &in, std::initializer_list<QByteArrayView> drop,
                            QByteArrayView tail)
{
    QVarLengthArray<const Header *, 32> kept;
    forEachForwardable(in, drop, [&kept](const Header &h) { kept.append(&h); });
    return serialize(kept, tail);
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
