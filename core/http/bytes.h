#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <charconv>
#include <cstring>
#include <initializer_list>

namespace qcc {

/*! \a parts one after the other, in one allocation of exactly their size plus room for \a spare
 *  more bytes (a small body appended next then needs none). QByteArray::append and
 *  QStringBuilder cost more than the copy itself for the few short pieces of a message head. */
inline QByteArray concatBytes(std::initializer_list<QByteArrayView> parts, qsizetype spare = 0)
{
    qsizetype size = 0;
    for (const QByteArrayView &p : parts)
        size += p.size();
    QByteArray out;
    out.reserve(size + spare);
    out.resize(size);
    char *at = out.data();
    for (const QByteArrayView &p : parts) {
        if (!p.isEmpty())
            memcpy(at, p.data(), size_t(p.size()));
        at += p.size();
    }
    return out;
}

//! Decimal digits of a number, on the stack: a view for concatBytes() without an allocation.
class DecimalText
{
public:
    explicit DecimalText(qint64 n)
        : m_size(quint8(std::to_chars(m_digits, m_digits + sizeof m_digits, n).ptr - m_digits))
    {}
    QByteArrayView view() const { return QByteArrayView(m_digits, m_size); }

private:
    char m_digits[24];
    quint8 m_size;
};

//! A non-negative decimal integer and nothing else (spaces around it aside), or -1.
//! QByteArray::toLongLong goes through the locale machinery: several times the cost here.
inline qint64 parseDecimal(QByteArrayView text)
{
    text = text.trimmed();
    qint64 v = -1;
    const char *end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, v);
    return r.ec == std::errc() && r.ptr == end && v >= 0 ? v : -1;
}

/*! Shortest secret maskSecret() looks for: a shorter "key" (a test's "x") would blot out
 *  ordinary text, and is no secret worth the name. */
constexpr qsizetype kMinMaskedSecret = 8;

/*! Overwrites every occurrence of \a secret in \a data with as many '*': the length stays, so a
 *  Content-Length stays right. Used on whatever an upstream says before it reaches a client, a
 *  log or the stats (a relay may echo the key it got). True when something was masked. */
inline bool maskSecret(QByteArray &data, QByteArrayView secret)
{
    if (secret.size() < kMinMaskedSecret)
        return false;
    qsizetype at = data.indexOf(secret);
    if (at < 0)
        return false;
    do {
        memset(data.data() + at, '*', size_t(secret.size()));
        at = data.indexOf(secret, at + secret.size());
    } while (at >= 0);
    return true;
}

//! \a data with \a secret masked (see maskSecret()).
inline QByteArray maskedSecret(QByteArray data, QByteArrayView secret)
{
    maskSecret(data, secret);
    return data;
}

} // namespace qcc
