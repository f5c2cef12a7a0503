"""A write the database refuses is explained in the window, never a silent loss or a traceback."""

from __future__ import annotations

import sqlite3

from tests.ui.ime import search_and_wait


def test_a_refused_write_says_why_in_plain_words(win, qtbot, monkeypatch):
    search_and_wait(qtbot, win, "冻结")

    def full(uid):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(win.library, "record_use", full)
    assert win.copy_row(0)
    qtbot.waitUntil(lambda: "磁盘已满" in win.status.text())
    assert win.toast.text() == "没有保存"


def test_a_read_only_library_says_so_in_the_status(win, qtbot, monkeypatch):
    monkeypatch.setattr(type(win.library), "read_only", property(lambda self: True))
    search_and_wait(qtbot, win, "退款")
    assert "数据目录只读" in win.status.text()
