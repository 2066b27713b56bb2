#!/usr/bin/env bash
# Request/response benchmark: direct upstream vs nginx (1 worker, keep-alive upstream,
# proxy_buffering off) vs qccd, small POST, alternating in one run, and rewrites
# docs/BENCHMARKS.md with the figures. Usage: bench/run.sh [seconds-per-run] [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-8}
rounds=${2:-3}
"$root/scripts/install-deps.sh" bench
QCC_BUILD_TYPE=Release QCC_BUILD_DIR=${QCC_BUILD_DIR:-$root/build-release} "$root/scripts/build.sh" -DQCC_BUILD_TESTS=OFF
bin=${QCC_BUILD_DIR:-$root/build-release}/bin
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
UP=$(free_port); NG=$(free_port); QC=$(free_port)
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
cat > "$work/ng/nginx.conf" <<CONF
worker_processes 1; daemon off; pid $work/ng/nginx.pid; error_log $work/ng/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $work/ng; proxy_temp_path $work/ng; fastcgi_temp_path $work/ng; uwsgi_temp_path $work/ng; scgi_temp_path $work/ng;
  upstream up { server 127.0.0.1:$UP; keepalive 256; }
  server { listen 127.0.0.1:$NG;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_buffering off; proxy_request_buffering off; } } }
CONF
nginx -c "$work/up/nginx.conf" -p "$work/up" & pids+=($!)
nginx -c "$work/ng/nginx.conf" -p "$work/ng" & pids+=($!)
cat > "$work/qcc.json" <<CONF
{"version":1,"listen":{"host":"127.0.0.1","port":$QC},"clusters":[{"name":"default","endpoints":[
 {"name":"bench","base_url":"http://127.0.0.1:$UP","api_key":"sk-bench-000000000000"}]}],
 "verify":{"interval_ms":3600000}}
CONF
"$bin/qccd" --config "$work/qcc.json" --state-dir "$work/state" --log-level warning > "$work/qccd.out" & pids+=($!)
for p in $UP $NG $QC; do
  for _ in $(seq 50); do (echo > /dev/tcp/127.0.0.1/$p) 2>/dev/null && break; sleep 0.1; done
done

# One wrk run: prints "req_per_s p50_ms p99_ms".
run() { # port conns
  wrk -t1 -c"$2" -d"${secs}s" --latency -s "$root/bench/post.lua" "http://127.0.0.1:$1" 2>/dev/null |
    awk '/Requests\/sec/ {rps=$2}
         function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
         $1=="50%" {p50=ms($2)} $1=="99%" {p99=ms($2)}
         END {printf "%.0f %.3f %.3f\n", rps, p50, p99}'
}
declare -A res
for c in 1 32 256; do
  for r in $(seq "$rounds"); do
    for t in direct nginx qccd; do
      case $t in direct) port=$UP;; nginx) port=$NG;; qccd) port=$QC;; esac
      res[$t,$c,$r]=$(run "$port" "$c")
      echo "c=$c round $r $t: ${res[$t,$c,$r]}" >&2
    done
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { # target conns field
  for r in $(seq "$rounds"); do echo "${res[$1,$2,$r]}" | awk -v f="$3" '{print $f}'; done | median; }

{
echo "# Benchmarks"
echo
echo "Measured by \`bench/run.sh $secs $rounds\` on $(date -u +%Y-%m-%d): $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
echo "$(uname -sr), nginx $(nginx -v 2>&1 | sed 's/.*\///'), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), Qt $(qtpaths6 --qt-version 2>/dev/null || echo 6.4)."
echo "Everything runs on the same machine over loopback: wrk, the upstream, and the proxy share the cores,"
echo "so the absolute numbers are low and noisy; the ratios against nginx, measured alternately in the"
echo "same run, are what matter. Each figure is the median of $rounds runs of ${secs} s."
echo
echo "Upstream: nginx answering a small Messages API JSON body from memory. nginx proxy: 1 worker,"
echo "keep-alive upstream pool, \`proxy_buffering off\`. qccd: one endpoint, Release build."
echo "Request: \`POST /v1/messages\` with a 90-byte JSON body (\`bench/post.lua\`)."
echo
echo "## Request/response (wrk)"
echo
echo "| connections | path | req/s | p50 ms | p99 ms | req/s vs nginx | added p50 vs nginx |"
echo "|---|---|---|---|---|---|---|"
for c in 1 32 256; do
  d50=$(col direct $c 2); n50=$(col nginx $c 2); nrps=$(col nginx $c 1)
  for t in direct nginx qccd; do
    rps=$(col $t $c 1); p50=$(col $t $c 2); p99=$(col $t $c 3)
    if [ $t = direct ]; then ratio="—"; added="—"; else
      ratio=$(awk -v a="$rps" -v b="$nrps" 'BEGIN{printf "%.2f×", a/b}')
      added=$(awk -v a="$p50" -v d="$d50" -v n="$n50" 'BEGIN{na=n-d; if (na<=0) na=0.001; printf "%.3f ms (%.2f×)", a-d, (a-d)/na}')
    fi
    echo "| $c | $t | $rps | $p50 | $p99 | $ratio | $added |"
  done
done
echo
echo "\"added p50\" is the path's p50 minus the direct p50 (what the proxy costs); the ratio compares it"
echo "with nginx's added p50."
echo
# Hand-written history (profiles, before/after) below the marker survives a re-run.
sed -n '/^<!-- history -->/,$p' "$root/docs/BENCHMARKS.md" 2>/dev/null || true
} > "$root/docs/BENCHMARKS.md.new"
mv "$root/docs/BENCHMARKS.md.new" "$root/docs/BENCHMARKS.md"
cat "$root/docs/BENCHMARKS.md"
