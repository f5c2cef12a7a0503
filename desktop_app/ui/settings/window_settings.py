"""The window's own settings, in an INI file inside the data dir.

Kept beside the database (never the registry or ~/.config) so a portable copy or a test's
CALMDESK_HOME carries them along, and a shared counter PC keeps one folder per agent.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from desktop_app.core import paths
from desktop_app.ui import i18n

DEFAULT_HOTKEY = "Ctrl+Alt+Space"
FILTER_KEYS = ("scenario", "persona", "stage", "industry")


class UiSettings:
    def __init__(self) -> None:
        self.q = QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)

    # QSettings stores INI values as strings: read each with its type and a default.
    def _get(self, key: str, default, kind):
        value = self.q.value(key, default)
        if kind is bool:
            return value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")
        try:
            return kind(value)
        except (TypeError, ValueError):
            return default

    def _set(self, key: str, value) -> None:
        self.q.setValue(key, value)

    @property
    def always_on_top(self) -> bool:
        return self._get("window/always_on_top", True, bool)

    @always_on_top.setter
    def always_on_top(self, on: bool) -> None:
        self._set("window/always_on_top", bool(on))

    @property
    def opacity(self) -> float:
        return min(1.0, max(0.3, self._get("window/opacity", 1.0, float)))

    @opacity.setter
    def opacity(self, value: float) -> None:
        self._set("window/opacity", round(float(value), 2))

    @property
    def font_size(self) -> int:
        return min(24, max(8, self._get("window/font_size", 10, int)))

    @font_size.setter
    def font_size(self, size: int) -> None:
        self._set("window/font_size", int(size))

    @property
    def theme(self) -> str:
        value = self._get("window/theme", "system", str)
        return value if value in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._set("window/theme", value)

    @property
    def language(self) -> str:
        value = self._get("window/language", i18n.SIMPLIFIED, str)
        return value if value in i18n.LANGUAGES else i18n.SIMPLIFIED

    @language.setter
    def language(self, value: str) -> None:
        self._set("window/language", value)

    @property
    def auto_hide(self) -> bool:
        return self._get("window/auto_hide", False, bool)

    @auto_hide.setter
    def auto_hide(self, on: bool) -> None:
        self._set("window/auto_hide", bool(on))

    @property
    def dock_edge(self) -> str:
        value = self._get("window/dock_edge", "", str)
        return value if value in ("left", "right") else ""

    @dock_edge.setter
    def dock_edge(self, edge: str) -> None:
        self._set("window/dock_edge", edge or "")

    @property
    def hotkey(self) -> str:
        return self._get("window/hotkey", DEFAULT_HOTKEY, str)

    @hotkey.setter
    def hotkey(self, sequence: str) -> None:
        self._set("window/hotkey", sequence)

    @property
    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    def filters(self) -> dict[str, str | None]:
        return {key: (self._get(f"filters/{key}", "", str) or None) for key in FILTER_KEYS}

    def set_filters(self, filters: dict[str, str | None]) -> None:
        for key in FILTER_KEYS:
            self._set(f"filters/{key}", filters.get(key) or "")

    def sync(self) -> None:
        self.q.sync()
