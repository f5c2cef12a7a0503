#!/usr/bin/env bash
# Build the packaged app and prove it works: one command, exit 0 only if the frozen app passes.
#
#   scripts/build_and_smoke.sh             # one-folder build (dist/calmdesk/), the budgets' subject
#   scripts/build_and_smoke.sh --onefile   # one-file build (dist/onefile/calmdesk) instead
#
# 1. PyInstaller builds from build.spec (≈1 min on 2 cores).
# 2. The frozen executable runs `--selftest` offscreen: fresh temp data dir, bundled playbooks
#    imported, search, analysis, template, stress entry, Excel pack, window painted. Again
#    under Xvfb with the real xcb platform plugin when xvfb-run is installed.
# 3. Budgets are measured and printed (scripts/smoke_figures.py); they do not fail the run.
# 4. One-folder on Debian-like systems: the .deb is built (scripts/build_deb.sh) and, when run as
#    root, installed with apt, self-tested under Xvfb and removed (scripts/check_deb.sh: the
#    agent's data must survive). --no-deb skips both; --no-install builds the .deb only.
# Needs PyInstaller in the venv: .venv/bin/pip install pyinstaller
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"

fail() { echo >&2; echo "SMOKE FAILED: $*" >&2; exit 1; }

mode=onedir
deb=build
for arg in "$@"; do
    case $arg in
        --onefile) mode=onefile ;;
        --no-deb) deb=no ;;
        --no-install) deb=build-only ;;
        *) fail "unknown option $arg (--onefile, --no-deb, --no-install)" ;;
    esac
done
"$PY" -m PyInstaller --version >/dev/null 2>&1 || fail "PyInstaller is not installed: $PY -m pip install pyinstaller"

echo "== build ($mode) with PyInstaller $("$PY" -m PyInstaller --version)"
started=$(date +%s)
args=(--noconfirm --clean --log-level WARN)
[[ $mode == onefile ]] && args+=(--distpath dist/onefile build.spec -- --onefile) || args+=(build.spec)
"$PY" -m PyInstaller "${args[@]}" || fail "PyInstaller build"
echo "   built in $(( $(date +%s) - started )) s"

if [[ $mode == onefile ]]; then exe=dist/onefile/calmdesk; else exe=dist/calmdesk/calmdesk; fi
[[ -x $exe ]] || fail "no executable at $exe"

runtime=$(mktemp -d); chmod 700 "$runtime"
export XDG_RUNTIME_DIR=$runtime
echo "== selftest: frozen, offscreen"
t0=$(date +%s%N)
QT_QPA_PLATFORM=offscreen "$exe" --selftest || fail "frozen --selftest (offscreen) — see above"
echo "   --selftest took $(( ($(date +%s%N) - t0) / 1000000 )) ms, launch to exit"
if command -v xvfb-run >/dev/null; then
    echo "== selftest: frozen, xcb under Xvfb"
    xvfb-run -a env QT_QPA_PLATFORM=xcb "$exe" --selftest | tail -2 || fail "frozen --selftest (xcb)"
fi

if [[ $mode == onedir ]]; then
    echo "== trainer's bundle from the frozen app: pack + presets applied once on first start"
    tb=$(mktemp -d)
    CALMDESK_HOME=$tb/trainer "$exe" playbooks export "$tb/分行包.zip" --playbook banking.yaml --author 冒烟 \
        --name 冒烟包 --pack-version 1 >/dev/null 2>&1 || fail "frozen playbooks export"
    "$exe" bundle --pack "$tb/分行包.zip" --industry banking --channel counter --out "$tb/bundle" >/dev/null \
        || fail "frozen calmdesk bundle"
    first=$(CALMDESK_HOME=$tb/agent QT_QPA_PLATFORM=offscreen "$tb/bundle/calmdesk" playbooks list 2>&1 >/dev/null)
    again=$(CALMDESK_HOME=$tb/agent QT_QPA_PLATFORM=offscreen "$tb/bundle/calmdesk" playbooks list 2>&1 >/dev/null)
    [[ $first == *已按培训师的预设* && -z $again ]] || fail "bundle presets: first start said '$first', second '$again'"
    echo "   ${first#calmdesk: }"
    rm -rf "$tb"

    echo "== budgets (measured, not enforced)"
    QT_QPA_PLATFORM=offscreen "$PY" scripts/smoke_figures.py dist/calmdesk || fail "start-up measurement"
    if [[ $deb != no ]] && command -v dpkg-deb >/dev/null; then
        echo "== .deb"
        rm -f dist/calmdesk_*.deb
        scripts/build_deb.sh dist/calmdesk dist || fail ".deb build"
        if [[ $deb == build && $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
            scripts/check_deb.sh dist/calmdesk_*.deb || fail ".deb install/selftest/remove"
        else
            echo "   not installed (needs root and apt-get; --no-install given or not root)"
        fi
    fi
fi
echo "SMOKE OK ($mode)"
