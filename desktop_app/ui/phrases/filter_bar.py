"""Four compact combos: scenario, persona, stage, industry. Empty means "all"."""

from __future__ import annotations

from desktop_app.core.settings.schema import FILTER_KEYS

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSizePolicy, QWidget

from desktop_app.core.vocab import INDUSTRIES, PERSONAS, STAGES
from desktop_app.ui.i18n import tr

# What a combo shows while it does not filter: short, so four fit in a 360 px window.
ALL_LABELS = {"scenario": "场景", "persona": "性格", "stage": "阶段", "industry": "行业"}
TIPS = {"scenario": "按场景筛选", "persona": "按客户性格筛选", "stage": "按阶段（听·同·问·办·议·谢）筛选",
        "industry": "按行业筛选"}


class FilterBar(QWidget):
    changed = Signal()
    picked = Signal()  # the agent chose an entry from a drop-down (not set by code)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._scenarios: list[tuple[str, str, str]] = []  # key, name, industry
        self._updating = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        self.combos: dict[str, QComboBox] = {}
        for key in FILTER_KEYS:
            combo = QComboBox(self)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(3)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._on_changed)
            combo.activated.connect(lambda _i: self.picked.emit())
            layout.addWidget(combo, 2 if key == "scenario" else 1)
            self.combos[key] = combo
        self._fill()

    def _on_changed(self) -> None:
        if not self._updating:
            self.changed.emit()

    def _fill(self) -> None:
        current = self.values()
        self._updating = True
        try:
            options = {
                "scenario": [(k, f"{tr(INDUSTRIES.get(ind, ind))}·{tr(name)}") for k, name, ind in self._scenarios],
                "persona": [(k, tr(v)) for k, v in PERSONAS.items()],
                "stage": [(k, tr(v)) for k, v in STAGES.items()],
                "industry": [(k, tr(v)) for k, v in INDUSTRIES.items() if k != "general"],
            }
            for key, combo in self.combos.items():
                combo.clear()
                combo.addItem(tr(ALL_LABELS[key]), None)
                for value, label in options[key]:
                    combo.addItem(label, value)
                combo.setToolTip(tr(TIPS[key]))
                combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
            self._select(current)
        finally:
            self._updating = False

    def retranslate(self) -> None:
        self._fill()

    def set_scenarios(self, scenarios: list[tuple[str, str, str]]) -> None:
        self._scenarios = list(scenarios)
        self._fill()

    def values(self) -> dict[str, str | None]:
        return {key: combo.currentData() for key, combo in self.combos.items()} if hasattr(self, "combos") else {}

    def set_values(self, values: dict[str, str | None]) -> None:
        """Select `values` (unknown keys fall back to "all"); emits `changed` once."""
        self._updating = True
        try:
            self._select(values)
        finally:
            self._updating = False
        self.changed.emit()

    def set_value(self, key: str, value: str | None) -> None:
        self.set_values({**self.values(), key: value})

    def _select(self, values: dict[str, str | None]) -> None:
        for key, combo in self.combos.items():
            index = combo.findData(values.get(key)) if values.get(key) else 0
            combo.setCurrentIndex(max(0, index))
