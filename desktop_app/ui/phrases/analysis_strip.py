"""What the analysis read in the customer's words, as chips; clicking one filters the answers.

The strip only displays the analyzer's dict (emotion, intensity, motives, flags, persona hint,
stage, scenarios, evidence); every judgement is made in the core.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from desktop_app.core.analysis.result import RISK_FLAGS  # which flags are risks is the core's call
from desktop_app.core.vocab import EMOTIONS, FLAGS, MOTIVES, PERSONAS, STAGES
from desktop_app.ui.flow_layout import FlowLayout
from desktop_app.ui.i18n import tr

# Flags that put the call at risk: shown red, with the playbook's checklist.
FILTER_KINDS = ("stage", "persona", "scenario")


def intensity_label(value) -> str:
    """低/中/高 from an intensity given either as 0..1 or as a small integer level."""
    if value is None or isinstance(value, bool):
        return ""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if isinstance(value, float) and v <= 1.0:
        level = 0 if v <= 0 else 1 if v < 0.4 else 2 if v < 0.7 else 3
    else:
        level = max(0, min(3, int(round(v))))
    return ("", tr("低"), tr("中"), tr("高"))[level]


def plain_tooltip(text: str) -> str:
    """A tooltip that shows `text` literally (Qt would render anything tag-like as HTML)."""
    return f"<qt>{html.escape(text).replace(chr(10), '<br>')}</qt>" if text else ""


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class _ChipBox(QWidget):
    """The wrapping chips, whose minimum height is what they need at their real width.

    A plain height-for-width widget tells its parents the height it would need at its
    narrowest (one chip per row): after a long paste that made the window grow past the
    bottom of the screen and never shrink. This one answers for the width it has."""

    def hasHeightForWidth(self) -> bool:
        return False

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        if layout is None:
            return super().minimumSizeHint()
        return QSize(layout.minimumSize().width(), layout.heightForWidth(max(1, self.width())))

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class AnalysisStrip(QWidget):
    filterToggled = Signal(str, str)  # kind (stage | persona | scenario), key
    flagClicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result: dict | None = None
        self._scenario_names: dict[str, str] = {}
        self._active: dict[str, str | None] = {}
        self._chips: list[QToolButton] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(4)
        self._chip_box = _ChipBox(self)
        self._flow = FlowLayout(self._chip_box, spacing=4)
        self._chip_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        outer.addWidget(self._chip_box)

        steps = QHBoxLayout()
        steps.setContentsMargins(0, 0, 0, 0)
        steps.setSpacing(0)
        self._stage_label = QLabel(self)
        self._stage_label.setProperty("muted", True)
        self._stage_label.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        steps.addWidget(self._stage_label)
        self._steps: dict[str, QToolButton] = {}
        for i, (key, label) in enumerate(STAGES.items()):
            if i:
                dot = QLabel("·", self)
                dot.setProperty("muted", True)
                steps.addWidget(dot)
            button = QToolButton(self)
            button.setProperty("step", True)
            button.setProperty("kind", "stage")
            button.setProperty("key", key)
            button.setCheckable(True)
            button.setText(label)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self.filterToggled.emit("stage", k))
            self._steps[key] = button
            steps.addWidget(button)
        steps.addStretch(1)
        outer.addLayout(steps)
        self.retranslate()
        self._chip_box.hide()

    def retranslate(self) -> None:
        self._stage_label.setText(tr("建议 "))
        self._stage_label.setToolTip(tr("按分析建议的阶段（听·同·问·办·议·谢）；点一个阶段只看它的话术"))
        for key, button in self._steps.items():
            button.setText(tr(STAGES[key]))
        self._rebuild_chips()

    # ------------------------------------------------------------ input

    def set_scenario_names(self, names: dict[str, str]) -> None:
        self._scenario_names = dict(names)

    def show_analysis(self, result: dict | None) -> None:
        self._result = result
        suggested = (result or {}).get("stage")
        for key, button in self._steps.items():
            button.setProperty("suggested", key == suggested)
            _repolish(button)
        self._rebuild_chips()

    def set_active(self, filters: dict[str, str | None]) -> None:
        """Check the chips and steps that match the filters now in force."""
        self._active = dict(filters)
        for key, button in self._steps.items():
            button.setChecked(filters.get("stage") == key)
        for chip in self._chips:
            kind = chip.property("kind")
            if kind in FILTER_KINDS:
                chip.setChecked(filters.get(kind) == chip.property("key"))

    # ------------------------------------------------------------ for the window and tests

    def chips(self) -> list[QToolButton]:
        return list(self._chips)

    def chip(self, kind: str, key: str | None = None) -> QToolButton | None:
        for chip in [*self._chips, *self._steps.values()]:
            if chip.property("kind") == kind and (key is None or chip.property("key") == key):
                return chip
        return None

    def risk_flags(self) -> list[str]:
        return [f for f in (self._result or {}).get("flags", []) if f in RISK_FLAGS]

    # ------------------------------------------------------------ chips

    def _evidence_for(self, key: str) -> str:
        # Findings read "kind:key" (emotion:anger, flag:escalation, …).
        words = [str(e.get("text", "")) for e in (self._result or {}).get("evidence", [])
                 if key and str(e.get("finding", "")).rsplit(":", 1)[-1] == key]
        return "、".join(dict.fromkeys(w for w in words if w))

    def _add_chip(self, kind: str, key: str, text: str, tip: str = "", risk: bool = False) -> None:
        chip = QToolButton(self._chip_box)
        chip.setProperty("chip", True)
        chip.setProperty("risk", risk)
        chip.setProperty("kind", kind)
        chip.setProperty("key", key)
        chip.setText(tr(text))
        chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        if tip:
            chip.setToolTip(plain_tooltip(tr(tip)))
        if kind in FILTER_KINDS:
            chip.setCheckable(True)
            chip.setChecked(self._active.get(kind) == key)
            chip.clicked.connect(lambda _=False, k=kind, v=key: self.filterToggled.emit(k, v))
        elif kind == "flag":
            chip.clicked.connect(lambda _=False, v=key: self.flagClicked.emit(v))
        self._flow.addWidget(chip)
        self._chips.append(chip)

    def _rebuild_chips(self) -> None:
        for chip in self._chips:
            self._flow.removeWidget(chip)
            chip.hide()  # gone now: deleteLater waits for the event loop, and a stale chip would paint over the input
            chip.deleteLater()
        self._chips = []
        r = self._result
        if not r:
            self._chip_box.hide()
            return
        emotion = r.get("emotion")
        if emotion and emotion != "neutral":
            level = intensity_label(r.get("intensity"))
            label = EMOTIONS.get(emotion, emotion) + (f"·{level}" if level else "")
            self._add_chip("emotion", emotion, label, self._tip("", emotion))
        for flag in r.get("flags", []):
            risk = flag in RISK_FLAGS
            self._add_chip("flag", flag, ("⚠ " if risk else "") + FLAGS.get(flag, flag),
                           self._tip(tr("点击查看应对清单"), flag), risk=risk)
        for motive in r.get("motives", []):
            self._add_chip("motive", motive, MOTIVES.get(motive, motive), self._tip("", motive))
        persona = r.get("persona_hint")
        if persona in PERSONAS:
            self._add_chip("persona", persona, PERSONAS[persona] + "?",
                           (r.get("persona_reason") or "") + tr("\n点击按此性格筛选"))
        for s in r.get("scenarios", [])[:2]:
            key = s.get("key") if isinstance(s, dict) else None
            if key in self._scenario_names:
                self._add_chip("scenario", key, self._scenario_names[key], tr("点击只看这个场景"))
        self._chip_box.setVisible(bool(self._chips))
        self._chip_box.updateGeometry()

    def _tip(self, lead: str, key: str) -> str:
        words = self._evidence_for(key)
        return "\n".join(part for part in (lead, tr('触发词：{}').format(words) if words else "") if part)
