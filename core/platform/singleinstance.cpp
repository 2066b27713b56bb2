#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>

namespace qcc {

SingleInstance::SingleInstance(const QString &name, QObject *parent) : QObject(parent), m_name(name)
{}

QString SingleInstance::defaultName()
{
    const QByteArray who =
        QDir::homePath().toUtf8() + '|' + qgetenv("DISPLAY") + '|' + qgetenv("WAYLAND_DISPLAY");
    return QStringLiteral("qcc-tray-") +
           QString::fromLatin1(
               QCryptographicHash::hash(who, QCryptographicHash::Sha256).toHex().left(16));
}

bool SingleInstance::sendToRunning(const QByteArray &message, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write(message + '\n');
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // Wait for the acknowledgement so the message is not lost if we exit at once.
    return socket.waitForReadyRead(timeoutMs) && socket.readAll().startsWith("ok");
}

bool SingleInstance::listen(QString *error)
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name)) {
        // Someone may still be there, only slow to answer: never take the name from a live one.
        QLocalSocket probe;
        probe.connectToServer(m_name);
        if (probe.waitForConnected(3000)) {
            *error = QStringLiteral("another qcc-tray holds %1 but did not answer").arg(m_name);
            return false;
        }
        // A stale socket from a crashed instance: nobody is listening, so reclaim it.
        QLocalServer::removeServer(m_name);
        if (!m_server->listen(m_name)) {
            *error = m_server->errorString();
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *s = m_server->nextPendingConnection()) {
            connect(s, &QLocalSocket::readyRead, this, [this, s] {
                if (!s->canReadLine())
                    return;
                const QByteArray line = s->readLine().trimmed();
                s->write("ok\n");
                s->flush();
                s->disconnectFromServer();
                Q_EMIT messageReceived(line);
            });
            connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
        }
    });
    return true;
}

} // namespace qcc
