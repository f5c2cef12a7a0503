"""The whole app: `python -m desktop_app` opens the window, answers, quits cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_app_starts_answers_and_quits(calmdesk_home):
    # The probe pastes a complaint at first paint, types a few words, prints its figures, quits.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CALMDESK_STARTUP_PROBE": str(time.time())}
    proc = subprocess.run([sys.executable, "-m", "desktop_app"], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert figures["status"] == "ok"
    assert figures["results_shown"] > 0
    assert figures["first_answer_s"] >= figures["first_paint_s"]
    assert "Traceback" not in proc.stderr
    assert (calmdesk_home / "settings.json").is_file()  # state saved on quit


def test_unexpected_errors_are_logged_not_shown_as_tracebacks(calmdesk_home, capsys, monkeypatch):
    from desktop_app.ui import app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    app._install_excepthook(quiet=True)
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    err = capsys.readouterr().err
    assert "Traceback" not in err and "出了点问题" in err
    assert "ValueError: boom" in (calmdesk_home / "logs" / "calmdesk.log").read_text(encoding="utf-8")
