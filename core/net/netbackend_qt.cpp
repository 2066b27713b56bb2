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
    // Qt's own dispatcher. Where Qt was built with GLib (Linux), its plain UNIX one: the GLib
    // dispatcher wakes its loop with a system call for every socket notifier switched on or
    // off, which a QTcpSocket does twice for every response it writes. (Read by the
    // QCoreApplication about to be made; the desktop app keeps GLib's for its desktop.)
    qputenv("QT_NO_GLIB", "1");
    return nullptr;
}

} // namespace qcc
