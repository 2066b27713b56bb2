#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <initializer_list>

namespace qcc {

//! What the proxy needs to know of a JSON response body, found in one pass without building a tree.
struct JsonObjectScan
{
    bool isObject = false; //!< one complete, balanced JSON object and nothing else but whitespace
    QByteArrayView type;   //!< the top-level "type" string, if any (a view into the input)
    QByteArrayView usage;  //!< the raw top-level "usage" object, if any
};

JsonObjectScan scanJsonObject(QByteArrayView json);
//! The raw value of the top-level member \a key of the JSON object \a json, or an empty view.
QByteArrayView jsonMember(QByteArrayView json, QByteArrayView key);
//! jsonMember() for several keys in one pass: \a out[i] is the value of \a keys[i] (the first, if
//! repeated), or empty. \a out has room for keys.size() views.
void jsonMembers(QByteArrayView json, std::initializer_list<QByteArrayView> keys,
                 QByteArrayView *out);

} // namespace qcc
