"""`calmdesk` with no sub-command: the window, the tray, the hotkey, one instance per data dir.

Start-up order, chosen for the first paint (measured in benchmarks/startup_bench.py):
Qt and the window first; the database, search index and analyzer are opened in a thread
after the window has painted; the tray and the global hotkey after that. Nothing slow
(jieba, pypinyin) is loaded on the way.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.diagnostics import crashlog
from desktop_app.ui import i18n, qt_translations, theme
from desktop_app.ui.i18n import tr
from desktop_app.ui.shell.icon import app_icon
from desktop_app.ui.shell.single_instance import SingleInstance
from desktop_app.ui.main_window import MainWindow
from desktop_app.core.settings.store import SettingsStore
from desktop_app.ui.workers import LibraryLoader

# Set by benchmarks/startup_bench.py: the launch time (time.time()); the window then measures
# itself, prints one JSON line and quits.
PROBE_ENV = "CALMDESK_STARTUP_PROBE"
RESUME_AFTER_MS = 60
ERROR_DIALOG_EVERY_S = 60


class _Session:
    """Everything that must live as long as the app (Qt objects without a Python owner)."""

    def __init__(self, app: QApplication, settings: SettingsStore, window: MainWindow, instance: SingleInstance):
        self.app, self.settings, self.window, self.instance = app, settings, window, instance
        self.loader = LibraryLoader(settings=settings)
        self.follower = None  # PackFolderFollower, once the library is open
        self.tray = None
        self.hotkey = None
        self.library = None
        self.probe = None  # StartupProbe when the benchmark runs the app
        self.industry_question = None  # asked once, on the first start

    def after_first_paint(self) -> None:
        self.loader.loaded.connect(self._on_library)
        self.loader.analyzerReady.connect(self.window.set_analyzer)
        self.loader.failed.connect(self._on_library_failed)
        self.loader.noticed.connect(self.window.show_notice)
        self.loader.start()

    def _on_library(self, library) -> None:
        self.library = library
        self.window.set_library(library)
        QTimer.singleShot(RESUME_AFTER_MS, self.loader.resume)  # once the first answer is painted
        # Tray and hotkey last: neither is needed for the first answer.
        QTimer.singleShot(0, self._setup_system)
        QTimer.singleShot(0, self._follow_pack_folder)
        if self.probe is None:  # the start-up benchmark measures the window, not a question
            QTimer.singleShot(RESUME_AFTER_MS, self._ask_industry)

    def _ask_industry(self) -> None:
        from desktop_app.ui.settings.first_start import ask_industry_once

        self.industry_question = ask_industry_once(self.settings, self.window)
        if self.industry_question is not None:  # answers for the new industry at once
            self.industry_question.accepted.connect(lambda: self.window.run_search())

    def _follow_pack_folder(self) -> None:
        from desktop_app.ui.shell.pack_folder import PackFolderFollower

        self.follower = PackFolderFollower(self.library, self.window)
        self.follower.synced.connect(self._on_pack_folder)
        self.window.settingChanged.connect(
            lambda key, value: key == "packs.folder" and self.follower.set_folder(str(value)))
        self.follower.set_folder(str(self.settings.get("packs.folder")))

    def _on_pack_folder(self, report) -> None:
        if report.imported:
            self.window.set_library(self.library)  # new scenarios in the filters, search re-run
        line = report.headline()
        if line:
            self.window.show_notice(line)

    def _on_library_failed(self, message: str) -> None:
        self.window.status.setText(tr("话术库打不开：") + message)

    def _setup_system(self) -> None:
        from desktop_app.ui.shell.hotkey import GlobalHotkey
        from desktop_app.ui.shell.tray import Tray

        window = self.window
        if Tray.available():
            self.tray = Tray(bool(self.settings.get("window.always_on_top")))
            self.tray.toggleRequested.connect(window.toggle_visible)
            self.tray.onTopToggled.connect(window.set_always_on_top)
            window.pin_button.toggled.connect(self.tray.set_on_top)
            self.tray.settingsRequested.connect(lambda: (window.summon(), window.open_settings()))
            self.tray.quitRequested.connect(self.app.quit)
            window.languageChanged.connect(self.tray.retranslate)
            self.app.setQuitOnLastWindowClosed(False)
        self.hotkey = GlobalHotkey(self.app)
        self.hotkey.activated.connect(window.summon)
        self.hotkey.set_sequence(str(self.settings.get("window.hotkey")))
        window.hotkey = self.hotkey
        window.tray = self.tray  # window.can_hide asks the tray and the hotkey when it needs to

    def shutdown(self) -> None:
        self.window.save_state()
        if self.hotkey is not None:
            self.hotkey.unregister()
        if self.tray is not None:
            self.tray.hide()
        self.window.dock.close()
        self.instance.close()
        if self.library is not None:
            self.library.close()


def _install_excepthook(quiet: bool) -> None:
    """Log unexpected errors and tell the agent in one plain sentence; never a traceback.

    One message box at a time and at most one a minute: an error in a paint handler repeats
    on every repaint, and a stream of dialogs would be worse than the error.
    """
    showing = threading.Lock()
    last_shown = [float("-inf")]

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        where = crashlog.record(exc)
        message = tr("出了点问题，但可以继续使用。详情已记录在：") + str(where)
        recent = time.monotonic() - last_shown[0] < ERROR_DIALOG_EVERY_S
        if quiet or recent or QApplication.instance() is None or not showing.acquire(blocking=False):
            print(f"calmdesk: {message}", file=sys.stderr)
            return
        last_shown[0] = time.monotonic()
        try:
            QMessageBox.warning(None, "CalmDesk", message)
        finally:
            showing.release()

    sys.excepthook = hook
    threading.excepthook = lambda args: crashlog.record(args.exc_value) if args.exc_value else None


def run(args=None) -> int:
    probe = os.environ.get(PROBE_ENV)
    _install_excepthook(quiet=bool(probe))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("CalmDesk")
    app.setWindowIcon(app_icon())

    instance = SingleInstance()
    if instance.notify_running():
        return 0  # the running window shows itself
    instance.listen()

    settings = SettingsStore()
    i18n.set_language(str(settings.get("window.language")))
    qt_translations.install(app, i18n.language())  # Qt's file dialog in Chinese too
    theme.apply(app, str(settings.get("window.theme")), int(settings.get("window.font_size")))
    app.styleHints().colorSchemeChanged.connect(
        lambda _scheme: settings.get("window.theme") == "system" and window.apply_setting("window.theme", "system"))

    window = MainWindow(settings)
    window.languageChanged.connect(lambda: qt_translations.install(app, i18n.language()))
    session = _Session(app, settings, window, instance)
    instance.activated.connect(window.summon)
    window.quitRequested.connect(app.quit)
    window.firstPainted.connect(session.after_first_paint)
    app.aboutToQuit.connect(session.shutdown)
    if probe:
        from desktop_app.ui.shell.startup_probe import StartupProbe

        session.probe = StartupProbe(app, window, float(probe))
    window.show()
    window.summon()
    code = app.exec()
    del session  # it lived as long as the app: Qt objects without a Python owner
    return code
