"""Render the app icon (desktop_app/ui/icon.py draws it in code) to resources/app.png and app.ico.

The window draws its icon itself; these files exist for what Qt does not draw: the Windows
executable's icon (PyInstaller wants an .ico) and desktop launchers (a .png).
Run it again after changing icon.py: `.venv/bin/python scripts/make_icon.py`.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from desktop_app.ui.shell.icon import draw  # noqa: E402

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_bytes(size: int) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    draw(size).save(buffer, "PNG")
    return bytes(data.data())


def ico_bytes(images: list[tuple[int, bytes]]) -> bytes:
    # ICO with PNG-compressed entries (Windows Vista and later): header, directory, images.
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for size, png in images:
        dim = 0 if size >= 256 else size
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return out + b"".join(png for _, png in images)


def main() -> None:
    app = QGuiApplication(["make_icon"])  # noqa: F841 — QPixmap needs a GUI application
    resources = REPO / "resources"
    (resources / "app.png").write_bytes(png_bytes(256))
    (resources / "app.ico").write_bytes(ico_bytes([(s, png_bytes(s)) for s in ICO_SIZES]))
    print(f"wrote {resources / 'app.png'} and {resources / 'app.ico'}")


if __name__ == "__main__":
    main()
