// Start at login on Linux and the BSDs: an XDG autostart entry.
#include "autostart.h"

#include <QDir>
#include <QFile>

namespace qcc {

QString Autostart::entryPath()
{
    QString base = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.config");
    return base + QStringLiteral("/autostart/qcc-tray.desktop");
}

bool Autostart::isEnabled()
{
    return QFile::exists(entryPath());
}

bool Autostart::setEnabled(bool enabled, const QString &program, QString *error)
{
    return setEntryFile(entryPath(), enabled, desktopEntry(program), error);
}

} // namespace qcc
