#include "paths.h"

#include <QDir>
#include <QStandardPaths>

namespace qcc {

QString defaultConfigPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("config.json"));
}

QString defaultStateDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

} // namespace qcc
