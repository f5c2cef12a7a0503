"""我的话术: add, edit and delete the agent's own phrases in the window."""

from __future__ import annotations

from desktop_app.ui.phrases.personal_phrases import PersonalPhrasesDialog
from desktop_app.ui.phrases.results_model import PERSONAL_ROLE
from tests.ui.ime import search_and_wait


def test_add_edit_delete_a_personal_phrase(win, qtbot, ui_library):
    dialog = PersonalPhrasesDialog(ui_library, win.scenario_choices(), win)
    qtbot.addWidget(dialog)
    dialog.changed.connect(lambda: win.run_search())
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.save(None, {"text": "您别急，这张卡我亲自盯着处理", "stage": "empathize", "persona": "all",
                           "scenario": "t_card_blocked"})
    assert dialog.list.count() == 1
    hits = search_and_wait(qtbot, win, "亲自盯着")
    assert hits[0].doc.source == "personal"
    assert win.results.results.index(0).data(PERSONAL_ROLE) is True

    uid = hits[0].doc.uid
    dialog.list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.save(uid, {"text": "您别急，这张卡我亲自跟进", "stage": "act", "persona": "driver", "scenario": None})
    doc = ui_library.personal_phrases()[0]
    assert (doc.text, doc.stage, doc.persona) == ("您别急，这张卡我亲自跟进", "act", "driver")

    ui_library.delete_personal(uid)
    dialog.reload()
    assert dialog.list.count() == 0


def test_an_empty_phrase_is_refused_with_a_message(win, qtbot, ui_library):
    dialog = PersonalPhrasesDialog(ui_library, win.scenario_choices(), win)
    qtbot.addWidget(dialog)
    dialog.save(None, {"text": "", "stage": "listen", "persona": "all", "scenario": None})
    qtbot.waitUntil(lambda: dialog.status.text().startswith("没有保存"), timeout=5000)
    assert dialog.list.count() == 0
