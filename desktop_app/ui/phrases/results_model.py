"""The search answers as a list model: one row per hit, plus what the painter needs."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from desktop_app.core.search.index import Hit
from desktop_app.core.vocab import PERSONAS, STAGES
from desktop_app.ui.i18n import tr

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
SPANS_ROLE = Qt.ItemDataRole.UserRole + 2
META_ROLE = Qt.ItemDataRole.UserRole + 3
FAVOURITE_ROLE = Qt.ItemDataRole.UserRole + 4
PERSONAL_ROLE = Qt.ItemDataRole.UserRole + 5

PERSONAL_SOURCE = "personal"


def shown_text(hit: Hit) -> str:
    """The phrase as the agent reads and copies it (Traditional when the UI is)."""
    return tr(hit.doc.text)


def meta_line(hit: Hit) -> str:
    d = hit.doc
    parts = [d.scenario_name or (tr("我的话术") if d.source == PERSONAL_SOURCE else "")]
    parts.append(STAGES.get(d.stage, d.stage))
    parts.append(PERSONAS.get(d.persona, tr("通用")))
    return tr(" · ".join(p for p in parts if p))


class ResultsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._hits: list[Hit] = []
        self._favourite: dict[str, bool] = {}

    def set_hits(self, hits: list[Hit], favourites: dict[str, bool]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self._favourite = dict(favourites)
        self.endResetModel()

    def hits(self) -> list[Hit]:
        return list(self._hits)

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def row_of(self, uid: str) -> int:
        return next((i for i, h in enumerate(self._hits) if h.doc.uid == uid), -1)

    def set_favourite(self, uid: str, on: bool) -> None:
        self._favourite[uid] = on
        row = self.row_of(uid)
        if row >= 0:
            idx = self.index(row)
            self.dataChanged.emit(idx, idx, [FAVOURITE_ROLE])

    def is_favourite(self, uid: str) -> bool:
        return self._favourite.get(uid, False)

    def refresh_texts(self) -> None:
        """The UI language changed: repaint every row."""
        if self._hits:
            self.dataChanged.emit(self.index(0), self.index(len(self._hits) - 1))

    # ------------------------------------------------------------ the model API

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        hit = self.hit(index.row()) if index.isValid() else None
        if hit is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return shown_text(hit)
        if role == HIT_ROLE:
            return hit
        if role == SPANS_ROLE:
            return list(hit.spans)
        if role == META_ROLE:
            return meta_line(hit)
        if role == FAVOURITE_ROLE:
            return self._favourite.get(hit.doc.uid, False)
        if role == PERSONAL_ROLE:
            return hit.doc.source == PERSONAL_SOURCE
        return None
