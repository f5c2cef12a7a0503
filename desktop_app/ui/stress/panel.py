"""The stress page: the one-click log on top, then the 红转绿 exercise and the history.

Nothing here pops up or blocks: the weekly question, the gentle exercise prompt and the
suggestion to talk to someone are quiet cards inside the page that the agent can ignore.
All rules (when to ask, when to suggest) live in `desktop_app.core.stress.stress_log`.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.stress.stress_log import (
    DEFAULT_PROFILE,
    REACTIONS,
    SUPPORT_HINT,
    WEEKLY_QUESTION,
    WEEKLY_SCALE,
    StressLog,
)
from desktop_app.core.vocab import INDUSTRIES
from desktop_app.ui.i18n import tr
from desktop_app.ui.phrase_label import PhraseLabel
from desktop_app.ui.stress.exercise import ExerciseFlow
from desktop_app.ui.stress.history import HistoryView
from desktop_app.ui.stress.scale import RatingScale



# What each reaction means, in the words an agent would use; shown on the buttons.
REACTION_WORDS = {"endure": "忍住了", "flare": "发了火", "withdraw": "想躲开"}
REACTION_TIPS = {"endure": "忍住了，没表现出来", "flare": "没忍住，发了火", "withdraw": "想躲开、逃开"}


def fill_grouped_scenarios(combo: QComboBox, scenarios, first: str) -> None:
    """The scenarios grouped under their industry (headers are not selectable)."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    model = QStandardItemModel(combo)
    head = QStandardItem(first)
    head.setData(None, Qt.UserRole)
    model.appendRow(head)
    groups: dict[str, list] = {}
    for s in scenarios:
        groups.setdefault(s.industry, []).append(s)
    order = list(INDUSTRIES)
    for industry in sorted(groups, key=lambda k: order.index(k) if k in order else len(order)):
        header = QStandardItem(f"— {tr(INDUSTRIES.get(industry, industry))} —")
        header.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: not selectable
        header.setData(None, Qt.UserRole)
        model.appendRow(header)
        for s in groups[industry]:
            item = QStandardItem("   " + tr(s.name))
            item.setData(s.key, Qt.UserRole)
            model.appendRow(item)
    combo.setModel(model)
    combo.setCurrentIndex(0)


class StressPanel(QWidget):
    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.log = library.stress_log(DEFAULT_PROFILE)
        self.clock = dt.datetime.now  # tests replace it
        self.last_entry: int | None = None

        self.weekly = self._build_weekly()
        self.support = self._build_support()
        self.quick = self._build_quick()
        self.prompt = self._build_prompt()
        self.flow = ExerciseFlow(library, self.log, clock=lambda: self.clock())
        self.history = HistoryView(self.log, clock=lambda: self.clock())
        self.flow.history_requested.connect(lambda: self.tabs.setCurrentWidget(self.history))
        self.flow.finished.connect(self.history.refresh)
        self.history.deleted.connect(self._after_delete)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.flow, tr("红转绿"))
        self.tabs.addTab(self.history, tr("历史"))

        box = QVBoxLayout(self)
        box.setContentsMargins(8, 8, 8, 8)
        box.setSpacing(6)
        for w in (self.weekly, self.support, self.quick, self.prompt):
            box.addWidget(w)
        box.addWidget(self.tabs, 1)
        self.refresh()

    @property
    def profile(self) -> str:
        return self.log.profile

    def set_profile(self, profile: str) -> None:
        """Switch to another agent's data on a shared PC."""
        self.flow.flush()
        self.log = self.library.stress_log(profile)
        self.flow.log = self.log
        self.history.log = self.log
        self.flow.show_start()
        self.refresh()

    def refresh(self) -> None:
        now = self.clock()
        self.weekly.setVisible(self.log.weekly_due(now))
        self.support.hide()
        self.prompt.hide()
        self._clear_quick()
        self.history.refresh()

    # ------------------------------------------------------------ quick log

    def _build_quick(self) -> QFrame:
        card, box = _card()
        self.quick_title = PhraseLabel(tr("刚才这通电话，压力几分？点一下就记下"))  # wraps at the ？
        box.addWidget(self.quick_title)
        self.scale = RatingScale()
        self.scale.picked.connect(self.quick_log)
        box.addWidget(self.scale)

        self.logged = QWidget()
        lbox = QVBoxLayout(self.logged)
        lbox.setContentsMargins(0, 2, 0, 0)
        top = QHBoxLayout()
        self.logged_label = QLabel()
        self.logged_label.setObjectName("logged")
        self.logged_label.setWordWrap(True)  # 「已记下 7 分。可以补充…」 was cut off at 14 pt
        undo = QPushButton(tr("撤销"))
        undo.setFlat(True)
        undo.clicked.connect(self.undo_log)
        top.addWidget(self.logged_label, 1)
        top.addWidget(undo)
        lbox.addLayout(top)
        self.scenario_box = QComboBox()
        self.scenario_box.setMinimumContentsLength(6)
        self.scenario_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        fill_grouped_scenarios(self.scenario_box, self.library.scenarios(), tr("场景（可不选）"))
        self.scenario_box.currentIndexChanged.connect(lambda _i: self._tag())
        lbox.addWidget(self.scenario_box)
        tags = QHBoxLayout()
        tags.setSpacing(3)
        self.reaction_buttons: dict[str, QPushButton] = {}
        for key, label in REACTIONS.items():
            # The word, not only a tooltip: 忍 · 忍住了 / 暴 · 发了火 / 逃 · 想躲开
            b = QPushButton(f"{tr(label)} · {tr(REACTION_WORDS[key])}")
            b.setObjectName(f"reaction_{key}")
            b.setCheckable(True)
            b.setToolTip(tr(REACTION_TIPS[key]))
            b.clicked.connect(lambda on, key=key: self._pick_reaction(key, on))
            tags.addWidget(b, 1)
            self.reaction_buttons[key] = b
        lbox.addLayout(tags)
        box.addWidget(self.logged)
        return card

    def focus_quick_log(self) -> None:
        """For the window's hotkey: then one digit key (0-9) records the rating."""
        self.scale.setFocus(Qt.ShortcutFocusReason)

    def quick_log(self, rating: int) -> int:
        now = self.clock()
        self.last_entry = self.log.log(rating, now=now)
        self._reset_tags()
        self.logged_label.setText(tr('已记下 {} 分。可以补充场景和当时的反应：').format(rating))
        self.logged.show()
        if self.log.should_suggest_exercise(now):
            self.log.mark_suggested(now)
            self.prompt.show()
        self.history.refresh()
        return self.last_entry

    def undo_log(self) -> None:
        if self.last_entry is not None:
            self.log.remove_entry(self.last_entry)
        self._clear_quick()
        self.history.refresh()

    def reaction(self) -> str | None:
        return next((k for k, b in self.reaction_buttons.items() if b.isChecked()), None)

    def _pick_reaction(self, key: str, on: bool) -> None:
        for k, b in self.reaction_buttons.items():
            if k != key:
                b.setChecked(False)  # one reaction or none: a second click clears it
        self._tag()

    def _tag(self) -> None:
        if self.last_entry is not None:
            self.log.tag(self.last_entry, scenario=self.scenario_box.currentData(), reaction=self.reaction())

    def _reset_tags(self) -> None:
        self.scenario_box.blockSignals(True)
        self.scenario_box.setCurrentIndex(0)
        self.scenario_box.blockSignals(False)
        for b in self.reaction_buttons.values():
            b.setChecked(False)

    def _clear_quick(self) -> None:
        self.last_entry = None
        self.scale.set_value(None)
        self.logged.hide()

    # ------------------------------------------------------------ gentle prompt

    def _build_prompt(self) -> QFrame:
        card, box = _card()
        text = QLabel(tr("最近几次压力都偏高。要不要花两分钟做一次红转绿？"))
        text.setWordWrap(True)
        box.addWidget(text)
        row = QHBoxLayout()
        go = QPushButton(tr("做一次红转绿"))
        go.setObjectName("prompt_start")
        go.clicked.connect(self.start_exercise)
        later = QPushButton(tr("不用了"))
        later.setFlat(True)
        later.clicked.connect(card.hide)
        row.addWidget(go)
        row.addWidget(later)
        row.addStretch(1)
        box.addLayout(row)
        return card

    def start_exercise(self) -> None:
        self.prompt.hide()
        self.tabs.setCurrentWidget(self.flow)
        self.flow.begin()

    # ------------------------------------------------------------ weekly question

    def _build_weekly(self) -> QFrame:
        card, box = _card()
        top = QHBoxLayout()
        question = QLabel(tr('每周一问：{}').format(tr(WEEKLY_QUESTION)))
        question.setWordWrap(True)
        top.addWidget(question, 1)
        skip = QPushButton(tr("这周先不答"))
        skip.setFlat(True)
        skip.clicked.connect(self.skip_weekly)
        top.addWidget(skip)
        box.addLayout(top)
        row = QHBoxLayout()
        row.setSpacing(3)
        for score, words in WEEKLY_SCALE.items():
            b = QPushButton(f"{score}\n{tr(words)}")
            b.setObjectName(f"weekly_{score}")
            b.setMinimumHeight(40)
            b.setStyleSheet("padding: 2px 3px;")  # five answers side by side in a ~360 px window
            b.clicked.connect(lambda _=False, s=score: self.answer_weekly(s))
            row.addWidget(b)
        box.addLayout(row)
        return card

    def answer_weekly(self, score: int) -> None:
        now = self.clock()
        self.log.answer_weekly(score, now=now)
        self.weekly.hide()
        self.support.setVisible(self.log.suggest_support(now))
        self.history.refresh()

    def skip_weekly(self) -> None:
        self.log.skip_weekly(self.clock())
        self.weekly.hide()

    def _build_support(self) -> QFrame:
        card, box = _card()
        text = QLabel(tr(SUPPORT_HINT))
        text.setObjectName("support")
        text.setWordWrap(True)
        box.addWidget(text)
        ok = QPushButton(tr("知道了"))
        ok.setFlat(True)
        ok.clicked.connect(card.hide)
        box.addWidget(ok, 0, Qt.AlignRight)
        return card

    def _after_delete(self) -> None:
        self.flow.exercise_id = None
        self.flow.show_start()
        self.refresh()


def _card() -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setObjectName("card")
    box = QVBoxLayout(card)
    box.setContentsMargins(8, 6, 8, 6)
    box.setSpacing(4)
    return card, box
