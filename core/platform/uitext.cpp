#include "uitext.h"

#include <QCoreApplication>
#include <QStringList>

namespace qcc {

UiText UiText::labelled(const QString &label, const UiText &text)
{
    return UiText(QT_TRANSLATE_NOOP("qcc", "%1: %2"), {label, text});
}

UiText UiText::lines(QList<UiText> lines)
{
    UiText t;
    t.m_args = std::move(lines);
    t.m_lines = true;
    return t;
}

/*! \brief The text in English or, when \a translate, in the UI language (the "qcc" context of
 *  the installed translators; English when there is none). */
QString UiText::render(bool translate) const
{
    if (m_lines) {
        QStringList out;
        for (const UiText &line : m_args)
            out.append(line.render(translate));
        return out.join(u'\n');
    }
    if (!m_source)
        return m_text;
    const QString pattern =
        translate ? QCoreApplication::translate("qcc", m_source) : QString::fromUtf8(m_source);
    // One pass, unlike chained QString::arg(): an argument that contains "%2" (an upstream's
    // own message) is never substituted again.
    QString out;
    out.reserve(pattern.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        const int n = i + 1 < pattern.size() ? pattern.at(i + 1).digitValue() : -1;
        if (c == u'%' && n >= 1 && n <= m_args.size()) {
            out += m_args.at(n - 1).render(translate);
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

QString clippedText(const QString &text, qsizetype maxChars)
{
    if (text.size() <= maxChars)
        return text;
    qsizetype cut = qMax<qsizetype>(0, maxChars - 1); // room for the ellipsis
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.first(cut) + QChar(0x2026);
}

QString wireText(QByteArrayView bytes, qsizetype maxChars)
{
    // Decoding a bounded prefix keeps a huge header from costing a huge string; four bytes per
    // character is UTF-8's widest, and the cut after decoding falls between characters.
    const qsizetype enough = (maxChars + 1) * 4;
    return clippedText(QString::fromUtf8(bytes.first(qMin(bytes.size(), enough))), maxChars);
}

} // namespace qcc
