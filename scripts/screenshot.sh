#!/usr/bin/env bash
# Render docs/screenshot-{light,dark}.png under a virtual X server (needs xvfb, fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
exec xvfb-run -a -s "-screen 0 1280x1024x24" env QT_QPA_PLATFORM=xcb "$PY" scripts/screenshot.py "$@"
