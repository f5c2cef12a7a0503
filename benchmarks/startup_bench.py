"""Start-up benchmark of the CalmDesk window, against a bare PySide6 window in the same run.

Launches `python -m desktop_app` N times offscreen with CALMDESK_STARTUP_PROBE set: the window
then measures itself (desktop_app/ui/startup_probe.py) — it pastes a complaint at first paint,
types four words through the input-method path, sits idle for a second — prints one JSON line
and quits. Bare-window launches are interleaved so both see the same machine load.

Figures (medians): launch → first paint (target ≤ 0.5 s; also as a ratio to the bare window),
launch → first answer to the paste, the longest event-loop gap after show and while typing
(target ≤ 50 ms), idle RSS (target ≤ 150 MB), whether jieba was loaded (it must not be).
The very first start of a fresh data dir imports the bundled playbooks and is reported apart.
The last line is one JSON object with every figure.

    python benchmarks/startup_bench.py [--runs 5] [--platform offscreen]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

BARE_WINDOW = r"""
import json, os, sys, time
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QListView, QVBoxLayout, QWidget
launch = float(os.environ["CALMDESK_STARTUP_PROBE"])
app = QApplication(sys.argv[:1])
w = QWidget(); layout = QVBoxLayout(w); layout.addWidget(QLineEdit()); layout.addWidget(QListView())
w.resize(360, 620)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            QTimer.singleShot(0, lambda: (print(json.dumps({"first_paint_s": round(time.time() - launch, 3)})),
                                          app.quit()))
        return False
probe = FirstPaint(); w.installEventFilter(probe); w.show()
app.exec()
"""

TARGETS = {"first_paint_s": 0.5, "max_gap_typing_ms": 50.0, "max_gap_after_show_ms": 50.0, "idle_rss_mb": 150.0}


def launch(args: list[str], env: dict) -> dict:
    env = {**env, "CALMDESK_STARTUP_PROBE": repr(time.time())}
    proc = subprocess.run([sys.executable, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"launch failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return json.loads(lines[-1])


def median(runs: list[dict], key: str):
    values = [r[key] for r in runs if r.get(key) is not None]
    return round(statistics.median(values), 3) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--platform", default="offscreen", help="QT_QPA_PLATFORM (offscreen or xcb)")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="calmdesk-bench-")
    runtime = tempfile.mkdtemp(prefix="calmdesk-xdg-")
    env = {**os.environ, "QT_QPA_PLATFORM": args.platform, "CALMDESK_HOME": home, "XDG_RUNTIME_DIR": runtime}

    first = launch(["-m", "desktop_app"], env)  # fresh data dir: imports the bundled playbooks
    print(f"first start (imports the bundled library): paint {first['first_paint_s']:.3f} s, "
          f"first answer {first['first_answer_s']:.3f} s, max gap {first['max_gap_after_show_ms']:.0f} ms")

    bare, app = [], []
    for i in range(args.runs):
        bare.append(launch(["-c", BARE_WINDOW], env))
        app.append(launch(["-m", "desktop_app"], env))
        a = app[-1]
        print(f"run {i + 1}: bare paint {bare[-1]['first_paint_s']:.3f} s | paint {a['first_paint_s']:.3f} s, "
              f"first answer {a['first_answer_s']:.3f} s, gap after show {a['max_gap_after_show_ms']:.0f} ms, "
              f"gap typing {a['max_gap_typing_ms']:.0f} ms, search {a['search_ms_median']} ms, "
              f"RSS {a['idle_rss_mb']} MB, jieba {a['jieba_loaded']}")

    summary = {
        "runs": args.runs,
        "platform": args.platform,
        "bare_first_paint_s": median(bare, "first_paint_s"),
        "first_paint_s": median(app, "first_paint_s"),
        "first_answer_s": median(app, "first_answer_s"),
        "paste_to_answer_ms": median(app, "paste_to_answer_ms"),
        "search_ms_median": median(app, "search_ms_median"),
        "max_gap_after_show_ms": median(app, "max_gap_after_show_ms"),
        "max_gap_typing_ms": median(app, "max_gap_typing_ms"),
        "worst_gap_typing_ms": max(r["max_gap_typing_ms"] for r in app),
        "idle_rss_mb": median(app, "idle_rss_mb"),
        "jieba_loaded": any(r["jieba_loaded"] for r in app),
        "analysis": all(r["analysis"] for r in app),
        "first_start": first,
    }
    summary["paint_vs_bare"] = round(summary["first_paint_s"] / summary["bare_first_paint_s"], 2)
    summary["targets_met"] = {key: summary[key] is not None and summary[key] <= limit
                              for key, limit in TARGETS.items()}
    summary["targets_met"]["no_jieba"] = not summary["jieba_loaded"]
    print(f"median: paint {summary['first_paint_s']} s (bare window {summary['bare_first_paint_s']} s, "
          f"x{summary['paint_vs_bare']}), first answer {summary['first_answer_s']} s, "
          f"gap typing {summary['max_gap_typing_ms']} ms, RSS {summary['idle_rss_mb']} MB")
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
