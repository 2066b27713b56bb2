// Start at login on macOS: a LaunchAgent of the user's.
#include "atomicfile.h"
#include "autostart.h"

#include <QDir>
#include <QFile>

namespace qcc {

QString Autostart::entryPath()
{
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/io.github.qcc.QccTray.plist");
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
    // (A bundle's executable: Contents/MacOS/qcc-tray inside QCC.app.)
    return writeFileAtomically(path, launchAgent(program), error);
}

} // namespace qcc
