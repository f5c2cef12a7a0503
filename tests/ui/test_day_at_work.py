"""What a day's work found: colours from the theme in dark mode, the stress confirmation not cut
off, the grouped scenario picker, 忍/暴/逃 in words, the masking notice, useful first phrases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.ui import theme
from tests.ui.ime import commit

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def test_no_colour_is_written_outside_the_theme():
    allowed = {UI / "theme.py", UI / "shell" / "icon.py"}  # the theme itself, and the app icon's fixed colours
    found = [f"{p.relative_to(UI)}:{n}: {line.strip()}" for p in sorted(UI.rglob("*.py")) if p not in allowed
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if HEX.search(line.split("#  ")[0].split("  # ")[0])]
    assert not found, "\n".join(found)


@pytest.fixture
def dark(qapp):
    theme.apply(qapp, "dark")
    yield theme.DARK
    theme.apply(qapp, "light")


def test_dark_theme_flagged_span_in_the_draft_check_is_readable(qtbot, tlib, dark):
    from desktop_app.ui.checker.draft_panel import DraftCheckPanel

    panel = DraftCheckPanel(tlib)
    qtbot.addWidget(panel)
    panel.set_text("这事不归我们管。")
    (selection,) = panel.editor.extraSelections()
    fmt = selection.format
    assert fmt.background().color().name() == dark.risk_bg
    assert fmt.foreground().color().name() == dark.text  # light text on dark red, not on light pink


def test_dark_theme_stress_cards_take_the_theme_background(qtbot, tlib, dark):
    from desktop_app.ui.stress.panel import StressPanel

    panel = StressPanel(tlib)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    card = panel.quick
    assert card.objectName() == "card" and card.styleSheet() == "" and panel.styleSheet() == ""
    image = card.grab().toImage()
    corner = image.pixelColor(image.width() // 2, 2).name()  # inside the card, above the title
    assert corner == dark.alt_base
    assert QApplication.instance().styleSheet().count(f"QFrame#card {{ background: {dark.alt_base}") == 1


def test_stress_confirmation_wraps_groups_scenarios_and_names_the_reactions(qtbot, ui_library):
    from desktop_app.ui.stress.panel import StressPanel

    panel = StressPanel(ui_library)
    qtbot.addWidget(panel)
    theme.apply(QApplication.instance(), "light", font_pt=14)
    try:
        panel.resize(300, 700)
        panel.show()
        qtbot.waitExposed(panel)
        panel.quick_log(7)
        qtbot.wait(20)
        label = panel.logged_label
        assert label.wordWrap() and "可以补充场景和当时的反应" in label.text()
        needed = label.heightForWidth(label.width())
        assert label.height() >= needed  # every line shows: nothing cut off at 14 pt in a narrow window
        box = panel.scenario_box
        model = box.model()
        headers = [i for i in range(box.count()) if not (model.flags(model.index(i, 0)) & Qt.ItemFlag.ItemIsSelectable)]
        assert headers and all(box.itemText(i).startswith("— ") for i in headers)
        assert box.itemData(headers[0] + 1) is not None  # a scenario under its industry
        words = [b.text() for b in panel.reaction_buttons.values()]
        assert words == ["忍 · 忍住了", "暴 · 发了火", "逃 · 想躲开"]
        for b in panel.reaction_buttons.values():
            assert b.width() >= b.sizeHint().width() - 2  # the words are not clipped
    finally:
        theme.apply(QApplication.instance(), "light", font_pt=0)


def test_saving_a_phrase_with_a_phone_number_says_it_is_stored_masked(win, qtbot, ui_library):
    from desktop_app.ui.phrases.personal_phrases import PersonalPhrasesDialog, PhraseEditor

    editor = PhraseEditor(win.scenario_choices(), parent=win)
    qtbot.addWidget(editor)
    editor.show()
    commit(editor.text, "有事请打我电话13812345678")
    assert editor.mask_note.isVisible() and "138****5678" in editor.mask_note.text()
    editor.text.setPlainText("您别着急，我来处理")
    assert not editor.mask_note.isVisible()

    dialog = PersonalPhrasesDialog(ui_library, win.scenario_choices(), win)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.save(None, {"text": "回电请拨13812345678", "stage": "act", "persona": "all", "scenario": None})
    assert "已打码" in dialog.status.text()
    saved = [d for d in ui_library.personal_phrases() if "138" in d.text]
    assert saved and saved[0].text == "回电请拨138****5678"
    ui_library.delete_personal(saved[0].uid)


def test_an_empty_input_shows_openers_from_many_scenarios_of_the_agents_industry(win, qtbot):
    def openers():
        with qtbot.waitSignal(win.resultsShown, timeout=3000):  # answered off the GUI thread
            win.run_search()
        return win.results.results.hits()

    win.settings.set("agent.industry", "banking")
    try:
        hits = openers()
        assert hits
        assert {h.doc.industry for h in hits} <= {"banking", "general"}
        assert len({h.doc.scenario for h in hits}) >= 2  # not one scenario's list
        assert {h.doc.stage for h in hits[:3]} <= {"listen", "empathize"}
        win.settings.set("agent.industry", "ecommerce")
        assert {h.doc.industry for h in openers()} <= {"ecommerce", "general"}
    finally:
        win.settings.set("agent.industry", "general")
        openers()
