"""Shoot the window in every look an agent can choose, to look at what is cut off.

10 and 14 pt (or --fonts), light and dark, 简体 and 繁體, at the minimum width (or --width):
the 话术 tab after a long paste, every other tab, the settings dialog and the pack import
preview. Under Xvfb with a window manager, so the frames are real:

    xvfb-run -a -s "-screen 0 1280x800x24" sh -c 'openbox & sleep 1; python scripts/screenshot_matrix.py --out /tmp/shots'

Chinese needs a CJK font (Debian: fonts-noto-cjk). Prints one line per PNG.
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

COMPLAINT = ("你们银行怎么回事？我的卡昨天突然被冻结了，取钱刷卡都不行，打了三次电话都说在处理。"
             "再不解决我就找你们领导，还要投诉到银保监会！这钱是我下个月的房租，你们必须今天给我解决！")


def wait(app, seconds: float, condition=lambda: False) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not condition():
        app.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/calmdesk-shots"))
    parser.add_argument("--fonts", default="10,14")
    parser.add_argument("--themes", default="light,dark")
    parser.add_argument("--languages", default="zh_CN,zh_TW")
    parser.add_argument("--width", type=int, default=0, help="0: the window's minimum width")
    parser.add_argument("--height", type=int, default=620)
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    os.environ["CALMDESK_HOME"] = tempfile.mkdtemp(prefix="calmdesk-shots-")  # never the agent's data

    from PySide6.QtWidgets import QApplication

    from desktop_app.core.library.facade import open_library
    from desktop_app.core.settings.store import SettingsStore
    from desktop_app.ui import theme
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.workers import make_suggester
    from tests.ui.ime import commit

    app = QApplication(sys.argv[:1])
    theme.apply(app, "light")
    library = open_library()
    analyzer = make_suggester(library)
    window = MainWindow(SettingsStore(), library, analyzer)
    window.move(40, 40)
    window.show()
    wait(app, 1.0, lambda: window.tabs.count() == 4)
    window.query.setFocus()
    commit(window.query, COMPLAINT)
    window.query.flush()
    wait(app, 10, lambda: window._analysis is not None)
    wait(app, 1.0, window.checklist.isVisible)
    args.out.mkdir(parents=True, exist_ok=True)
    sample_pack = REPO / "tests" / "data" / "playbooks" / "sample.yaml"

    def shoot(widget, name: str) -> None:
        wait(app, 0.3)
        target = args.out / f"{name}.png"
        widget.grab().save(str(target))
        print(f"{target}  {widget.width()}x{widget.height()}")

    for pt in (int(x) for x in args.fonts.split(",")):
        for look in args.themes.split(","):
            for language in args.languages.split(","):
                window.apply_setting("window.font_size", pt)
                window.apply_setting("window.theme", look)
                window.apply_setting("window.language", language)
                wait(app, 0.3)
                window.resize(args.width or window.minimumWidth(), args.height)
                tag = f"{pt}pt-{look}-{language}-{window.width()}px"
                window.tabs.setCurrentIndex(0)
                shoot(window, f"phrases-{tag}")
                window.checklist.set_expanded(True)
                shoot(window, f"phrases-checklist-open-{tag}")
                window.checklist.set_expanded(False)
                for i, name in ((1, "templates"), (2, "stress"), (3, "check")):
                    window.tabs.setCurrentIndex(i)
                    if name == "stress":
                        panel = next((w for w in window.tabs.widget(i).children() if hasattr(w, "quick_log") and not w.isHidden()), None)
                        if panel is not None and not panel.logged.isVisible():
                            panel.quick_log(7)
                    shoot(window, f"{name}-{tag}")
                window.tabs.setCurrentIndex(0)
                dialog = window.settings_dialog()
                dialog.show()
                shoot(dialog, f"settings-{tag}")
                dialog.close()
                dialog.deleteLater()
                packs = window.pack_import_dialog()
                packs.show()
                packs.load(sample_pack)
                shoot(packs, f"pack-import-{tag}")
                packs.close()
                packs.deleteLater()
    window.apply_setting("window.language", "zh_CN")
    window.apply_setting("window.theme", "system")
    window.apply_setting("window.font_size", 10)
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
