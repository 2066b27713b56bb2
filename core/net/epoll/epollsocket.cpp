#include "epollsocket.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace qcc {

namespace {
void setNoDelay(int fd)
{
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}
} // namespace

EpollSocket::EpollSocket(EpollPoller *poller) : StreamSocket(poller->reactor()), m_poller(poller) {}

EpollSocket::EpollSocket(EpollPoller *poller, const QHostAddress &address, quint16 port)
    : StreamSocket(poller->reactor()), m_poller(poller), m_address(address), m_port(port)
{}

EpollSocket::~EpollSocket()
{
    closeFd();
}

bool EpollSocket::adopt(int fd)
{
    setNoDelay(fd);
    m_fd = fd;
    m_state = State::Connected;
    m_wasConnected = true;
    if (!m_poller->watch(fd, this)) {
        closeFd();
        m_state = State::Over;
        return false;
    }
    return true;
}

void EpollSocket::open()
{
    const QHostAddress &address = m_address;
    const quint16 port = m_port;
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&storage);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        std::memcpy(&a->sin6_addr, &ip, sizeof ip);
        length = sizeof *a;
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&storage);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof *a;
    }
    m_fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_fd < 0) {
        over(errno);
        return;
    }
    setNoDelay(m_fd);
    int r;
    do {
        r = ::connect(m_fd, reinterpret_cast<sockaddr *>(&storage), length);
    } while (r != 0 && errno == EINTR);
    if (r != 0 && errno != EINPROGRESS) {
        over(errno);
        return;
    }
    // Connected at once or not, the result is told from the event loop: adding the descriptor
    // reports its writability, and SO_ERROR then says how the connect ended.
    m_state = State::Connecting;
    if (!m_poller->watch(m_fd, this))
        over(errno);
}

qint64 EpollSocket::read(char *buffer, qint64 max)
{
    if (m_state != State::Connected)
        return m_state == State::Connecting ? 0 : -1;
    for (;;) {
        const ssize_t n = ::read(m_fd, buffer, size_t(max));
        if (n > 0)
            return n;
        if (n == 0) {
            over(0);
            return -1;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        over(errno);
        return -1;
    }
}

bool EpollSocket::write(const QByteArray &data)
{
    if (m_state != State::Connected && m_state != State::Connecting)
        return false;
    if (m_closeAfterFlush || data.isEmpty())
        return data.isEmpty();
    qsizetype offset = 0;
    if (m_state == State::Connected && m_pending == 0) {
        for (;;) {
            const ssize_t n =
                ::send(m_fd, data.constData() + offset, size_t(data.size() - offset), MSG_NOSIGNAL);
            if (n >= 0) {
                offset += n;
                if (offset == data.size())
                    return true;
                continue; // a partial write: try once more, EAGAIN says the kernel is full
            }
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            over(errno);
            return false;
        }
    }
    m_out.push_back({data, offset}); // the rest goes when the kernel reports room (EPOLLOUT)
    m_pending += data.size() - offset;
    return true;
}

bool EpollSocket::flushOut()
{
    while (m_outHead < m_out.size()) {
        // Up to 16 queued pieces in one call.
        iovec iov[16];
        int count = 0;
        for (auto it = m_out.begin() + qsizetype(m_outHead); it != m_out.end() && count < 16;
             ++it, ++count) {
            iov[count].iov_base = const_cast<char *>(it->data.constData() + it->offset);
            iov[count].iov_len = size_t(it->data.size() - it->offset);
        }
        msghdr msg{};
        msg.msg_iov = iov;
        msg.msg_iovlen = size_t(count);
        const ssize_t n = ::sendmsg(m_fd, &msg, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // The sent pieces before the head go once they are half the queue: a queue that
            // never empties (a slow reader of a long stream) does not grow by them.
            if (m_outHead >= 16 && 2 * m_outHead >= m_out.size()) {
                m_out.erase(m_out.begin(), m_out.begin() + qsizetype(m_outHead));
                m_outHead = 0;
            }
            return false;
        }
        if (n <= 0) {
            over(n < 0 ? errno : EPIPE);
            return false;
        }
        m_pending -= n;
        qsizetype left = n;
        while (left > 0) {
            Chunk &c = m_out[m_outHead];
            const qsizetype take = qMin(left, c.data.size() - c.offset);
            c.offset += take;
            left -= take;
            if (c.offset == c.data.size()) {
                c.data = QByteArray(); // let go of it now, not when the queue empties
                ++m_outHead;
            }
        }
    }
    m_out.clear(); // (keeps its capacity: a connection that queued once may queue again)
    m_outHead = 0;
    return true;
}

void EpollSocket::closeWhenFlushed(qint64 stallMs)
{
    if (m_state != State::Connected) {
        if (m_state == State::Connecting)
            abort();
        return;
    }
    m_closeAfterFlush = true;
    m_flushStallMs = stallMs;
    if (pendingOutput() > 0) {
        m_reactor->setDeadline(this, m_flushStallMs); // renewed by each byte the peer takes
        return; // ioReady() starts the linger once the output is out
    }
    ::shutdown(m_fd, SHUT_WR);
    m_state = State::Lingering;
    m_reactor->setDeadline(this, kLingerMs);
    m_reactor->post(this); // what the peer sent before our shutdown is read and dropped there
}

void EpollSocket::abort()
{
    if (m_state == State::Over && !m_closedPending)
        return;
    closeFd();
    m_state = State::Over;
    m_closedPending = false;
    m_reactor->forget(this);
}

void EpollSocket::setTimeout(qint64 ms)
{
    if (m_state != State::Lingering)
        m_reactor->setDeadline(this, ms);
}

void EpollSocket::postReadable()
{
    m_reactor->post(this);
}

void EpollSocket::over(int error)
{
    if (m_state == State::Over)
        return;
    m_error = error;
    closeFd();
    m_state = State::Over;
    m_closedPending = true;
    m_reactor->setDeadline(this, -1);
    m_reactor->post(this);
}

void EpollSocket::closeFd()
{
    if (m_fd < 0)
        return;
    m_poller->unwatch(m_fd);
    ::close(m_fd);
    m_fd = -1;
}

bool EpollSocket::endedByPeer() const
{
    // An orderly close or a reset of an established connection; anything else (refused,
    // unreachable, timed out while connecting) is an error.
    return m_wasConnected && (m_error == 0 || m_error == ECONNRESET || m_error == EPIPE);
}

QString EpollSocket::errorString() const
{
    return m_error == 0 ? QStringLiteral("connection closed by the peer")
                        : qt_error_string(m_error);
}

void EpollSocket::deadlineExpired()
{
    if (m_state == State::Lingering) {
        closeFd();
        m_state = State::Connected; // so that over() runs
        over(0);
        return;
    }
    if (m_state == State::Connected && m_closeAfterFlush) {
        over(ETIMEDOUT); // the peer took nothing of our last bytes for the stall time
        return;
    }
    if (m_state == State::Connected || m_state == State::Connecting)
        m_listener->socketTimeout();
}

void EpollSocket::ioReady(quint32 events)
{
    switch (m_state) {
    case State::Over:
        if (m_closedPending && events == 0) {
            m_closedPending = false;
            m_listener->socketClosed(); // may delete us later, never now
        }
        return;
    case State::Idle:
        return;
    case State::Lingering: {
        char sink[4096];
        for (;;) {
            const ssize_t n = ::read(m_fd, sink, sizeof sink);
            if (n > 0)
                continue;
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                return;
            break; // the peer's end (or an error): the close is complete
        }
        closeFd();
        m_state = State::Connected;
        over(0);
        return;
    }
    case State::Connecting: {
        if (events == 0 || !(events & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
            return;
        int err = 0;
        socklen_t len = sizeof err;
        if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
            err = errno;
        if (err == 0 && (events & EPOLLHUP))
            err = ECONNREFUSED;
        if (err != 0) {
            over(err);
            return;
        }
        m_state = State::Connected;
        m_wasConnected = true;
        if (!flushOut() && m_state != State::Connected)
            return;
        m_listener->socketConnected();
        if (m_state != State::Connected)
            return;
        if (events & (EPOLLIN | EPOLLRDHUP))
            m_listener->socketReadable();
        return;
    }
    case State::Connected:
        break;
    }
    if ((events & EPOLLOUT) && pendingOutput() > 0) {
        const bool drained = flushOut();
        if (m_state != State::Connected)
            return;
        if (m_closeAfterFlush && !drained)
            m_reactor->setDeadline(this, m_flushStallMs); // it took some: a new period
        if (drained) {
            if (m_closeAfterFlush) {
                m_closeAfterFlush = false;
                closeWhenFlushed(m_flushStallMs);
                return;
            }
            m_listener->socketDrained();
            if (m_state != State::Connected)
                return;
        }
    }
    m_peerEnded |= (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
    if (events == 0 || (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
        m_listener->socketReadable();
    // A reader may stop at a short read, which took the last bytes but not the end that came
    // with them (a body delimited by the close ends exactly so): with everything read, the
    // end is told now. While unread bytes remain, the reader's next turn comes back here.
    if (m_peerEnded && m_state == State::Connected) {
        char probe;
        const ssize_t n = ::recv(m_fd, &probe, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n == 0)
            over(0);
        else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            over(errno);
    }
}

} // namespace qcc
