// Start at login on macOS: a LaunchAgent of the user's.
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
    // (A bundle's executable: Contents/MacOS/qcc-tray inside QCC.app.)
    return setEntryFile(entryPath(), enabled, launchAgent(program), error);
}

} // namespace qcc
