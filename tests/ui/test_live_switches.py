"""QA under Xvfb: a live switch of theme, language and font size leaves every control working and
readable — the stress rating still records, labels wrap at phrase breaks, dark checkboxes show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget

from desktop_app.ui import i18n, theme


def _stress_panel(win, qtbot):
    from desktop_app.ui.stress.panel import StressPanel

    qtbot.waitUntil(lambda: win.tabs.count() == 4, timeout=3000)
    holder = next(win.tabs.widget(i) for i in range(win.tabs.count())
                  if win.tabs.widget(i).property("page_title") == "减压")
    win.tabs.setCurrentWidget(holder)
    qtbot.waitUntil(lambda: holder.findChild(StressPanel) is not None
                    and holder.findChild(StressPanel).isVisible(), timeout=3000)
    return next(p for p in holder.findChildren(StressPanel) if p.isVisible())


def test_a_rating_records_after_a_live_switch_of_theme_language_and_size(win, qtbot):
    from desktop_app.core.stress.records import StressEntry

    win.show()
    _stress_panel(win, qtbot)
    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    try:
        combo = dialog.editors["window.theme"]
        combo.setCurrentIndex(combo.findData("dark"))
        combo = dialog.editors["window.language"]
        combo.setCurrentIndex(combo.findData(i18n.TRADITIONAL))
        qtbot.wait(30)  # the dialog rebuilds in 繁體
        dialog.editors["window.font_size"].setValue(14)
        qtbot.wait(30)
        panel = _stress_panel(win, qtbot)
        before = StressEntry.select().count()
        qtbot.mouseClick(panel.scale.buttons[6], Qt.MouseButton.LeftButton)
        assert StressEntry.select().count() == before + 1
        assert panel.logged.isVisible() and "6 分" in panel.logged_label.text()
    finally:
        dialog.editors["window.font_size"].setValue(10)
        combo = dialog.editors["window.theme"]
        combo.setCurrentIndex(combo.findData("light"))
        combo = dialog.editors["window.language"]
        combo.setCurrentIndex(combo.findData(i18n.SIMPLIFIED))
        qtbot.wait(30)
        win.tabs.setCurrentIndex(0)


def test_stress_words_wrap_at_phrase_breaks_at_14_pt(win, qtbot):
    win.show()
    win.apply_font_size(14)
    try:
        panel = _stress_panel(win, qtbot)
        qtbot.wait(30)
        for label in panel.scale.anchor_labels:  # one line each: never 「10：难受到极\n点」
            assert not label.wordWrap() and label.width() >= label.sizeHint().width()
            assert label.geometry().right() <= panel.scale.anchor_box.width()
        lines = panel.quick_title.lines()
        assert lines in (["刚才这通电话，压力几分？点一下就记下"], ["刚才这通电话，压力几分？", "点一下就记下"])
    finally:
        win.apply_font_size(10)
        win.tabs.setCurrentIndex(0)


def _luma(colour: QColor) -> float:
    return 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()


def test_dark_checkboxes_show_ticked_and_unticked_and_close_has_no_dark_icon(qapp, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    theme.apply(qapp, "dark")
    try:
        c = theme.colors()
        host = QWidget()
        qtbot.addWidget(host)
        ticked, unticked = QCheckBox("开", host), QCheckBox("关", host)
        ticked.setChecked(True)
        unticked.move(0, 40)
        host.resize(120, 80)
        host.show()
        qtbot.waitExposed(host)
        window = QColor(c.window)

        def colours(box):
            image = box.grab().toImage()
            return {image.pixelColor(x, y).name() for x in range(min(20, image.width())) for y in range(image.height())}

        assert c.accent in colours(ticked)  # the tick box is filled with the accent
        # the empty box has a border clearly lighter than the window
        assert any(_luma(QColor(name)) - _luma(window) > 60 for name in colours(unticked))
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, host)
        box.move(0, 0)
        box.show()
        close = box.button(QDialogButtonBox.StandardButton.Close)
        image = close.grab().toImage()
        dark = sum(1 for x in range(image.width()) for y in range(image.height())
                   if _luma(image.pixelColor(x, y)) < _luma(window) - 15)
        assert dark == 0, "a dark icon on the dark button"
    finally:
        theme.apply(qapp, "light")
