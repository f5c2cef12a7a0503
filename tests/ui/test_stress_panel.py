"""The stress page with qtbot: quick log, the 红转绿 walk, leaving half-way, history, privacy."""

from __future__ import annotations

import csv
import datetime as dt
import textwrap

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QPushButton, QRadioButton

from desktop_app.core.library.facade import open_library
from desktop_app.core.stress.stress_log import StressLog
from desktop_app.core.stress.records import RedGreenExercise, StressEntry
from desktop_app.ui.stress.panel import StressPanel

NOW = dt.datetime(2025, 3, 14, 15, 30)

PLAYBOOK = textwrap.dedent(
    """
    format: 1
    industry: ecommerce
    scenarios:
      - key: t_refund
        name: 退款慢
        description: 退款迟迟没有到账
        triggers: [退款]
        phrases:
          listen:
            - 退款这么久没到，您肯定很着急。
    redgreen:
      emotion_words: [委屈, 生气, 烦躁, 无奈, 紧张]
      patterns:
        should:
          red: [他就应该先听我说完。]
          green: [他着急，是因为这件事对他很重要。]
        blaming:
          red: [都是系统的错，害我挨骂。, 客户根本不讲理。]
          green: [这次我可以先确认订单号，再解释流程。]
      translations:
        - {said: 你们这什么破服务, need: 想被认真对待}
        - {said: 我都打了三回了, need: 要一个能跟到底的人}
    """
)


@pytest.fixture
def lib(tmp_path):
    folder = tmp_path / "pb"
    folder.mkdir()
    (folder / "stress-test.yaml").write_text(PLAYBOOK, encoding="utf-8")
    library = open_library(sync=False)
    library.import_paths(folder)
    yield library
    library.close()


@pytest.fixture
def panel(qtbot, lib):
    w = StressPanel(lib)
    w.clock = lambda: NOW
    w.refresh()
    qtbot.addWidget(w)
    w.resize(360, 640)
    w.show()
    qtbot.waitExposed(w)
    return w


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.LeftButton)


def pick(qtbot, radio):
    """Click a radio button on its indicator: a wide radio only reacts there and on its text."""
    qtbot.mouseClick(radio, Qt.LeftButton, pos=QPoint(8, radio.height() // 2))


def type_chinese(widget, text):
    """CJK through an input-method commit: qtbot.keyClicks cannot type it."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def button(parent, text) -> QPushButton:
    return next(b for b in parent.findChildren(QPushButton) if b.text() == text)


# ------------------------------------------------------------ quick log


def test_one_click_logs_a_rating_then_tags_and_undo(qtbot, panel):
    click(qtbot, panel.scale.buttons[7])
    row = StressEntry.get()
    assert (row.rating, row.scenario, row.reaction, row.profile) == (7, None, None, "default")
    assert panel.logged.isVisible() and "7 分" in panel.logged_label.text()

    panel.scenario_box.setCurrentIndex(panel.scenario_box.findData("t_refund"))
    click(qtbot, panel.reaction_buttons["flare"])
    row = StressEntry.get()
    assert (row.scenario, row.reaction) == ("t_refund", "flare")
    click(qtbot, panel.reaction_buttons["flare"])  # a second click clears it
    assert StressEntry.get().reaction is None

    click(qtbot, button(panel.quick, "撤销"))
    assert StressEntry.select().count() == 0
    assert not panel.logged.isVisible()


def test_a_number_key_logs_too(qtbot, panel):
    panel.focus_quick_log()
    qtbot.keyClick(panel.scale, Qt.Key_3)
    assert StressEntry.get().rating == 3


def test_anchor_words_are_shown_under_the_scale(panel):
    texts = [label.text() for label in panel.scale.findChildren(type(panel.logged_label))]
    assert any(t.startswith("0：") for t in texts) and any(t.startswith("10：") for t in texts)


def test_several_high_ratings_suggest_the_exercise_once_without_a_dialog(qtbot, panel):
    for _ in range(3):
        click(qtbot, panel.scale.buttons[8])
    assert panel.prompt.isVisible()
    assert QApplication.activeModalWidget() is None
    click(qtbot, panel.prompt.findChild(QPushButton, "prompt_start"))
    assert not panel.prompt.isVisible()
    assert panel.tabs.currentWidget() is panel.flow and panel.flow.page() == "before"
    click(qtbot, panel.scale.buttons[9])
    assert not panel.prompt.isVisible()  # once, not again


# ------------------------------------------------------------ the 红转绿 walk


def walk_to_reframe(qtbot, panel):
    flow = panel.flow
    click(qtbot, flow.findChild(QPushButton, "begin"))
    assert flow.page() == "before"
    click(qtbot, flow.before_scale.buttons[8])
    assert flow.page() == "feeling"
    click(qtbot, button(flow, "委屈"))
    type_chinese(flow.own_words, "心累")
    assert flow.own_words.text() == "心累"
    click(qtbot, flow.next_button)
    assert flow.page() == "translate"
    click(qtbot, flow.next_button)
    assert flow.page() == "pattern"
    examples = [label.text() for label in flow.findChildren(type(flow.progress))]
    assert "「都是系统的错，害我挨骂。」\n「客户根本不讲理。」" in examples
    pick(qtbot, flow.findChild(QRadioButton, "pattern_blaming"))
    click(qtbot, flow.next_button)
    assert flow.page() == "reframe"
    return flow


def test_walk_the_whole_exercise_and_check_the_saved_entry(qtbot, panel):
    flow = walk_to_reframe(qtbot, panel)
    assert "反思自我" in flow.green_title.text()
    assert "不是责怪自己" in flow.green_hint.text()
    item = flow.suggestions.item(0)
    flow.suggestions.itemClicked.emit(item)
    assert flow.reframe_edit.toPlainText() == "这次我可以先确认订单号，再解释流程。"
    click(qtbot, flow.next_button)
    assert flow.page() == "breathe"
    click(qtbot, flow.findChild(QPushButton, "breathe"))
    assert flow.breathing.is_running()
    click(qtbot, flow.next_button)  # "跳过"
    assert flow.page() == "after" and not flow.breathing.is_running()
    click(qtbot, flow.after_scale.buttons[5])
    assert flow.page() == "done"
    assert "从 8 分到 5 分" in flow.findChild(type(flow.progress), "done").text()

    ex = RedGreenExercise.get()
    assert (ex.before, ex.after, ex.pattern, ex.completed, ex.step) == (8, 5, "blaming", True, "done")
    assert ex.words == '["委屈", "心累"]'
    assert ex.reframe == "这次我可以先确认订单号，再解释流程。"
    assert ex.finished is not None and ex.duration >= 0
    assert "做完 1 次红转绿" in panel.history.summary.text()


def test_leave_half_way_and_come_back(qtbot, lib, panel):
    flow = walk_to_reframe(qtbot, panel)
    flow.reframe_edit.setPlainText("他不是冲我，是冲这件事。")
    panel.close()  # leaving before the typing pause ends: the hide writes it
    saved = RedGreenExercise.get()
    assert (saved.step, saved.reframe, saved.completed) == ("reframe", "他不是冲我，是冲这件事。", False)
    panel.deleteLater()

    again = StressPanel(lib)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    flow = again.flow
    assert flow.page() == "start" and flow.resume_box.isVisible()
    assert "换成绿色的想法" in flow.resume_label.text()
    click(qtbot, flow.findChild(QPushButton, "resume"))
    assert flow.page() == "reframe"
    assert flow.reframe_edit.toPlainText() == "他不是冲我，是冲这件事。"
    assert flow.findChild(QRadioButton, "pattern_blaming").isChecked()
    assert button(flow, "委屈").isChecked() and flow.own_words.text() == "心累"

    click(qtbot, flow.back_button)  # back to the pattern: change it, nothing else is lost
    pick(qtbot, flow.findChild(QRadioButton, "pattern_should"))
    click(qtbot, flow.next_button)
    assert "换位思考" in flow.green_title.text()
    click(qtbot, flow.next_button)
    click(qtbot, flow.next_button)
    click(qtbot, flow.after_scale.buttons[6])
    ex = RedGreenExercise.get()
    assert (ex.before, ex.after, ex.pattern, ex.reframe, ex.completed) == (8, 6, "should", "他不是冲我，是冲这件事。", True)
    assert RedGreenExercise.select().count() == 1


def test_the_positive_translation_step_shows_the_need_behind_the_words(qtbot, lib, panel):
    flow = panel.flow
    click(qtbot, flow.findChild(QPushButton, "begin"))
    click(qtbot, flow.before_scale.buttons[7])
    click(qtbot, flow.next_button)
    assert flow.page() == "translate" and "正向翻译" in flow.progress.text() and "第 3 步" in flow.progress.text()
    items = flow.translation_list
    assert [items.item(i).text() for i in range(items.count())] == ["「你们这什么破服务」", "「我都打了三回了」"]
    assert flow.need_label.text() == ""
    rect = items.visualItemRect(items.item(1))
    qtbot.mouseClick(items.viewport(), Qt.LeftButton, pos=rect.center())
    assert flow.need_label.text() == "背后的需要：要一个能跟到底的人"
    assert RedGreenExercise.get().step == "translate"  # leaving here resumes here
    click(qtbot, flow.back_button)
    assert flow.page() == "feeling"
    click(qtbot, flow.next_button)
    click(qtbot, flow.next_button)
    assert flow.page() == "pattern"


def test_typed_text_is_saved_after_a_short_pause(qtbot, panel):
    flow = walk_to_reframe(qtbot, panel)
    type_chinese(flow.reframe_edit, "先弄清楚事实。")
    qtbot.waitUntil(lambda: RedGreenExercise.get().reframe == "先弄清楚事实。", timeout=3000)


def test_breathing_ends_by_itself_and_moves_on(qtbot, panel):
    flow = walk_to_reframe(qtbot, panel)
    click(qtbot, flow.next_button)
    flow.breathing.seconds = 0.2
    with qtbot.waitSignal(flow.breathing.finished, timeout=3000):
        click(qtbot, flow.findChild(QPushButton, "breathe"))
    assert flow.page() == "after"
    assert RedGreenExercise.get().step == "after"


# ------------------------------------------------------------ weekly question


def test_weekly_question_once_a_week_and_the_gentle_support_hint(qtbot, lib, panel):
    StressLog(lib.store.db).answer_weekly(5, now=NOW - dt.timedelta(days=7))
    assert panel.weekly.isVisible()
    click(qtbot, panel.weekly.findChild(QPushButton, "weekly_4"))
    assert not panel.weekly.isVisible()
    assert panel.support.isVisible()  # two high weeks in a row
    assert QApplication.activeModalWidget() is None
    panel.refresh()
    assert not panel.weekly.isVisible()  # answered this week


def test_skipping_the_weekly_question(qtbot, panel):
    click(qtbot, button(panel.weekly, "这周先不答"))
    panel.refresh()
    assert not panel.weekly.isVisible()


# ------------------------------------------------------------ history, privacy


def test_history_shows_7_or_30_days_in_a_chart_and_words(qtbot, lib, panel):
    log = StressLog(lib.store.db)
    log.log(6, now=NOW - dt.timedelta(days=10))
    log.log(8, now=NOW - dt.timedelta(hours=1))
    panel.tabs.setCurrentWidget(panel.history)
    history = panel.history
    assert [r for _, r in history.chart.summary.ratings] == [8]
    assert "这 7 天记了 1 次压力" in history.summary.text()
    click(qtbot, history.findChild(QPushButton, "range_30"))
    assert history.chart.summary.days == 30 and len(history.chart.summary.ratings) == 2
    assert not history.chart.grab().isNull()


def test_export_and_delete_everything_of_this_profile_only(qtbot, lib, panel, tmp_path):
    StressLog(lib.store.db, "xiaoli").log(2, now=NOW)
    click(qtbot, panel.scale.buttons[7])
    panel.tabs.setCurrentWidget(panel.history)
    assert panel.history.export_to(tmp_path / "me.csv") == 1
    rows = list(csv.DictReader((tmp_path / "me.csv").open(encoding="utf-8-sig")))
    assert [r["rating"] for r in rows] == ["7"]

    delete = panel.history.findChild(QPushButton, "delete")
    click(qtbot, delete)
    assert StressEntry.select().where(StressEntry.profile == "default").count() == 1  # first click only arms
    click(qtbot, delete)
    assert StressEntry.select().where(StressEntry.profile == "default").count() == 0
    assert StressEntry.select().where(StressEntry.profile == "xiaoli").count() == 1
    assert "还没有记录" in panel.history.summary.text()


def test_switching_profile_shows_only_that_agents_data(qtbot, panel):
    click(qtbot, panel.scale.buttons[9])
    panel.set_profile("xiaoli")
    assert panel.history.chart.summary.ratings == []
    click(qtbot, panel.scale.buttons[2])
    assert StressEntry.get(StressEntry.rating == 2).profile == "xiaoli"
    panel.set_profile("default")
    assert [r for _, r in panel.history.chart.summary.ratings] == [9]


def test_the_prompt_can_be_switched_off_in_history(qtbot, panel):
    panel.history.prompts.setChecked(False)
    for _ in range(3):
        click(qtbot, panel.scale.buttons[9])
    assert not panel.prompt.isVisible()


def test_fits_a_narrow_window(panel):
    assert panel.minimumSizeHint().width() <= 360
