"""Render the real window to PNG, light and dark, for the README and for looking at it.

Uses the bundled library in a throw-away data dir, types a sample complaint through the
input method path, waits for the answers and the analysis, and grabs the window.

    xvfb-run -a -s "-screen 0 1280x1024x24" python scripts/screenshot.py    # or scripts/screenshot.sh
    python scripts/screenshot.py --out docs --scale 2

Chinese needs a CJK font (Debian: fonts-noto-cjk); without one every character is a box.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

COMPLAINT = "你们银行怎么回事？我的卡昨天突然被冻结了，取钱刷卡都不行，打了三次电话都说在处理。再不解决我就找你们领导，还要投诉到银保监会！"


def wait_until(app, condition, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    parser.add_argument("--scale", type=float, default=1.0, help="device pixel ratio (2 = high-DPI)")
    parser.add_argument("--text", default=COMPLAINT)
    parser.add_argument("--height", type=int, default=720)
    parser.add_argument("--font-size", type=int, default=None)
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    os.environ["CALMDESK_HOME"] = tempfile.mkdtemp(prefix="calmdesk-shot-")  # never the agent's data
    if args.scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    from PySide6.QtWidgets import QApplication

    from desktop_app.core.library.facade import open_library
    from desktop_app.ui import theme
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.core.settings.store import SettingsStore
    from desktop_app.ui.workers import make_suggester
    from tests.ui.ime import commit

    app = QApplication(sys.argv[:1])
    theme.apply(app, "light")
    library = open_library()
    analyzer = make_suggester(library)
    if analyzer is None:
        print("note: desktop_app.core.analysis is not available: no analysis chips in the picture")
    settings = SettingsStore()
    if args.font_size:
        settings.set("window.font_size", args.font_size)
    window = MainWindow(settings, library, analyzer)
    window.resize(360, args.height)
    window.move(40, 40)
    window.show()
    wait_until(app, window.isVisible)
    window.query.setFocus()
    commit(window.query, args.text)
    window.query.flush()
    if analyzer is not None:
        wait_until(app, lambda: window._analysis is not None)
    wait_until(app, lambda: False, timeout=0.4)  # let layouts settle

    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("light", "dark"):
        window.apply_setting("window.theme", name)
        wait_until(app, lambda: False, timeout=0.3)
        target = args.out / f"screenshot-{name}.png"
        window.grab().save(str(target))
        print(f"{target}  {window.width()}x{window.height()} logical px, "
              f"{window.results.results.rowCount()} answers")
    window.settings.set("window.theme", "system")
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
