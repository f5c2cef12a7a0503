"""First minutes on Linux: no display or missing xcb libraries is a plain message, not Qt's abort."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop_app.ui.shell import display_check
from tests.conftest import REPO


def test_no_display_names_the_cause_and_the_fix():
    message = display_check.problem({}, "linux", loadable=lambda _n: True)
    assert "找不到图形界面" in message and "DISPLAY" in message and "xvfb-run" in message
    assert "no display" in message


def test_a_missing_xcb_library_names_the_packages_for_each_system():
    missing = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}
    message = display_check.problem({"DISPLAY": ":0"}, "linux", loadable=lambda n: n not in missing)
    assert "libxcb-cursor.so.0" in message and "libxcb-icccm.so.4" in message
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4" in message
    assert "统信UOS" in message and "麒麟" in message and "yum install -y xcb-util-cursor xcb-util-wm" in message
    assert "Qt's xcb platform plugin" in message


def test_nothing_to_say_when_the_window_can_start():
    assert display_check.problem({"DISPLAY": ":0"}, "linux", loadable=lambda _n: True) is None
    assert display_check.problem({}, "win32", loadable=lambda _n: False) is None
    assert display_check.problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", loadable=lambda _n: False) is None
    assert display_check.problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", loadable=lambda _n: False) is None


def test_calmdesk_without_a_display_prints_the_message_and_exits_instead_of_aborting(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["CALMDESK_HOME"] = str(tmp_path)
    run = subprocess.run([sys.executable, "-m", "desktop_app"], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 1, run.stderr
    assert "找不到图形界面" in run.stderr and "Traceback" not in run.stderr
    assert "xcb-cursor0 is needed" not in run.stderr  # Qt never got as far as aborting


def test_the_readme_lists_the_packages():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert display_check.APT_ALL in readme
