#include "netbackend.h"

#include "qtsocket.h"

namespace qcc {

// What every backend can do through Qt; core/net/epoll overrides it where raw sockets serve.

NetBackend::~NetBackend() = default;

std::unique_ptr<Acceptor> NetBackend::makeAcceptor(Acceptor::Accepted accepted)
{
    return std::make_unique<Acceptor>(this, std::move(accepted));
}

std::unique_ptr<StreamSocket> NetBackend::adoptConnection(qintptr descriptor)
{
    // The client side reads at most one scratch buffer ahead of the parser.
    return QtSocket::adopt(&m_reactor, descriptor, Reactor::kScratchSize);
}

std::unique_ptr<StreamSocket> NetBackend::makeConnection(const ConnectSpec &spec,
                                                         qint64 readBufferSize)
{
    return std::make_unique<QtSocket>(&m_reactor, spec, readBufferSize);
}

} // namespace qcc
