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
# Needs PyInstaller in the venv: .venv/bin/pip install pyinstaller
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"

fail() { echo >&2; echo "SMOKE FAILED: $*" >&2; exit 1; }

mode=onedir
[[ "${1:-}" == "--onefile" ]] && mode=onefile
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
    echo "== budgets (measured, not enforced)"
    QT_QPA_PLATFORM=offscreen "$PY" scripts/smoke_figures.py dist/calmdesk || fail "start-up measurement"
fi
echo "SMOKE OK ($mode)"
