#include "spooledbody.h"

#include <QByteArray>
#include <QDir>

#include <cstring>

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

qint64 SpoolEdit::read(const SpooledBody &body, qint64 offset, char *buffer, qint64 max) const
{
    if (at < 0)
        return body.read(offset, buffer, max);
    qint64 done = 0;
    while (done < max) {
        const qint64 pos = offset + done;
        qint64 n;
        if (pos < at) {
            n = body.read(pos, buffer + done, qMin(max - done, at - pos));
        } else if (pos < at + inserted.size()) {
            n = qMin(max - done, at + inserted.size() - pos);
            memcpy(buffer + done, inserted.constData() + (pos - at), size_t(n));
        } else {
            const qint64 from = pos - inserted.size() + removed;
            if (from >= body.size())
                break;
            n = body.read(from, buffer + done, max - done);
        }
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        done += n;
    }
    return done;
}

} // namespace qcc
