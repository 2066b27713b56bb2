// qcc-bench: the helper behind bench/run.sh's streaming, memory and large-body parts.
//
//   qcc-bench upstream [--port N]
//       An HTTP/1.1 upstream (keep-alive). POST answers by query: mode=json gives a small
//       Messages API reply; mode=sse (the default when the body asks for "stream":true) a
//       chunked event stream: message_start + content_block_start at once, then `events`
//       content_block_delta events of about `bytes` bytes every `interval_ms` (0 = as fast as
//       the socket takes them), each carrying its send time "t" (CLOCK_MONOTONIC ns), then the
//       closing events. phase=1 spreads the first delta of each stream over one interval.
//       Prints "listening on PORT".
//
//   qcc-bench client --port N [--streams N] [--concurrency C] [--query Q] [--alt-query Q]
//                    [--body-bytes B] [--pid PID] [--sample-ms MS] [--duration-s S]
//                    [--warmup-s S] [--reconnect-every K] [--timeout-s S] [--settle-ms MS]
//       Sends `streams` POST /v1/messages?Q requests, C at a time (every other one with
//       alt-query when given), or keeps C going for duration-s. Measures time to first byte
//       (from connect), the arrival delay of every event that carries "t", the time until the
//       first C requests all had their first byte, and samples PID's VmRSS and CPU time. Prints
//       one line of key=value.
//
// Plain epoll and sockets, one thread each: the tool must cost far less than what it measures.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

int64_t nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

[[noreturn]] void die(const char *what)
{
    perror(what);
    exit(2);
}

void tuneSocket(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

struct Args
{
    std::map<std::string, std::string> kv;
    Args(int argc, char **argv, int from)
    {
        for (int i = from; i + 1 < argc; i += 2) {
            if (strncmp(argv[i], "--", 2) != 0) {
                fprintf(stderr, "qcc-bench: unexpected argument %s\n", argv[i]);
                exit(2);
            }
            kv[argv[i] + 2] = argv[i + 1];
        }
        if ((argc - from) % 2) {
            fprintf(stderr, "qcc-bench: %s needs a value\n", argv[argc - 1]);
            exit(2);
        }
    }
    std::string str(const char *k, const char *def) const
    {
        auto it = kv.find(k);
        return it == kv.end() ? def : it->second;
    }
    double num(const char *k, double def) const
    {
        auto it = kv.find(k);
        return it == kv.end() ? def : atof(it->second.c_str());
    }
};

std::map<std::string, std::string> parseQuery(std::string_view target)
{
    std::map<std::string, std::string> q;
    const size_t mark = target.find('?');
    if (mark == std::string_view::npos)
        return q;
    std::string_view rest = target.substr(mark + 1);
    while (!rest.empty()) {
        const size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const size_t eq = pair.find('=');
        q[std::string(pair.substr(0, eq))] =
            eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1));
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    }
    return q;
}

bool iequalsPrefix(std::string_view line, std::string_view name)
{
    if (line.size() < name.size())
        return false;
    for (size_t i = 0; i < name.size(); ++i)
        if (tolower(static_cast<unsigned char>(line[i])) != name[i])
            return false;
    return true;
}

/* Head fields both sides need. `name` is lowercase and ends with ':'. */
std::string headerValue(std::string_view head, std::string_view name)
{
    size_t pos = head.find("\r\n");
    while (pos != std::string_view::npos && pos + 2 < head.size()) {
        const size_t end = head.find("\r\n", pos + 2);
        const std::string_view line = head.substr(pos + 2, end - pos - 2);
        if (iequalsPrefix(line, name)) {
            std::string_view v = line.substr(name.size());
            while (!v.empty() && (v.front() == ' ' || v.front() == '\t'))
                v.remove_prefix(1);
            std::string out(v);
            for (char &c : out)
                c = char(tolower(static_cast<unsigned char>(c)));
            return out;
        }
        pos = end;
    }
    return {};
}

/* An incremental HTTP/1.1 chunked-body decoder: feed() consumes what it can, appends the
 * decoded bytes to `out` (when not null) and counts them. */
class ChunkedDecoder
{
public:
    size_t feed(const char *p, size_t n, std::string *out, long long *decoded)
    {
        size_t i = 0;
        while (i < n && m_state != State::Done && m_state != State::Bad) {
            const char c = p[i];
            switch (m_state) {
            case State::Size:
                if (isxdigit(static_cast<unsigned char>(c))) {
                    m_size =
                        m_size * 16 + (isdigit(static_cast<unsigned char>(c))
                                           ? c - '0'
                                           : (tolower(static_cast<unsigned char>(c)) - 'a' + 10));
                    ++i;
                } else {
                    m_state = State::SizeLine;
                }
                break;
            case State::SizeLine:
                ++i;
                if (c == '\n') {
                    m_state = m_size == 0 ? State::Trailer : State::Data;
                    m_lineEmpty = true;
                }
                break;
            case State::Data: {
                const size_t take = size_t(std::min<long long>(m_size, (long long)(n - i)));
                if (out)
                    out->append(p + i, take);
                *decoded += (long long)take;
                m_size -= (long long)take;
                i += take;
                if (m_size == 0)
                    m_state = State::DataEnd;
                break;
            }
            case State::DataEnd:
                ++i;
                if (c == '\n')
                    m_state = State::Size;
                else if (c != '\r')
                    m_state = State::Bad;
                break;
            case State::Trailer:
                ++i;
                if (c == '\n') {
                    if (m_lineEmpty)
                        m_state = State::Done;
                    m_lineEmpty = true;
                } else if (c != '\r') {
                    m_lineEmpty = false;
                }
                break;
            case State::Done:
            case State::Bad:
                break;
            }
        }
        return i;
    }
    bool done() const { return m_state == State::Done; }
    bool bad() const { return m_state == State::Bad; }

private:
    enum class State { Size, SizeLine, Data, DataEnd, Trailer, Done, Bad };
    State m_state = State::Size;
    long long m_size = 0;
    bool m_lineEmpty = true;
};

void appendChunk(std::string *out, std::string_view data)
{
    char size[32];
    const int n = snprintf(size, sizeof size, "%zx\r\n", data.size());
    out->append(size, size_t(n));
    out->append(data);
    out->append("\r\n");
}

// ---------------------------------------------------------------------------------------------
// The upstream

constexpr std::string_view kJsonReply =
    R"({"id":"msg_bench","type":"message","role":"assistant","model":"claude-bench",)"
    R"("content":[{"type":"text","text":"pong"}],"stop_reason":"end_turn",)"
    R"("usage":{"input_tokens":5,"output_tokens":1}})";

constexpr std::string_view kPrelude =
    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\","
    "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-bench\",\"content\":[],"
    "\"stop_reason\":null,\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
    "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";

constexpr std::string_view kEpilogue =
    "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
    "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
    "\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n"
    "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";

class Upstream
{
public:
    explicit Upstream(int port)
    {
        m_listen = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        int one = 1;
        setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(uint16_t(port));
        if (bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) < 0)
            die("bind");
        if (listen(m_listen, 4096) < 0)
            die("listen");
        socklen_t len = sizeof a;
        getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len);
        m_port = ntohs(a.sin_port);
        m_epoll = epoll_create1(0);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = m_listen;
        epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_listen, &ev);
    }
    int port() const { return m_port; }

    [[noreturn]] void run()
    {
        std::vector<epoll_event> events(1024);
        for (;;) {
            int timeout = -1;
            if (!m_timers.empty()) {
                const int64_t wait = std::get<0>(m_timers.top()) - nowNs();
                timeout = wait <= 0 ? 0 : int((wait + 999999) / 1000000);
            }
            const int n = epoll_wait(m_epoll, events.data(), int(events.size()), timeout);
            for (int i = 0; i < n; ++i) {
                const int fd = events[size_t(i)].data.fd;
                if (fd == m_listen)
                    accept();
                else
                    onEvent(fd, events[size_t(i)].events);
            }
            fireTimers();
        }
    }

private:
    struct Conn
    {
        int fd = -1;
        std::string in;
        bool inBody = false;
        long long bodyLeft = 0;
        bool chunkedBody = false;
        ChunkedDecoder dec;
        std::string target, method, bodyStart;
        bool responding = false;
        std::string out;
        size_t outOff = 0;
        long long eventsLeft = 0;
        size_t eventBytes = 64;
        int64_t intervalNs = 0;
        int64_t due = 0;
        uint64_t gen = 0;
    };

    void accept()
    {
        for (;;) {
            const int fd = accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK);
            if (fd < 0)
                return;
            tuneSocket(fd);
            auto c = std::make_unique<Conn>();
            c->fd = fd;
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
            ev.data.fd = fd;
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &ev);
            m_conns[fd] = std::move(c);
        }
    }

    void close(Conn *c)
    {
        ::close(c->fd);
        m_conns.erase(c->fd); // destroys c
    }

    void onEvent(int fd, uint32_t what)
    {
        auto it = m_conns.find(fd);
        if (it == m_conns.end())
            return;
        Conn *c = it->second.get();
        if (what & EPOLLOUT) {
            if (!flush(c))
                return;
            if (c->responding && c->intervalNs == 0 && !fill(c))
                return;
        }
        if (what & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
            char buf[65536];
            for (;;) {
                const ssize_t n = read(fd, buf, sizeof buf);
                if (n > 0) {
                    if (!consume(c, buf, size_t(n)))
                        return;
                    continue;
                }
                if (n < 0 && errno == EAGAIN)
                    break;
                close(c);
                return;
            }
        }
    }

    /* Request bytes: the head is collected, the body only counted. */
    bool consume(Conn *c, const char *p, size_t n)
    {
        while (n > 0) {
            if (!c->inBody) {
                const size_t old = c->in.size();
                c->in.append(p, n);
                const size_t end = c->in.find("\r\n\r\n", old >= 3 ? old - 3 : 0);
                if (end == std::string::npos) {
                    if (c->in.size() > 65536) {
                        close(c);
                        return false;
                    }
                    return true;
                }
                const size_t used = end + 4 - old;
                const std::string head = c->in.substr(0, end + 2);
                c->in.clear();
                p += used;
                n -= used;
                const size_t sp1 = head.find(' '), sp2 = head.find(' ', sp1 + 1);
                c->method = head.substr(0, sp1);
                c->target = head.substr(sp1 + 1, sp2 - sp1 - 1);
                c->chunkedBody =
                    headerValue(head, "transfer-encoding:").find("chunked") != std::string::npos;
                c->bodyLeft = atoll(headerValue(head, "content-length:").c_str());
                c->dec = ChunkedDecoder();
                c->bodyStart.clear();
                c->inBody = true;
            }
            size_t used = 0;
            bool complete = false;
            if (c->chunkedBody) {
                long long decoded = 0;
                std::string keep;
                used = c->dec.feed(p, n, c->bodyStart.size() < 4096 ? &keep : nullptr, &decoded);
                c->bodyStart += keep.substr(0, 4096);
                complete = c->dec.done();
                if (c->dec.bad()) {
                    close(c);
                    return false;
                }
            } else {
                used = size_t(std::min<long long>(c->bodyLeft, (long long)n));
                if (c->bodyStart.size() < 4096)
                    c->bodyStart.append(p, std::min(used, 4096 - c->bodyStart.size()));
                c->bodyLeft -= (long long)used;
                complete = c->bodyLeft == 0;
            }
            p += used;
            n -= used;
            if (complete) {
                c->inBody = false;
                if (!respond(c))
                    return false;
            }
        }
        return true;
    }

    bool respond(Conn *c)
    {
        const auto q = parseQuery(c->target);
        auto get = [&q](const char *k, const char *def) {
            auto it = q.find(k);
            return it == q.end() ? std::string(def) : it->second;
        };
        std::string mode = get("mode", "");
        if (mode.empty())
            mode = c->bodyStart.find("\"stream\":true") != std::string::npos ? "sse" : "json";
        if (c->method != "POST" || mode != "sse") {
            if (c->method == "HEAD") {
                c->out += "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
            } else {
                char head[160];
                snprintf(head, sizeof head,
                         "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                         "Content-Length: %zu\r\n\r\n",
                         kJsonReply.size());
                c->out += head;
                c->out += kJsonReply;
            }
            return flush(c);
        }
        c->responding = true;
        c->eventsLeft = atoll(get("events", "10").c_str());
        c->eventBytes = size_t(std::max(0LL, atoll(get("bytes", "64").c_str())));
        c->intervalNs = int64_t(atof(get("interval_ms", "10").c_str()) * 1e6);
        c->out +=
            "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            "Transfer-Encoding: chunked\r\n\r\n";
        appendChunk(&c->out, kPrelude);
        if (!flush(c))
            return false;
        if (c->intervalNs == 0)
            return fill(c);
        int64_t offset = c->intervalNs;
        if (get("phase", "0") == "1")
            offset =
                int64_t(uint64_t(++m_streams) * 0x9E3779B97F4A7C15ull % uint64_t(c->intervalNs));
        c->due = nowNs() + offset;
        m_timers.emplace(c->due, c->fd, ++c->gen);
        return true;
    }

    void appendEvent(Conn *c)
    {
        // The send time goes in last, so that it is taken as close to the write as possible.
        static const std::string head = "event: content_block_delta\ndata: "
                                        "{\"type\":\"content_block_delta\",\"index\":0,"
                                        "\"delta\":{\"type\":\"text_delta\",\"text\":\"";
        m_event.assign(head);
        const size_t pad = c->eventBytes > head.size() + 40 ? c->eventBytes - head.size() - 40 : 1;
        m_event.append(pad, 'x');
        char tail[64];
        const int n = snprintf(tail, sizeof tail, "\"},\"t\":%lld}\n\n", (long long)nowNs());
        m_event.append(tail, size_t(n));
        appendChunk(&c->out, m_event);
        if (--c->eventsLeft == 0) {
            appendChunk(&c->out, kEpilogue);
            c->out += "0\r\n\r\n";
            c->responding = false;
        }
    }

    /* As-fast-as-possible streams: keep about 256 KiB queued until the socket pushes back. */
    bool fill(Conn *c)
    {
        while (c->responding) {
            while (c->responding && c->out.size() - c->outOff < 262144)
                appendEvent(c);
            if (!flush(c))
                return false;
            if (c->outOff != 0) // could not write everything: wait for EPOLLOUT
                return true;
        }
        return true;
    }

    void fireTimers()
    {
        const int64_t now = nowNs();
        while (!m_timers.empty() && std::get<0>(m_timers.top()) <= now) {
            const auto [due, fd, gen] = m_timers.top();
            m_timers.pop();
            auto it = m_conns.find(fd);
            if (it == m_conns.end() || it->second->gen != gen || !it->second->responding)
                continue;
            Conn *c = it->second.get();
            appendEvent(c);
            if (!flush(c))
                continue;
            if (c->responding) {
                c->due = std::max(c->due + c->intervalNs, now);
                m_timers.emplace(c->due, c->fd, ++c->gen);
            }
        }
    }

    /* Writes what is queued; false when the connection is gone. */
    bool flush(Conn *c)
    {
        while (c->outOff < c->out.size()) {
            const ssize_t n = write(c->fd, c->out.data() + c->outOff, c->out.size() - c->outOff);
            if (n > 0) {
                c->outOff += size_t(n);
                continue;
            }
            if (n < 0 && errno == EAGAIN)
                return true;
            close(c);
            return false;
        }
        c->out.clear();
        c->outOff = 0;
        return true;
    }

    int m_listen = -1, m_epoll = -1, m_port = 0;
    uint64_t m_streams = 0;
    std::string m_event;
    std::map<int, std::unique_ptr<Conn>> m_conns;
    using Timer = std::tuple<int64_t, int, uint64_t>;
    std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> m_timers;
};

// ---------------------------------------------------------------------------------------------
// Reading another process: /proc/PID/status and /proc/PID/stat

long long procStatusKb(int pid, const char *field)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    long long kb = -1;
    const size_t len = strlen(field);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, field, len) == 0 && line[len] == ':') {
            kb = atoll(line + len + 1);
            break;
        }
    fclose(f);
    return kb;
}

double procCpuSeconds(int pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char buf[1024];
    const size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    const char *p = strrchr(buf, ')'); // the command name may hold spaces
    if (!p)
        return -1;
    unsigned long long utime = 0, stime = 0;
    // After ")": state(3) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    // utime(14) stime(15)
    if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &utime, &stime) != 2)
        return -1;
    return double(utime + stime) / double(sysconf(_SC_CLK_TCK));
}

bool resetPeakRss(int pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/clear_refs", pid);
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    const bool ok = fputs("5", f) >= 0;
    return fclose(f) == 0 && ok;
}

// ---------------------------------------------------------------------------------------------
// The client

class Client
{
public:
    explicit Client(const Args &a)
        : m_port(int(a.num("port", 0))), m_total((long long)a.num("streams", 1)),
          m_concurrency(int(a.num("concurrency", a.num("streams", 1)))),
          m_pid(int(a.num("pid", 0))), m_sampleNs(int64_t(a.num("sample-ms", 20) * 1e6)),
          m_durationNs(int64_t(a.num("duration-s", 0) * 1e9)),
          m_warmupNs(int64_t(a.num("warmup-s", 0) * 1e9)),
          m_reconnectEvery(int(a.num("reconnect-every", 1))),
          m_timeoutNs(int64_t(a.num("timeout-s", 300) * 1e9)),
          m_settleMs(int(a.num("settle-ms", 0)))
    {
        const long long bodyBytes = (long long)a.num("body-bytes", 0);
        m_requests[0] = makeRequest(a.str("query", "mode=sse"), bodyBytes, m_port);
        const std::string alt = a.str("alt-query", "");
        m_requests[1] = alt.empty() ? m_requests[0] : makeRequest(alt, bodyBytes, m_port);
        m_epoll = epoll_create1(0);
        if (m_durationNs > 0)
            m_total = -1; // open-ended: as many as fit in the duration
        if (m_total > 0)
            m_concurrency = int(std::min<long long>(m_concurrency, m_total));
    }

    int run()
    {
        if (m_pid) {
            m_hwmReset = resetPeakRss(m_pid);
            m_rssBefore = procStatusKb(m_pid, "VmRSS");
            m_cpuBefore = procCpuSeconds(m_pid);
            m_rssPeak = m_rssBefore;
        }
        m_t0 = nowNs();
        m_nextSample = m_t0;
        m_slots.resize(size_t(m_concurrency));
        for (int i = 0; i < m_concurrency; ++i)
            startRequest(&m_slots[size_t(i)]);
        std::vector<epoll_event> events(1024);
        while (m_inFlight > 0) {
            const int64_t now = nowNs();
            if (now - m_t0 > m_timeoutNs) {
                fprintf(stderr, "qcc-bench: timed out with %d requests in flight\n", m_inFlight);
                m_failed += m_inFlight;
                break;
            }
            sample(now);
            int timeout = 100;
            if (m_pid)
                timeout = int(std::max<int64_t>(0, (m_nextSample - now) / 1000000));
            const int n = epoll_wait(m_epoll, events.data(), int(events.size()), timeout);
            for (int i = 0; i < n; ++i)
                onEvent(&m_slots[events[size_t(i)].data.u32], events[size_t(i)].events);
        }
        const int64_t end = nowNs();
        if (m_pid && m_settleMs > 0) {
            while (nowNs() - end < int64_t(m_settleMs) * 1000000) {
                sample(nowNs());
                usleep(5000);
            }
        }
        report(end);
        return m_failed == 0 && m_badStatus == 0 ? 0 : 1;
    }

private:
    struct Slot
    {
        int fd = -1;
        bool connecting = false;
        int kind = 0; // which request: 0 = query, 1 = alt-query
        long long index = 0;
        int onConn = 0;
        const std::string *req = nullptr;
        size_t reqOff = 0;
        int64_t tStart = 0, tFirst = -1;
        std::string head;
        bool headDone = false, chunked = false, closeDelimited = false, keepAlive = true;
        bool isSse = false;
        int status = 0;
        long long bodyLeft = 0, bodyGot = 0;
        ChunkedDecoder dec;
        std::string sse;
    };

    static std::string makeRequest(const std::string &query, long long bodyBytes, int port)
    {
        const bool stream = query.find("mode=json") == std::string::npos;
        std::string body =
            std::string("{\"model\":\"claude-bench\",\"max_tokens\":16,\"stream\":") +
            (stream ? "true" : "false") + ",\"messages\":[{\"role\":\"user\",\"content\":\"";
        const long long pad = std::max(4LL, bodyBytes - (long long)body.size() - 4);
        body.append(size_t(pad), 'x');
        body += "\"}]}";
        char head[512];
        snprintf(head, sizeof head,
                 "POST /v1/messages?%s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                 "Content-Type: application/json\r\nanthropic-version: 2023-06-01\r\n"
                 "x-api-key: bench-token\r\nContent-Length: %zu\r\n\r\n",
                 query.c_str(), port, body.size());
        return head + body;
    }

    bool mayIssue(int64_t now) const
    {
        if (m_failed >= 1000) // something is badly wrong: stop rather than spin
            return false;
        return m_durationNs > 0 ? now - m_t0 < m_durationNs : m_issued < m_total;
    }

    void startRequest(Slot *s)
    {
        const int64_t now = nowNs();
        s->index = m_issued++;
        s->kind = int(s->index % 2);
        s->req = &m_requests[s->kind];
        s->reqOff = 0;
        s->tStart = now;
        s->tFirst = -1;
        s->head.clear();
        s->headDone = s->chunked = s->closeDelimited = s->isSse = false;
        s->keepAlive = true;
        s->status = 0;
        s->bodyLeft = s->bodyGot = 0;
        s->dec = ChunkedDecoder();
        s->sse.clear();
        ++m_inFlight;
        if (s->fd < 0) {
            s->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
            if (s->fd < 0)
                die("socket");
            tuneSocket(s->fd);
            s->onConn = 0;
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            a.sin_port = htons(uint16_t(m_port));
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
            ev.data.u32 = uint32_t(s - m_slots.data());
            epoll_ctl(m_epoll, EPOLL_CTL_ADD, s->fd, &ev);
            s->connecting = true;
            if (connect(s->fd, reinterpret_cast<sockaddr *>(&a), sizeof a) < 0 &&
                errno != EINPROGRESS) {
                fail(s);
                return;
            }
            return; // EPOLLOUT says when it is connected
        }
        writeRequest(s);
    }

    void closeSlot(Slot *s)
    {
        if (s->fd >= 0)
            ::close(s->fd);
        s->fd = -1;
    }

    void fail(Slot *s)
    {
        ++m_failed;
        --m_inFlight;
        closeSlot(s);
        next(s);
    }

    void next(Slot *s)
    {
        if (mayIssue(nowNs()))
            startRequest(s);
    }

    void writeRequest(Slot *s)
    {
        while (s->reqOff < s->req->size()) {
            const ssize_t n = write(s->fd, s->req->data() + s->reqOff, s->req->size() - s->reqOff);
            if (n > 0) {
                s->reqOff += size_t(n);
                continue;
            }
            if (n < 0 && errno == EAGAIN)
                return;
            fail(s);
            return;
        }
    }

    void onEvent(Slot *s, uint32_t what)
    {
        if (s->fd < 0)
            return;
        if (s->connecting && (what & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err) {
                fail(s);
                return;
            }
            s->connecting = false;
        }
        if (s->connecting)
            return;
        if ((what & EPOLLOUT) && s->reqOff < s->req->size()) {
            const int fd = s->fd;
            writeRequest(s);
            if (s->fd != fd)
                return;
        }
        if (what & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) {
            char buf[65536];
            const int fd = s->fd;
            for (;;) {
                const ssize_t n = read(fd, buf, sizeof buf);
                if (n > 0) {
                    if (!consume(s, buf, size_t(n), nowNs()) || s->fd != fd)
                        return;
                    continue;
                }
                if (n < 0 && errno == EAGAIN)
                    return;
                // The peer closed: the end of a close-delimited body, else a failure.
                if (s->headDone && s->closeDelimited) {
                    s->keepAlive = false;
                    complete(s);
                } else {
                    fail(s);
                }
                return;
            }
        }
    }

    /* Response bytes; false when the slot moved on (complete or failed). */
    bool consume(Slot *s, const char *p, size_t n, int64_t now)
    {
        if (s->tFirst < 0) {
            s->tFirst = now;
            m_ttfb.push_back(double(now - s->tStart) / 1e6);
            if (s->index < m_concurrency)
                m_lastStart = std::max(m_lastStart, now);
        }
        if (!s->headDone) {
            const size_t old = s->head.size();
            s->head.append(p, n);
            const size_t end = s->head.find("\r\n\r\n", old >= 3 ? old - 3 : 0);
            if (end == std::string::npos)
                return true;
            const size_t used = end + 4 - old;
            s->head.resize(end + 2);
            p += used;
            n -= used;
            s->headDone = true;
            s->status = atoi(s->head.c_str() + 9);
            s->chunked =
                headerValue(s->head, "transfer-encoding:").find("chunked") != std::string::npos;
            s->keepAlive = headerValue(s->head, "connection:").find("close") == std::string::npos;
            const std::string cl = headerValue(s->head, "content-length:");
            s->bodyLeft = cl.empty() ? -1 : atoll(cl.c_str());
            s->closeDelimited = !s->chunked && cl.empty();
            s->isSse =
                headerValue(s->head, "content-type:").find("event-stream") != std::string::npos;
            if (s->status != 200)
                ++m_badStatus;
        }
        bool done = false;
        const bool sse = s->isSse;
        if (s->chunked) {
            long long decoded = 0;
            s->dec.feed(p, n, sse ? &s->sse : nullptr, &decoded);
            s->bodyGot += decoded;
            if (s->dec.bad()) {
                fail(s);
                return false;
            }
            done = s->dec.done();
        } else {
            const size_t take =
                s->closeDelimited ? n : size_t(std::min<long long>(s->bodyLeft, (long long)n));
            if (sse)
                s->sse.append(p, take);
            s->bodyGot += (long long)take;
            if (!s->closeDelimited) {
                s->bodyLeft -= (long long)take;
                done = s->bodyLeft == 0;
            }
        }
        if (sse)
            scanEvents(s, now);
        if (done) {
            complete(s);
            return false;
        }
        return true;
    }

    /* Whole events: the delay of each that carries a send time; an `event: error` fails. */
    void scanEvents(Slot *s, int64_t now)
    {
        size_t from = 0;
        for (;;) {
            const size_t end = s->sse.find("\n\n", from);
            if (end == std::string::npos)
                break;
            const std::string_view ev(s->sse.data() + from, end - from);
            if (ev.substr(0, 12) == "event: error")
                ++m_errorEvents;
            const size_t t = ev.rfind("\"t\":");
            if (t != std::string_view::npos) {
                const long long sent = atoll(ev.data() + t + 4);
                ++m_events;
                if (m_delays.size() < 4000000)
                    m_delays.push_back(now - sent);
            }
            from = end + 2;
        }
        s->sse.erase(0, from);
    }

    void complete(Slot *s)
    {
        --m_inFlight;
        ++m_done;
        m_bytes += s->bodyGot;
        ++s->onConn;
        if (!s->keepAlive || s->onConn >= m_reconnectEvery)
            closeSlot(s);
        next(s);
    }

    void sample(int64_t now)
    {
        if (!m_pid || now < m_nextSample)
            return;
        m_nextSample = now + m_sampleNs;
        const long long rss = procStatusKb(m_pid, "VmRSS");
        if (rss < 0)
            return;
        m_rssPeak = std::max(m_rssPeak, rss);
        m_rssLast = rss;
        m_samples.emplace_back(now - m_t0, rss);
    }

    static double pct(std::vector<double> v, double p)
    {
        if (v.empty())
            return -1;
        std::sort(v.begin(), v.end());
        const size_t i = size_t(std::max(0.0, std::ceil(p * double(v.size())) - 1));
        return v[std::min(i, v.size() - 1)];
    }

    /* The median RSS over [from, to) of the run, in KiB. */
    long long medianRss(int64_t from, int64_t to) const
    {
        std::vector<double> v;
        for (const auto &[t, kb] : m_samples)
            if (t >= from && t < to)
                v.push_back(double(kb));
        return v.empty() ? -1 : (long long)pct(v, 0.5);
    }

    void report(int64_t end)
    {
        std::vector<double> delays;
        delays.reserve(m_delays.size());
        for (int64_t d : m_delays)
            delays.push_back(double(d) / 1e6);
        printf("ok=%lld failed=%lld bad_status=%lld error_events=%lld elapsed_s=%.3f bytes=%lld",
               m_done, m_failed, m_badStatus, m_errorEvents, double(end - m_t0) / 1e9, m_bytes);
        printf(" ttfb_p50_ms=%.3f ttfb_p99_ms=%.3f start_all_ms=%.1f", pct(m_ttfb, 0.5),
               pct(m_ttfb, 0.99), m_lastStart ? double(m_lastStart - m_t0) / 1e6 : -1.0);
        printf(" events=%lld ev_p50_ms=%.3f ev_p99_ms=%.3f ev_max_ms=%.3f", m_events,
               pct(delays, 0.5), pct(delays, 0.99), pct(delays, 1.0));
        if (m_pid) {
            const long long hwm = procStatusKb(m_pid, "VmHWM");
            const double cpu = procCpuSeconds(m_pid) - m_cpuBefore;
            printf(" rss_before_kb=%lld rss_peak_kb=%lld rss_after_kb=%lld hwm_kb=%lld "
                   "hwm_reset=%d cpu_s=%.2f",
                   m_rssBefore, m_hwmReset ? std::max(m_rssPeak, hwm) : m_rssPeak, m_rssLast, hwm,
                   m_hwmReset ? 1 : 0, cpu);
            if (m_durationNs > 0) {
                const int64_t window = std::min<int64_t>(10000000000LL, m_durationNs / 6);
                const long long warm = medianRss(m_warmupNs, m_warmupNs + window);
                const long long last = medianRss(m_durationNs - window, m_durationNs + 1);
                printf(" rss_warm_kb=%lld rss_end_kb=%lld drift_pct=%.2f", warm, last,
                       warm > 0 ? 100.0 * double(last - warm) / double(warm) : -1.0);
            }
        }
        printf("\n");
        fflush(stdout);
    }

    int m_port;
    long long m_total;
    int m_concurrency;
    int m_pid;
    int64_t m_sampleNs, m_durationNs, m_warmupNs;
    int m_reconnectEvery;
    int64_t m_timeoutNs;
    int m_settleMs;
    std::string m_requests[2];
    int m_epoll = -1;
    std::vector<Slot> m_slots;
    int64_t m_t0 = 0, m_nextSample = 0, m_lastStart = 0;
    long long m_issued = 0, m_done = 0, m_failed = 0, m_badStatus = 0, m_errorEvents = 0;
    long long m_events = 0, m_bytes = 0;
    int m_inFlight = 0;
    std::vector<double> m_ttfb;
    std::vector<int64_t> m_delays;
    bool m_hwmReset = false;
    long long m_rssBefore = -1, m_rssPeak = -1, m_rssLast = -1;
    double m_cpuBefore = 0;
    std::vector<std::pair<int64_t, long long>> m_samples;
};

} // namespace

int main(int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    const std::string cmd = argc > 1 ? argv[1] : "";
    if (cmd == "upstream") {
        const Args a(argc, argv, 2);
        Upstream up(int(a.num("port", 0)));
        printf("listening on %d\n", up.port());
        fflush(stdout);
        up.run();
    }
    if (cmd == "client") {
        const Args a(argc, argv, 2);
        return Client(a).run();
    }
    fprintf(stderr, "usage: qcc-bench upstream [--port N]\n"
                    "       qcc-bench client --port N [--streams N] [--concurrency C] ...\n"
                    "(see the comment at the top of bench/qccbench.cpp)\n");
    return 2;
}
