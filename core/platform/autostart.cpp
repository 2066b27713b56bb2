#include "autostart.h"

#include "atomicfile.h"

#include <QDir>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>

namespace qcc {

#if defined(Q_OS_WIN)
static const char *kRunKey = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";

QString Autostart::entryPath()
{
    return QString::fromLatin1(kRunKey) + QStringLiteral("\\QCC");
}

bool Autostart::isEnabled()
{
    return QSettings(QString::fromLatin1(kRunKey), QSettings::NativeFormat)
        .contains(QStringLiteral("QCC"));
}

bool Autostart::setEnabled(bool enabled, const QString &program, QString *error)
{
    QSettings run(QString::fromLatin1(kRunKey), QSettings::NativeFormat);
    if (enabled)
        run.setValue(QStringLiteral("QCC"),
                     QLatin1Char('"') + QDir::toNativeSeparators(program) + QLatin1Char('"'));
    else
        run.remove(QStringLiteral("QCC"));
    run.sync();
    if (run.status() != QSettings::NoError) {
        *error = QStringLiteral("cannot write %1").arg(entryPath());
        return false;
    }
    return true;
}
#else
QString Autostart::entryPath()
{
#if defined(Q_OS_MACOS)
    return QDir::homePath() + QStringLiteral("/Library/LaunchAgents/io.github.qcc.QccTray.plist");
#else
    QString base = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.config");
    return base + QStringLiteral("/autostart/qcc-tray.desktop");
#endif
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
#if defined(Q_OS_MACOS)
    const QByteArray text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
                            "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                            "<plist version=\"1.0\"><dict>\n"
                            "<key>Label</key><string>io.github.qcc.QccTray</string>\n"
                            "<key>ProgramArguments</key><array><string>" +
                            program.toUtf8() +
                            "</string></array>\n"
                            "<key>RunAtLoad</key><true/>\n"
                            "</dict></plist>\n";
#else
    QString exec = program;
    if (exec.contains(u' '))
        exec = u'"' + exec + u'"';
    const QByteArray text = "[Desktop Entry]\n"
                            "Type=Application\n"
                            "Name=QCC\n"
                            "Comment=Failover proxy for Claude Code\n"
                            "Exec=" +
                            exec.toUtf8() +
                            "\n"
                            "Icon=qcc\n"
                            "Terminal=false\n"
                            "X-GNOME-Autostart-enabled=true\n";
#endif
    return writeFileAtomically(path, text, error);
}
#endif

} // namespace qcc
