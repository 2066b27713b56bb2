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

void removeHopByHop(HeaderList *headers)
{
    QList<QByteArray> names = {"connection", "keep-alive",        "proxy-connection", "te",
                               "trailer",    "transfer-encoding", "upgrade"};
    for (const Header &h : std::as_const(*headers)) {
        if (h.first.compare("connection", Qt::CaseInsensitive) == 0) {
            for (const QByteArray &token : h.second.split(','))
                names.append(token.trimmed().toLower());
        }
    }
    headers->removeIf([&](const Header &h) { return names.contains(h.first.toLower()); });
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
