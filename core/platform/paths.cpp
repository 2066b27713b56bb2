#include "paths.h"

#include <QDir>
#include <QStandardPaths>

namespace qcc {

// Generic locations + "qcc": both binaries share one config and state whatever their
// application and organisation names are.
QString defaultConfigPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("qcc/config.json"));
}

QString defaultStateDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("qcc"));
}

} // namespace qcc
