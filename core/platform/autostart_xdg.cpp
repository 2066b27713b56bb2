// Start at login on Linux and the BSDs: an XDG autostart entry.
#include "atomicfile.h"
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
    const QString path = entryPath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            *error = QStringLiteral("cannot remove %1").arg(path);
            return false;
        }
        return true;
    }
    return writeFileAtomically(path, desktopEntry(program), error);
}

} // namespace qcc
