// A spooled request body anywhere Qt runs: a QTemporaryFile (created 0600) whose name is
// removed at once where the system lets an open file lose its name (POSIX), and when it is
// closed where it does not (Windows).
#include "spooledbody.h"

#include <QDir>
#include <QTemporaryFile>

namespace qcc {

struct SpooledBody::File
{
    QTemporaryFile file;
};

SpooledBody::SpooledBody(std::unique_ptr<File> file) : m_file(std::move(file)) {}
SpooledBody::~SpooledBody() = default;

std::shared_ptr<SpooledBody> SpooledBody::create(QString *error)
{
    const QString dirName = directory();
    auto file = std::make_unique<File>();
    file->file.setFileTemplate(QDir(dirName).filePath(QStringLiteral("qcc-body-XXXXXX")));
    if (!file->file.open()) {
        *error = QStringLiteral("cannot create a temporary file in %1: %2")
                     .arg(dirName, file->file.errorString());
        return nullptr;
    }
    // Without its name nothing is left behind once we let go; and our own clean-up could
    // otherwise remove a file someone else made under the same name later.
    if (QFile::remove(file->file.fileName()))
        file->file.setAutoRemove(false);
    return std::shared_ptr<SpooledBody>(new SpooledBody(std::move(file)));
}

bool SpooledBody::append(const char *data, qsizetype size, QString *error)
{
    QTemporaryFile &f = m_file->file;
    // Flushed at once: a full disk is told here, for this request, not at a later read.
    if (!f.seek(m_size) || f.write(data, size) != size || !f.flush()) {
        *error = QStringLiteral("cannot write to a temporary file in %1: %2")
                     .arg(directory(), f.errorString());
        return false;
    }
    m_size += size;
    return true;
}

qint64 SpooledBody::read(qint64 offset, char *buffer, qint64 max) const
{
    QTemporaryFile &f = m_file->file;
    if (!f.seek(offset))
        return -1;
    return f.read(buffer, max);
}

} // namespace qcc
