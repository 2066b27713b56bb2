#include "autostart.h"

#include "atomicfile.h"

#include <QDir>
#include <QFile>

namespace qcc {

QByteArray Autostart::desktopEntry(const QString &program)
{
    // Exec: an argument with reserved characters is quoted; inside quotes ", `, $ and \ take
    // a backslash (the Desktop Entry Specification, "The Exec key").
    QString exec = program;
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    bool quote = false;
    for (QChar c : program)
        quote |= reserved.contains(c);
    if (quote) {
        exec.clear();
        for (QChar c : program) {
            if (c == u'"' || c == u'`' || c == u'$' || c == u'\\')
                exec += u'\\';
            exec += c;
        }
        exec = u'"' + exec + u'"';
    }
    // In a desktop file's string values a backslash is itself escaped once more.
    exec.replace(u'\\', QStringLiteral("\\\\"));
    return "[Desktop Entry]\n"
           "Type=Application\n"
           "Name=QCC\n"
           "Comment=Failover proxy for Claude Code\n"
           "Exec=" +
           exec.toUtf8() +
           "\n"
           "Icon=qcc\n"
           "Terminal=false\n"
           "X-GNOME-Autostart-enabled=true\n";
}

QByteArray Autostart::launchAgent(const QString &program)
{
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
           "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
           "<plist version=\"1.0\"><dict>\n"
           "<key>Label</key><string>io.github.qcc.QccTray</string>\n"
           "<key>ProgramArguments</key><array><string>" +
           program.toHtmlEscaped().toUtf8() +
           "</string></array>\n"
           "<key>RunAtLoad</key><true/>\n"
           "<key>ProcessType</key><string>Interactive</string>\n"
           "</dict></plist>\n";
}

bool Autostart::setEntryFile(const QString &path, bool enabled, const QByteArray &text,
                             QString *error)
{
    if (enabled)
        return writeFileAtomically(path, text, error);
    if (QFile::exists(path) && !QFile::remove(path)) {
        *error = QStringLiteral("cannot remove %1").arg(path);
        return false;
    }
    return true;
}

QString Autostart::runCommand(const QString &program)
{
    return u'"' + QDir::toNativeSeparators(program) + u'"';
}

} // namespace qcc
