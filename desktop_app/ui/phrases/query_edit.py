"""The input: what the customer said, typed or pasted; searched on committed text only.

Chinese input methods compose text in a preedit area before committing it. Searching every
pinyin keystroke makes snippet tools lag, and an Enter that the IME needs (to commit the
letters) must not copy a phrase, so both wait until the composition is closed.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QInputMethodEvent, QKeyEvent, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from desktop_app.core.search.index import MAX_QUERY_CHARS
from desktop_app.ui import keybindings
from desktop_app.ui.i18n import tr

DEBOUNCE_MS = 150
# A pasted text is cut to what search reads anyway: laying out a 1 MB line freezes Qt for seconds.
MAX_INPUT_CHARS = MAX_QUERY_CHARS



def _plain_keys(action: str) -> set[Qt.Key]:
    """The unmodified keys the table binds to `action`."""
    return {QKeySequence(key)[0].key() for key in keybindings.keys(action)}


_NAVIGATION = {key: step for action, step in (("move_up", -1), ("move_down", 1), ("page_up", -5), ("page_down", 5))
               for key in _plain_keys(action)}
_COPY = _plain_keys("copy_selected")
_ESCAPE = _plain_keys("escape")


class QueryEdit(QPlainTextEdit):
    queryChanged = Signal(str)  # committed text, debounced
    navigate = Signal(int)  # move the result selection by n
    copyRequested = Signal()  # Enter: copy the selected result
    escapePressed = Signal()
    pasteTruncated = Signal(int)  # characters kept

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._composing = False
        self._last_query = ""
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_query)
        self.textChanged.connect(self._on_text_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setPlaceholderText(tr("粘贴或输入客户的话…（Enter 复制所选，Ctrl+1…9 复制第 n 条）"))

    # ------------------------------------------------------------ composition

    @property
    def composing(self) -> bool:
        return self._composing

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)
        if not self._composing:
            self._on_text_changed()

    def _on_text_changed(self) -> None:
        # Preedit updates also emit textChanged (with unchanged document text): ignore them.
        if self._composing:
            return
        if self.toPlainText() != self._last_query:
            self._debounce.start()

    def _emit_query(self) -> None:
        # Safe mid-composition too: the preedit is not part of the document's text.
        text = self.toPlainText()
        if text != self._last_query:
            self._last_query = text
            self.queryChanged.emit(text)

    def flush(self) -> None:
        """Search now instead of after the debounce (Enter right after typing)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit_query()

    def committed_text(self) -> str:
        return self._last_query

    # ------------------------------------------------------------ keys

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._composing:  # the IME owns every key while it composes
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        plain = not (mods & ~Qt.KeyboardModifier.KeypadModifier)
        if key in _COPY and plain:
            self.flush()
            self.copyRequested.emit()
            return
        if key in _NAVIGATION and plain:
            self.navigate.emit(_NAVIGATION[key])
            return
        if key in _ESCAPE:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------ paste

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        room = max(0, MAX_INPUT_CHARS - len(self.toPlainText()) + len(self.textCursor().selectedText()))
        if len(text) > room:
            self.insertPlainText(text[:room])
            self.pasteTruncated.emit(room)
            return
        self.insertPlainText(text)

    # ------------------------------------------------------------ evidence marks

    def mark_spans(self, spans: list[tuple[int, int]], color: str) -> None:
        """Underline the words the analysis found (the text itself is not changed)."""
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(color))
        fmt.setFontUnderline(True)
        fmt.setUnderlineColor(QColor(color))
        length = self.document().characterCount() - 1
        selections = []
        for start, end in _to_utf16(self.toPlainText(), spans):
            if 0 <= start < end <= length:
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor = cursor
                sel.format = fmt
                selections.append(sel)
        self._marks = (list(spans), color)
        self.setExtraSelections(selections)
        # Qt repaints only the lines it believes the marks cover, measured on a layout that a
        # fresh paste has not finished: words on the second line stayed unmarked. Repaint all.
        self.viewport().update()

    def remark(self, color: str) -> None:
        """The same marks in another colour (the theme changed)."""
        spans, _old = getattr(self, "_marks", ([], color))
        if spans:
            self.mark_spans(spans, color)

    def marked_spans(self) -> list[tuple[int, int]]:
        return [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self.extraSelections()]


def _to_utf16(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Python character offsets to Qt's UTF-16 positions (they differ after an emoji)."""
    if all(ord(ch) <= 0xFFFF for ch in text):
        return list(spans)
    def pos(i: int) -> int:
        return len(text[:i].encode("utf-16-le")) // 2
    return [(pos(a), pos(b)) for a, b in spans]
