#!/usr/bin/env bash
# The benchmark suite of issue 7, in one command. Builds a Release qccd, qcc-tray and qcc-bench,
# then measures, alternating the baseline and QCC in the same run:
#   1. request/response: direct vs nginx (1 worker, keep-alive upstream, proxy_buffering off)
#      vs qccd, small POST, wrk at c = 1, 32, 256;
#   2. streaming: per-event delay, time to first byte, 1000 concurrent streams (direct, nginx,
#      qccd against qcc-bench's SSE upstream);
#   3. memory: qccd and qcc-tray idle RSS, an RSS soak at steady load;
#   4. large bodies: a 20 MiB request and a 50 MiB streamed response.
# Parts 1 and 2 measure both data-path backends side by side: "qccd" is the epoll build (Linux's
# default), "qccd-qt" the portable one (-DQCC_NET_BACKEND=qt, Qt's sockets and dispatcher, as
# on Windows and macOS), each a Release build.
# and rewrites docs/BENCHMARKS.md: a table per part (figure, target, PASS/MISS), the machine and
# this command. The hand-written history below `<!-- history -->` is kept.
#
# Usage: bench/run.sh [seconds-per-run [rounds [soak-minutes]]]   (defaults 8 3 10)
#        bench/run.sh --quick    # checks the scripts: 2 s runs, 1 round, 1-minute soak; writes
#                                # $QCC_BENCH_OUT (default build-release/BENCHMARKS.quick.md),
#                                # never docs/BENCHMARKS.md
# Run it alone on the machine (nothing else building or measuring): all of it shares the cores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
quick=0
if [ "${1:-}" = --quick ]; then
    quick=1
    shift
fi
if [ $quick = 1 ]; then
    secs=${1:-2}; rounds=${2:-1}; soak_min=${3:-1}
    out=${QCC_BENCH_OUT:-${QCC_BUILD_DIR:-$root/build-release}/BENCHMARKS.quick.md}
    command="bench/run.sh --quick${*:+ $*}"
else
    secs=${1:-8}; rounds=${2:-3}; soak_min=${3:-10}
    out=${QCC_BENCH_OUT:-$root/docs/BENCHMARKS.md}
    command="bench/run.sh $secs $rounds $soak_min"
fi
started=$(date +%s)
"$root/scripts/install-deps.sh" bench
QCC_BUILD_TYPE=Release QCC_BUILD_DIR=${QCC_BUILD_DIR:-$root/build-release} "$root/scripts/build.sh" -DQCC_BUILD_TESTS=OFF -DQCC_BUILD_BENCH=ON
bin=${QCC_BUILD_DIR:-$root/build-release}/bin
qtdir=${QCC_BUILD_DIR:-$root/build-release}-portable
QCC_BUILD_TYPE=Release QCC_BUILD_DIR=$qtdir QCC_BUILD_TARGETS=qccd "$root/scripts/build.sh" \
    -DQCC_BUILD_TESTS=OFF -DQCC_BUILD_GUI=OFF -DQCC_NET_BACKEND=qt
binqt=$qtdir/bin
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# 1000 streams need ~1000 descriptors in the client and upstream and ~2000 in the proxy.
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 8192 ]; then ulimit -n 8192; fi

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
UP=$(free_port); NG=$(free_port); QC=$(free_port); SU=$(free_port); NS=$(free_port)
body='{"id":"msg_bench","type":"message","role":"assistant","model":"claude-bench","content":[{"type":"text","text":"pong"}],"stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":1}}'

# The upstream: nginx answering the Messages API shape from memory (the "direct" baseline).
mkdir -p "$work/up" "$work/ng"
cat > "$work/up/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $work/up/nginx.pid; error_log $work/up/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $work/up; proxy_temp_path $work/up; fastcgi_temp_path $work/up; uwsgi_temp_path $work/up; scgi_temp_path $work/up;
  server { listen 127.0.0.1:$UP; location / { default_type application/json; return 200 '$body'; } } }
CONF
# The nginx proxy: port NG in front of the nginx upstream (part 1), port NS in front of
# qcc-bench's SSE upstream (part 2).
cat > "$work/ng/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $work/ng/nginx.pid; error_log $work/ng/error.log;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $work/ng; proxy_temp_path $work/ng; fastcgi_temp_path $work/ng; uwsgi_temp_path $work/ng; scgi_temp_path $work/ng;
  upstream up { server 127.0.0.1:$UP; keepalive 256; }
  upstream sse { server 127.0.0.1:$SU; keepalive 256; }
  server { listen 127.0.0.1:$NG;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_buffering off; proxy_request_buffering off; } }
  server { listen 127.0.0.1:$NS;
    location / { proxy_pass http://sse; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_buffering off; proxy_request_buffering off; } } }
CONF
nginx -c "$work/up/nginx.conf" -p "$work/up" & pids+=($!)
nginx -c "$work/ng/nginx.conf" -p "$work/ng" & pids+=($!); ngmaster=$!
"$bin/qcc-bench" upstream --port "$SU" > "$work/sse-upstream.out" & pids+=($!); supid=$!

# start_qccd NAME UPSTREAM_PORT [BIN_DIR]: a qccd with one endpoint; sets QPID and QPORT.
start_qccd() {
    QPORT=$(free_port)
    cat > "$work/$1.json" <<CONF
{"version":1,"listen":{"host":"127.0.0.1","port":$QPORT},"clusters":[{"name":"default","endpoints":[
 {"name":"bench","base_url":"http://127.0.0.1:$2","api_key":"sk-bench-000000000000"}]}],
 "verify":{"interval_ms":3600000}}
CONF
    "${3:-$bin}/qccd" --config "$work/$1.json" --state-dir "$work/state-$1" --log-level warning > "$work/$1.out" &
    QPID=$!; pids+=($QPID)
    wait_port "$QPORT"
}
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN {printf "%.1f", k/1024}' || echo "—"; }

cat > "$work/qcc.json" <<CONF
{"version":1,"listen":{"host":"127.0.0.1","port":$QC},"clusters":[{"name":"default","endpoints":[
 {"name":"bench","base_url":"http://127.0.0.1:$UP","api_key":"sk-bench-000000000000"}]}],
 "verify":{"interval_ms":3600000}}
CONF
"$bin/qccd" --config "$work/qcc.json" --state-dir "$work/state" --log-level warning > "$work/qccd.out" & pids+=($!); qcpid=$!
for p in $UP $NG $NS $SU $QC; do wait_port "$p"; done
start_qccd stream "$SU"; qspid=$QPID; QS=$QPORT
start_qccd qt "$UP" "$binqt"; qtpid=$QPID; QT=$QPORT
start_qccd qtstream "$SU" "$binqt"; qtspid=$QPID; QTS=$QPORT
ngworker=$(pgrep -P "$ngmaster" | head -1)

# Part 3a first: idle RSS of a fresh qccd (one endpoint, listening, no traffic yet).
sleep 3
idle_rss=$(rss_kb "$qcpid")
idle_rss_qt=$(rss_kb "$qtpid")
echo "qccd idle RSS: $idle_rss kB (qt backend: $idle_rss_qt kB)" >&2

# ---- Part 1: request/response (wrk) ------------------------------------------------------------
# One wrk run: prints "req_per_s p50_ms p99_ms".
run() { # port conns
  wrk -t1 -c"$2" -d"${secs}s" --latency -s "$root/bench/post.lua" "http://127.0.0.1:$1" 2>/dev/null |
    awk '/Requests\/sec/ {rps=$2}
         function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
         $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)}
         END {printf "%.0f %.3f %.3f\n", rps, p50, p99}'
}
declare -A res
# c=1 latency is the noisiest figure on a shared machine: it gets 2 x rounds + 1 rounds.
rounds_of() { if [ "$1" = 1 ]; then echo $((2 * rounds + 1)); else echo "$rounds"; fi; }
for c in 1 32 256; do
  for r in $(seq "$(rounds_of "$c")"); do
    for t in direct nginx qccd qccd-qt; do
      case $t in direct) port=$UP;; nginx) port=$NG;; qccd) port=$QC;; qccd-qt) port=$QT;; esac
      res[$t,$c,$r]=$(run "$port" "$c")
      echo "c=$c round $r $t: ${res[$t,$c,$r]}" >&2
    done
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { # target conns field
  for r in $(seq "$(rounds_of "$2")"); do echo "${res[$1,$2,$r]}" | awk -v f="$3" '{print $f}'; done | median; }

# ---- Part 2: streaming (qcc-bench) -------------------------------------------------------------
# bench KEY PORT ARGS...: one qcc-bench client run, its key=value line kept as sres[KEY].
declare -A sres
bench() {
    local key=$1 port=$2
    shift 2
    sres[$key]=$("$bin/qcc-bench" client --port "$port" "$@" || true)
    [ -n "${sres[$key]}" ] || sres[$key]="failed=1"   # it crashed: count it, measure nothing
    echo "$key: ${sres[$key]}" >&2
}
# field KEY NAME: one value of a run; empty when not measured (the tool prints -1).
field() { echo "${sres[$1]}" | tr ' ' '\n' | sed -n "s/^$2=//p" | grep -v '^-1\(\.0*\)\?$' || true; }
f0() { local v; v=$(field "$1" "$2"); echo "${v:-0}"; }   # a count: 0 when absent
# smed PREFIX NAME: the median of NAME over the rounds of PREFIX; ssum: the sum.
smed() { for r in $(seq "$rounds"); do field "$1,$r" "$2"; done | median; }
ssum() { for r in $(seq "$rounds"); do field "$1,$r" "$2"; done | awk '{s+=$1} END {print s+0}'; }
path_port() { case $1 in direct) echo "$SU";; nginx) echo "$NS";; qccd) echo "$QS";; qccd-qt) echo "$QTS";; esac; }
# The kernel's count of connections dropped because a listen queue was full (the client's SYN
# is then resent after 1 s, 3 s, ...).
listen_overflows() { awk '/^TcpExt:/ { if (!h) { n = split($0, k); h = 1 } else { split($0, v); for (i = 1; i <= n; i++) if (k[i] == "ListenOverflows") print v[i] } }' /proc/net/netstat; }
path_pid() { case $1 in direct) echo "$supid";; nginx) echo "$ngworker";; qccd) echo "$qspid";; qccd-qt) echo "$qtspid";; esac; }

delay_streams=10; delay_events=$((secs * 50)); ttfb_streams=500
long_streams=1000; long_events=$((secs * 10))
for r in $(seq "$rounds"); do
    for t in direct nginx qccd qccd-qt; do
        # Per-event delay: 10 streams, one event every 10 ms each, for secs/2 seconds.
        bench "delay,$t,$r" "$(path_port $t)" --streams $delay_streams \
            --query "events=$delay_events&interval_ms=10&bytes=200&phase=1"
        # Time to first byte: one stream at a time, a new connection each.
        bench "ttfb,$t,$r" "$(path_port $t)" --streams $ttfb_streams --concurrency 1 \
            --query "events=1&interval_ms=0&bytes=200"
        # 1000 long streams at once, one event every 100 ms each, for secs seconds.
        lo=$(listen_overflows)
        bench "long,$t,$r" "$(path_port $t)" --streams $long_streams --sample-ms 50 \
            --pid "$(path_pid $t)" --query "events=$long_events&interval_ms=100&bytes=200&phase=1"
        sres[long,$t,$r]+=" listen_overflows=$(( $(listen_overflows) - lo ))"
    done
done

# ---- Part 4: large bodies (a fresh qccd) -------------------------------------------------------
start_qccd large "$SU"; qlpid=$QPID; QL=$QPORT
sleep 1
bench "post20,qccd" "$QL" --streams 1 --query "mode=json" --body-bytes 20971520 --pid "$qlpid" \
    --sample-ms 2 --settle-ms 1000
bench "sse50,qccd" "$QL" --streams 1 --query "events=3200&interval_ms=0&bytes=16384" \
    --pid "$qlpid" --sample-ms 2 --settle-ms 1000

# ---- Part 3: memory ----------------------------------------------------------------------------
# qccd after the streaming parts, idle again for a few seconds (for information).
sleep 3
after_rss=$(rss_kb "$qspid")
# qcc-tray, offscreen, in a private home with one endpoint.
th="$work/tray"
mkdir -p "$th/home/.config" "$th/home/.local/share" "$th/runtime" "$th/tmp" "$th/state"
chmod 700 "$th/runtime"
printf '{"version":1,"listen":{"host":"127.0.0.1","port":%s},"clusters":[{"name":"default","endpoints":[{"name":"bench","base_url":"http://127.0.0.1:%s","api_key":"sk-bench-000000000000"}]}],"verify":{"interval_ms":3600000}}\n' \
    "$(free_port)" "$SU" > "$th/config.json"
env HOME="$th/home" XDG_CONFIG_HOME="$th/home/.config" XDG_DATA_HOME="$th/home/.local/share" \
    XDG_CACHE_HOME="$th/home/.cache" XDG_STATE_HOME="$th/home/.local/state" \
    XDG_RUNTIME_DIR="$th/runtime" TMPDIR="$th/tmp" QT_QPA_PLATFORM=offscreen QCC_NO_KEYCHAIN=1 \
    QCC_INSTANCE_NAME="qcc-bench-tray-$$" DBUS_SESSION_BUS_ADDRESS="unix:path=$th/no-bus" \
    "$bin/qcc-tray" --config "$th/config.json" --state-dir "$th/state" > "$th/out" 2> "$th/err" &
traypid=$!; pids+=($traypid)
sleep 5
tray_rss=$(rss_kb "$traypid" 2>/dev/null || true)
kill "$traypid" 2>/dev/null || true
echo "qcc-tray idle RSS: $tray_rss kB" >&2
# The soak: a fresh qccd, 16 connections alternating a short stream (20 events, 5 ms apart) and
# a small JSON request, a new connection every 10 requests.
start_qccd soak "$SU"; qkpid=$QPID; QK=$QPORT
soak_s=$((soak_min * 60)); warm_s=$((soak_s / 6 < 60 ? soak_s / 6 : 60))
bench "soak,qccd" "$QK" --concurrency 16 --duration-s "$soak_s" --warmup-s "$warm_s" \
    --query "events=20&interval_ms=5&bytes=200" --alt-query "mode=json" --reconnect-every 10 \
    --pid "$qkpid" --sample-ms 1000 --timeout-s $((soak_s + 120))
finished=$(date +%s)

# ---- The report --------------------------------------------------------------------------------
# verdict VALUE OP TARGET: PASS or MISS; "not measured" when VALUE is empty.
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "") {print "not measured"; exit}
    ok = (op == "<") ? v < t : (op == "<=") ? v <= t : (op == ">=") ? v >= t : 0
    print ok ? "PASS" : "**MISS**" }'; }
sub() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a - b}' || true; }
{
echo "# Benchmarks"
echo
echo "Measured by \`$command\` (seconds per run, rounds, soak minutes) on $(date -u +%Y-%m-%d),"
echo "$(( (finished - started + 30) / 60 )) minutes in all: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
echo "$(uname -sr), nginx $(nginx -v 2>&1 | sed 's/.*\///'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), Qt $(qtpaths6 --qt-version 2>/dev/null || echo 6.4)."
echo "Everything runs on the same machine over loopback: the load generator, the upstream, and the"
echo "proxy share the cores, so the absolute numbers are low and noisy; the ratios and differences"
echo "against the baselines, measured alternately in the same run, are what matter. Each figure is"
echo "the median of $rounds round(s) ($(rounds_of 1) at c=1); qccd is the Release build, with one endpoint:"
echo "\`qccd\` the epoll backend (Linux's), \`qccd-qt\` the portable one (\`-DQCC_NET_BACKEND=qt\`: Qt's sockets"
echo "and event dispatcher, what Windows and macOS run), measured in the same rounds."
[ $quick = 1 ] && echo && echo "**Quick mode: the runs are too short for these figures to mean much.**"
echo
echo "## 1. Request/response (wrk)"
echo
echo "Upstream: nginx answering a small Messages API JSON body from memory. nginx proxy: 1 worker,"
echo "keep-alive upstream pool, \`proxy_buffering off\`. Request: \`POST /v1/messages\` with a"
echo "90-byte JSON body (\`bench/post.lua\`), runs of ${secs} s."
echo
echo "| connections | path | req/s | p50 ms | p99 ms | req/s vs nginx | added p50 vs nginx | p99 vs nginx |"
echo "|---|---|---|---|---|---|---|---|"
for c in 1 32 256; do
  d50=$(col direct $c 2); n50=$(col nginx $c 2); nrps=$(col nginx $c 1); n99=$(col nginx $c 3)
  for t in direct nginx qccd qccd-qt; do
    rps=$(col $t $c 1); p50=$(col $t $c 2); p99=$(col $t $c 3)
    if [ $t = direct ]; then ratio="—"; added="—"; r99="—"; else
      ratio=$(awk -v a="$rps" -v b="$nrps" 'BEGIN{printf "%.2f×", a/b}')
      added=$(awk -v a="$p50" -v d="$d50" -v n="$n50" 'BEGIN{na=n-d; if (na<=0) printf "%.3f ms (n/a)", a-d; else printf "%.3f ms (%.2f×)", a-d, (a-d)/na}')
      r99=$(awk -v a="$p99" -v n="$n99" 'BEGIN{printf "%.2f×", a/n}')
    fi
    echo "| $c | $t | $rps | $p50 | $p99 | $ratio | $added | $r99 |"
  done
done
echo
echo "\"added p50\" is the path's p50 minus the direct p50 (what the proxy costs); the ratio compares it"
echo "with nginx's added p50. A negative figure: the proxy answered sooner than the upstream"
echo "answers directly (most likely: a polling qccd keeps a vCPU from halting; see History)."
echo
# checks PATH THROUGHPUT-TARGET ADDED-P50-TARGET: the request/response verdicts of one backend.
checks() {
local q=$1
echo "| check ($q vs nginx) | figure | target | result |"
echo "|---|---|---|---|"
v=$(awk -v a="$(col "$q" 32 1)" -v b="$(col nginx 32 1)" 'BEGIN{printf "%.2f", a/b}')
echo "| throughput at c=32 | ${v}× nginx's | ≥ $2× | $(verdict "$v" '>=' "$2") |"
# Per round (direct, nginx and qccd measured back to back), qccd's added p50 over nginx's; a
# round whose direct p50 is not clearly below nginx's measured noise, not the proxies, and
# does not count. The verdict takes the median of the valid rounds (the higher of the middle
# two when their number is even), and says so when no round was valid.
ratios=(); shown=()
for r in $(seq "$(rounds_of 1)"); do
  x=$(awk -v d="$(echo "${res[direct,1,$r]}" | awk '{print $2}')" \
          -v n="$(echo "${res[nginx,1,$r]}" | awk '{print $2}')" \
          -v q="$(echo "${res[$q,1,$r]}" | awk '{print $2}')" \
          'BEGIN{ if (n - d > 0.005) printf "%.2f", (q - d) / (n - d); else print "n/a" }')
  shown+=("${x}$([ "$x" = n/a ] || echo ×)")
  [ "$x" = n/a ] || ratios+=("$x")
done
if [ ${#ratios[@]} -eq 0 ]; then
  echo "| added p50 at c=1 | no valid round (rounds: ${shown[*]}) | ≤ $3× | **NOISE** |"
else
  v=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int(NR/2)+1]}')
  echo "| added p50 at c=1 | ${v}× nginx's (rounds: ${shown[*]}) | ≤ $3× | $(verdict "$v" '<=' "$3") |"
fi
if [ "$q" = qccd ]; then
  for c in 1 32 256; do
    v=$(awk -v a="$(col qccd $c 3)" -v n="$(col nginx $c 3)" 'BEGIN{printf "%.2f", a/n}')
    echo "| p99 at c=$c | ${v}× nginx's | ≤ 2.00× | $(verdict "$v" '<=' 2) |"
  done
fi
echo
}
checks qccd 1.00 1.00
echo "The portable backend's targets are its own: it must stay fast enough that nobody notices it."
echo
checks qccd-qt 0.60 2.00
echo "## 2. Streaming (qcc-bench)"
echo
echo "Upstream: \`qcc-bench upstream\`, a chunked SSE stream in the Messages API shape"
echo "(\`message_start\` and \`content_block_start\` at once, then ~200-byte \`content_block_delta\`"
echo "events at a fixed pace, each carrying its send time), over keep-alive connections. Client:"
echo "\`qcc-bench client\`, a new connection per stream. nginx: the same proxy as above with"
echo "\`proxy_buffering off\`. \"Added\" = the path's figure minus direct's. Delay of an event = its"
echo "arrival at the client minus its send time at the upstream (one clock, CLOCK_MONOTONIC)."
echo
echo "- *delay*: $delay_streams streams, an event every 10 ms each, $delay_events events per stream;"
echo "- *TTFB*: $ttfb_streams streams one after another, first response byte since \`connect()\`;"
echo "- *$long_streams streams*: opened all at once, an event every 100 ms each for ${secs} s; \"started\" ="
echo "  the last stream's first byte since the first \`connect()\`; RSS and CPU are the proxy's (nginx:"
echo "  its worker), RSS sampled every 50 ms, CPU = utime + stime over the run. A connection the"
echo "  kernel drops because the proxy's listen queue is full (\`ListenOverflows\` in"
echo "  \`/proc/net/netstat\`) starts only when the client resends its SYN, 1 s later."
echo
echo "| figure | direct | nginx | qccd | qccd-qt | target (both) | result qccd / qccd-qt |"
echo "|---|---|---|---|---|---|---|"
row() { # label prefix name
    echo "| $1 | $(smed "$2,direct" "$3") | $(smed "$2,nginx" "$3") | $(smed "$2,qccd" "$3") | $(smed "$2,qccd-qt" "$3") | — | — |"; }
added() { # label prefix name [target-op target-value]
    local n q t
    n=$(sub "$(smed "$2,nginx" "$3")" "$(smed "$2,direct" "$3")")
    q=$(sub "$(smed "$2,qccd" "$3")" "$(smed "$2,direct" "$3")")
    t=$(sub "$(smed "$2,qccd-qt" "$3")" "$(smed "$2,direct" "$3")")
    if [ $# -gt 3 ]; then echo "| $1 | — | $n | $q | $t | $4 $5 ms | $(verdict "$q" "$4" "$5") / $(verdict "$t" "$4" "$5") |"
    else echo "| $1 | — | $n | $q | $t | — | — |"; fi; }
row "event delay p50, ms" delay ev_p50_ms
row "event delay p99, ms" delay ev_p99_ms
added "**added event delay p99**, ms" delay ev_p99_ms '<' 1
row "TTFB p50, ms" ttfb ttfb_p50_ms
row "TTFB p99, ms" ttfb ttfb_p99_ms
added "**added TTFB p50**, ms" ttfb ttfb_p50_ms '<' 1
added "added TTFB p99, ms" ttfb ttfb_p99_ms
q=$(smed long,qccd start_all_ms); t=$(smed long,qccd-qt start_all_ms)
echo "| **$long_streams streams: all started**, ms | $(smed long,direct start_all_ms) | $(smed long,nginx start_all_ms) | $q | $t | < 1000 ms | $(verdict "$q" '<' 1000) / $(verdict "$t" '<' 1000) |"
q=$(smed long,qccd rss_peak_kb); t=$(smed long,qccd-qt rss_peak_kb)
echo "| **$long_streams streams: proxy peak RSS**, MB | — | $(mb "$(smed long,nginx rss_peak_kb)") | $(mb "$q") | $(mb "$t") | < 150 MB | $(verdict "$q" '<' 153600) / $(verdict "$t" '<' 153600) |"
cpu_ms() { awk -v c="$(smed "long,$1" cpu_s)" -v n="$long_streams" 'BEGIN {printf "%.2f", c * 1000 / n}'; }
cpu_pct() { awk -v c="$(smed "long,$1" cpu_s)" -v s="$(smed "long,$1" elapsed_s)" 'BEGIN {printf "%.0f %%", 100 * c / s}'; }
echo "| $long_streams streams: proxy CPU per stream (${secs} s each), ms | — | $(cpu_ms nginx) | $(cpu_ms qccd) | $(cpu_ms qccd-qt) | reported | — |"
echo "| $long_streams streams: proxy CPU, % of a core | — | $(cpu_pct nginx) | $(cpu_pct qccd) | $(cpu_pct qccd-qt) | reported | — |"
row "$long_streams streams: TTFB p50, ms" long ttfb_p50_ms
row "$long_streams streams: TTFB p99, ms" long ttfb_p99_ms
row "$long_streams streams: connections dropped by a full listen queue" long listen_overflows
row "$long_streams streams: event delay p99, ms" long ev_p99_ms
fails=0
for t in direct nginx qccd qccd-qt; do for k in delay ttfb long; do
    fails=$((fails + $(ssum "$k,$t" failed) + $(ssum "$k,$t" bad_status) + $(ssum "$k,$t" error_events)))
done; done
qf=0; for k in delay ttfb long; do for t in qccd qccd-qt; do qf=$((qf + $(ssum "$k,$t" failed) + $(ssum "$k,$t" bad_status) + $(ssum "$k,$t" error_events))); done; done
echo "| failed streams (all part-2 runs; both qccds' / all paths') | — | — | $qf / $fails | | 0 | $(verdict "$qf" '<=' 0) |"
echo
echo "## 3. Memory"
echo
echo "| figure | value | target | result |"
echo "|---|---|---|---|"
echo "| **qccd idle RSS** (fresh, one endpoint, listening, 3 s after start) | $(mb "$idle_rss") MB | ≤ 15 MB | $(verdict "$idle_rss" '<=' 15360) |"
echo "| qccd-qt idle RSS (the portable backend, likewise) | $(mb "$idle_rss_qt") MB | ≤ 15 MB | $(verdict "$idle_rss_qt" '<=' 15360) |"
echo "| **qcc-tray idle RSS** (offscreen, one endpoint, no keychain, 5 s after start) | $(mb "$tray_rss") MB | ≤ 40 MB | $(verdict "$tray_rss" '<=' 40960) |"
sk=soak,qccd
drift=$(field $sk drift_pct)
echo "| soak: RSS after ${warm_s} s of warm-up / at the end of ${soak_min} min | $(mb "$(field $sk rss_warm_kb)") / $(mb "$(field $sk rss_end_kb)") MB | — | — |"
echo "| **soak: RSS drift** | ${drift} % | < 5 % | $(verdict "${drift#-}" '<' 5) |"
sreq=$(field $sk ok); sfail=$(( $(f0 $sk failed) + $(f0 $sk bad_status) + $(f0 $sk error_events) ))
echo "| soak: requests (half streams, half JSON) / failed | $sreq / $sfail | — / 0 | $(verdict "$sfail" '<=' 0) |"
echo "| soak: qccd CPU, % of a core | $(awk -v c="$(field $sk cpu_s)" -v s="$(field $sk elapsed_s)" 'BEGIN {printf "%.0f", 100 * c / s}') % | reported | — |"
echo "| qccd RSS after parts 2 and 4, idle 3 s (for information) | $(mb "$after_rss") MB | — | — |"
echo
echo "Soak: a fresh qccd, 16 connections alternating a stream of 20 events 5 ms apart and a small"
echo "JSON request, a new connection every 10 requests; RSS sampled every second. Drift = the median"
echo "RSS over the last 10 s minus the median over the 10 s after the warm-up, over the latter."
echo "qcc-tray runs offscreen, so it finds no system tray and shows its Nodes window; that window"
echo "is included in its figure."
echo
echo "## 4. Large bodies (qcc-bench, a fresh qccd)"
echo
echo "| transfer | time s | RSS before MB | peak MB | after MB | growth (peak − before) MB | target | result |"
echo "|---|---|---|---|---|---|---|---|"
for k in post20 sse50; do
    case $k in post20) label="20 MiB POST, small JSON reply";; sse50) label="50 MiB SSE response (3200 × 16 KiB events)";; esac
    b=$(field "$k,qccd" rss_before_kb); p=$(field "$k,qccd" rss_peak_kb); a=$(field "$k,qccd" rss_after_kb)
    ok=$(( $(f0 "$k,qccd" failed) + $(f0 "$k,qccd" bad_status) ))
    g=""; [ -n "$p" ] && [ -n "$b" ] && g=$((p - b))
    res=$(verdict "$g" '<' 10240); [ "$ok" != 0 ] && res="**FAILED**"
    echo "| $label | $(field "$k,qccd" elapsed_s) | $(mb "$b") | $(mb "$p") | $(mb "$a") | $(mb "$g") | < 10 MB | $res |"
done
echo
echo "Peak = the highest of VmRSS polled every 2 ms and VmHWM (reset through"
echo "\`/proc/PID/clear_refs\` before each transfer); after = 1 s after the transfer ended."
echo "qccd keeps a request body until the response commits, so that it can send it to another"
echo "endpoint if this one fails (failover); a body above 1 MiB is kept in an unlinked temporary"
echo "file (the page cache, not the process) and streamed from there to each attempt."
echo "The 50 MiB response is relayed event by event and is never held whole."
echo
# Hand-written history (profiles, before/after) below the marker survives a re-run.
sed -n '/^<!-- history -->/,$p' "$root/docs/BENCHMARKS.md" 2>/dev/null || true
} > "$out.new"
mv "$out.new" "$out"
cat "$out"
