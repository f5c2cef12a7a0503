"""Privacy: customer numbers are masked in whatever is stored, customer text is not stored at
all unless the agent asks, and the agent's stress data can be deleted for good.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.core import paths, privacy
from desktop_app.core.privacy import mask

# ---------------------------------------------------------------- mask()


@pytest.mark.parametrize("text, masked", [
    ("电话13812345678", "电话138****5678"),
    ("打 138 1234 5678 3 次", "打 138 **** 5678 3 次"),
    ("138-1234-5678", "138-****-5678"),
    ("+86 138-1234-5678", "+86 138-****-5678"),
    ("008613912345678", "0086139****5678"),
    ("13812345678、13987654321", "138****5678、139****4321"),
    ("１３８１２３４５６７８", "１３８****５６７８"),
    ("座机010-12345678转8", "座机010-****5678转8"),
    ("（0755）1234567", "（0755）***4567"),
    ("0571 8765 4321", "0571 **** 4321"),
    ("身份证11010119900307123X。", "身份证**************123X。"),
    ("身份证 110101 19900307 123x", "身份证 ****** ******** 123x"),
    ("卡号6222021234567890", "卡号************7890"),
    ("卡号 6222 0212 3456 7890 123", "卡号 **** **** **** ***0 123"),
    ("6222-0212-3456-7890", "****-****-****-7890"),
])
def test_numbers_to_hide_are_masked(text, masked):
    assert mask(text) == masked


@pytest.mark.parametrize("text", [
    "订单 2023-10-12 金额 1234.56 元",
    "客服热线 95588，或 400-820-8820",
    "工单号 20231012",
    "三天内给您答复",
    "第 3 次，共 12 次",
    "",
])
def test_other_numbers_and_text_stay(text):
    assert mask(text) == text


DIGIT = st.sampled_from("0123456789")
SEP = st.sampled_from(["", "", "", " ", "-"])


@st.composite
def sensitive(draw):
    """A phone, ID or card number as a customer might type it, and its bare digits."""
    kind = draw(st.sampled_from(["mobile", "id", "card"]))
    if kind == "mobile":
        digits = "1" + draw(st.sampled_from("3456789")) + "".join(draw(st.lists(DIGIT, min_size=9, max_size=9)))
        groups = [digits[:3], digits[3:7], digits[7:]]
    elif kind == "id":
        digits = "".join(draw(st.lists(DIGIT, min_size=17, max_size=17))) + draw(st.sampled_from("0123456789Xx"))
        groups = [digits[:6], digits[6:14], digits[14:]]
    else:
        digits = "".join(draw(st.lists(DIGIT, min_size=16, max_size=19)))
        groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    sep = draw(SEP)
    return sep.join(groups), digits


WORDS = st.text(alphabet=st.sampled_from(list("您好我的卡号是电话身份证，。！？ abc")), max_size=10)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS, sensitive(), WORDS)
def test_no_number_survives_in_any_text(before, number, after):
    written, digits = number
    text = before + written + after
    out = mask(text)
    assert digits not in re.sub(r"[ \-]", "", out)  # not even with the separators taken out
    assert len(out) == len(text)  # masked in place: nothing else moves
    assert mask(out) == out  # idempotent
    assert re.sub(r"[\d*Xx]", "", out) == re.sub(r"[\dXx]", "", text)  # only digits (and an X) change


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_mask_never_raises_and_keeps_non_digits(text):
    out = mask(text)
    assert len(out) == len(text)
    assert all(a == b or (b == "*" and (a.isdigit() or a in "Xx")) for a, b in zip(text, out))


def test_masking_a_huge_paste_is_quick():
    import time

    start = time.perf_counter()
    mask("13812345678 1 " * 20_000 + "9" * 100_000)
    assert time.perf_counter() - start < 2


# ---------------------------------------------------------------- what is stored

COMPLAINT = "我是隗翛蔓，手机13812345678，身份证110101199003071234，卡号6222021234567890，你们冻结我的卡！退款XQZW也没到账"
MARKERS = ["隗翛蔓", "13812345678", "110101199003071234", "6222021234567890", "XQZW"]


def _files_containing(home: Path, needles: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits = [n for n in needles if n.encode() in data or n.encode("utf-16-le") in data]
            if hits:
                found[str(path.relative_to(home))] = hits
    return found


def test_customer_text_is_not_stored(monkeypatch, sample_dir, calmdesk_home, capsys):
    """Searching, analysing and checking what a customer said leave no trace on disk."""
    import io

    from desktop_app.cli.main import main
    from desktop_app.core.library.facade import open_library

    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    library = open_library()
    try:
        library.search(COMPLAINT)
        hit = library.search("冻结", limit=1)[0]
        library.record_use(hit.doc.uid)  # the agent copies an answer: only its id is counted
        try:
            from desktop_app.core.analysis import Analyzer

            Analyzer(scenarios=library.scenario_triggers()).analyze(COMPLAINT)
        except ImportError:
            pass
        try:
            from desktop_app.core.templates import fill
            values = {"称呼": "张先生", "客户姓名": "隗翛蔓", "手机": "13812345678", "客服姓名": "小李", "工号": "A01"}
            for doc in fill.load_templates(library):
                doc.render(values)
            fill.remember(library, values)  # only the agent's own name and number are kept
        except ImportError:
            pass
    finally:
        library.close()
    from desktop_app.cli.main import build_parser

    available = build_parser()._subparsers._group_actions[0].choices
    for argv in (["search", COMPLAINT], ["check", COMPLAINT], ["analyze", COMPLAINT]):
        if argv[0] in available:
            assert main(argv) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"text": COMPLAINT}, ensure_ascii=False) + "\n"))
    main(["search", "--jsonl"])
    capsys.readouterr()
    assert _files_containing(calmdesk_home, MARKERS) == {}


def test_a_personal_phrase_is_stored_masked(library, calmdesk_home):
    uid = library.add_personal("回拨客户 13812345678，卡号 6222 0212 3456 7890 已登记", stage="act")
    (doc,) = [d for d in library.personal_phrases() if d.uid == uid]
    assert doc.text == "回拨客户 138****5678，卡号 **** **** **** 7890 已登记"
    library.update_personal(uid, "身份证 11010119900307123X 已核实", stage="ask")
    library.close()
    assert _files_containing(calmdesk_home, ["13812345678", "6222", "11010119900307"]) == {}


def test_the_crash_log_masks_numbers(calmdesk_home):
    from desktop_app.core.diagnostics import crashlog
    log = crashlog.record(ValueError(f"无法处理：{COMPLAINT}"))
    text = log.read_text(encoding="utf-8")
    assert "无法处理" in text and "13812345678" not in text


# ---------------------------------------------------------------- deleting stress data for good

stress = pytest.importorskip("desktop_app.core.stress.stress_log", reason="the stress log is not written yet")
SECRET = "只属于我的绿色想法QQZX"


def _stress_queries(profile: str):
    from desktop_app.core.library.models import Setting
    from desktop_app.core.stress.records import (
        RedGreenExercise,
        StressEntry,
        WeeklyCheck,
    )

    return lambda: [StressEntry.delete().where(StressEntry.profile == profile),
                    WeeklyCheck.delete().where(WeeklyCheck.profile == profile),
                    RedGreenExercise.delete().where(RedGreenExercise.profile == profile),
                    Setting.delete().where(Setting.key.startswith(f"stress:{profile}:"))]


def _agent_with_history(calmdesk_home):
    """Yesterday's data is in today's backup; today's is only in the live file and its log."""
    from desktop_app.core.library.facade import open_library

    library = open_library(sync=False)
    log = stress.StressLog(library.store.db, profile="王芳")
    exercise = log.start_exercise(before=8)
    log.save_step(exercise, "reframe", reframe=SECRET + "（昨天）", words=["委屈QQZX"])
    log.log(9, scenario="qqzx_scenario")
    library.close()
    for daily in (calmdesk_home / "backups").glob("calmdesk-daily-*.db"):
        daily.unlink()
    library = open_library(sync=False)  # the first open of "today": a backup with yesterday's data
    library.store.db.pragma("secure_delete", 0)  # as on Windows: freed pages keep their bytes
    log = stress.StressLog(library.store.db, profile="王芳")
    log.save_step(log.start_exercise(before=7), "reframe", reframe=SECRET + "（今天）")
    other = stress.StressLog(library.store.db, profile="李强")
    other.log(3, scenario="kept_scenario")
    assert _files_containing(calmdesk_home, ["QQZX"])  # the test can see the data it then deletes
    return library, log, other


def test_forget_erases_a_profile_from_the_file_its_log_and_the_backups(calmdesk_home):
    library, log, other = _agent_with_history(calmdesk_home)
    try:
        removed = privacy.forget(library.store.db, _stress_queries("王芳"))
        assert removed >= 3 and log.unfinished_exercise() is None
        assert _files_containing(calmdesk_home, ["QQZX", "qqzx"]) == {}  # while the window still runs
        assert [e.scenario for e in other.entries(dt.datetime.min, dt.datetime.max)] == ["kept_scenario"]
    finally:
        library.close()
    assert _files_containing(calmdesk_home, ["QQZX", "qqzx"]) == {}


def test_deleting_a_profile_in_the_stress_log_leaves_nothing(calmdesk_home):
    library, log, _other = _agent_with_history(calmdesk_home)
    try:
        log.delete_everything()
        assert _files_containing(calmdesk_home, ["QQZX", "qqzx"]) == {}
    finally:
        library.close()
