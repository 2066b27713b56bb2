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

/*! Finds the string value of one top-level member of a JSON object that arrives in pieces (a
 *  spooled request body is read piece by piece, never whole). Holds the member's key and at most
 *  kMaxValue bytes of its value, whatever the input's size. */
class JsonStringMemberFinder
{
public:
    static constexpr qsizetype kMaxValue = 4096;
    explicit JsonStringMemberFinder(QByteArray key) : m_key(std::move(key)) {}
    /*! Feeds the next bytes of the input; false once the outcome is known (found, or the input
     *  is not an object, ends, or gives the member a value that is not a short string). */
    bool feed(QByteArrayView piece);
    bool found() const { return m_state == State::Found; }
    qint64 valueStart() const { return m_valueStart; } //!< the value's opening quote
    //! The raw value, both quotes included, as it is in the input.
    const QByteArray &rawValue() const { return m_value; }

private:
    enum class State { Start, Key, InKey, Colon, Value, Skip, Scalar, After, Target, Found, Done };
    QByteArray m_key;
    QByteArray m_value;
    QByteArray m_currentKey;
    State m_state = State::Start;
    qint64 m_offset = 0; //!< of the next byte fed
    qint64 m_valueStart = -1;
    int m_depth = 0;
    bool m_inString = false, m_escape = false, m_keyMatches = false;
};

} // namespace qcc
