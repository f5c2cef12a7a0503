"""`calmdesk --selftest`, the one entry point: the core checks (core.diagnostics.build_checks)
plus the window, painted offscreen (ui.shell.paint_check).

Prints one line per step and a summary; exits 0 when every step passed (steps that need the
library are skipped when it did not open, and that step failed) and 1 otherwise,
with the failing steps' tracebacks:
this is a build check for whoever packages the app, so failures are loud on purpose.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

from desktop_app.core.diagnostics import build_checks
from desktop_app.core.diagnostics.build_checks import SelfTest


def _step_window(test: SelfTest) -> str:
    # Qt is imported only here, from the UI package, so this module stays Qt-free.
    from desktop_app.ui.shell.paint_check import paint_main_window

    return paint_main_window(test.context["library"], test.context.get("analyzer"))


def run() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a build check must not pop up windows
    started = time.perf_counter()
    test = SelfTest()
    home = build_checks.fresh_data_dir(test)
    try:
        build_checks.run_core(test)
        if "library" in test.context:
            test.run("window", lambda: _step_window(test))
    finally:
        build_checks.restore_data_dir(test)
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

