#pragma once

#include <QString>

class QCoreApplication;

namespace qcc {

/*! Loads the UI translation for \a language ("system", "en", "zh_CN", ...) and Qt's own, when
 *  present. Log messages stay English: only texts translated when shown change (tr() and the
 *  engine's UiText::localized()). Returns the language used. */
QString installTranslations(QCoreApplication *app, const QString &language);

} // namespace qcc
