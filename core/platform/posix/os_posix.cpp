// The operating system for Linux, macOS and the BSDs (POSIX).
#include "platform/os.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace qcc::os {

bool shutdownWrite(qintptr socket)
{
    return socket >= 0 && ::shutdown(int(socket), SHUT_WR) == 0;
}

qintptr acceptConnection(qintptr listener, bool *starved, QString *error)
{
    *starved = false;
    for (;;) {
        // (accept4() would save the two fcntl() calls, but it is Linux only.)
        const int fd = ::accept(int(listener), nullptr, nullptr);
        if (fd >= 0) {
            ::fcntl(fd, F_SETFD, FD_CLOEXEC);
            ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
            return fd;
        }
        if (errno == EINTR || errno == ECONNABORTED)
            continue; // (a connection reset while it waited: take the next)
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return -1;
        *starved = errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM;
        *error = qt_error_string(errno);
        return -1;
    }
}

void closeSocket(qintptr socket)
{
    if (socket >= 0)
        ::close(int(socket));
}

void raiseDescriptorLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= rl.rlim_max)
        return;
    const rlim_t wanted = rl.rlim_max;
    rl.rlim_cur = wanted;
    if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
        return;
    // macOS refuses more than OPEN_MAX (10240) although its hard limit reads "unlimited".
    rl.rlim_cur = qMin<rlim_t>(wanted, 10240);
    setrlimit(RLIMIT_NOFILE, &rl);
}

} // namespace qcc::os
