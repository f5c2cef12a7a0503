"""First start: ask the agent's industry once, so suggestions come from the right trade.

Asked after the first answer is on screen (never before the window can be used), without
blocking: the agent may already be on a call. 通用 means "all industries". Whatever happens —
a choice, or the dialog closed — it is asked once: agent.industry_asked is set either way.
A trainer's presets set the industry beforehand and mark it asked.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.core.settings.schema import BY_KEY
from desktop_app.ui.i18n import tr


class IndustryQuestion(QDialog):
    def __init__(self, settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("我的行业"))
        layout = QVBoxLayout(self)
        text = QLabel(tr("您在哪个行业工作？话术会优先从这个行业和通用场景里选。以后可在“设置”里修改。"), self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.choice = QComboBox(self)
        for key, label in BY_KEY["agent.industry"].choices.items():
            self.choice.addItem(tr("通用（所有行业）") if key == "general" else tr(label), key)
        self.choice.setCurrentIndex(max(0, self.choice.findData(settings.get("agent.industry"))))
        layout.addWidget(self.choice)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("确定"))
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.finished.connect(self._remember)

    def _remember(self, result: int) -> None:
        values: dict[str, object] = {"agent.industry_asked": True}
        if result == QDialog.DialogCode.Accepted:
            values["agent.industry"] = self.choice.currentData()
        self.settings.update(values)


def ask_industry_once(settings, parent: QWidget | None = None) -> IndustryQuestion | None:
    """Open the question (non-blocking) unless it was asked before; the dialog, or None."""
    if settings.get("agent.industry_asked"):
        return None
    dialog = IndustryQuestion(settings, parent)
    dialog.open()
    return dialog
