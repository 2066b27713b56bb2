#include "headers.h"

namespace qcc {

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const Header &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    for (const Header &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

void removeHeader(HeaderList *headers, const QByteArray &name)
{
    headers->removeIf(
        [&](const Header &h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
}

static bool isHopByHop(QByteArrayView name)
{
    static const QByteArrayView names[] = {"connection", "keep-alive", "proxy-connection",
                                           "te",         "trailer",    "transfer-encoding",
                                           "upgrade"};
    for (const QByteArrayView &n : names) {
        if (name.size() == n.size() && name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

//! Extra header names listed in Connection (beyond the standard hop-by-hop ones), lower-case.
static QList<QByteArray> connectionNamed(const HeaderList &headers)
{
    QList<QByteArray> named;
    for (const Header &h : headers) {
        if (h.first.size() != 10 || h.first.compare("connection", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray &token : h.second.split(',')) {
            const QByteArray t = token.trimmed().toLower();
            if (!t.isEmpty() && !isHopByHop(t) && t != "close")
                named.append(t);
        }
    }
    return named;
}

HeaderList forwardableHeaders(const HeaderList &in, std::initializer_list<QByteArrayView> drop)
{
    const QList<QByteArray> named = connectionNamed(in);
    HeaderList out;
    out.reserve(in.size() + 2);
    for (const Header &h : in) {
        const QByteArrayView name = h.first;
        if (isHopByHop(name))
            continue;
        bool skip = false;
        for (const QByteArrayView &d : drop)
            skip = skip || (name.size() == d.size() && name.compare(d, Qt::CaseInsensitive) == 0);
        for (const QByteArray &n : named)
            skip = skip || name.compare(n, Qt::CaseInsensitive) == 0;
        if (!skip)
            out.append(h);
    }
    return out;
}

void removeHopByHop(HeaderList *headers)
{
    *headers = forwardableHeaders(*headers, {});
}

QByteArray serializeHeaders(const HeaderList &headers)
{
    QByteArray out;
    out.reserve(headers.size() * 32);
    for (const Header &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    return out;
}

} // namespace qcc
