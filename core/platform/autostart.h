#pragma once

#include <QString>

namespace qcc {

/*! Start at login for qcc-tray: an XDG autostart entry on Linux
 *  ($XDG_CONFIG_HOME/autostart/qcc-tray.desktop), the HKCU Run key on Windows, a LaunchAgent
 *  on macOS. */
namespace Autostart {
bool isEnabled();
//! Writes or removes the entry for \a program; false with \a error set on failure.
bool setEnabled(bool enabled, const QString &program, QString *error);
QString entryPath();
} // namespace Autostart

} // namespace qcc
