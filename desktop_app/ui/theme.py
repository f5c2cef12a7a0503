"""Light and dark looks, following the system colour scheme unless the agent picks one.

Fusion plus an explicit palette looks the same on every platform, so what the screenshot
shows is what the agent gets; the few colours the painters need live in `Colors`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Colors:
    window: str
    base: str
    alt_base: str
    text: str
    muted: str
    accent: str
    accent_text: str
    selection: str
    match_bg: str  # matched words in a result
    evidence: str  # trigger words in the input
    chip_bg: str
    chip_border: str
    risk_bg: str
    risk_text: str
    star: str
    border: str
    calm: str  # the 0-10 scale runs from calm …
    tense: str  # … to tense (a soft tint, never alarm red)
    green_bg: str  # 红转绿: the green thought
    green_text: str
    chart_log: str  # history chart: daily average
    chart_before: str  # before / after an exercise
    chart_after: str
    chart_bar: str


LIGHT = Colors(
    window="#f4f6f8", base="#ffffff", alt_base="#f7f9fb", text="#1f2328", muted="#667085",
    accent="#1f7a6d", accent_text="#ffffff", selection="#d7ede9", match_bg="#ffe58f",
    evidence="#d92d20", chip_bg="#eef2f6", chip_border="#d0d5dd", risk_bg="#fde8e7",
    risk_text="#b42318", star="#e8a317", border="#d0d5dd",
    calm="#dcefe3", tense="#f4ddd3", green_bg="#e6f2ea", green_text="#2f5e43",
    chart_log="#6b7f99", chart_before="#c8695a", chart_after="#4f9a6d", chart_bar="#9db4cc",
)
DARK = Colors(
    window="#1e2227", base="#262b31", alt_base="#2b3138", text="#e6e8eb", muted="#98a2b3",
    accent="#3fb5a3", accent_text="#0f1a18", selection="#2f4d49", match_bg="#7a5d00",
    evidence="#ff6b5e", chip_bg="#2f353d", chip_border="#434b55", risk_bg="#4a2220",
    risk_text="#ff9b91", star="#f5c044", border="#3a414a",
    calm="#27443a", tense="#4d3530", green_bg="#223a2e", green_text="#9fd8b5",
    chart_log="#8fa6c4", chart_before="#e08a7b", chart_after="#6fc192", chart_bar="#56708f",
)

_current = LIGHT
_choice = "system"
_font_pt = 0  # 0: the platform's default size


def colors() -> Colors:
    return _current


def font_pt() -> int:
    return _font_pt


def system_is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str) -> Colors:
    if choice == "dark" or (choice == "system" and system_is_dark()):
        return DARK
    return LIGHT


def apply(app: QApplication, choice: str | None = None, font_pt: int | None = None) -> Colors:
    """Set style, palette and style sheet for `choice` (system | light | dark) and font size.

    The font size lives in the style sheet because, once a style sheet is set, Qt no longer
    passes a parent's font on to the widgets the sheet styles.
    """
    global _current, _choice, _font_pt
    _choice = choice or _choice
    _font_pt = _font_pt if font_pt is None else font_pt
    _current = c = resolve(_choice)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(_palette(c))
    app.setStyleSheet(_style_sheet(c, _font_pt))
    return c


def _palette(c: Colors) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, value in (
        (role.Window, c.window), (role.WindowText, c.text), (role.Base, c.base),
        (role.AlternateBase, c.alt_base), (role.Text, c.text), (role.Button, c.chip_bg),
        (role.ButtonText, c.text), (role.Highlight, c.selection), (role.HighlightedText, c.text),
        (role.ToolTipBase, c.base), (role.ToolTipText, c.text), (role.PlaceholderText, c.muted),
        (role.Link, c.accent), (role.Mid, c.border), (role.Midlight, c.chip_bg),
    ):
        p.setColor(r, QColor(value))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, QColor(c.muted))
    return p


def _style_sheet(c: Colors, font_pt: int) -> str:
    # Only what a palette cannot say: font size, chips, the stepper, the notice.
    font = f"QWidget {{ font-size: {font_pt}pt; }}" if font_pt else ""
    return font + f"""
    QToolButton[chip="true"] {{
        background: {c.chip_bg}; border: 1px solid {c.chip_border}; border-radius: 9px;
        padding: 1px 7px; color: {c.text};
    }}
    QToolButton[chip="true"]:hover {{ border-color: {c.accent}; }}
    QToolButton[chip="true"]:checked {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent}; }}
    QToolButton[risk="true"] {{ background: {c.risk_bg}; color: {c.risk_text}; border-color: {c.risk_text}; }}
    QToolButton[step="true"] {{
        border: 1px solid transparent; border-radius: 9px; padding: 1px 5px; color: {c.muted};
        background: transparent;
    }}
    QToolButton[step="true"][suggested="true"] {{ color: {c.accent}; border-color: {c.accent}; font-weight: bold; }}
    QToolButton[step="true"]:checked {{ background: {c.accent}; color: {c.accent_text}; }}
    QLabel[muted="true"] {{ color: {c.muted}; }}
    QLabel[hint="true"] {{ color: {c.muted}; font-size: {max(8, font_pt - 1) if font_pt else 9}pt; }}
    QFrame#card {{ background: {c.alt_base}; border: 1px solid {c.border}; border-radius: 8px; }}
    QFrame#resume {{ background: {c.alt_base}; border-radius: 6px; }}
    QLabel[green="true"] {{ background: {c.green_bg}; color: {c.green_text}; border-radius: 6px; padding: 6px; }}
    QLabel[greentitle="true"] {{ color: {c.green_text}; font-weight: bold; }}
    QLabel[note="true"] {{ background: {c.alt_base}; color: {c.text}; border-radius: 6px; padding: 6px; }}
    QPushButton[pattern="true"]:checked {{ background: {c.tense}; color: {c.text}; border: 1px solid {c.chart_before}; }}
    QPushButton[rating="true"] {{ border: 1px solid {c.border}; border-radius: 4px; padding: 0; color: {c.text}; }}
    QPushButton[rating="true"]:checked {{ border: 2px solid {c.accent}; font-weight: bold; }}
    QLabel[notice="true"] {{
        background: {c.accent}; color: {c.accent_text}; border-radius: 6px; padding: 3px 10px;
    }}
    QFrame[panel="risk"] {{
        background: {c.risk_bg}; border: 1px solid {c.risk_text}; border-radius: 6px;
    }}
    QFrame[panel="risk"] QLabel {{ color: {c.text}; }}
    QFrame[panel="risk"] QScrollArea, QFrame[panel="risk"] QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QFrame[panel="risk"] QLabel[heading="true"] {{ color: {c.risk_text}; font-weight: bold; }}
    QFrame[panel="risk"] QToolButton[heading="true"] {{
        color: {c.risk_text}; font-weight: bold; text-align: left; border: 2px solid transparent; padding: 1px 2px;
    }}
    QFrame[panel="risk"] QToolButton[heading="true"]:focus {{ border: 2px solid {c.accent}; border-radius: 4px; }}
    QPlainTextEdit, QListView {{ border: 1px solid {c.border}; border-radius: 4px; }}
    QPlainTextEdit:focus, QListView:focus {{ border: 2px solid {c.accent}; }}
    QToolButton:focus, QPushButton:focus {{ border: 2px solid {c.accent}; border-radius: 4px; }}
    QComboBox:focus, QLineEdit:focus {{ border: 2px solid {c.accent}; border-radius: 3px; padding: 1px 3px; }}
    QCheckBox::indicator, QGroupBox::indicator {{
        width: 13px; height: 13px; border: 2px solid {c.muted}; border-radius: 3px; background: {c.base};
    }}
    QCheckBox::indicator:hover {{ border-color: {c.accent}; }}
    QCheckBox::indicator:checked {{ background: {c.accent}; border-color: {c.accent}; }}
    QCheckBox::indicator:disabled {{ border-color: {c.border}; }}
    QCheckBox:focus {{ color: {c.accent}; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    """
