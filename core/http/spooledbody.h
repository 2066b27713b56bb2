#pragma once

#include <QString>
#include <QtGlobal>

#include <memory>

namespace qcc {

/*! A request body too large to keep in memory, in an unlinked temporary file (mode 0600, in
 *  QDir::tempPath()): the page cache holds it, not the process, and it disappears when the last
 *  holder lets go (or the process dies). Kept until the request is over, so that every failover
 *  attempt can send it again. Engine thread. */
class SpooledBody
{
    Q_DISABLE_COPY_MOVE(SpooledBody)

public:
    //! A new empty file; null with \a error set when none can be made.
    static std::shared_ptr<SpooledBody> create(QString *error);
    ~SpooledBody();

    bool append(const char *data, qsizetype size, QString *error);
    qint64 size() const { return m_size; }
    //! Up to \a max bytes from \a offset: the count read, or -1 on an error.
    qint64 read(qint64 offset, char *buffer, qint64 max) const;
    //! The whole body (tests).
    QByteArray readAll() const;

private:
    explicit SpooledBody(int fd) : m_fd(fd) {}
    int m_fd;
    qint64 m_size = 0;
};

} // namespace qcc
