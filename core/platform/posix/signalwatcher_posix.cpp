// Process signals on Linux, macOS and the BSDs (POSIX).
#include "platform/signalwatcher.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace qcc {

namespace {
int s_fd[2] = {-1, -1};

void onSignal(int signo)
{
    // Only async-signal-safe work here: hand the number to the event loop.
    const char c = char(signo);
    [[maybe_unused]] const auto n = ::write(s_fd[0], &c, 1);
}
} // namespace

SignalWatcher::SignalWatcher(QObject *parent) : QObject(parent)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_fd) != 0)
        return;
    m_notifier = new QSocketNotifier(s_fd[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        char c = 0;
        if (::read(s_fd[1], &c, 1) != 1)
            return;
        if (c == SIGHUP)
            Q_EMIT reload();
        else
            Q_EMIT terminate();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
}

SignalWatcher::~SignalWatcher()
{
    if (s_fd[0] >= 0) {
        std::signal(SIGTERM, SIG_DFL);
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGHUP, SIG_DFL);
        ::close(s_fd[0]);
        ::close(s_fd[1]);
        s_fd[0] = s_fd[1] = -1;
    }
}

} // namespace qcc
