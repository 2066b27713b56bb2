#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <memory>

namespace qcc {

/*! A request body too large to keep in memory, in a temporary file of its own (mode 0600, in
 *  QDir::tempPath()): the page cache holds it, not the process, and it disappears when the last
 *  holder lets go. Kept until the request is over, so that every failover attempt can send it
 *  again. Two implementations, chosen by CMake: on Linux (the epoll build,
 *  core/platform/linux/spooledbody_linux.cpp) a file opened with O_TMPFILE, which never has a
 *  name, so even a crash leaves nothing behind; elsewhere (spooledbody.cpp) a QTemporaryFile
 *  whose name is removed at once where the system allows it (POSIX), and on close otherwise
 *  (Windows keeps an open file's name). Engine thread. */
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
    struct File;
    //! Where the files go: QDir::tempPath(), or TMPDIR as it is when that names no directory
    //! (so that the error names it).
    static QString directory();
    explicit SpooledBody(std::unique_ptr<File> file);
    std::unique_ptr<File> m_file;
    qint64 m_size = 0;
};

/*! One stretch of a spooled body sent replaced (a model name an endpoint calls otherwise):
 *  the bytes [at, at + removed) go out as \a inserted. The default replaces nothing. */
struct SpoolEdit
{
    qint64 at = -1;
    qint64 removed = 0;
    QByteArray inserted;

    qint64 sizeOf(const SpooledBody &body) const
    {
        return at < 0 ? body.size() : body.size() - removed + inserted.size();
    }
    //! SpooledBody::read() of the edited body.
    qint64 read(const SpooledBody &body, qint64 offset, char *buffer, qint64 max) const;
};

} // namespace qcc
