#pragma once

#include <QByteArray>
#include <QString>

namespace qcc {

/*! Start qcc-tray at login, the way each desktop does it: an XDG autostart entry on Linux and
 *  the BSDs ($XDG_CONFIG_HOME/autostart/qcc-tray.desktop), a LaunchAgent on macOS
 *  (~/Library/LaunchAgents/io.github.qcc.QccTray.plist), a value of the HKCU Run key on
 *  Windows. The entries' contents are built here for every system (and tested on any); where
 *  they go is the platform file's (autostart_xdg.cpp, autostart_macos.cpp,
 *  autostart_windows.cpp), chosen by CMake. */
namespace Autostart {
bool isEnabled();
//! Writes or removes the entry for \a program; false with \a error set on failure.
bool setEnabled(bool enabled, const QString &program, QString *error);
//! Where the entry is: a file, or the registry value.
QString entryPath();

//! An XDG desktop entry that runs \a program (quoted and escaped as the spec asks).
QByteArray desktopEntry(const QString &program);
//! A launchd property list that runs \a program at login (XML-escaped).
QByteArray launchAgent(const QString &program);
//! The Run key's command line for \a program (quoted, native separators).
QString runCommand(const QString &program);
//! For the platforms whose entry is a file: writes \a text to \a path (atomically), or
//! removes it.
bool setEntryFile(const QString &path, bool enabled, const QByteArray &text, QString *error);
} // namespace Autostart

} // namespace qcc
