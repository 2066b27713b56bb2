// Start at login on Windows: a value of the current user's Run key.
#include "autostart.h"

#include <QSettings>

namespace qcc {

namespace {
const QString kRunKey =
    QStringLiteral("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run");
const QString kValue = QStringLiteral("QCC");
} // namespace

QString Autostart::entryPath()
{
    return kRunKey + u'\\' + kValue;
}

bool Autostart::isEnabled()
{
    return QSettings(kRunKey, QSettings::NativeFormat).contains(kValue);
}

bool Autostart::setEnabled(bool enabled, const QString &program, QString *error)
{
    QSettings run(kRunKey, QSettings::NativeFormat);
    if (enabled)
        run.setValue(kValue, runCommand(program));
    else
        run.remove(kValue);
    run.sync();
    if (run.status() != QSettings::NoError) {
        *error = QStringLiteral("cannot write %1").arg(entryPath());
        return false;
    }
    return true;
}

} // namespace qcc
