"""The settings file: settings.json in the data dir, written atomically, private to the user.

Beside the database (never the registry or ~/.config) so a portable copy or a test's
CALMDESK_HOME carries it along, and a shared counter PC keeps one folder per agent. A value
that is missing, of the wrong type or out of bounds reads as its default: a hand-edited or
half-written file never stops the app.
"""

from __future__ import annotations

import configparser
import json
import logging
import os
import tempfile
from pathlib import Path

from desktop_app.core import paths
from desktop_app.core.settings.schema import BY_KEY, FILTER_KEYS, SettingError, validate

log = logging.getLogger(__name__)
FILE_NAME = "settings.json"
LEGACY_INI = "window.ini"  # what versions before the settings table wrote (QSettings INI)


class SettingsStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.data_dir() / FILE_NAME
        self._values: dict[str, object] = self._read()

    def get(self, key: str) -> object:
        setting = BY_KEY[key]
        if key not in self._values:
            return setting.default
        try:
            return validate(setting, self._values[key])
        except SettingError:
            return setting.default

    def set(self, key: str, value: object) -> None:
        """Validate and save at once (a crash a second later keeps it); SettingError if not allowed."""
        if key not in BY_KEY:
            raise SettingError(f"没有「{key}」这个设置")
        self._values[key] = validate(BY_KEY[key], value)
        self._write()
        log.info("设置 %s = %r", key, self._values[key])

    def update(self, values: dict[str, object]) -> list[str]:
        """Set several values in one write (a trainer's presets, the window's state on quit):
        all valid, or none is saved."""
        typed = {}
        for key, value in values.items():
            if key not in BY_KEY:
                raise SettingError(f"没有「{key}」这个设置")
            typed[key] = validate(BY_KEY[key], value)
        self._values.update(typed)
        self._write()
        return sorted(typed)

    def filters(self) -> dict[str, str | None]:
        """The search filters the agent left set, None where none is chosen."""
        return {key: (str(self.get(f"filters.{key}")) or None) for key in FILTER_KEYS}

    def filter_values(self, filters: dict[str, str | None]) -> dict[str, object]:
        return {f"filters.{key}": filters.get(key) or "" for key in FILTER_KEYS}

    def values(self) -> dict[str, object]:
        return {key: self.get(key) for key in BY_KEY}

    # ------------------------------------------------------------ file

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return self._read_legacy()
        except (OSError, ValueError) as exc:
            log.warning("设置文件读不了，先用默认值：%s（%s）", self.path, exc)
            return {}
        return {k: v for k, v in data.items() if k in BY_KEY} if isinstance(data, dict) else {}

    def _read_legacy(self) -> dict[str, object]:
        """Carry over what the INI file of earlier versions held (not the window geometry)."""
        ini = self.path.with_name(LEGACY_INI)
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(ini, encoding="utf-8")
        except (OSError, configparser.Error, UnicodeDecodeError):
            return {}
        values: dict[str, object] = {}
        for section in parser.sections():
            for name, raw in parser.items(section):
                key = f"{section}.{name}"
                if key in BY_KEY and key != "window.geometry" and not raw.startswith("@"):
                    values[key] = raw
        return values

    def _write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self._values, ensure_ascii=False, indent=1, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)  # mkstemp: mode 600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
