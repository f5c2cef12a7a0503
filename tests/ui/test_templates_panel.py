"""The templates page (fill → preview → copy) and the draft checker page (issues marked)."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop_app.core.templates import fill
from desktop_app.ui.checker.draft_panel import DraftCheckPanel
from desktop_app.ui.templates.panel import COMPOSER_MODE, TemplatesPanel



def commit(widget, text: str) -> None:
    """Type Chinese the way an input method does (keyClicks with CJK aborts Qt's test lib)."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def panel(qtbot, tlib):
    widget = TemplatesPanel(tlib)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_fill_preview_and_copy_with_ctrl_enter(qtbot, panel, tlib):
    assert panel.kind.currentData() == "thank"
    assert panel.list.currentItem().data(Qt.ItemDataRole.UserRole) == "t_thank_phone"
    assert "【工号】" in panel.preview.toPlainText()  # unfilled: a visible marker
    commit(panel.fields["称呼"], "王女士")
    commit(panel.fields["问题"], "退款延迟")
    qtbot.keyClicks(panel.fields["工号"], "1024")
    commit(panel.fields["客服姓名"], "小林")
    expected = "王女士，谢谢您把退款延迟告诉我们，我是1024号客服小林，今天下班前给您回电。"
    assert panel.preview.toPlainText() == expected  # live preview
    QGuiApplication.clipboard().clear()
    panel.activateWindow()
    qtbot.waitActive(panel)
    panel.fields["称呼"].setFocus()
    with qtbot.waitSignal(panel.copied, timeout=2000):
        qtbot.keyClick(panel.fields["称呼"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == expected
    assert "已复制" in panel.status.text()
    # The agent's own details are remembered by the core for the next call; the customer's are not.
    assert fill.remembered_values(tlib) == {"工号": "1024", "客服姓名": "小林"}


def test_remembered_details_fill_the_form_next_time(qtbot, tlib):
    fill.remember(tlib, {"工号": "2048", "客服姓名": "小周"})
    widget = TemplatesPanel(tlib)
    qtbot.addWidget(widget)
    assert widget.fields["工号"].text() == "2048"
    assert "我是2048号客服小周" in widget.preview.toPlainText()


def test_copy_button_and_kind_filter(qtbot, panel):
    panel.kind.setCurrentIndex(panel.kind.findData("apology"))
    assert panel.list.count() == 1 and "【补偿】" in panel.preview.toPlainText()
    commit(panel.fields["补偿"], "为您补发一份")
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert "为您补发一份" in QGuiApplication.clipboard().text()
    panel.persona.setCurrentIndex(panel.persona.findData("driver"))
    assert panel.list.count() == 0 and panel.preview.toPlainText() == ""


def test_html_in_a_template_is_shown_as_written(qtbot, panel):
    assert panel.show_template("t_followup")
    assert "<b>请问</b>" in panel.preview.toPlainText()
    assert panel.list.currentItem().text().startswith("回访<b>确认</b>")


def test_html_in_a_value_is_shown_as_written(qtbot, panel):
    commit(panel.fields["称呼"], "<i>王</i>")
    assert panel.preview.toPlainText().startswith("<i>王</i>，")


def test_the_composer_light_and_serious(qtbot, panel):
    panel.mode.setCurrentIndex(COMPOSER_MODE)
    assert not panel.list.isVisible() and panel.severity.isVisible()
    light = panel.preview.toPlainText()
    assert "【时限】" in light  # no standard deadline: the agent fills it in
    panel.severity.setCurrentIndex(panel.severity.findData("serious"))
    serious = panel.preview.toPlainText()
    assert serious != light and "【工号】" in serious
    qtbot.keyClicks(panel.fields["工号"], "1024")
    assert "工号1024" in panel.preview.toPlainText()


# ---------------------------------------------------------------- the draft checker page


@pytest.fixture
def checker_panel(qtbot, tlib):
    widget = DraftCheckPanel(tlib)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_checker_marks_an_issue_and_clicking_selects_it(qtbot, checker_panel):
    commit(checker_panel.editor, "您好，对不起，但是您也没看短信。")
    qtbot.waitUntil(lambda: checker_panel.list.count() == 1, timeout=2000)
    (selection,) = checker_panel.editor.extraSelections()
    assert selection.cursor.selectedText() == "对不起，但是您也"
    item = checker_panel.list.item(0)
    assert "指责客户" in item.text() and "建议：" in item.text()
    checker_panel.editor.moveCursor(checker_panel.editor.textCursor().MoveOperation.End)
    rect = checker_panel.list.visualItemRect(item)
    qtbot.mouseClick(checker_panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert checker_panel.editor.textCursor().selectedText() == "对不起，但是您也"


def test_the_checker_uses_the_library_and_industry(qtbot, checker_panel):
    checker_panel.set_text("这事不归我们管。产品保本。")
    assert [i.rule for i in checker_panel.issues] == ["forbidden", "promised_returns"]
    assert "测试用：我来帮您对接。" in checker_panel.list.item(0).text()
    checker_panel.industry.setCurrentIndex(checker_panel.industry.findData("heating"))
    assert [i.rule for i in checker_panel.issues] == ["forbidden"]


def test_a_good_reply_and_spans_after_an_emoji(qtbot, checker_panel):
    checker_panel.set_text("给您添麻烦了，很抱歉，我今天下午五点前给您回电。")
    assert checker_panel.issues == [] and "没有发现" in checker_panel.summary.text()
    checker_panel.set_text("😀😀这不归我们管")  # emoji are two UTF-16 units in Qt, one character in Python
    (selection,) = checker_panel.editor.extraSelections()
    assert selection.cursor.selectedText() == "这不归我们管"


def test_html_in_the_draft_is_plain_text(qtbot, checker_panel):
    checker_panel.set_text("<b>这不归我们管</b>")
    assert checker_panel.issues[0].text == "这不归我们管"
    assert checker_panel.editor.toPlainText() == "<b>这不归我们管</b>"
