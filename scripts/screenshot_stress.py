"""Render the stress page's history view with generated entries to docs/screenshot-stress.png.

Runs under a real X server (xcb) so fonts render as on a desktop: without a DISPLAY it re-runs
itself inside `xvfb-run`. The data lives in a throw-away CALMDESK_HOME, never the agent's own.

    python scripts/screenshot_stress.py [--days 7|30] [--out PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _rerun_under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("CALMDESK_SHOT_CHILD"):
        return
    if not shutil.which("xvfb-run"):
        sys.exit("需要 DISPLAY 或 xvfb-run（apt-get install xvfb）")
    env = dict(os.environ, CALMDESK_SHOT_CHILD="1")
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable, *sys.argv]
    sys.exit(subprocess.run(cmd, env=env).returncode)


def _generate(log, now: dt.datetime, days: int) -> None:
    """About a month of a plausible agent: a few ratings a day, some exercises, weekly answers."""
    rng = random.Random(7)
    patterns = ["should", "blaming", "catastrophizing", "should", "overgeneralizing", "black_white", "blaming"]
    for back in range(days - 1, -1, -1):
        day = now - dt.timedelta(days=back)
        if day.weekday() == 6:
            continue  # a day off
        for _ in range(rng.randint(1, 3)):
            at = day.replace(hour=rng.randint(9, 17), minute=rng.randint(0, 59))
            if at <= now:
                log.log(rng.choice([2, 3, 4, 5, 5, 6, 7, 8]), now=at)
        if back % 3 == 1:
            at = day.replace(hour=rng.randint(10, 17), minute=5)
            before = rng.randint(6, 9)
            ex = log.start_exercise(before, now=at)
            log.save_step(ex, "reframe", words=["委屈"], pattern=patterns[back % len(patterns)], now=at)
            log.finish_exercise(ex, max(0, before - rng.randint(0, 4)), now=at + dt.timedelta(minutes=2))
    log.answer_weekly(3, now=now)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, choices=(7, 30), default=30)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot-stress.png")
    args = parser.parse_args()
    _rerun_under_xvfb()
    home = tempfile.mkdtemp(prefix="calmdesk-shot-")
    os.environ["CALMDESK_HOME"] = home
    os.environ["QT_QPA_PLATFORM"] = "xcb"

    from PySide6.QtWidgets import QApplication

    from desktop_app.core.library.facade import open_library
    from desktop_app.core.stress.stress_log import StressLog
    from desktop_app.ui.stress.panel import StressPanel

    app = QApplication([])
    library = open_library(sync=False)
    try:
        now = dt.datetime.now().replace(hour=16, minute=30, second=0, microsecond=0)
        _generate(StressLog(library.store.db), now, 30)
        panel = StressPanel(library)
        panel.clock = lambda: now
        panel.refresh()
        panel.tabs.setCurrentWidget(panel.history)
        panel.history.show_days(args.days)
        panel.resize(360, 720)
        panel.show()
        for _ in range(10):
            app.processEvents()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if not panel.grab().save(str(args.out)):
            print(f"could not write {args.out}", file=sys.stderr)
            return 1
        print(args.out)
        return 0
    finally:
        library.close()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
