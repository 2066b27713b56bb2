#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace qcc {

QString installTranslations(QCoreApplication *app, const QString &language)
{
    const QLocale locale = language.isEmpty() || language == QLatin1String("system")
                               ? QLocale::system()
                               : QLocale(language);
    // English is the source language: nothing to load, and other installed translators go.
    static QTranslator *ours = nullptr, *qt = nullptr;
    for (QTranslator **t : {&ours, &qt}) {
        if (*t) {
            app->removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const bool english = locale.language() == QLocale::English || locale.language() == QLocale::C;
    auto *mine = new QTranslator(app);
    // English is the source language; its file only adds proper plural forms.
    if (!mine->load(english ? QLocale(QLocale::English) : locale, QStringLiteral("qcc"),
                    QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete mine;
        return QStringLiteral("en"); // no translation for this language: English
    }
    if (english) {
        app->installTranslator(mine);
        ours = mine;
        return QStringLiteral("en");
    }
    app->installTranslator(mine);
    ours = mine;
    auto *base = new QTranslator(app);
    if (base->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                   QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        app->installTranslator(base);
        qt = base;
    } else {
        delete base;
    }
    return locale.name();
}

} // namespace qcc
