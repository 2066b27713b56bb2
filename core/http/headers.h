#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace qcc {

using Header = QPair<QByteArray, QByteArray>;
using HeaderList = QList<Header>;

//! First value of \a name (case-insensitive), or an empty array.
QByteArray headerValue(const HeaderList &headers, const QByteArray &name);
bool hasHeader(const HeaderList &headers, const QByteArray &name);
void removeHeader(HeaderList *headers, const QByteArray &name);
//! Removes hop-by-hop headers, including every header named in `Connection`.
void removeHopByHop(HeaderList *headers);
//! Serializes "Name: value\r\n" lines.
QByteArray serializeHeaders(const HeaderList &headers);

} // namespace qcc
