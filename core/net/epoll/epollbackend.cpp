// The Linux backend: raw sockets on one epoll set (-DQCC_NET_BACKEND=epoll, the default there).
#include "epolldispatcher.h"
#include "epollpoller.h"
#include "epollsocket.h"
#include "net/netbackend.h"

namespace qcc {

namespace {
class EpollBackend final : public NetBackend
{
public:
    explicit EpollBackend(EpollDispatcher *dispatcher) : m_poller(reactor(), dispatcher) {}

    std::unique_ptr<StreamSocket> adoptConnection(qintptr descriptor) override
    {
        auto socket = std::make_unique<EpollSocket>(&m_poller);
        if (!socket->adopt(int(descriptor)))
            return nullptr;
        return socket;
    }

    std::unique_ptr<StreamSocket> makeConnection(const ConnectSpec &spec,
                                                 qint64 readBufferSize) override
    {
        // Plain TCP to an IP address: the raw socket. A name to look up, TLS or a proxy: Qt.
        if (spec.tls || spec.address.isNull() || spec.proxy.type() != QNetworkProxy::NoProxy)
            return NetBackend::makeConnection(spec, readBufferSize);
        return std::make_unique<EpollSocket>(&m_poller, spec.address, spec.port);
    }

private:
    EpollPoller m_poller;
};
} // namespace

std::unique_ptr<NetBackend> NetBackend::create(QAbstractEventDispatcher *dispatcher)
{
    return std::make_unique<EpollBackend>(qobject_cast<EpollDispatcher *>(dispatcher));
}

const char *NetBackend::name()
{
    return "epoll";
}

QAbstractEventDispatcher *NetBackend::createDaemonDispatcher()
{
    return new EpollDispatcher;
}

} // namespace qcc
