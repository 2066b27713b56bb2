// A spooled request body on Linux: a file opened with O_TMPFILE, which never has a name.
#include "http/spooledbody.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace qcc {

struct SpooledBody::File
{
    int fd;
    ~File() { ::close(fd); }
};

SpooledBody::SpooledBody(std::unique_ptr<File> file) : m_file(std::move(file)) {}
SpooledBody::~SpooledBody() = default;

std::shared_ptr<SpooledBody> SpooledBody::create(QString *error)
{
    const QString dirName = directory();
    const QByteArray dir = QFile::encodeName(dirName);
    // O_TMPFILE: the file never has a name, so nothing is left behind even by a crash.
    int fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, S_IRUSR | S_IWUSR);
    if (fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        QByteArray path = dir + "/qcc-body-XXXXXX";
        fd = ::mkostemp(path.data(), O_CLOEXEC);
        if (fd >= 0)
            ::unlink(path.constData());
    }
    if (fd < 0) {
        *error = QStringLiteral("cannot create a temporary file in %1: %2")
                     .arg(dirName, qt_error_string(errno));
        return nullptr;
    }
    return std::shared_ptr<SpooledBody>(new SpooledBody(std::unique_ptr<File>(new File{fd})));
}

bool SpooledBody::append(const char *data, qsizetype size, QString *error)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(m_file->fd, data, size_t(size), m_size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = QStringLiteral("cannot write to a temporary file in %1: %2")
                         .arg(directory(), qt_error_string(n < 0 ? errno : ENOSPC));
            return false;
        }
        m_size += n;
        data += n;
        size -= n;
    }
    return true;
}

qint64 SpooledBody::read(qint64 offset, char *buffer, qint64 max) const
{
    for (;;) {
        const ssize_t n = ::pread(m_file->fd, buffer, size_t(max), offset);
        if (n < 0 && errno == EINTR)
            continue;
        return n;
    }
}

} // namespace qcc
