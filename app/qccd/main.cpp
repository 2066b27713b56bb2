#include "config/config.h"

#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--version"))) {
        QTextStream(stdout) << "qccd " QCC_VERSION "\n";
        return 0;
    }
    const auto i = args.indexOf(QStringLiteral("--check-config"));
    if (i > 0 && i + 1 < args.size()) {
        const qcc::ConfigResult r = qcc::loadConfig(args[i + 1]);
        QTextStream err(stderr);
        for (const QString &e : r.errors)
            err << e << '\n';
        return r.config ? 0 : 2;
    }
    return 0;
}
