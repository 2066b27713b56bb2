#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace qcc {

//! What the proxy needs to know of a JSON response body, found in one pass without building a tree.
struct JsonObjectScan
{
    bool isObject = false; //!< one complete, balanced JSON object and nothing else but whitespace
    QByteArray type;       //!< the top-level "type" string, if any
    QByteArrayView usage;  //!< the raw top-level "usage" object, if any
};

JsonObjectScan scanJsonObject(QByteArrayView json);
//! The raw value of the top-level member \a key of the JSON object \a json, or an empty view.
QByteArrayView jsonMember(QByteArrayView json, QByteArrayView key);

} // namespace qcc
