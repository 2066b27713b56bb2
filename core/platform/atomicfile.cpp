#include "atomicfile.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace qcc {

bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error)
{
    const QFileInfo info(path);
    // Directories we create are owner-only from the start; existing ones are left as they are.
    if (!info.absoluteDir().exists() && !makePrivateDirectory(info.absolutePath())) {
        *error = QStringLiteral("%1: cannot create directory %2").arg(path, info.absolutePath());
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    // Restrict before any byte is written, so the content is never readable by others. (Where Qt
    // can, the temporary file has no name until commit(); elsewhere it sits in an owner-only
    // directory for QCC's own files.)
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (file.write(data) != data.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    return true;
}

bool makePrivateDirectory(const QString &dir)
{
    constexpr QFile::Permissions kOwnerOnly =
        QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    const QString path = QDir::cleanPath(QDir(dir).absolutePath());
    if (QFileInfo(path).isDir())
        return QFile::setPermissions(path, kOwnerOnly);
    const QString parent = QFileInfo(path).absolutePath();
    if (parent != path && !QFileInfo(parent).isDir() && !makePrivateDirectory(parent))
        return false;
    // Created with the mode, never widened first (QDir::mkdir with permissions, Qt 6.3).
    return QDir().mkdir(path, kOwnerOnly) || QFileInfo(path).isDir();
}

} // namespace qcc
