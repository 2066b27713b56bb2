#pragma once

#include "acceptor.h"
#include "reactor.h"
#include "streamsocket.h"

#include <memory>

class QAbstractEventDispatcher;

namespace qcc {

/*! The data path's sockets for one engine thread, the way nginx swaps its event modules: the
 *  build chooses a backend with -DQCC_NET_BACKEND=epoll|qt, and everything above this seam
 *  (ClientConnection, UpstreamConnection, ProxyServer) sees only StreamSocket and Acceptor.
 *  - qt (netbackend.cpp, every platform): QTcpServer/QTcpSocket/QSslSocket on Qt's own event
 *    dispatcher, for clients and upstreams alike.
 *  - epoll (core/net/epoll, Linux only, the default there): raw non-blocking sockets on one
 *    edge-triggered epoll set, shared with qccd's EpollDispatcher; TLS, host names and upstream
 *    proxies still go through QtSocket.
 *  Both keep the StreamSocket contract, so every limit, deadline and refusal above behaves the
 *  same. Owns the thread's Reactor. Engine thread. */
class NetBackend
{
    Q_DISABLE_COPY_MOVE(NetBackend)

public:
    //! The backend this build has, for \a dispatcher: the event dispatcher of the thread it will
    //! serve (the epoll backend shares an EpollDispatcher's epoll set; null for its own set).
    static std::unique_ptr<NetBackend> create(QAbstractEventDispatcher *dispatcher = nullptr);
    //! "epoll" or "qt".
    static const char *name();
    //! The event dispatcher a headless process (qccd) installs on its main thread before
    //! QCoreApplication exists: the epoll backend's EpollDispatcher, or null (Qt's own).
    static QAbstractEventDispatcher *createDaemonDispatcher();

    NetBackend() = default;
    virtual ~NetBackend();
    Reactor *reactor() { return &m_reactor; }
    //! The proxy's listening socket; accepted connections go to \a accepted.
    std::unique_ptr<Acceptor> makeAcceptor(Acceptor::Accepted accepted);
    //! An accepted client connection on \a descriptor (owned from now on; closed when it
    //! cannot be used, and null returned).
    virtual std::unique_ptr<StreamSocket> adoptConnection(qintptr descriptor);
    //! An unopened outgoing connection to \a spec with a read buffer of \a readBufferSize.
    virtual std::unique_ptr<StreamSocket> makeConnection(const ConnectSpec &spec,
                                                         qint64 readBufferSize);

private:
    Reactor m_reactor;
};

} // namespace qcc
