"""Before Qt starts on Linux: is there a display, and are the libraries Qt's xcb plugin needs?

Without them Qt prints "xcb-cursor0 is needed" and aborts the process — not an exception
Python could catch, and the same words whether a library is missing or there is no display
at all. So the window's entry point asks here first and, when it cannot work, prints what is
wrong and how to fix it in plain Chinese and English. No Qt import: this runs before Qt.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

# The shared libraries Qt's xcb platform plugin loads beyond Qt itself (ldd libqxcb.so),
# with the package that provides each: Debian/Ubuntu/统信UOS/麒麟 (apt) and RPM-based
# systems (银河麒麟服务器版、openEuler、CentOS: yum/dnf).
XCB_LIBRARIES: tuple[tuple[str, str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    ("libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    ("libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    ("libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"),
    ("libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    ("libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    ("libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    ("libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"),
    ("libX11-xcb.so.1", "libx11-xcb1", "libX11-xcb"),
    ("libEGL.so.1", "libegl1", "libglvnd-egl"),
    ("libGL.so.1", "libgl1", "libglvnd-glx"),
    ("libfontconfig.so.1", "libfontconfig1", "fontconfig"),
)
APT_ALL = "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xkb1 libxkbcommon-x11-0"
NON_WINDOW_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "wayland")
# Printed before Qt and before any window language exists: 简体 and English side by side.
NO_DISPLAY = (
    "calmdesk: 找不到图形界面，窗口无法打开。\n"
    "原因：没有设置 DISPLAY（在 SSH、纯文字终端或服务里运行时就是这样）。\n"
    "解决：在桌面里打开终端再运行 calmdesk；远程时用 ssh -X，或先装 xvfb 再运行 xvfb-run calmdesk。\n"
    "命令行功能不需要图形界面：calmdesk --help\n"
    "calmdesk: no display, so the window cannot open (DISPLAY is not set). Run it from a "
    "desktop session, over ssh -X, or under xvfb-run; the sub-commands work without one."
)
MISSING_LIBRARIES = (
    "calmdesk: 窗口无法打开：系统缺少 Qt 显示窗口所需的库（{files}）。\n"
    "解决（Debian / Ubuntu / 统信UOS / 银河麒麟桌面版）：sudo apt-get install -y {apt}\n"
    "解决（银河麒麟服务器版、openEuler 等 RPM 系统）：sudo yum install -y {rpm}\n"
    "装好后再运行 calmdesk。命令行功能不受影响：calmdesk --help\n"
    "calmdesk: the window cannot open: Qt's xcb platform plugin needs {files}. "
    "Install them (Debian/Ubuntu/UOS/Kylin: sudo apt-get install -y {apt}) and run calmdesk again."
)


def _loadable(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


def missing_libraries(loadable: Callable[[str], bool] = _loadable) -> list[tuple[str, str, str]]:
    return [entry for entry in XCB_LIBRARIES if not loadable(entry[0])]


def problem(env: dict[str, str] | None = None, platform: str | None = None,
            loadable: Callable[[str], bool] = _loadable) -> str | None:
    """The message to print instead of starting Qt, or None when the window can start."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if qpa.startswith(NON_WINDOW_PLATFORMS):
        return None  # offscreen tests, or a platform the agent chose on purpose
    if not env.get("DISPLAY"):
        if env.get("WAYLAND_DISPLAY") and not qpa:
            return None  # Qt picks its Wayland plugin
        return NO_DISPLAY
    missing = missing_libraries(loadable)
    if not missing:
        return None
    files = "、".join(name for name, _apt, _rpm in missing)
    apt = " ".join(dict.fromkeys(a for _n, a, _r in missing))
    rpm = " ".join(dict.fromkeys(r for _n, _a, r in missing))
    return MISSING_LIBRARIES.format(files=files, apt=apt, rpm=rpm)
