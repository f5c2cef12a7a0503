"""The trainer's pack folder, followed: a QFileSystemWatcher on the folder the settings name
(packs.folder) and on the .zip packs in it; the core does the work (core.packs.follow).

At start, when the folder setting changes and when something in the folder changes (debounced:
a pack being copied changes many times), `follow.sync_folder` runs on the library's thread —
scan, compare manifest versions with what the library imported, preview and import newer ones
all or nothing — and `synced(report)` tells the window what happened.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from desktop_app.core.diagnostics import crashlog
from desktop_app.ui.ops import QueryOp


class PackFolderFollower(QObject):
    synced = Signal(object)  # core.packs.follow.FolderReport
    DEBOUNCE_MS = 1500

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.library = library
        self.folder = ""
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._schedule)
        self.watcher.fileChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.DEBOUNCE_MS)
        self._timer.timeout.connect(self.sync_now)
        self._busy = False
        self._again = False

    def set_folder(self, folder: str) -> None:
        """Follow `folder` ("" = none) and read it at once."""
        folder = str(folder or "").strip()
        if folder == self.folder and folder:
            return
        self.folder = folder
        self._rewatch()
        self.sync_now()

    def _rewatch(self) -> None:
        watched = self.watcher.directories() + self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if not self.folder or not Path(self.folder).is_dir():
            return
        paths = [self.folder]
        try:
            paths += [str(p) for p in Path(self.folder).iterdir() if p.suffix.lower() == ".zip"]
        except OSError:
            pass
        self.watcher.addPaths(paths)  # a file replaced in place changes no directory entry

    def _schedule(self, *_args) -> None:
        self._timer.start()

    def sync_now(self) -> None:
        if not self.folder:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        folder, library = Path(self.folder), self.library

        def work():
            from desktop_app.core.packs import follow

            report = follow.sync_folder(library, folder)
            if report.imported:
                library.index  # rebuilt here, not on the agent's next keystroke
            return report

        QueryOp(self, work, success=self._done, failure=self._failed).run()

    def _done(self, report) -> None:
        self._busy = False
        self._rewatch()  # new packs in the folder are watched from now on
        self.synced.emit(report)
        if self._again:
            self._again = False
            self.sync_now()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        crashlog.record(exc)
