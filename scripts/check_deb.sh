#!/usr/bin/env bash
# Prove a CalmDesk .deb on this machine: apt installs it (and the Qt libraries it Depends on),
# the installed `calmdesk --selftest` passes under Xvfb with the real xcb plugin, the agent's
# data dir is written outside /opt, and `apt-get remove` takes the program but keeps the data.
#
#   sudo scripts/check_deb.sh dist/calmdesk_<version>_<arch>.deb
#
# Changes the system (installs, then removes the package calmdesk): meant for a build machine or
# a throw-away VM/container. The data dir is a temp XDG_DATA_HOME, never the real user's.
set -euo pipefail
deb=${1:?usage: check_deb.sh PATH.deb}
fail() { echo >&2; echo "DEB CHECK FAILED: $*" >&2; exit 1; }
[[ $(id -u) == 0 ]] || fail "needs root (apt-get install)"
command -v xvfb-run >/dev/null || fail "xvfb-run is missing (apt-get install xvfb)"
state=$(dpkg-query -W -f='${Status}' calmdesk 2>/dev/null || true)
[[ $state != *" installed" ]] || fail "calmdesk is installed already: remove it first"

work=$(mktemp -d)
export XDG_DATA_HOME=$work/share XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work/run
mkdir -m 700 "$XDG_RUNTIME_DIR"
unset CALMDESK_HOME

echo "== as on a fresh PC: apt resolves every dependency (simulated, empty dpkg status)"
: > "$work/empty-status"
apt-get -s -o Dir::State::status="$work/empty-status" install "$(realpath "$deb")" >"$work/sim.log" 2>&1 \
    || { tail -20 "$work/sim.log" >&2; fail "apt cannot resolve the Depends"; }
for pkg in libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0 libegl1; do
    grep -q "^Inst $pkg " "$work/sim.log" || fail "a fresh install would not bring $pkg"
done
echo "   $(grep -c '^Inst ' "$work/sim.log") packages would be installed, incl. $(grep -oE '^Inst (libxcb-cursor0|libxkbcommon-x11-0|fonts-[a-z-]+)' "$work/sim.log" | cut -d' ' -f2 | sort -u | tr '\n' ' ')"

echo "== apt-get install $deb"
t0=$(date +%s)
apt-get install -y -q "$(realpath "$deb")" >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; fail "apt-get install"; }
echo "   installed in $(( $(date +%s) - t0 )) s; new packages pulled in: $(grep -c '^Setting up' "$work/apt.log") (incl. calmdesk)"
[[ -x /usr/bin/calmdesk && -x /opt/calmdesk/calmdesk ]] || fail "launcher or /opt/calmdesk missing"
[[ -f /usr/share/applications/calmdesk.desktop && -f /usr/share/icons/hicolor/256x256/apps/calmdesk.png ]] \
    || fail "desktop entry or icon missing"
outside=$(dpkg -L calmdesk | grep -v -E '^/(\.|opt|opt/calmdesk(/.*)?|usr|usr/bin(/calmdesk)?|usr/share(/(applications|icons|doc)(/.*)?)?)$' || true)
[[ -z $outside ]] || fail "files outside /opt/calmdesk, /usr/bin/calmdesk, /usr/share: $outside"

echo "== installed calmdesk --selftest, xcb under Xvfb"
xvfb-run -a env QT_QPA_PLATFORM=xcb calmdesk --selftest >"$work/selftest.log" 2>&1 || { cat "$work/selftest.log" >&2; fail "--selftest (xcb)"; }
grep -E 'window|SELFTEST' "$work/selftest.log" | sed 's/^/   /'

echo "== the agent's data lives outside /opt"
calmdesk search 退款 --limit 1 >/dev/null || fail "calmdesk search from the installed files"
data=$XDG_DATA_HOME/CalmDesk
[[ -f $data/calmdesk.db ]] || fail "no database in $data"
echo "   $data: $(du -sh "$data" | cut -f1)"

echo "== apt-get remove calmdesk"
apt-get remove -y -q calmdesk >>"$work/apt.log" 2>&1 || fail "apt-get remove"
[[ ! -e /opt/calmdesk && ! -e /usr/bin/calmdesk ]] || fail "/opt/calmdesk or the launcher survived removal"
[[ -f $data/calmdesk.db ]] || fail "removing the package took the agent's data"
echo "   program gone; data kept: $(ls "$data" | tr '\n' ' ')"
dpkg --purge calmdesk >>"$work/apt.log" 2>&1 || fail "dpkg --purge"
[[ -f $data/calmdesk.db ]] || fail "purging the package took the agent's data"
echo "   purged too; data still kept"
rm -rf "$work"
echo "DEB CHECK OK"
