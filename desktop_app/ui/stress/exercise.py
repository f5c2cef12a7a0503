"""The guided 红转绿 flow: rate → name the feeling → 正向翻译 → the pattern → the green reframe → breathe → rate.

Every change is written through `StressLog.save_step` as it happens (typed text after a short
pause, and at once when the page is hidden), so the agent can walk away at any step and resume.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.stress.stress_log import FREE_REFRAME_HINT, GREEN_HINTS, Exercise, StressLog
from desktop_app.core.stress.summary import exercise_feedback
from desktop_app.core.vocab import THINKING_PATTERNS
from desktop_app.ui.stress.breathing import BreathingCircle
from desktop_app.ui.stress.scale import RatingScale
from desktop_app.ui.i18n import tr

PAGES = ("start", "before", "feeling", "translate", "pattern", "reframe", "breathe", "after", "done")
STEP_TITLES = {
    "before": "现在压力有多大？",
    "feeling": "说出感受",
    "translate": "正向翻译：火气背后的需要",
    "pattern": "这是哪种想法？",
    "reframe": "换成绿色的想法",
    "breathe": "慢慢呼吸（可跳过）",
    "after": "现在再打个分",
}
NUMBERED = ("before", "feeling", "translate", "pattern", "reframe", "breathe", "after")
SAVE_PAUSE_MS = 500  # typed text is saved this long after the last key
RED_EXAMPLES = 2


class ExerciseFlow(QWidget):
    history_requested = Signal()
    finished = Signal()

    def __init__(self, library, log: StressLog, clock: Callable[[], dt.datetime] = dt.datetime.now,
                 breathing_seconds: float = 60.0, parent=None):
        super().__init__(parent)
        self.library = library
        self.log = log
        self.clock = clock
        self.exercise_id: int | None = None
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_PAUSE_MS)
        self._save_timer.timeout.connect(self.flush)

        self.progress = QLabel()
        self.progress.setProperty("hint", True)
        self.stack = QStackedWidget()
        builders = {"start": self._build_start, "before": self._build_before, "feeling": self._build_feeling,
                    "translate": self._build_translate,
                    "pattern": self._build_pattern, "reframe": self._build_reframe,
                    "breathe": self._build_breathe, "after": self._build_after, "done": self._build_done}
        for name in PAGES:
            self.stack.addWidget(_scrolled(builders[name]()))

        self.back_button = QPushButton(tr("上一步"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(tr("下一步"))
        self.next_button.setObjectName("next")
        self.next_button.clicked.connect(self.next)
        self.nav = QWidget()
        nav = QHBoxLayout(self.nav)
        nav.setContentsMargins(0, 0, 0, 0)
        nav.addWidget(self.back_button)
        nav.addStretch(1)
        nav.addWidget(self.next_button)

        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(self.progress)
        box.addWidget(self.stack, 1)
        box.addWidget(self.nav)
        # Red-thought examples come from playbooks and the reframe from the agent: shown as
        # written, never as HTML (an <img src="file:///..."> in a playbook painted a local file).
        for label in self.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.show_start()

    # ------------------------------------------------------------ where we are

    def page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def show_start(self) -> None:
        ex = self.log.unfinished_exercise()
        self.resume_box.setVisible(ex is not None)
        if ex is not None:
            self.resume_label.setText(tr('上次做到「{}」，写下的都还在。').format(STEP_TITLES.get(ex.step, ex.step)))
        self._show("start")

    def _show(self, name: str) -> None:
        self.stack.setCurrentIndex(PAGES.index(name))
        numbered = name in NUMBERED
        self.progress.setText(tr('第 {} 步 / 共 {} 步 · {}').format(NUMBERED.index(name) + 1, len(NUMBERED), tr(STEP_TITLES[name]))
                              if numbered else "")
        self.progress.setVisible(numbered)
        self.nav.setVisible(numbered)
        self.back_button.setEnabled(name != "before")
        # Rating pages move on by themselves when a number is picked.
        self.next_button.setVisible(name in ("feeling", "translate", "pattern", "reframe", "breathe"))
        self.next_button.setText(tr("跳过") if name == "breathe" else tr("下一步"))
        if name == "breathe":
            self.breathing.stop()
            self.breathe_button.setText(tr("开始 60 秒呼吸"))

    # ------------------------------------------------------------ saving

    def _fields(self) -> dict:
        page = self.page()
        if page == "feeling":
            return {"words": self.words()}
        if page == "pattern":
            return {"pattern": self.pattern()}
        if page == "reframe":
            return {"reframe": self.reframe_edit.toPlainText()}
        return {}

    def _save(self, step: str) -> None:
        if self.exercise_id is not None:
            self.log.save_step(self.exercise_id, step, now=self.clock(), **self._fields())

    def flush(self) -> None:
        """Write what is on the page now (called on a pause in typing and when hidden)."""
        self._save_timer.stop()
        if self.exercise_id is not None and self.page() in NUMBERED and self.page() != "before":
            self._save(self.page())

    def _go(self, target: str) -> None:
        self._save_timer.stop()
        if target in NUMBERED:
            self._save(target)
        self._show(target)

    def next(self) -> None:
        page = self.page()
        self._go(PAGES[PAGES.index(page) + 1])

    def back(self) -> None:
        page = self.page()
        if page != "before":
            self._go(PAGES[PAGES.index(page) - 1])

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    # ------------------------------------------------------------ start and resume

    def begin(self) -> None:
        """A fresh exercise; it is created when the first rating is picked."""
        self.exercise_id = None
        self._fill(None)
        self._show("before")

    def resume(self) -> None:
        ex = self.log.unfinished_exercise()
        if ex is None:
            self.begin()
            return
        self.exercise_id = ex.id
        self._fill(ex)
        self._show(ex.step if ex.step in NUMBERED else "before")

    def _fill(self, ex: Exercise | None) -> None:
        self.before_scale.set_value(ex.before if ex else None)
        self.after_scale.set_value(None)
        words = ex.words if ex else []
        for b in self.word_buttons:
            b.blockSignals(True)
            b.setChecked(b.property("word") in words)
            b.blockSignals(False)
        known = {b.property("word") for b in self.word_buttons}
        self.own_words.blockSignals(True)
        self.own_words.setText("、".join(w for w in words if w not in known))
        self.own_words.blockSignals(False)
        self._select_pattern(ex.pattern if ex else None)
        self.reframe_edit.blockSignals(True)
        self.reframe_edit.setPlainText(ex.reframe if ex else "")
        self.reframe_edit.blockSignals(False)

    # ------------------------------------------------------------ the pages

    def _build_start(self) -> QWidget:
        page, box = _page()
        intro = QLabel(tr("找出红色的情绪语言，认出背后的想法，再换成绿色的想法。大约两分钟，"
                       "随时可以离开，写下的都会保存，只留在这台电脑上。"))
        intro.setWordWrap(True)
        box.addWidget(intro)
        start = QPushButton(tr("开始红转绿"))
        start.setObjectName("begin")
        start.clicked.connect(self.begin)
        box.addWidget(start)
        self.resume_box = QFrame()
        self.resume_box.setObjectName("resume")
        rbox = QVBoxLayout(self.resume_box)
        self.resume_label = QLabel()
        self.resume_label.setWordWrap(True)
        rbox.addWidget(self.resume_label)
        resume = QPushButton(tr("继续上次"))
        resume.setObjectName("resume")
        resume.clicked.connect(self.resume)
        rbox.addWidget(resume)
        box.addWidget(self.resume_box)
        box.addStretch(1)
        return page

    def _build_before(self) -> QWidget:
        page, box = _page()
        self.before_scale = RatingScale()
        self.before_scale.picked.connect(self._picked_before)
        box.addWidget(self.before_scale)
        box.addStretch(1)
        return page

    def _picked_before(self, rating: int) -> None:
        if self.exercise_id is None:
            self.exercise_id = self.log.start_exercise(rating, now=self.clock())
        else:
            self.log.save_step(self.exercise_id, "feeling", before=rating, now=self.clock())
        self._show("feeling")

    def _build_feeling(self) -> QWidget:
        page, box = _page()
        hint = QLabel(tr("给情绪起个名字，本身就能让它降一点。选几个，或自己写。"))
        hint.setWordWrap(True)
        hint.setProperty("hint", True)
        box.addWidget(hint)
        grid = QGridLayout()
        grid.setSpacing(4)
        self.word_buttons: list[QPushButton] = []
        for i, word in enumerate(self.library.redgreen(kind="emotion_word")):
            b = QPushButton(tr(word))
            b.setProperty("word", word)  # saved as written in the playbook, whatever the UI language
            b.setCheckable(True)
            b.setProperty("pattern", True)
            b.toggled.connect(lambda _on: self._save("feeling"))
            grid.addWidget(b, i // 4, i % 4)
            self.word_buttons.append(b)
        box.addLayout(grid)
        self.own_words = QLineEdit()
        self.own_words.setPlaceholderText(tr("自己写，用空格或顿号分开"))
        self.own_words.textChanged.connect(lambda _t: self._save_timer.start())
        box.addWidget(self.own_words)
        box.addStretch(1)
        return page

    def words(self) -> list[str]:
        typed = [w for w in re.split(r"[\s,，、;；/]+", self.own_words.text()) if w]
        return [b.property("word") for b in self.word_buttons if b.isChecked()] + typed

    def _build_translate(self) -> QWidget:
        """正向翻译: what an angry customer says, turned into the need behind it (the library's pairs)."""
        page, box = _page()
        hint = QLabel(tr("客户的火气背后是一个需要。点一句客户常说的话，看看它背后想要的是什么；"
                         "再想想刚才那位客户要的是什么。"))
        hint.setWordWrap(True)
        hint.setProperty("hint", True)
        box.addWidget(hint)
        self.translations = dict(self.library.translations())
        self.translation_list = QListWidget()
        self.translation_list.setObjectName("translations")
        self.translation_list.setWordWrap(True)
        self.translation_list.setMaximumHeight(150)
        self.translation_list.addItems([f"「{tr(said)}」" for said in self.translations])
        self.translation_list.currentRowChanged.connect(self._show_need)
        box.addWidget(self.translation_list)
        self.need_label = QLabel()
        self.need_label.setObjectName("need")
        self.need_label.setWordWrap(True)
        self.need_label.setProperty("greentitle", True)
        box.addWidget(self.need_label)
        self.translate_edit = QPlainTextEdit()
        self.translate_edit.setPlaceholderText(tr("刚才那位客户真正想要的是……（在这里想一想就好，不保存）"))
        self.translate_edit.setMaximumHeight(70)
        box.addWidget(self.translate_edit)
        box.addStretch(1)
        return page

    def _show_need(self, row: int) -> None:
        saids = list(self.translations)
        self.need_label.setText(tr("背后的需要：{}").format(tr(self.translations[saids[row]])) if 0 <= row < len(saids) else "")

    def _build_pattern(self) -> QWidget:
        page, box = _page()
        self.pattern_group = QButtonGroup(self)
        self.pattern_buttons: dict[str | None, QRadioButton] = {}
        for key, (red, _green) in THINKING_PATTERNS.items():
            radio = QRadioButton(tr(red))
            radio.setObjectName(f"pattern_{key}")
            self.pattern_group.addButton(radio)
            self.pattern_buttons[key] = radio
            box.addWidget(radio)
            examples = self.library.redgreen(pattern=key, kind="red")[:RED_EXAMPLES]
            if examples:
                label = QLabel("\n".join(f"「{tr(t)}」" for t in examples))
                label.setWordWrap(True)
                label.setProperty("hint", True)
                label.setContentsMargins(22, 0, 0, 0)
                box.addWidget(label)
        unsure = QRadioButton(tr("说不清，先跳过"))
        self.pattern_group.addButton(unsure)
        self.pattern_buttons[None] = unsure
        box.addWidget(unsure)
        self.pattern_group.buttonToggled.connect(self._pattern_toggled)
        box.addStretch(1)
        return page

    def pattern(self) -> str | None:
        return next((k for k, b in self.pattern_buttons.items() if b.isChecked()), None)

    def _select_pattern(self, key: str | None) -> None:
        self.pattern_group.blockSignals(True)
        self.pattern_group.setExclusive(False)
        for b in self.pattern_buttons.values():
            b.setChecked(False)
        self.pattern_group.setExclusive(True)
        if key is not None:
            self.pattern_buttons[key].setChecked(True)
        self.pattern_group.blockSignals(False)
        self._show_suggestions(key)

    def _pattern_toggled(self, button, checked: bool) -> None:
        if checked:
            self._show_suggestions(self.pattern())
            self._save("pattern")

    def _build_reframe(self) -> QWidget:
        page, box = _page()
        self.green_title = QLabel()
        self.green_title.setProperty("greentitle", True)
        self.green_hint = QLabel()
        self.green_hint.setWordWrap(True)
        box.addWidget(self.green_title)
        box.addWidget(self.green_hint)
        self.suggestions = QListWidget()
        self.suggestions.setWordWrap(True)
        self.suggestions.setMaximumHeight(110)
        self.suggestions.itemClicked.connect(lambda item: self.reframe_edit.setPlainText(item.text()))
        box.addWidget(self.suggestions)
        self.reframe_edit = QPlainTextEdit()
        self.reframe_edit.setPlaceholderText(tr("用你自己的话写下来，或点上面的一句"))
        self.reframe_edit.setMaximumHeight(90)
        self.reframe_edit.textChanged.connect(self._save_timer.start)
        box.addWidget(self.reframe_edit)
        privacy = QLabel(tr("只写你自己的想法，不写客户的姓名、电话等信息。"))
        privacy.setWordWrap(True)
        privacy.setProperty("hint", True)
        box.addWidget(privacy)
        box.addStretch(1)
        return page

    def _show_suggestions(self, key: str | None) -> None:
        self.green_title.setText(tr('绿色方向：{}').format(tr(THINKING_PATTERNS[key][1])) if key else tr("绿色方向"))
        self.green_hint.setText(tr(GREEN_HINTS[key] if key else FREE_REFRAME_HINT))
        self.suggestions.clear()
        texts = self.library.redgreen(pattern=key, kind="green") if key else []
        self.suggestions.addItems([tr(t) for t in texts])
        self.suggestions.setVisible(bool(texts))

    def _build_breathe(self) -> QWidget:
        page, box = _page()
        self.breathing = BreathingCircle()
        self.breathing.finished.connect(lambda: self._go("after"))
        box.addWidget(self.breathing, 1)
        self.breathe_button = QPushButton(tr("开始 60 秒呼吸"))
        self.breathe_button.setObjectName("breathe")
        self.breathe_button.clicked.connect(self._toggle_breathing)
        box.addWidget(self.breathe_button, 0, Qt.AlignHCenter)
        return page

    def _toggle_breathing(self) -> None:
        if self.breathing.is_running():
            self.breathing.stop()
            self.breathe_button.setText(tr("重新开始呼吸"))
        else:
            self.breathing.start()
            self.breathe_button.setText(tr("停下"))

    def _build_after(self) -> QWidget:
        page, box = _page()
        self.after_scale = RatingScale()
        self.after_scale.picked.connect(self._picked_after)
        box.addWidget(self.after_scale)
        box.addStretch(1)
        return page

    def _picked_after(self, rating: int) -> None:
        ex = self.log.finish_exercise(self.exercise_id, rating, now=self.clock())
        self.exercise_id = None
        self.done_label.setText(tr(exercise_feedback(ex.before, ex.after)) if ex.before is not None
                                else tr("完成了。谢谢你停下来照顾自己。"))
        self.done_reframe.setText(tr('你的绿色想法：{}').format(ex.reframe) if ex.reframe else "")
        self.done_reframe.setVisible(bool(ex.reframe))
        self._show("done")
        self.finished.emit()

    def _build_done(self) -> QWidget:
        page, box = _page()
        self.done_label = QLabel()
        self.done_label.setObjectName("done")
        self.done_label.setWordWrap(True)
        box.addWidget(self.done_label)
        self.done_reframe = QLabel()
        self.done_reframe.setWordWrap(True)
        self.done_reframe.setProperty("green", True)
        box.addWidget(self.done_reframe)
        again = QPushButton(tr("再做一次"))
        again.clicked.connect(self.begin)
        history = QPushButton(tr("看看历史"))
        history.clicked.connect(lambda: self.history_requested.emit())
        row = QHBoxLayout()
        row.addWidget(again)
        row.addWidget(history)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)
        return page


def _page() -> tuple[QWidget, QVBoxLayout]:
    page = QWidget()
    box = QVBoxLayout(page)
    box.setContentsMargins(0, 0, 4, 0)
    return page, box


def _scrolled(page: QWidget) -> QScrollArea:
    """Each page scrolls on its own: five patterns with examples outgrow a small window."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    return area
