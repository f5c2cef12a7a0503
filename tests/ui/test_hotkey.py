"""The global hotkey: parsing for each platform, and a plain message where it cannot register."""

from __future__ import annotations

import pytest

from desktop_app.ui.shell.hotkey import GlobalHotkey, HotkeyError, parse, windows_code, x11_code


def test_the_default_hotkey_in_platform_codes(qapp):
    assert windows_code("Ctrl+Alt+Space") == (0x2 | 0x1, 0x20)
    assert x11_code("Ctrl+Alt+Space") == ((1 << 2) | (1 << 3), "space")
    assert windows_code("Ctrl+Shift+K") == (0x2 | 0x4, ord("K"))
    assert x11_code("Meta+F9") == (1 << 6, "F9")


@pytest.mark.parametrize("sequence", ["A", "Shift+A", "Ctrl+A, Ctrl+B", ""])
def test_hotkeys_that_would_get_in_the_way_are_refused(qapp, sequence):
    with pytest.raises(HotkeyError):
        parse(sequence)


def test_f_keys_alone_are_allowed(qapp):
    mods, _key = parse("F8")
    assert mods == frozenset()


def test_where_it_cannot_register_it_says_so(qapp):
    hotkey = GlobalHotkey()
    assert hotkey.set_sequence("Ctrl+Alt+Space") is False  # offscreen has no global keys
    assert not hotkey.registered
    assert "不支持全局热键" in hotkey.status and "offscreen" in hotkey.status
