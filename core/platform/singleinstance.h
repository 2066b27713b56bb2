#pragma once

#include <QObject>

class QLocalServer;

namespace qcc {

/*! One qcc-tray per user session. The first instance listens on a local socket; a later one
 *  sends it a command line ("open failed-nodes") and exits. */
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    explicit SingleInstance(const QString &name, QObject *parent = nullptr);
    //! Sends \a message to a running instance. True when one received it.
    bool sendToRunning(const QByteArray &message, int timeoutMs = 2000);
    //! Becomes the running instance. False when the name cannot be claimed.
    bool listen(QString *error);
    //! A name private to this user (and display).
    static QString defaultName();

Q_SIGNALS:
    void messageReceived(const QByteArray &message);

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace qcc
