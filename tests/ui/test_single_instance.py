"""One CalmDesk per data dir: a second launch shows the first window and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_app.ui.shell.single_instance import SingleInstance, instance_name

REPO = Path(__file__).resolve().parents[2]


def test_a_second_instance_finds_the_first(qtbot):
    first = SingleInstance()
    assert first.listen()
    try:
        with qtbot.waitSignal(first.activated, timeout=2000):
            assert SingleInstance().notify_running()
    finally:
        first.close()
    assert not SingleInstance().notify_running()


def test_the_name_depends_on_the_data_dir(monkeypatch, tmp_path):
    name = instance_name()
    monkeypatch.setenv("CALMDESK_HOME", str(tmp_path))
    assert instance_name() != name


def test_a_second_launch_raises_the_first_and_exits(qtbot):
    first = SingleInstance()
    assert first.listen()
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        with qtbot.waitSignal(first.activated, timeout=15000):
            proc = subprocess.Popen([sys.executable, "-m", "desktop_app"], cwd=REPO, env=env,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.wait(timeout=15) == 0
    finally:
        first.close()
