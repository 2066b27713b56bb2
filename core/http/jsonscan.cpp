#include "jsonscan.h"

#include <algorithm>
#include <cstring>

namespace qcc {

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

//! Equal bytes, inline: QByteArrayView's operator== is a call into Qt for a few bytes.
inline bool same(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && memcmp(a.data(), b.data(), size_t(a.size())) == 0;
}

//! Index just past the string starting at \a i (a '"'), or -1.
qsizetype skipString(QByteArrayView s, qsizetype i)
{
    // Jumps from quote to quote (memchr): reply text is mostly string. A quote ends the string
    // unless an odd run of backslashes escapes it.
    const char *const data = s.data();
    const qsizetype start = ++i;
    while (i < s.size()) {
        const void *quote = memchr(data + i, '"', size_t(s.size() - i));
        if (!quote)
            return -1;
        const qsizetype q = static_cast<const char *>(quote) - data;
        qsizetype b = q;
        while (b > start && data[b - 1] == '\\')
            --b;
        if ((q - b) % 2 == 0)
            return q + 1;
        i = q + 1;
    }
    return -1;
}

//! The bytes that matter while skipping a container: brackets and the start of a string.
constexpr bool isStructural(unsigned char c)
{
    return c == '"' || c == '{' || c == '}' || c == '[' || c == ']';
}
constexpr struct StructuralTable
{
    bool at[256] = {};
    constexpr StructuralTable()
    {
        for (int c = 0; c < 256; ++c)
            at[c] = isStructural((unsigned char)c);
    }
} kStructural;

//! Index just past the value starting at \a i, or -1 when it is malformed or truncated.
qsizetype skipValue(QByteArrayView s, qsizetype i)
{
    if (i >= s.size())
        return -1;
    if (s[i] == '"')
        return skipString(s, i);
    if (s[i] == '{' || s[i] == '[') {
        const char *const data = s.data();
        int depth = 0;
        for (; i < s.size(); ++i) {
            const char c = data[i];
            if (!kStructural.at[(unsigned char)c])
                continue;
            if (c == '"') {
                i = skipString(s, i);
                if (i < 0)
                    return -1;
                --i;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (--depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }
    // number, true, false, null
    const qsizetype start = i;
    while (i < s.size() && !isSpace(s[i]) && s[i] != ',' && s[i] != '}' && s[i] != ']')
        ++i;
    return i > start ? i : -1;
}
} // namespace

namespace {
//! Walks the members of one JSON object; \a visit(key, value) returns false to stop early.
//! Returns true when the whole input is exactly one well-formed-looking object.
template <typename Visit> bool walkObject(QByteArrayView s, Visit visit)
{
    qsizetype i = 0;
    const auto ws = [&] {
        while (i < s.size() && isSpace(s[i]))
            ++i;
    };
    ws();
    if (i >= s.size() || s[i] != '{')
        return false;
    ++i;
    ws();
    if (i < s.size() && s[i] == '}') {
        ++i;
    } else {
        for (;;) {
            ws();
            if (i >= s.size() || s[i] != '"')
                return false;
            const qsizetype keyEnd = skipString(s, i);
            if (keyEnd < 0)
                return false;
            const QByteArrayView key = s.sliced(i + 1, keyEnd - i - 2);
            i = keyEnd;
            ws();
            if (i >= s.size() || s[i] != ':')
                return false;
            ++i;
            ws();
            const qsizetype valueEnd = skipValue(s, i);
            if (valueEnd < 0)
                return false;
            if (!visit(key, s.sliced(i, valueEnd - i)))
                return false;
            i = valueEnd;
            ws();
            if (i < s.size() && s[i] == ',') {
                ++i;
                continue;
            }
            if (i < s.size() && s[i] == '}') {
                ++i;
                break;
            }
            return false;
        }
    }
    ws();
    return i == s.size();
}
} // namespace

JsonObjectScan scanJsonObject(QByteArrayView s)
{
    JsonObjectScan r;
    r.isObject = walkObject(s, [&r](QByteArrayView key, QByteArrayView value) {
        if (same(key, "type") && value.startsWith('"'))
            r.type = value.sliced(1, value.size() - 2);
        else if (same(key, "usage") && value.startsWith('{'))
            r.usage = value;
        return true;
    });
    return r;
}

QByteArrayView jsonMember(QByteArrayView s, QByteArrayView key)
{
    QByteArrayView found;
    walkObject(s, [&](QByteArrayView k, QByteArrayView value) {
        if (!same(k, key))
            return true;
        found = value;
        return false;
    });
    return found;
}

void jsonMembers(QByteArrayView s, std::initializer_list<QByteArrayView> keys, QByteArrayView *out)
{
    std::fill(out, out + keys.size(), QByteArrayView());
    qsizetype missing = qsizetype(keys.size());
    walkObject(s, [&](QByteArrayView k, QByteArrayView value) {
        qsizetype i = 0;
        for (const QByteArrayView &key : keys) {
            if (out[i].isNull() && same(k, key)) {
                out[i] = value;
                return --missing > 0;
            }
            ++i;
        }
        return true;
    });
}

bool JsonStringMemberFinder::feed(QByteArrayView piece)
{
    const char *p = piece.data();
    const qsizetype n = piece.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        switch (m_state) {
        case State::Start:
            if (c == '{')
                m_state = State::Key;
            else if (!isSpace(c))
                m_state = State::Done;
            break;
        case State::Key:
            if (c == '"') {
                m_state = State::InKey;
                m_currentKey.clear();
                m_keyMatches = true;
            } else if (c == '}') {
                m_state = State::Done;
            } else if (!isSpace(c)) {
                m_state = State::Done;
            }
            break;
        case State::InKey:
            // An escaped key is never the one looked for (nobody writes "mod\u0065l").
            if (c == '\\' || m_escape) {
                m_escape = !m_escape && c == '\\';
                m_keyMatches = false;
            } else if (c == '"') {
                m_keyMatches = m_keyMatches && m_currentKey == m_key;
                m_state = State::Colon;
            } else if (m_keyMatches) {
                m_currentKey += c;
                m_keyMatches = m_currentKey.size() <= m_key.size();
            }
            break;
        case State::Colon:
            if (c == ':')
                m_state = State::Value;
            else if (!isSpace(c))
                m_state = State::Done;
            break;
        case State::Value:
            if (isSpace(c))
                break;
            if (m_keyMatches) {
                m_state = c == '"' ? State::Target : State::Done;
                m_valueStart = m_offset + i;
                m_value = QByteArray(1, c);
            } else if (c == '"') {
                m_state = State::Skip;
                m_inString = true;
                m_depth = 0;
            } else if (c == '{' || c == '[') {
                m_state = State::Skip;
                m_depth = 1;
            } else {
                m_state = State::Scalar;
            }
            break;
        case State::Skip:
            if (m_inString) {
                // Most of a request is string: jump to the next quote or backslash.
                if (!m_escape) {
                    qsizetype j = i;
                    while (j < n && p[j] != '"' && p[j] != '\\')
                        ++j;
                    if (j == n) {
                        i = n - 1;
                        break;
                    }
                    i = j;
                }
                const char d = p[i];
                if (m_escape)
                    m_escape = false;
                else if (d == '\\')
                    m_escape = true;
                else if (d == '"') {
                    m_inString = false;
                    if (m_depth == 0)
                        m_state = State::After;
                }
            } else if (c == '"') {
                m_inString = true;
            } else if (c == '{' || c == '[') {
                ++m_depth;
            } else if ((c == '}' || c == ']') && --m_depth == 0) {
                m_state = State::After;
            }
            break;
        case State::Scalar:
            if (c == ',')
                m_state = State::Key;
            else if (c == '}')
                m_state = State::Done;
            else if (isSpace(c))
                m_state = State::After;
            break;
        case State::After:
            if (c == ',')
                m_state = State::Key;
            else if (!isSpace(c))
                m_state = State::Done; // '}' ends the object; anything else is not JSON
            break;
        case State::Target:
            m_value += c;
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_state = State::Found;
            if (m_state != State::Found && m_value.size() >= kMaxValue)
                m_state = State::Done;
            break;
        case State::Found:
        case State::Done:
            return false;
        }
        if (m_state == State::Found || m_state == State::Done)
            return false;
    }
    m_offset += n;
    return true;
}

} // namespace qcc
