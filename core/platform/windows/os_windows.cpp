// The operating system for Windows (Winsock).
#include "platform/os.h"

#include <windows.h>
#include <winsock2.h>

namespace qcc::os {

bool shutdownWrite(qintptr socket)
{
    return socket >= 0 && ::shutdown(SOCKET(socket), SD_SEND) == 0;
}

qintptr acceptConnection(qintptr listener, bool *starved, QString *error)
{
    *starved = false;
    for (;;) {
        const SOCKET s = ::accept(SOCKET(listener), nullptr, nullptr);
        if (s != INVALID_SOCKET) {
            // Not inherited by child processes; Qt makes it non-blocking when it takes it.
            SetHandleInformation(HANDLE(s), HANDLE_FLAG_INHERIT, 0);
            return qintptr(s);
        }
        const int code = WSAGetLastError();
        if (code == WSAEINTR || code == WSAECONNRESET)
            continue; // (a connection reset while it waited: take the next)
        if (code == WSAEWOULDBLOCK)
            return -1;
        *starved = code == WSAEMFILE || code == WSAENOBUFS;
        *error = qt_error_string(code);
        return -1;
    }
}

void closeSocket(qintptr socket)
{
    if (socket >= 0)
        ::closesocket(SOCKET(socket));
}

void raiseDescriptorLimit()
{
    // Sockets are handles on Windows: no per-process descriptor limit to raise.
}

} // namespace qcc::os
