// The portable backend: Qt's sockets on Qt's event dispatcher (-DQCC_NET_BACKEND=qt).
#include "netbackend.h"

namespace qcc {

std::unique_ptr<NetBackend> NetBackend::create(QAbstractEventDispatcher *)
{
    return std::make_unique<NetBackend>();
}

const char *NetBackend::name()
{
    return "qt";
}

QAbstractEventDispatcher *NetBackend::createDaemonDispatcher()
{
    return nullptr;
}

} // namespace qcc
