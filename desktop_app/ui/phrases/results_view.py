"""The list of answers. A click never takes focus (the input keeps it and steers the list);
Tab reaches it for the keyboard: ↑↓ move, Enter copies, Space stars the selected answer."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView

from desktop_app.core.search.index import Hit
from desktop_app.ui.phrases.result_delegate import ResultDelegate
from desktop_app.ui.phrases.results_model import ResultsModel


class ResultsView(QListView):
    copyRequested = Signal(int)  # row
    favouriteRequested = Signal(int)  # row

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results = ResultsModel(self)
        self.setModel(self.results)
        self.delegate = ResultDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always there, so the width never changes under the rows: a scroll bar appearing would
        # re-wrap every row a second time.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        self.user_moved = False  # the agent picked a row since the answers last changed
        self.doubleClicked.connect(lambda index: self.copyRequested.emit(index.row()))
        self.clicked.connect(lambda _index: setattr(self, "user_moved", True))
        self.delegate.favouriteClicked.connect(self.favouriteRequested)

    def show_hits(self, hits: list[Hit], favourites: dict[str, bool], keep_uid: str | None = None) -> None:
        self.results.set_hits(hits, favourites)
        row = self.results.row_of(keep_uid) if keep_uid else -1
        self.user_moved = row > 0
        self.select_row(row if row >= 0 else 0)

    # What the window asks of the answers, so it never reaches into the model.

    def hit(self, row: int) -> Hit | None:
        return self.results.hit(row)

    def selected_hit(self) -> Hit | None:
        return self.results.hit(self.current_row())

    def count(self) -> int:
        return self.results.rowCount()

    def is_favourite(self, uid: str) -> bool:
        return self.results.is_favourite(uid)

    def set_favourite(self, uid: str, on: bool) -> None:
        self.results.set_favourite(uid, on)

    def refresh_texts(self) -> None:
        """Redraw every answer in the current UI language."""
        self.results.refresh_texts()

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        count = self.results.rowCount()
        if count == 0:
            return
        row = max(0, min(count - 1, row))
        index = self.results.index(row)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def move_selection(self, delta: int) -> None:
        self.user_moved = True
        self.select_row(max(0, self.current_row()) + delta if self.current_row() >= 0 else 0)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        row = self.current_row()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row >= 0:
            self.copyRequested.emit(row)
            return
        if key == Qt.Key.Key_Space and row >= 0:
            self.favouriteRequested.emit(row)  # the star, by keyboard
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.user_moved = True
        super().keyPressEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Row heights depend on the width (wrapped text): lay them out again.
        self.delegate.width = self.viewport().width()
        self.scheduleDelayedItemsLayout()
