#include "spooledbody.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace qcc {

std::shared_ptr<SpooledBody> SpooledBody::create(QString *error)
{
    // (QDir::tempPath() is empty when TMPDIR names a directory that does not exist.)
    QString dirName = QDir::tempPath();
    if (dirName.isEmpty())
        dirName = qEnvironmentVariable("TMPDIR");
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
    return std::shared_ptr<SpooledBody>(new SpooledBody(fd));
}

SpooledBody::~SpooledBody()
{
    ::close(m_fd);
}

bool SpooledBody::append(const char *data, qsizetype size, QString *error)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(m_fd, data, size_t(size), m_size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            *error = QStringLiteral("cannot write to a temporary file in %1: %2")
                         .arg(QDir::tempPath(), qt_error_string(n < 0 ? errno : ENOSPC));
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
        const ssize_t n = ::pread(m_fd, buffer, size_t(max), offset);
        if (n < 0 && errno == EINTR)
            continue;
        return n;
    }
}

QByteArray SpooledBody::readAll() const
{
    QByteArray all(m_size, Qt::Uninitialized);
    qint64 done = 0;
    while (done < m_size) {
        const qint64 n = read(done, all.data() + done, m_size - done);
        if (n <= 0)
            return QByteArray();
        done += n;
    }
    return all;
}

} // namespace qcc
