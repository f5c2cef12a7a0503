"""The settings table and its store: validation, defaults, atomic private file, old INI carried over."""

from __future__ import annotations

import json
import os
import stat

import pytest

from desktop_app.core.settings.schema import BY_KEY, SETTINGS, SettingError, validate
from desktop_app.core.settings.store import SettingsStore


def test_every_setting_default_passes_its_own_validation():
    for setting in SETTINGS:
        assert validate(setting, setting.default) == setting.default, setting.key


@pytest.mark.parametrize("key, bad", [
    ("window.font_size", 99), ("window.font_size", "大"), ("window.opacity", 0.1),
    ("window.opacity", float("nan")), ("window.theme", "purple"), ("agent.industry", "mining"),
    ("agent.role", "boss"), ("agent.channel", "fax"), ("window.always_on_top", "perhaps"),
])
def test_values_outside_the_table_are_refused_in_chinese(calmdesk_home, key, bad):
    store = SettingsStore()
    with pytest.raises(SettingError) as error:
        store.set(key, bad)
    assert BY_KEY[key].label in str(error.value)
    assert store.get(key) == BY_KEY[key].default  # nothing changed


def test_values_survive_a_new_store_and_the_file_is_private(calmdesk_home):
    store = SettingsStore()
    store.set("agent.industry", "banking")
    store.update({"window.font_size": 14, "agent.channel": "counter"})
    again = SettingsStore()
    assert (again.get("agent.industry"), again.get("window.font_size"), again.get("agent.channel")) == (
        "banking", 14, "counter")
    if os.name == "posix":
        assert stat.S_IMODE((calmdesk_home / "settings.json").stat().st_mode) == 0o600


def test_update_is_all_or_nothing(calmdesk_home):
    store = SettingsStore()
    with pytest.raises(SettingError):
        store.update({"agent.industry": "banking", "window.font_size": 300})
    assert SettingsStore().get("agent.industry") == "general"


def test_a_damaged_or_hand_edited_file_reads_as_defaults(calmdesk_home):
    (calmdesk_home / "settings.json").write_text('{"window.font_size": "huge", "agent.role": "lead", "x": 1')
    assert SettingsStore().get("window.font_size") == 10  # not JSON at all: every default
    (calmdesk_home / "settings.json").write_text(json.dumps({"window.font_size": "huge", "agent.role": "lead"}))
    store = SettingsStore()
    assert store.get("window.font_size") == 10 and store.get("agent.role") == "lead"


def test_the_ini_file_of_earlier_versions_is_carried_over(calmdesk_home):
    (calmdesk_home / "window.ini").write_text(
        "[window]\nalways_on_top=false\nopacity=0.8\nfont_size=13\ntheme=dark\nlanguage=zh_TW\n"
        "geometry=@ByteArray(\\x1\\xd9)\n\n[filters]\nstage=act\nindustry=\n", encoding="utf-8")
    store = SettingsStore()
    assert store.get("window.always_on_top") is False and store.get("window.opacity") == 0.8
    assert store.get("window.font_size") == 13 and store.get("window.language") == "zh_TW"
    assert store.filters() == {"scenario": None, "persona": None, "stage": "act", "industry": None}
    assert store.get("window.geometry") == ""
