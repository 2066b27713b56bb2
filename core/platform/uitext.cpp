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

} // namespace qcc
