#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <initializer_list>

namespace qcc {

using Header = QPair<QByteArray, QByteArray>;
using HeaderList = QList<Header>;

//! ASCII case-insensitive equality of header names, inline: names are compared many times per
//! request.
inline bool sameHeaderName(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const char x = a[i], y = b[i];
        if (x != y && (uchar((x | 0x20) - 'a') >= 26 || (x | 0x20) != (y | 0x20)))
            return false;
    }
    return true;
}

//! First value of \a name (case-insensitive), or an empty array.
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
bool hasHeader(const HeaderList &headers, QByteArrayView name);
void removeHeader(HeaderList *headers, QByteArrayView name);
//! Removes hop-by-hop headers, including every header named in `Connection`.
void removeHopByHop(HeaderList *headers);
/*! One pass over \a in: everything but hop-by-hop headers (and those `Connection` names) and
 *  the headers named in \a drop (lower-case), as "Name: value\r\n" lines, then \a tail (lines
 *  of the caller's own), in one allocation. The hot path of every relayed message. */
QByteArray forwardableLines(const HeaderList &in, std::initializer_list<QByteArrayView> drop,
                            QByteArrayView tail = {});
//! Serializes "Name: value\r\n" lines.
QByteArray serializeHeaders(const HeaderList &headers);

} // namespace qcc
