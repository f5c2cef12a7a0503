"""`calmdesk --selftest`: the core checks (desktop_app.core.selftest) plus the window, painted offscreen.

Prints one line per step and a summary; exits 0 when every step passed (or was skipped
because that part is not in this build) and 1 otherwise, with the failing steps' tracebacks:
this is a build check for whoever packages the app, so failures are loud on purpose.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

from desktop_app.core import selftest
from desktop_app.core.selftest import SelfTest, expect


def step_window(test: SelfTest) -> str:
    """Create the main window with the library and paint it once, offscreen."""
    module = selftest.optional_module("desktop_app.ui.main_window")
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.settings import UiSettings

    app = QApplication.instance() or QApplication(["calmdesk-selftest"])
    painted: list[float] = []
    start = time.perf_counter()
    window = module.MainWindow(UiSettings(), test.context["library"], test.context.get("analyzer"))
    window.firstPainted.connect(lambda: painted.append(time.perf_counter() - start))
    try:
        window.show()
        deadline = time.perf_counter() + 5
        while not painted and time.perf_counter() < deadline:
            app.processEvents()
        expect(bool(painted), "窗口 5 秒内没有画出来（firstPainted 没有发出）")
        shot = window.grab()
        expect(not shot.isNull() and shot.width() > 0 and shot.height() > 0, "窗口截图是空的")
        return f"{shot.width()}×{shot.height()}，创建到首次绘制 {painted[0] * 1000:.0f} ms，平台 {app.platformName()}"
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a build check must not pop up windows
    started = time.perf_counter()
    test = SelfTest()
    home = selftest.fresh_data_dir(test)
    try:
        selftest.run_core(test)
        if "library" in test.context:
            test.run("window", lambda: step_window(test))
    finally:
        selftest.restore_data_dir(test)
    for step in test.steps:
        print(f"[{step.status:>7}] {step.name:<18} {step.seconds * 1000:7.0f} ms  {step.detail}")
    total = time.perf_counter() - started
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    if test.failed:
        for step in test.failed:
            print(f"\n---- {step.name} ----", file=sys.stderr)
            traceback.print_exception(step.error, file=sys.stderr)
        print(f"\nSELFTEST FAILED: {len(test.failed)} 步失败（{'、'.join(s.name for s in test.failed)}）；"
              f"数据留在 {home}", file=sys.stderr)
        return 1
    skipped = [s.name for s in test.steps if s.status == "skipped"]
    note = f"，跳过 {'、'.join(skipped)}" if skipped else ""
    print(f"SELFTEST OK ({frozen}, {total:.2f} s{note})")
    return 0

