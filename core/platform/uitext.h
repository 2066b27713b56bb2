#pragma once

#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>

namespace qcc {

/*! A text the engine produces for people: an English template marked with
 *  QT_TRANSLATE_NOOP("qcc", "...%1...") and its arguments, kept apart until it is shown.
 *  english() is what logs, the local API, qccd's output and state files get; localized() is what
 *  the UI shows, translated when it is called. The engine itself never translates, so logs stay
 *  English whatever the UI language.
 *
 *  Arguments are UiTexts too, so one text can quote another. A QString converts to a text that
 *  reads the same in every language: a path, a number, a field name, a message from an upstream
 *  or from Qt. */
class UiText
{
public:
    UiText() = default;
    UiText(const QString &verbatim) : m_text(verbatim) {} // implicit on purpose, see above
    //! \a source: a literal marked with QT_TRANSLATE_NOOP("qcc", ...); %1 to %9 are \a args.
    UiText(const char *source, QList<UiText> args) : m_source(source), m_args(std::move(args)) {}
    explicit UiText(const char *source) : m_source(source) {}
    //! "label: text", e.g. a config field path, a file or an endpoint name and its problem.
    static UiText labelled(const QString &label, const UiText &text);
    //! Several texts, one per line.
    static UiText lines(QList<UiText> lines);

    QString english() const { return render(false); }
    QString localized() const { return render(true); }
    bool isEmpty() const { return !m_source && m_text.isEmpty() && m_args.isEmpty(); }
    //! The template (null for a verbatim text or lines): what kind of text this is.
    const char *source() const { return m_source; }

private:
    QString render(bool translate) const;

    const char *m_source = nullptr;
    QString m_text;       //!< a verbatim text
    QList<UiText> m_args; //!< the arguments; the lines when m_lines
    bool m_lines = false;
};

/*! At most \a maxChars characters of \a text, cut between characters (never inside a
 *  surrogate pair), "…" added where it was cut. */
QString clippedText(const QString &text, qsizetype maxChars);

/*! Bytes from the wire — a request path, a header, an upstream's message — as text for people:
 *  decoded as UTF-8 (a malformed sequence shows as U+FFFD), then clippedText(). */
QString wireText(QByteArrayView bytes, qsizetype maxChars = 200);

} // namespace qcc

Q_DECLARE_METATYPE(qcc::UiText)
