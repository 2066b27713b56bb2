#pragma once

#include "streamsocket.h"

#include <QTcpServer>
#include <QTimer>

#include <functional>
#include <memory>

class QSocketNotifier;

namespace qcc {

class NetBackend;

/*! The listening socket of the proxy. QTcpServer binds it (and reports a port in use); accepting
 *  is ours, so that each descriptor goes to the backend as it is (NetBackend::adoptConnection()),
 *  and running out of descriptors pauses accepting for kRetryMs instead of busy-looping: Qt's
 *  own accept loop retries at once (the connections wait in the backlog meanwhile). Portable:
 *  the one system call is in core/platform. Engine thread. */
class Acceptor final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Acceptor)

public:
    using Accepted = std::function<void(std::unique_ptr<StreamSocket>)>;
    Acceptor(NetBackend *net, Accepted accepted, QObject *parent = nullptr);
    ~Acceptor() override;
    //! Binds \a address:\a port and starts accepting; false with serverError() set otherwise.
    bool start(const QHostAddress &address, quint16 port);
    void stop();

    static constexpr int kRetryMs = 200;

private:
    void acceptAll();

    NetBackend *m_net;
    Accepted m_accepted;
    QSocketNotifier *m_notifier = nullptr;
    QTimer m_retry;
};

} // namespace qcc
