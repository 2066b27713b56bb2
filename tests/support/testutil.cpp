#include "testutil.h"

#include "http/httpparser.h"
#include "platform/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QTcpSocket>
#include <QTimer>

namespace qcc::test {

ClientResponse httpRequest(quint16 port, const QByteArray &method, const QByteArray &target,
                           const HeaderList &headers, const QByteArray &body, int timeoutMs)
{
    ClientResponse response;
    QTcpSocket socket;
    QEventLoop loop;
    ResponseParser parser({[&](int status, const HeaderList &h) {
                               response.status = status;
                               response.headers = h;
                           },
                           [&](const char *d, qsizetype n) { response.body.append(d, n); },
                           [&] {
                               response.complete = true;
                               loop.quit();
                           }});
    parser.setNoBody(method == "HEAD");
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] {
        const QByteArray d = socket.readAll();
        if (!parser.feed(d.constData(), d.size()))
            loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, [&] {
        parser.finish();
        loop.quit();
    });
    QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] {
        QByteArray out = method + ' ' + target + " HTTP/1.1\r\n";
        if (!hasHeader(headers, "host"))
            out += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
        out += serializeHeaders(headers);
        if (!body.isEmpty() || method == "POST")
            out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        out += "\r\n" + body;
        socket.write(out);
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!response.complete)
        loop.exec();
    socket.abort();
    return response;
}

QString binaryPath(const QString &name)
{
    // Tests and programs are built into the same bin/ directory (on macOS qcc-tray is a bundle).
    const QString dir = QCoreApplication::applicationDirPath();
    const QString bundled = dir + u'/' + name + QStringLiteral(".app/Contents/MacOS/") + name;
    return QFile::exists(bundled) ? bundled : dir + u'/' + name;
}

} // namespace qcc::test

namespace qcc::test {
int fileMode(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return -1;
    // The permission bits as POSIX writes them (Qt reads them from stat() there).
    const QFile::Permissions p = info.permissions();
    int mode = 0;
    const std::pair<QFile::Permission, int> bits[] = {
        {QFile::ReadOwner, 0400}, {QFile::WriteOwner, 0200}, {QFile::ExeOwner, 0100},
        {QFile::ReadGroup, 040},  {QFile::WriteGroup, 020},  {QFile::ExeGroup, 010},
        {QFile::ReadOther, 04},   {QFile::WriteOther, 02},   {QFile::ExeOther, 01}};
    for (const auto &[permission, bit] : bits) {
        if (p.testFlag(permission))
            mode |= bit;
    }
    return mode;
}
} // namespace qcc::test

namespace qcc::test {
namespace {
QString artifactTemplate(const QString &name)
{
    const QString root = qEnvironmentVariable("QCC_TEST_ARTIFACTS");
    if (root.isEmpty())
        return QDir::temp().filePath(name + QStringLiteral("-XXXXXX"));
    QDir().mkpath(root);
    return QDir(root).filePath(name + QStringLiteral("-XXXXXX"));
}
} // namespace

ArtifactDir::ArtifactDir(const QString &name) : m_dir(artifactTemplate(name))
{
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("QCC_TEST_ARTIFACTS"));
}
} // namespace qcc::test

namespace qcc::test {
void installTestLogHandler(const QString &name)
{
    const QString root = qEnvironmentVariable("QCC_TEST_ARTIFACTS");
    QString file;
    if (!root.isEmpty()) {
        QDir().mkpath(root);
        file = QDir(root).filePath(name + QStringLiteral(".log"));
    }
    installLogHandler(LogLevel::Debug, file, 256 * 1024 * 1024);
}
} // namespace qcc::test
