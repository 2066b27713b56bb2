#include "spooledbody.h"

#include <QByteArray>
#include <QDir>

namespace qcc {

// The file itself is the platform's: core/platform/linux/spoolfile_linux.cpp or spoolfile_qt.cpp.

QString SpooledBody::directory()
{
    // (QDir::tempPath() is empty when TMPDIR names a directory that does not exist.)
    const QString dir = QDir::tempPath();
    return dir.isEmpty() ? qEnvironmentVariable("TMPDIR") : dir;
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
