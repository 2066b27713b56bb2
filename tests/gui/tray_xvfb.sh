#!/usr/bin/env bash
# End-to-end GUI test of qcc-tray on a real (virtual) X display with a real system tray:
# Xvfb + trayer as the tray host, qcc-fake-upstream as the endpoints, xdotool for the mouse,
# ImageMagick for screenshots. Checks the tray icon colour in each state, the tray menu, and
# that a second `qcc-tray --open WINDOW` hands off to the running one, which opens WINDOW;
# then, with the tray host gone, that QCC opens its main window instead.
#
#   tests/gui/tray_xvfb.sh <bin-dir> <output-screenshot-dir>
#
# Exit status: 0 all checks passed, 1 a check failed or a tool is missing, 2 usage.
# Logs (qcc-tray's stderr, window trees, stats) land in <output-screenshot-dir>/logs when a
# check fails, or always with QCC_KEEP_LOGS=1.
# See tests/gui/README.md.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 <bin-dir> <output-screenshot-dir>" >&2
    exit 2
fi
[ -d "$1" ] || { echo "FAIL: bin dir $1 does not exist"; exit 1; }
BIN=$(cd "$1" && pwd)
OUT=$2
mkdir -p "$OUT"
DEADLINE=${QCC_TRAY_TEST_DEADLINE:-150} # seconds; the run normally takes 25-45

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------
missing=()
for tool in Xvfb trayer xdotool import convert xwininfo curl python3 timeout; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "FAIL: missing tools: ${missing[*]}"
    echo "      (scripts/install-deps.sh test installs them: xvfb trayer xdotool imagemagick" \
         "x11-utils curl)"
    exit 1
fi
for b in qcc-tray qcc-fake-upstream; do
    if [ ! -x "$BIN/$b" ] || [ ! -s "$BIN/$b" ]; then
        echo "FAIL: $BIN/$b is missing or not an executable"
        exit 1
    fi
done

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SHOTS=(tray-green.png tray-amber.png tray-menu.png failed-nodes.png nodes.png endpoints.png
       settings.png tray-red.png tray-grey.png main-window.png
       zh_CN/tray-menu.png zh_CN/nodes.png
       zh_CN/main-window.png zh_CN/failed-nodes.png zh_CN/endpoints.png zh_CN/settings.png)
for s in "${SHOTS[@]}"; do rm -f "$OUT/$s"; done
rm -rf "$OUT/logs"

PIDS=()      # every background process this script started, in start order
FAILURES=0
WATCHDOG=
T0=$(date +%s)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/qcc-tray-xvfb.XXXXXX")

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------
say() { printf '[%3ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
pass() { say "PASS: $*"; }
fail() { say "FAIL: $*"; FAILURES=$((FAILURES + 1)); }
die() { fail "$*"; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# poll SECONDS CMD...: runs CMD every 0.2 s until it succeeds (0) or SECONDS pass (1).
poll() {
    local end=$(($(now_ms) + $1 * 1000))
    shift
    while :; do
        if "$@"; then return 0; fi
        [ "$(now_ms)" -ge "$end" ] && return 1
        sleep 0.2
    done
}

alive() { kill -0 "$1" 2>/dev/null; }
dead() { ! kill -0 "$1" 2>/dev/null; }
file_has() { [ -f "$1" ] && grep -qE -- "$2" "$1"; }

forget() {
    local keep=() p
    for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
    PIDS=("${keep[@]+"${keep[@]}"}")
}

# stop PID: SIGTERM, up to 5 s to exit, then SIGKILL; reaps it.
stop() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    poll 5 dead "$pid" || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget "$pid"
}

cleanup() {
    local rc=$? i p
    set +e
    trap - EXIT INT TERM
    if [ -n "$WATCHDOG" ]; then
        kill -TERM "$WATCHDOG" 2>/dev/null # it stops its sleep
        wait "$WATCHDOG" 2>/dev/null
    fi
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do kill -TERM "${PIDS[i]}" 2>/dev/null; done
    for p in "${PIDS[@]+"${PIDS[@]}"}"; do
        poll 5 dead "$p" || kill -KILL "$p" 2>/dev/null
        wait "$p" 2>/dev/null
    done
    cp -f "$TMP"/shots/*.png "$OUT"/ 2>/dev/null
    mkdir -p "$OUT/zh_CN" && cp -f "$TMP"/shots/zh_CN/*.png "$OUT"/zh_CN/ 2>/dev/null
    if [ "$rc" -ne 0 ] || [ "$FAILURES" -ne 0 ] || [ -n "${QCC_KEEP_LOGS:-}" ]; then
        mkdir -p "$OUT/logs"
        find "$TMP" -maxdepth 3 -type f \( -name '*.log' -o -name '*.out' -o -name '*.err' \
             -o -name 'tree*.txt' -o -name 'stats.json' \) |
            while read -r f; do cp -f "$f" "$OUT/logs/$(echo "${f#"$TMP"/}" | tr / _)"; done
    fi
    rm -rf "$TMP"
    [ "$rc" -eq 0 ] && [ "$FAILURES" -ne 0 ] && rc=1
    exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "FAIL: terminated (deadline of ${DEADLINE} s, or a signal)"; exit 143' TERM

# A last resort against a hang: every wait below is bounded, and every external command that
# could block runs under timeout(1), so this TERM is handled within seconds.
(
    trap 'kill "$sp" 2>/dev/null; exit 0' TERM
    sleep "$DEADLINE" &
    sp=$!
    wait "$sp"
    kill -TERM $$
) 2>/dev/null &
WATCHDOG=$!

mkdir -p "$TMP/shots/zh_CN" "$TMP/bin"
# Private copies: a rebuild of <bin-dir> while the test runs cannot swap binaries under it.
cp "$BIN/qcc-tray" "$BIN/qcc-fake-upstream" "$TMP/bin/"
BIN=$TMP/bin

# The Python side: parses `xwininfo -root -tree`, analyses screenshots (binary PPM), reads stats.
cat >"$TMP/qcctool.py" <<'PY'
import json, re, sys
from collections import Counter

LINE = re.compile(r'^(\s*)(0x[0-9a-f]+) (?:"(.*)"|\(has no name\)):.*?'
                  r'(\d+)x(\d+)\+(-?\d+)\+(-?\d+)\s+\+(-?\d+)\+(-?\d+)\s*$')

def windows(path):
    """(depth, id, name, w, h, absx, absy) per window of an `xwininfo -root -tree` dump."""
    out = []
    for line in open(path, encoding='utf-8', errors='replace'):
        m = LINE.match(line.rstrip('\n'))
        if m:
            out.append((len(m.group(1)), m.group(2), m.group(3), int(m.group(4)),
                        int(m.group(5)), int(m.group(8)), int(m.group(9))))
    return out

def icon(tree):
    """The biggest window named qcc-tray inside trayer's "panel": 'id x y w h px py pw ph'."""
    ws = windows(tree)
    best = None
    for i, (depth, wid, name, w, h, x, y) in enumerate(ws):
        if name != 'panel':
            continue
        for d2, wid2, name2, w2, h2, x2, y2 in ws[i + 1:]:
            if d2 <= depth:
                break
            if name2 == 'qcc-tray' and (best is None or w2 * h2 > best[3] * best[4]):
                best = (wid2, x2, y2, w2, h2, x, y, w, h)
    if best is None or best[3] < 8 or best[4] < 8:
        return 1
    print(*best)
    return 0

def title(tree, text):
    ids = [wid for _, wid, name, *_ in windows(tree) if name == text]
    print(*ids)
    return 0 if ids else 1

def toplevels(tree, name, minw, minh):
    ws = windows(tree)
    root_depth = min(d for d, *_ in ws) if ws else 0
    ids = [wid for d, wid, n, w, h, *_ in ws
           if d == root_depth and n == name and w >= int(minw) and h >= int(minh)]
    print(*ids)
    return 0

def ppm(path):
    data = open(path, 'rb').read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b'#':
            pos = data.index(b'\n', pos)
            continue
        start = pos
        while not data[pos:pos + 1].isspace():
            pos += 1
        fields.append(data[start:pos])
    if fields[0] != b'P6' or int(fields[3]) != 255:
        raise SystemExit('not an 8-bit P6 PPM: %s' % path)
    w, h = int(fields[1]), int(fields[2])
    raw = data[pos + 1:pos + 1 + w * h * 3]
    return w, h, [tuple(raw[i:i + 3]) for i in range(0, len(raw), 3)]

STATES = {'green': (0x2e, 0x9e, 0x5b), 'amber': (0xe8, 0xa3, 0x17),
          'red': (0xd6, 0x45, 0x41), 'grey': (0x8a, 0x8f, 0x98)}
hexof = lambda c: '#%02x%02x%02x' % c
near = lambda a, b, tol: all(abs(x - y) <= tol for x, y in zip(a, b))

def color(path, expected, tol):
    """Icon analysis: background = commonest colour of the crop's border; the icon must have
    enough non-background pixels and colours, and its commonest colour that is neither
    background nor near-white must be within tol of the expected state colour."""
    w, h, px = ppm(path)
    tol = int(tol)
    border = [px[y * w + x] for y in range(h) for x in range(w)
              if x in (0, w - 1) or y in (0, h - 1)]
    bg = Counter(border).most_common(1)[0][0]
    fg = [c for c in px if not near(c, bg, 30)]
    distinct = len(set(px))
    body = Counter(c for c in fg if min(c) < 225)
    dominant = body.most_common(1)[0][0] if body else None
    want = STATES[expected]
    nearest = (min(STATES, key=lambda s: sum((a - b) ** 2 for a, b in zip(STATES[s], dominant)))
               if dominant else None)
    ok = len(fg) >= 0.1 * w * h and distinct >= 4 and dominant is not None \
        and near(dominant, want, tol)
    print('%dx%d background=%s non-background=%d/%d distinct=%d dominant=%s (%d px, nearest %s)'
          ' expected %s=%s' % (w, h, hexof(bg), len(fg), w * h, distinct,
                               hexof(dominant) if dominant else '-',
                               body[dominant] if dominant else 0, nearest, expected,
                               hexof(want)))
    return 0 if ok else 1

def distinct(path, minimum):
    w, h, px = ppm(path)
    n = len(set(px))
    print('%dx%d distinct=%d' % (w, h, n))
    return 0 if n >= int(minimum) else 1

def isolated(path, name):
    """'true'/'false': whether endpoint NAME is in the failure queue, per /__qcc__/stats."""
    for e in json.load(open(path))['endpoints']:
        if e['name'] == name:
            print('true' if e['in_failure_queue'] else 'false')
            return 0
    return 1

sys.exit(globals()[sys.argv[1]](*sys.argv[2:]))
PY
qcctool() { python3 "$TMP/qcctool.py" "$@"; }

# X helpers (DISPLAY is exported once the server is up).
tree() { LC_ALL=C.UTF-8 timeout 5 xwininfo -root -tree >"$TMP/tree.txt" 2>/dev/null; }
viewable() { timeout 5 xwininfo -id "$1" 2>/dev/null | grep -q 'Map State: IsViewable'; }
shoot_root() { timeout 15 import -window root "$1" 2>>"$TMP/import.log"; }
# crop SRC GEOMETRY DEST [convert options...]
crop() {
    local src=$1 geo=$2 dest=$3
    shift 3
    timeout 15 convert "$src" -crop "$geo" +repage "$@" "$dest"
}

# ---------------------------------------------------------------------------------------------
# 2. X server and system tray
# ---------------------------------------------------------------------------------------------
XVFB_PID=
for n in $(seq 90 140); do
    [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
    XVFB_PID=$!
    PIDS+=("$XVFB_PID")
    export DISPLAY=":$n"
    if poll 10 eval 'alive "$XVFB_PID" && timeout 2 xwininfo -root >/dev/null 2>&1'; then
        break
    fi
    stop "$XVFB_PID" # another one took :$n first; try the next number
    XVFB_PID=
done
[ -n "$XVFB_PID" ] || die "could not start Xvfb on any display :90..:140"
pass "Xvfb is up on $DISPLAY"

unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS SESSION_MANAGER
trayer --edge top --align right --widthtype request --height 32 --transparent false \
    --tint 0x333333 --SetDockType true >"$TMP/trayer.log" 2>&1 &
TRAYER_PID=$!
PIDS+=("$TRAYER_PID")
panel_up() { alive "$TRAYER_PID" && tree && grep -q '"panel": ("panel" "trayer")' "$TMP/tree.txt"; }
poll 10 panel_up || die "trayer's panel window did not appear (see trayer.log)"
sleep 0.5 # let trayer finish claiming the _NET_SYSTEM_TRAY selection
pass "trayer system tray is up"

# ---------------------------------------------------------------------------------------------
# Scenario plumbing
# ---------------------------------------------------------------------------------------------
REQ='{"model":"x","max_tokens":5,"messages":[{"role":"user","content":"hi"}]}'

# start_fake NAME KIND: starts a qcc-fake-upstream; sets FAKE_PORT.
start_fake() {
    local log="$TMP/fake-$1.out"
    "$BIN/qcc-fake-upstream" --port 0 --reply "$2" >"$log" 2>&1 &
    PIDS+=("$!")
    eval "FAKE_PID_$1=$!"
    poll 10 file_has "$log" '^listening on [0-9]+' || die "fake upstream $1 ($2) did not start"
    FAKE_PORT=$(sed -n 's/^listening on \([0-9]*\).*/\1/p' "$log" | head -n1)
}

# endpoint NAME PORT TIER: one endpoint's JSON.
endpoint() {
    printf '{"name":"%s","base_url":"http://127.0.0.1:%s","api_key":"sk-test-%s-0123456789abcdef",' \
        "$1" "$2" "$1"
    printf '"tier":"%s"}' "$3"
}

# write_config DIR LISTEN_PORT ENDPOINT_JSON...
write_config() {
    local dir=$1 port=$2 eps
    shift 2
    eps=$(IFS=,; echo "$*")
    printf '{"version":1,"listen":{"host":"127.0.0.1","port":%s},"clusters":[{"name":"default","endpoints":[%s]}]}\n' \
        "$port" "$eps" >"$dir/config.json"
}

# scenario_env SCENARIO: sets ENVV, the environment assignments that give a run its private
# home, XDG dirs, temp dir (where the single-instance socket lives) and instance name. Used as
# `env "${ENVV[@]}" CMD` so that `$!` is CMD's own pid. The session bus address points nowhere:
# an unset one would make libdbus autolaunch a dbus-daemon that outlives the test, and a real
# one would let Qt use the desktop's notification/keychain services.
scenario_env() {
    local d="$TMP/$1"
    ENVV=(HOME="$d/home" XDG_CONFIG_HOME="$d/home/.config" XDG_DATA_HOME="$d/home/.local/share"
          XDG_CACHE_HOME="$d/home/.cache" XDG_STATE_HOME="$d/home/.local/state"
          XDG_RUNTIME_DIR="$d/runtime" TMPDIR="$d/tmp" QT_QPA_PLATFORM=xcb
          QCC_INSTANCE_NAME="qcc-tray-xvfb-$$-$1"
          DBUS_SESSION_BUS_ADDRESS="unix:path=$d/no-session-bus")
    # Scenarios Y and Z run in Chinese: the desktop's language, as QCC's "System language" reads.
    case $1 in Y | Z) ENVV+=(LANG=zh_CN.UTF-8 LANGUAGE=zh_CN) ;; esac
    return 0
}

# new_scenario NAME: its private directories.
new_scenario() {
    local d="$TMP/$1"
    mkdir -p "$d/home/.config" "$d/home/.local/share" "$d/runtime" "$d/tmp" "$d/state"
    chmod 700 "$d/runtime"
}

# start_tray SCENARIO: starts qcc-tray on the scenario's config; sets TRAY_PID.
start_tray() {
    local d="$TMP/$1"
    scenario_env "$1"
    env "${ENVV[@]}" "$BIN/qcc-tray" --config "$d/config.json" --state-dir "$d/state" \
        >"$d/tray.out" 2>"$d/tray.err" &
    TRAY_PID=$!
    PIDS+=("$TRAY_PID")
}

# wait_listening SCENARIO: waits for "listening on"; sets QPORT.
wait_listening() {
    local d="$TMP/$1"
    if ! poll 15 eval 'file_has "$d/tray.out" "^listening on http://" || dead "$TRAY_PID"'; then
        die "[$1] qcc-tray did not print 'listening on' within 15 s"
    fi
    alive "$TRAY_PID" || die "[$1] qcc-tray exited early: $(tail -n 5 "$d/tray.err")"
    QPORT=$(sed -n 's#^listening on http://[^:]*:\([0-9]*\).*#\1#p' "$d/tray.out" | head -n1)
    pass "[$1] qcc-tray is listening on 127.0.0.1:$QPORT"
}

# wait_icon SCENARIO: waits for the icon to be embedded in trayer; sets ICON_* and PANEL_*.
wait_icon() {
    local info
    icon_up() { tree && info=$(qcctool icon "$TMP/tree.txt"); }
    if ! poll 15 icon_up; then
        if grep -q '"QCC"' "$TMP/tree.txt"; then
            die "[$1] qcc-tray found no system tray and opened its main window instead"
        fi
        die "[$1] no qcc-tray icon inside trayer's panel within 15 s"
    fi
    read -r ICON_ID ICON_X ICON_Y ICON_W ICON_H PANEL_X _ PANEL_W PANEL_H <<<"$info"
    cp "$TMP/tree.txt" "$TMP/$1/tree-icon.txt"
    pass "[$1] tray icon embedded in trayer: window $ICON_ID ${ICON_W}x${ICON_H}+${ICON_X}+${ICON_Y}"
}

# request SCENARIO: one POST /v1/messages through the proxy; sets HTTP_CODE.
request() {
    HTTP_CODE=$(curl -s --max-time 15 -o "$TMP/$1/reply.json" -w '%{http_code}' \
        -X POST "http://127.0.0.1:$QPORT/v1/messages" -H 'content-type: application/json' \
        -d "$REQ" || true)
}

stats() {
    curl -s --max-time 5 -o "$TMP/$1/stats.json" "http://127.0.0.1:$QPORT/__qcc__/stats"
}

# expect_isolated SCENARIO ENDPOINT true|false
expect_isolated() {
    local got
    stats "$1" || { fail "[$1] GET /__qcc__/stats failed"; return 0; }
    got=$(qcctool isolated "$TMP/$1/stats.json" "$2" 2>/dev/null || echo "?")
    if [ "$got" = "$3" ]; then
        pass "[$1] stats: endpoint $2 in_failure_queue=$got"
    else
        fail "[$1] stats: endpoint $2 in_failure_queue=$got, expected $3"
    fi
}

# check_icon SCENARIO STATE SHOT: polls (8 s) until the icon shows STATE's colour; saves the
# panel region, 4x, as SHOT.
check_icon() {
    local sc=$1 state=$2 shot=$3 root="$TMP/$1/root.png" verdict=""
    icon_is() {
        shoot_root "$root" || return 1
        crop "$root" "${ICON_W}x${ICON_H}+${ICON_X}+${ICON_Y}" "$TMP/$sc/icon.ppm" -depth 8 ||
            return 1
        verdict=$(qcctool color "$TMP/$sc/icon.ppm" "$state" 40)
    }
    if poll 8 icon_is; then
        pass "[$sc] tray icon is $state: $verdict"
    else
        fail "[$sc] tray icon is not $state: ${verdict:-no screenshot}"
    fi
    local x=$((PANEL_X - 64)) w=$((PANEL_W + 128)) h=$((PANEL_H + 8))
    [ "$x" -ge 0 ] || x=0
    [ $((x + w)) -le 1280 ] || w=$((1280 - x))
    crop "$root" "${w}x${h}+${x}+0" "$TMP/shots/$shot" -filter point -resize 400% ||
        fail "[$sc] could not save $shot"
}

# start_failover SCENARIO [icon]: a 401 primary "official" and a working secondary "relay",
# qcc-tray on them (waiting for its tray icon with "icon"), and one request, which must fail
# over to the secondary. The fakes are FAKE_PID_<SCENARIO>1 and 2.
start_failover() {
    local sc=$1 p1 p2
    new_scenario "$sc"
    start_fake "${sc}1" 401; p1=$FAKE_PORT
    start_fake "${sc}2" working; p2=$FAKE_PORT
    write_config "$TMP/$sc" 0 "$(endpoint official "$p1" primary)" "$(endpoint relay "$p2" secondary)"
    start_tray "$sc"
    wait_listening "$sc"
    if [ "${2:-}" = icon ]; then wait_icon "$sc"; fi
    request "$sc"
    [ "$HTTP_CODE" = 200 ] && pass "[$sc] request fails over to the secondary: HTTP 200" ||
        fail "[$sc] request through the proxy: HTTP $HTTP_CODE, expected 200 (failover)"
    sleep 2
}

# shoot_menu SCENARIO SHOT: right-clicks the tray icon, saves the menu as SHOT, closes it with
# Escape.
shoot_menu() {
    local sc=$1 shot=$2 before
    tree || die "[$sc] xwininfo failed"
    before=$(qcctool toplevels "$TMP/tree.txt" qcc-tray 100 100)
    timeout 5 xdotool mousemove $((ICON_X + ICON_W / 2)) $((ICON_Y + ICON_H / 2)) click 3 ||
        fail "[$sc] xdotool could not right-click the tray icon"
    MENU_ID=
    menu_up() {
        local id
        tree || return 1
        for id in $(qcctool toplevels "$TMP/tree.txt" qcc-tray 100 100); do
            case " $before " in *" $id "*) continue ;; esac
            viewable "$id" && MENU_ID=$id && return 0
        done
        return 1
    }
    if poll 5 menu_up; then
        pass "[$sc] right-click opened the tray menu (window $MENU_ID)"
    else
        fail "[$sc] no menu window appeared after right-clicking the tray icon"
    fi
    sleep 0.7 # first paint
    shoot_root "$TMP/$sc/menu-root.png" &&
        crop "$TMP/$sc/menu-root.png" 500x450+780+0 "$TMP/shots/$shot" ||
        fail "[$sc] could not save $shot"
    timeout 5 xdotool key Escape || fail "[$sc] xdotool could not press Escape"
    if [ -n "$MENU_ID" ]; then
        menu_gone() { ! viewable "$MENU_ID"; }
        poll 3 menu_gone && pass "[$sc] Escape closed the tray menu" ||
            fail "[$sc] the tray menu is still open after Escape"
    fi
}

# end_scenario SCENARIO PID...: stops qcc-tray and the fakes; waits for the icon to go.
end_scenario() {
    local sc=$1 p
    shift
    for p in "$@"; do stop "$p"; done
    icon_gone() { tree && ! qcctool icon "$TMP/tree.txt" >/dev/null; }
    poll 5 icon_gone || fail "[$sc] the tray icon stayed in trayer after qcc-tray exited"
}

# open_window SCENARIO NAME TITLE SHOT: a second qcc-tray --open NAME must hand off and exit 0;
# the running one must show the window TITLE, saved as SHOT.
open_window() {
    local sc=$1 name=$2 title=$3 shot=$4 d="$TMP/$1" t rc=0 ids id sock="socket present"
    [ -S "$d/tmp/qcc-tray-xvfb-$$-$sc" ] || sock="NO single-instance socket"
    t=$(now_ms)
    scenario_env "$sc"
    env "${ENVV[@]}" timeout 8 "$BIN/qcc-tray" --config "$d/config.json" --state-dir "$d/state" \
        --open "$name" >"$d/open-$name.out" 2>"$d/open-$name.err" || rc=$?
    t=$(($(now_ms) - t))
    if [ "$rc" -eq 0 ] && [ "$t" -lt 5000 ] && grep -q 'already running' "$d/open-$name.out"; then
        pass "[$sc] second 'qcc-tray --open $name' handed off and exited 0 in ${t} ms"
    else
        fail "[$sc] second 'qcc-tray --open $name': exit $rc after ${t} ms ($sock before)," \
             "stdout: $(tr '\n' ' ' <"$d/open-$name.out")"
    fi
    alive "$TRAY_PID" || die "[$sc] the first qcc-tray died"
    win_up() {
        tree && ids=$(qcctool title "$TMP/tree.txt" "$title") || return 1
        for id in $ids; do viewable "$id" && return 0; done
        return 1
    }
    if ! poll 8 win_up; then
        fail "[$sc] no viewable window titled \"$title\" after --open $name"
        cp "$TMP/tree.txt" "$d/tree-open-$name.txt"
        return 0
    fi
    pass "[$sc] window \"$title\" is shown (id $id)"
    sleep 0.7 # first paint
    if timeout 15 import -window "$id" "$TMP/shots/$shot" 2>>"$TMP/import.log" &&
        timeout 15 convert "$TMP/shots/$shot" -depth 8 "$d/win.ppm" &&
        qcctool distinct "$d/win.ppm" 8 >"$d/win.txt"; then
        pass "[$sc] $shot saved ($(cat "$d/win.txt"))"
    else
        fail "[$sc] screenshot of \"$title\" is missing or blank ($(cat "$d/win.txt" 2>/dev/null))"
    fi
}

# ---------------------------------------------------------------------------------------------
# 3. Scenario A: a working primary and a working secondary -> green
# ---------------------------------------------------------------------------------------------
say "--- A: working primary + working secondary: green"
new_scenario A
start_fake A1 working; PA1=$FAKE_PORT
start_fake A2 working; PA2=$FAKE_PORT
write_config "$TMP/A" 0 "$(endpoint official "$PA1" primary)" "$(endpoint relay "$PA2" secondary)"
start_tray A
wait_listening A
wait_icon A
request A
[ "$HTTP_CODE" = 200 ] && pass "[A] request through the proxy: HTTP 200" ||
    fail "[A] request through the proxy: HTTP $HTTP_CODE, expected 200"
sleep 2
expect_isolated A official false
check_icon A green tray-green.png
end_scenario A "$TRAY_PID" "$FAKE_PID_A1" "$FAKE_PID_A2"

# ---------------------------------------------------------------------------------------------
# 4. Scenario B: a 401 primary and a working secondary -> amber; menu; --open hand-off
# ---------------------------------------------------------------------------------------------
say "--- B: 401 primary + working secondary: amber, menu, windows"
start_failover B icon
expect_isolated B official true
expect_isolated B relay false
check_icon B amber tray-amber.png

shoot_menu B tray-menu.png

open_window B failed-nodes "QCC — Failed endpoints" failed-nodes.png
open_window B nodes "QCC — Endpoint status" nodes.png
open_window B endpoints "QCC — Endpoints" endpoints.png
open_window B settings "QCC — Settings" settings.png
end_scenario B "$TRAY_PID" "$FAKE_PID_B1" "$FAKE_PID_B2"

# ---------------------------------------------------------------------------------------------
# 5. Scenario C: only a 401 primary -> red
# ---------------------------------------------------------------------------------------------
say "--- C: only a 401 primary: red"
new_scenario C
start_fake C1 401; PC1=$FAKE_PORT
write_config "$TMP/C" 0 "$(endpoint official "$PC1" primary)"
start_tray C
wait_listening C
wait_icon C
request C
[ "$HTTP_CODE" != 200 ] && [ "$HTTP_CODE" != 000 ] &&
    pass "[C] request with no usable endpoint: HTTP $HTTP_CODE (an error, as expected)" ||
    fail "[C] request with no usable endpoint: HTTP $HTTP_CODE, expected an error status"
sleep 2
expect_isolated C official true
check_icon C red tray-red.png
end_scenario C "$TRAY_PID" "$FAKE_PID_C1"

# ---------------------------------------------------------------------------------------------
# Scenario D: the listen port is taken -> the proxy cannot listen -> grey
# ---------------------------------------------------------------------------------------------
say "--- D: listen port already in use: grey"
new_scenario D
python3 -c '
import socket, sys, time
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
print(s.getsockname()[1], flush=True)
time.sleep(120)
' >"$TMP/D/busy.out" 2>&1 &
BUSY_PID=$!
PIDS+=("$BUSY_PID")
poll 5 file_has "$TMP/D/busy.out" '^[0-9]+$' || die "[D] could not occupy a port"
BUSY=$(head -n1 "$TMP/D/busy.out")
start_fake D1 working; PD1=$FAKE_PORT
write_config "$TMP/D" "$BUSY" "$(endpoint official "$PD1" primary)"
start_tray D
wait_icon D
if poll 10 eval 'file_has "$TMP/D/tray.err" "warning.*$BUSY" || dead "$TRAY_PID"'; then
    alive "$TRAY_PID" || die "[D] qcc-tray exited: $(tail -n 5 "$TMP/D/tray.err")"
    pass "[D] qcc-tray reports it cannot listen on busy port $BUSY: " \
         "$(grep -m1 "warning.*$BUSY" "$TMP/D/tray.err" | cut -c1-150)"
else
    fail "[D] qcc-tray logged no listen failure for busy port $BUSY within 10 s"
fi
if grep -q '^listening on' "$TMP/D/tray.out"; then
    fail "[D] qcc-tray claims to listen although port $BUSY is taken: $(cat "$TMP/D/tray.out")"
else
    pass "[D] qcc-tray does not claim to be listening"
fi
sleep 1
check_icon D grey tray-grey.png
end_scenario D "$TRAY_PID" "$FAKE_PID_D1" "$BUSY_PID"

# ---------------------------------------------------------------------------------------------
# Scenario Y: the tray menu and the endpoint status window in Chinese, for the zh_CN guide
# ---------------------------------------------------------------------------------------------
say "--- Y: zh_CN with a tray: the menu and the endpoint status window"
start_failover Y icon
shoot_menu Y zh_CN/tray-menu.png
open_window Y nodes "QCC — 节点" zh_CN/nodes.png
end_scenario Y "$TRAY_PID" "$FAKE_PID_Y1" "$FAKE_PID_Y2"

# ---------------------------------------------------------------------------------------------
# Scenario E: no tray host (stock GNOME has none) -> the main window, which serves as the app
# ---------------------------------------------------------------------------------------------
say "--- E: no system tray: the main window"
stop "$TRAYER_PID"
no_panel() { tree && ! grep -q '"panel": ("panel" "trayer")' "$TMP/tree.txt"; }
poll 5 no_panel || die "[E] trayer's panel is still there"
new_scenario E
start_fake E1 working; PE1=$FAKE_PORT
write_config "$TMP/E" 0 "$(endpoint official "$PE1" primary)"
start_tray E
wait_listening E
main_up() {
    tree && ids=$(qcctool title "$TMP/tree.txt" "QCC") || return 1
    for id in $ids; do viewable "$id" && MAIN_ID=$id && return 0; done
    return 1
}
MAIN_ID=
if poll 10 main_up; then
    pass "[E] no tray: the main window \"QCC\" is shown (id $MAIN_ID)"
    sleep 0.7 # first paint
    timeout 15 import -window "$MAIN_ID" "$TMP/shots/main-window.png" 2>>"$TMP/import.log" &&
        timeout 15 convert "$TMP/shots/main-window.png" -depth 8 "$TMP/E/win.ppm" &&
        qcctool distinct "$TMP/E/win.ppm" 8 >"$TMP/E/win.txt" &&
        pass "[E] main-window.png saved ($(cat "$TMP/E/win.txt"))" ||
        fail "[E] screenshot of the main window is missing or blank"
else
    fail "[E] no viewable main window titled \"QCC\" without a tray host"
fi
request E
[ "$HTTP_CODE" = 200 ] && pass "[E] request through the proxy: HTTP 200" ||
    fail "[E] request through the proxy: HTTP $HTTP_CODE, expected 200"
open_window E failed-nodes "QCC — Failed endpoints" ../E/failed-nodes.png # not for docs/
stop "$TRAY_PID"
stop "$FAKE_PID_E1"

# ---------------------------------------------------------------------------------------------
# Scenario Z: the same windows in Chinese (still no tray host), for the zh_CN guide
# ---------------------------------------------------------------------------------------------
say "--- Z: zh_CN: 401 primary + working secondary, the windows in Chinese"
start_failover Z
open_window Z nodes "QCC" zh_CN/main-window.png
open_window Z failed-nodes "QCC — 故障节点" zh_CN/failed-nodes.png
open_window Z endpoints "QCC — 节点管理" zh_CN/endpoints.png
open_window Z settings "QCC — 设置" zh_CN/settings.png
stop "$TRAY_PID"
stop "$FAKE_PID_Z1"
stop "$FAKE_PID_Z2"

# ---------------------------------------------------------------------------------------------
# 6. Result
# ---------------------------------------------------------------------------------------------
saved=()
for s in "${SHOTS[@]}"; do [ -s "$TMP/shots/$s" ] && saved+=("$s"); done
say "screenshots (${#saved[@]}/${#SHOTS[@]}) -> $OUT: ${saved[*]}"
[ ${#saved[@]} -eq ${#SHOTS[@]} ] || fail "some screenshots are missing"
if [ "$FAILURES" -eq 0 ]; then
    say "PASS: tray_xvfb: all checks passed in $(($(date +%s) - T0)) s"
else
    say "FAIL: tray_xvfb: $FAILURES check(s) failed"
    exit 1
fi
