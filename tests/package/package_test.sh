#!/usr/bin/env bash
# Builds the .deb and .tar.gz from a configured build tree, installs the .deb on this machine
# with apt-get, runs the installed programs, validates the desktop files, removes the package
# and checks that nothing of it is left behind. Usage: package_test.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo -n true 2>/dev/null || fail "installing a package needs root or passwordless sudo"
    sudo="sudo -n"
fi
for tool in cpack dpkg-deb apt-get desktop-file-validate appstreamcli lintian; do
    command -v "$tool" >/dev/null || fail "$tool is missing (scripts/install-deps.sh test installs it)"
done
if dpkg-query -W -f='${Status}' qcc 2>/dev/null | grep -q "install ok installed"; then
    fail "a qcc package is already installed here; remove it first (this test installs and removes its own)"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"; $sudo apt-get purge -y -qq qcc >/dev/null 2>&1 || true' EXIT
(cd "$build" && cpack -G "DEB;TGZ" -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(find "$work" -maxdepth 1 -name 'qcc_*.deb' | head -1)
tgz=$(find "$work" -maxdepth 1 -name 'qcc-*.tar.gz' | head -1)
[ -n "$deb" ] || fail "no .deb produced"
[ -n "$tgz" ] || fail "no .tar.gz produced"
echo "built $(basename "$deb") and $(basename "$tgz")"

# Depends is dpkg-shlibdeps's reading of the binaries (the libraries they were built against,
# with the versions their symbols need), plus what is loaded at run time.
depends=$(dpkg-deb -f "$deb" Depends)
for need in 'libc6 (>= ' 'libqt6core6[a-z0-9]* (>= 6' 'libqt6network6' 'libqt6widgets6' \
            'libqt6keychain1' 'libqt6svg6'; do
    grep -q "$need" <<<"$depends" || fail "Depends lacks $need: $depends"
done
recommends=$(dpkg-deb -f "$deb" Recommends)
grep -q 'gnome-shell-extension-appindicator' <<<"$recommends" ||
    fail "Recommends lacks the GNOME tray extension: $recommends"
tar -tzf "$tgz" | grep -q 'bin/qccd$' || fail "the .tar.gz has no bin/qccd"

lint=$(lintian --no-tag-display-limit "$deb" 2>&1 || true)
if grep -q '^E: ' <<<"$lint"; then
    echo "$lint"
    fail "lintian errors"
fi
echo "lintian: no errors"

files=$(dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' | grep -v '/$')
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
[ "$(/usr/bin/qccd --version)" = "qcc $(dpkg-deb -f "$deb" Version | sed 's/-.*//')" ] || /usr/bin/qccd --version | grep -q qcc || fail "qccd --version"
echo "installed qccd: $(/usr/bin/qccd --version)"
env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/qcc-tray --version | grep -q "0\." || fail "qcc-tray --version (without a display)"
echo "installed qcc-tray: $(QT_QPA_PLATFORM=offscreen /usr/bin/qcc-tray --version)"
desktop-file-validate /usr/share/applications/io.github.qcc.QccTray.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/io.github.qcc.QccTray.metainfo.xml >/dev/null || fail "appstreamcli validate"
[ -f /usr/lib/systemd/user/qccd.service ] || [ -f /lib/systemd/user/qccd.service ] || fail "no systemd user unit"
grep -q '^ExecStart=/usr/bin/qccd' /usr/lib/systemd/user/qccd.service 2>/dev/null ||
    grep -q '^ExecStart=/usr/bin/qccd' /lib/systemd/user/qccd.service || fail "the unit does not start /usr/bin/qccd"
for size in 16x16 48x48 256x256 scalable; do
    ls /usr/share/icons/hicolor/$size/apps/qcc.* >/dev/null 2>&1 || fail "no $size icon"
done

DEBIAN_FRONTEND=noninteractive $sudo apt-get purge -y -qq qcc >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get purge"; }
left=0
while read -r f; do
    [ -z "$f" ] && continue
    if [ -e "$f" ] && ! dpkg -S "$f" >/dev/null 2>&1; then
        echo "left behind: $f"
        left=1
    fi
done <<<"$files"
[ $left -eq 0 ] || fail "files of the package remain after purge"
echo "PASS: package builds, installs, runs, validates and uninstalls cleanly"
