"""Issue 16: numbers written in ways the first masking missed, and stress-exercise notes that
were stored, backed up and exported as typed."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from desktop_app.core.library.facade import open_library
from desktop_app.core.privacy import mask
from desktop_app.core.stress.stress_log import StressLog

ZW = "\u200b"


@pytest.mark.parametrize("text, masked", [
    ("138.1234.5678", "138.****.5678"),
    ("138/1234/5678", "138/****/5678"),
    ("138 - 1234 - 5678", "138 - **** - 5678"),
    ("138—1234—5678", "138—****—5678"),
    (f"138{ZW}1234{ZW}5678", f"138{ZW}****{ZW}5678"),
    ("138\u20601234\ufeff5678", "138\u2060****\ufeff5678"),
    ("一三八一二三四五六七八", "一三八****五六七八"),
    ("幺三八 幺二三四 五六七八", "幺三八 **** 五六七八"),
    ("6222.0212.3456.7890", "****.****.****.7890"),
    ("6222/0212/3456/7890", "****/****/****/7890"),
    (f"6222{ZW}0212{ZW}3456{ZW}7890", f"****{ZW}****{ZW}****{ZW}7890"),
    ("六二二二零二一二三四五六七八九零", "************七八九零"),
    ("110101.19900307.123X", "******.********.123X"),
    ("110101—19900307—123X", "******—********—123X"),
    ("一一零一零一一九九零零三零七一二三X", "**************一二三X"),
])
def test_phone_card_and_id_variants_are_masked(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize("text", [
    "订单 2023-10-12 金额 1234.56 元",
    "2023/10/12 下午三点",
    "版本 1.2.3，共 12 次",
    "一二三四五六七八九十",
    "第一二三条",
])
def test_dates_amounts_and_counting_stay(text):
    assert mask(text) == text


NOTE = "客户留的电话 138.1234.5678，我当时脑子一片空白"
WORD = "紧张13812345678"


def test_stress_exercise_notes_are_masked_when_stored_backed_up_and_exported(tmp_path):
    lib = open_library(sync=False)
    try:
        log = StressLog(lib.store.db, profile="agent")
        ex = log.start_exercise(before=8)
        log.save_step(ex, "feeling", words=[WORD])
        log.save_step(ex, "reframe", reframe=NOTE)
        stored = log.exercise(ex)
        assert "1234" not in stored.reframe and "138.****.5678" in stored.reframe
        assert stored.words == ["紧张138****5678"]
        backup = lib.store.backup("daily-20000101")
        out = tmp_path / "stress.csv"
        log.export_csv(out)
        db_path = lib.store.path
    finally:
        lib.close()
    for path in (db_path, backup, out):
        data = path.read_bytes()
        assert b"1234.5678" not in data and b"12345678" not in data, path
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert any("138.****.5678" in r["reframe"] for r in rows)


def test_notes_stored_before_masking_are_masked_on_export(tmp_path):
    from desktop_app.core.stress.records import RedGreenExercise

    lib = open_library(sync=False)
    try:
        log = StressLog(lib.store.db, profile="agent")
        ex = log.start_exercise(before=5)
        RedGreenExercise.update(reframe=NOTE, words='["' + WORD + '"]').where(RedGreenExercise.id == ex).execute()
        out = tmp_path / "old.csv"
        log.export_csv(out)
    finally:
        lib.close()
    assert "1234.5678" not in out.read_text(encoding="utf-8-sig")
    assert "12345678" not in out.read_text(encoding="utf-8-sig")
