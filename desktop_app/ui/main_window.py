"""The floating window: paste what the customer said, see what to say, copy it with one key.

The window holds no business rules: it hands the text to the core's search and analysis and
shows what comes back. The library arrives after the first paint (`set_library`), so the
window is on screen before the database is even opened.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.diagnostics import crashlog
from desktop_app.core.search.index import MAX_QUERY_CHARS
from desktop_app.ui import i18n, keybindings, theme
from desktop_app.ui.checker.draft_panel import DraftCheckPanel
from desktop_app.ui.phrases.analysis_strip import RISK_FLAGS, AnalysisStrip
from desktop_app.ui.phrases.checklist_panel import ChecklistPanel
from desktop_app.ui.shell.edge_dock import EdgeDock
from desktop_app.ui.phrases.filter_bar import FilterBar
from desktop_app.ui.i18n import tr
from desktop_app.ui.shell.icon import app_icon
from desktop_app.ui.phrases.query_edit import QueryEdit
from desktop_app.ui.phrases.results_model import shown_text
from desktop_app.ui.phrases.results_view import ResultsView
from desktop_app.ui.stress.panel import StressPanel
from desktop_app.ui.templates.panel import TemplatesPanel
from desktop_app.ui.toast import Toast
from desktop_app.ui.ops import QueryOp
from desktop_app.ui.workers import Request, SuggestRunner

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(360, 620)
MIN_WIDTH = 300
RESULT_LIMIT = 20  # the agent reads the top few; each row is a text layout on every refresh
# Pages other engineers deliver: added when their module imports, skipped until then.
# Tabs beyond 话术, each built when first opened (building one costs a few hundred ms: never
# on the way to the first answer).
EXTRA_PAGES = (
    (TemplatesPanel, "模板"),
    (StressPanel, "减压"),
    (DraftCheckPanel, "自检"),
)


class MainWindow(QWidget):
    firstPainted = Signal()
    resultsShown = Signal(str, int)  # query, number of answers
    analysisShown = Signal(object)  # the reading's JSON form (or None)
    copied = Signal(str)
    quitRequested = Signal()
    languageChanged = Signal()
    settingChanged = Signal(str, object)  # key, the saved value

    def __init__(self, settings, library=None, analyzer=None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.library = None
        self.runner: SuggestRunner | None = None  # the core's one suggestion path, once built
        self.hotkey = None  # set by the app: GlobalHotkey
        self.tray = None  # set by the app where the desktop has a tray
        self._can_hide: bool | None = None  # tests force it; None: ask the tray and hotkey
        self._cleared = ""  # what the last Esc cleared, for 撤销 / Ctrl+Z
        self._wanted_height = DEFAULT_SIZE.height()  # the height the agent gave the window
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self.keep_on_screen)
        self._analysis: dict | None = None
        self._dismissed_flags: set[str] = set()
        self._painted = False

        # Shown and updated without taking focus from the softphone; summon() activates.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(MIN_WIDTH)
        self._apply_window_flags(bool(settings.get("window.always_on_top")))
        self._build()
        self._connect()
        self.apply_font_size(int(settings.get("window.font_size")))
        self.setWindowOpacity(float(settings.get("window.opacity")))
        self.dock = EdgeDock(self, str(settings.get("window.dock_edge")), bool(settings.get("window.auto_hide")))
        self._restore_geometry()
        self.retranslate()
        if library is not None:
            self.set_library(library, analyzer)

    # ------------------------------------------------------------ building

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        outer.addWidget(self.tabs)

        # The window's buttons sit in a row at the bottom, not in the tab bar's corner:
        # there they pushed the tabs into a scrolling bar at 14 pt and at the minimum width.
        bar = QWidget(self)
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.mine_button = self._tool_button(bar)
        self.pin_button = self._tool_button(bar)
        self.pin_button.setCheckable(True)
        self.pin_button.setChecked(bool(self.settings.get("window.always_on_top")))
        self.packs_button = self._tool_button(bar)
        self.packs_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.packs_menu = QMenu(self.packs_button)
        self.import_action = self.packs_menu.addAction("", self.open_pack_import)
        self.export_action = self.packs_menu.addAction("", self.open_pack_export)
        self.packs_button.setMenu(self.packs_menu)
        self.settings_button = self._tool_button(bar)
        row.addStretch(1)
        for button in (self.mine_button, self.pin_button, self.packs_button, self.settings_button):
            row.addWidget(button)
        self.button_bar = bar

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(5)
        self.filter_bar = FilterBar(page)
        self.query = QueryEdit(page)
        self.strip = AnalysisStrip(page)
        self.checklist = ChecklistPanel(page)
        self.results = ResultsView(page)
        self.status = QLabel(page)
        self.status.setProperty("muted", True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.notice = QLabel(page)  # one line the app tells the agent (a trainer's pack arrived)
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice.hide)
        self.status.setWordWrap(True)
        for widget in (self.filter_bar, self.query, self.strip, self.checklist):
            layout.addWidget(widget)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.notice)
        status_row = QHBoxLayout()
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.status, 1)
        self.undo_button = QToolButton(page)
        self.undo_button.setAutoRaise(True)
        self.undo_button.clicked.connect(self.undo_clear)
        self.undo_button.hide()
        status_row.addWidget(self.undo_button)
        layout.addLayout(status_row)
        outer.addWidget(bar)
        self.phrases_page = page
        self.tabs.addTab(page, "")
        self.toast = Toast(self)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Tab goes where the agent reads: input → answers → checklist → the buttons → filters.
        The tab bar is left out (it showed no focus frame; Ctrl+Tab still switches tabs)."""
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chain = [self.query, self.results, self.checklist.title, self.checklist.close_button,
                 self.mine_button, self.pin_button, self.packs_button, self.settings_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _tool_button(parent) -> QToolButton:
        button = QToolButton(parent)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; a click leaves focus in the input
        return button

    def _connect(self) -> None:
        self.query.queryChanged.connect(self._on_query)
        self.query.navigate.connect(self.results.move_selection)
        self.query.copyRequested.connect(lambda: self.copy_row(self.results.current_row()))
        self.query.escapePressed.connect(self._on_escape)
        self.query.pasteTruncated.connect(
            lambda n: self.toast.show_message(tr("内容太长，只保留了前 {} 字").format(n), 2500))
        self.results.copyRequested.connect(self.copy_row)
        self.results.favouriteRequested.connect(self.toggle_favourite)
        self.filter_bar.changed.connect(self._on_filters_changed)
        # A choice made with the mouse hands the keyboard back to the input: Ctrl+V pastes there.
        self.filter_bar.picked.connect(self.focus_input)
        self.query.textChanged.connect(self._forget_cleared)
        self.strip.filterToggled.connect(self.toggle_filter)
        self.strip.flagClicked.connect(self.show_checklist)
        self.checklist.closed.connect(self._dismissed_flags.add)
        self.pin_button.toggled.connect(self.set_always_on_top)
        self.mine_button.clicked.connect(self.open_personal_phrases)
        self.settings_button.clicked.connect(self.open_settings)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        for row, key in enumerate(keybindings.keys("copy_nth")):
            QShortcut(QKeySequence(key), self).activated.connect(lambda row=row: self.copy_row(row))
        for key in keybindings.keys("toggle_favourite"):
            QShortcut(QKeySequence(key), self).activated.connect(
                lambda: self.toggle_favourite(self.results.current_row()))
        for key in keybindings.keys("focus_input"):
            QShortcut(QKeySequence(key), self).activated.connect(self.focus_input)
        for key in keybindings.keys("toggle_checklist"):
            QShortcut(QKeySequence(key), self).activated.connect(self.checklist.toggle)

    def retranslate(self) -> None:
        self.setWindowTitle(tr("CalmDesk 投诉应对助手"))
        self.tabs.setTabText(0, tr("话术"))
        for _page, title in EXTRA_PAGES:
            index = self._page_index(title)
            if index >= 0:
                self.tabs.setTabText(index, tr(title))
        self.mine_button.setText(tr("我的"))
        self.mine_button.setToolTip(tr("我的话术：新增、修改、删除自己的话术"))
        self.pin_button.setText(tr("置顶"))
        self.pin_button.setToolTip(tr("窗口总在最前"))
        self.packs_button.setText(tr("话术包"))
        self.packs_button.setToolTip(tr("导入、导出话术包（Excel、zip）"))
        self.import_action.setText(tr("导入话术包…"))
        self.export_action.setText(tr("导出话术包…"))
        self.settings_button.setText(tr("设置"))
        self.settings_button.setToolTip(tr("透明度、字号、外观、语言、全局热键"))
        self.undo_button.setText(tr("撤销"))
        self.undo_button.setToolTip(tr("恢复刚才清空的内容（Ctrl+Z）"))
        self.query.retranslate()
        self.filter_bar.retranslate()
        self.strip.retranslate()
        self.results.refresh_texts()
        if self.checklist.isVisible() and self.checklist.flag and self.library is not None:
            self.show_checklist(self.checklist.flag)
        self._update_status()

    def _page_index(self, title: str) -> int:
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).property("page_title") == title:
                return i
        return -1

    # ------------------------------------------------------------ the library arrives

    def set_library(self, library, analyzer=None) -> None:
        self.library = library
        scenarios = [(s.key, s.name, s.industry) for s in library.scenarios()]
        self.filter_bar.set_scenarios(scenarios)
        self.strip.set_scenario_names({key: name for key, name, _ind in scenarios})
        self.filter_bar.set_values(self.settings.filters())  # runs the first search
        self.strip.set_active(self.filter_bar.values())
        if analyzer is not None:
            self.set_analyzer(analyzer)
        QTimer.singleShot(0, self._add_extra_pages)
        if getattr(library, "notice", None):
            self._show_recovery_notice(library)

    NOTICE_MS = 30000

    def show_notice(self, text: str) -> None:
        """One line above the status for half a minute (presets applied, a pack updated)."""
        self.notice.setText(text)
        self.notice.setToolTip(text)
        self.notice.show()
        self._notice_timer.start(self.NOTICE_MS)

    def _show_recovery_notice(self, library) -> None:
        """A start-up repair (damaged database) is told once, in the core's plain words."""
        box = QMessageBox(QMessageBox.Icon.Information, tr("数据已修复"), tr(library.notice),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(lambda _result: library.dismiss_notice())
        box.open()  # not exec(): the agent may be mid-call, nothing should block
        self.recovery_box = box

    def set_analyzer(self, suggester) -> None:
        """The suggestion path is ready (it may arrive after the library: until then the window
        answers from a plain search). From now on every text is read and ranked once, in one
        pass, off the GUI thread."""
        if suggester is None or self.runner is not None:
            return
        self.runner = SuggestRunner(suggester, self)
        self.runner.done.connect(self._on_suggestion)
        self.run_search(keep_uid=self._selected_uid() if self.results.user_moved else None)

    def _add_extra_pages(self) -> None:
        """A tab per extra panel; the panel itself is built when the tab is first opened."""
        for number, (_page, title) in enumerate(EXTRA_PAGES):
            if self._page_index(title) >= 0:
                continue
            holder = QWidget(self)
            QVBoxLayout(holder).setContentsMargins(0, 6, 0, 0)
            holder.setProperty("page_title", title)
            holder.setProperty("page_number", number)
            self.tabs.addTab(holder, tr(title))

    def _build_page(self, holder: QWidget) -> None:
        number = holder.property("page_number")
        if number is None or holder.property("page_built"):
            return
        holder.setProperty("page_built", True)
        page_class = EXTRA_PAGES[number][0]
        try:
            page = page_class(self.library, holder)
        except Exception as exc:  # noqa: BLE001 — a broken extra page must not break 话术
            where = crashlog.record(exc)
            page = QLabel(tr("这个页面暂时打不开。详情已写入 ") + str(where), holder)
            page.setWordWrap(True)
        holder.layout().addWidget(page)

    def scenario_choices(self) -> list[tuple[str, str, str]]:
        return [(s.key, s.name, s.industry) for s in self.library.scenarios()] if self.library else []

    # ------------------------------------------------------------ search

    def current_filters(self) -> dict[str, str | None]:
        return self.filter_bar.values()

    def _on_query(self, text: str) -> None:
        if not text.strip():
            self._show_analysis(None)
        self.run_search()

    def _on_filters_changed(self) -> None:
        values = self.filter_bar.values()
        self.strip.set_active(values)
        if self.library is not None:
            self.settings.update(self.settings.filter_values(values))
        self.run_search()

    def agent_industry(self) -> str | None:
        """The agent's industry (设置 › 我的行业); 通用 means all."""
        value = str(self.settings.get("agent.industry") or "general")
        return None if value == "general" else value

    def agent_fit(self) -> dict[str, str | None]:
        """The agent's channel and role (设置 › 工作渠道, 我的角色): lines for another channel and
        offers above the role are never shown."""
        return {"channel": str(self.settings.get("agent.channel")) or None,
                "role": str(self.settings.get("agent.role")) or None}

    def run_search(self, keep_uid: str | None = None) -> None:
        if self.library is None:
            self._update_status()
            return
        text = self.query.committed_text()[:MAX_QUERY_CHARS]
        filters = self.current_filters()
        if self.runner is not None:
            # One request: the core reads the text and ranks the phrases for it in one pass (an
            # empty input gets the openers of the agent's industry).
            self.runner.submit(Request(text, industry=filters.get("industry") or self.agent_industry(),
                                       scenario=filters.get("scenario"), persona=filters.get("persona"),
                                       stage=filters.get("stage"), limit=RESULT_LIMIT, keep_uid=keep_uid,
                                       **self.agent_fit()))
            return
        # Start-up, before the suggestion path is built: a plain search answers at once.
        if not text.strip() and not filters.get("industry") and not filters.get("scenario"):
            # Nothing pasted yet: openers for the agent's own industry (plus 通用), not the whole library.
            filters = {**filters, "industry": self.agent_industry()}
        from desktop_app.core.library.facade import UnknownKey  # loaded by now; kept off the start-up path

        try:
            hits = self.library.search(text, **filters, limit=RESULT_LIMIT, **self.agent_fit())
        except UnknownKey:
            # A remembered filter no longer exists (the trainer removed that scenario): drop filters.
            self.filter_bar.set_values({})
            return
        self._show_hits(text, hits, keep_uid)

    def _on_suggestion(self, serial: int, request: Request, suggestion) -> None:
        current = self.query.committed_text()[:MAX_QUERY_CHARS]
        if self.runner is None or serial != self.runner.latest or request.text != current:
            return  # the agent typed on: a newer answer is coming
        if suggestion is None:  # the request failed (logged): keep the window answering
            self.runner.done.disconnect(self._on_suggestion)
            self.runner = None
            self.run_search(request.keep_uid)
            return
        self._show_analysis(suggestion.analysis.as_json() if request.text.strip() else None)
        self._show_hits(request.text, list(suggestion.hits), request.keep_uid)

    def _show_hits(self, text: str, hits: list, keep_uid: str | None) -> None:
        self.results.show_hits(hits, {h.doc.uid: True for h in hits if h.favourite}, keep_uid)
        self._update_status()
        self.resultsShown.emit(text, len(hits))

    def _update_status(self) -> None:
        if self.library is None:
            self.status.setText(tr("正在打开话术库…"))
            return
        count = self.results.count()
        if count == 0:
            text = tr("没有找到合适的话术，换个说法或放宽筛选")
        else:
            text = tr("{} 条 · ↑↓ 选择 · Enter 复制 · Esc 清空").format(count)
        if getattr(self.library, "read_only", False):
            text += tr(" · 数据目录只读：可以搜索和复制，使用记录和收藏不会保存")
        self.status.setText(text)

    def _write_failed(self, exc: BaseException) -> None:
        """A copy count or a star that could not be saved: say why in plain words when the
        agent can act on it (disk full, database busy, read-only), else log it."""
        message = self.library.explain_error(exc) if self.library is not None else None
        if message is None:
            crashlog.record(exc)
            return
        self.status.setText(tr(message))
        self.toast.show_message(tr("没有保存"))

    def toggle_filter(self, kind: str, key: str) -> None:
        """A chip click: filter by it, or drop that filter when it is already on."""
        current = self.current_filters().get(kind)
        self.filter_bar.set_value(kind, None if current == key else key)

    # ------------------------------------------------------------ analysis

    def _show_analysis(self, result) -> None:
        self._analysis = result
        self.strip.show_analysis(result)
        self.strip.set_active(self.current_filters())
        spans = [(int(e["start"]), int(e["end"])) for e in (result or {}).get("evidence", [])
                 if isinstance(e, dict) and "start" in e and "end" in e]
        if self.query.toPlainText() == self.query.committed_text():
            self.query.mark_spans(spans, theme.colors().evidence)
        risks = [f for f in (result or {}).get("risks", []) if f in RISK_FLAGS]  # urgent ones first
        if not risks:
            self.checklist.hide()
            self._dismissed_flags.clear()
        elif self.checklist.flag not in risks or not self.checklist.isVisible():
            fresh = [f for f in risks if f not in self._dismissed_flags]
            if fresh:
                self.show_checklist(fresh[0])
        self.analysisShown.emit(result)

    def show_checklist(self, flag: str) -> None:
        if self.library is None:
            return
        library = self.library
        QueryOp(self, lambda: library.checklist(flag),
                success=lambda checklist: self.checklist.show_checklist(flag, checklist)).run()

    # ------------------------------------------------------------ copying and favourites

    def _selected_uid(self) -> str | None:
        hit = self.results.selected_hit()
        return hit.doc.uid if hit else None

    def copy_row(self, row: int) -> bool:
        hit = self.results.hit(row)
        if hit is None or self.library is None:
            return False
        text = shown_text(hit)
        QGuiApplication.clipboard().setText(text)
        uid, library = hit.doc.uid, self.library
        QueryOp(self, lambda: library.record_use(uid), failure=self._write_failed).run()  # never on the GUI thread
        self.results.select_row(row)
        self.toast.show_message(tr("已复制"))
        self.copied.emit(text)
        return True

    def toggle_favourite(self, row: int) -> None:
        hit = self.results.hit(row)
        if hit is None or self.library is None:
            return
        on = not self.results.is_favourite(hit.doc.uid)
        uid, library = hit.doc.uid, self.library
        QueryOp(self, lambda: library.set_favourite(uid, on), failure=self._write_failed).run()
        self.results.set_favourite(uid, on)
        self.toast.show_message(tr("已收藏") if on else tr("已取消收藏"))

    # ------------------------------------------------------------ showing and hiding

    def focus_input(self) -> None:
        self.tabs.setCurrentWidget(self.phrases_page)
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def summon(self) -> None:
        """Hotkey, tray or a second launch: show, raise, take focus, input ready for a paste."""
        if self.dock.collapsed:
            self.dock.expand(activate=True)
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()
        self.focus_input()
        self.query.selectAll()

    def toggle_visible(self) -> None:
        if self.isVisible() and not self.dock.collapsed and not self.isMinimized():
            self.hide_window()
        else:
            self.summon()

    @property
    def can_hide(self) -> bool:
        """True only while something can bring a hidden window back: a visible tray icon or a
        registered hotkey. Asked at the moment of hiding, never remembered from start-up."""
        if self._can_hide is not None:
            return self._can_hide
        tray = self.tray is not None and self.tray.icon.isVisible()
        return tray or (self.hotkey is not None and bool(self.hotkey.registered))

    @can_hide.setter
    def can_hide(self, value: bool | None) -> None:
        self._can_hide = value

    def hide_window(self) -> None:
        if self.dock.auto_hide and self.dock.collapse():
            return
        if self.can_hide:
            self.hide()
        else:
            self.showMinimized()  # nothing else could bring it back; the taskbar still can

    def _on_escape(self) -> None:
        text = self.query.toPlainText()
        if text:
            # An undoable edit (clear() would drop the undo stack): Ctrl+Z or 撤销 brings it back.
            cursor = self.query.textCursor()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.removeSelectedText()
            self.query.flush()
            self._cleared = text
            self.undo_button.show()
        else:
            self.hide_window()

    def undo_clear(self) -> None:
        """Bring back what Esc cleared."""
        if not self._cleared or self.query.toPlainText():
            return
        text = self._cleared
        cursor = self.query.textCursor()
        cursor.insertText(text)
        self.query.setTextCursor(cursor)
        self.query.flush()
        self._forget_cleared()
        self.focus_input()

    def _forget_cleared(self) -> None:
        if self.query.toPlainText():
            self._cleared = ""
            self.undo_button.hide()

    def _on_tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.phrases_page:
            self.query.setFocus()
        elif page is not None:
            self._build_page(page)

    # ------------------------------------------------------------ settings

    def _apply_window_flags(self, on_top: bool) -> None:
        flags = Qt.WindowType.Window  # never Qt.Popup: it gets no Chinese IME on Windows
        if on_top:
            flags |= Qt.WindowType.WindowStaysOnTopHint
        self.setWindowFlags(flags)

    def set_always_on_top(self, on: bool) -> None:
        self.settings.set("window.always_on_top", on)
        if self.pin_button.isChecked() != on:
            self.pin_button.setChecked(on)
        visible = self.isVisible()
        self._apply_window_flags(on)  # this hides a visible window: show it again
        if visible:
            self.show()

    def apply_font_size(self, size: int) -> None:
        if theme.font_pt() != size:
            theme.apply(QApplication.instance(), font_pt=size)  # the dialogs follow it too
        # The input shows two to four lines of what the customer said, whatever the font size.
        font = QFont(self.font())
        font.setPointSize(size)
        line = QFontMetrics(font).lineSpacing()
        chrome = int(2 * self.query.document().documentMargin() + 2 * self.query.frameWidth()) + 4
        self.query.setMinimumHeight(2 * line + chrome)
        self.query.setMaximumHeight(4 * line + chrome)
        self.results.scheduleDelayedItemsLayout()

    def _setting_appliers(self) -> dict:
        """What changes on screen when a setting changes; settings not named here only need saving."""
        return {
            "window.always_on_top": lambda on: self.set_always_on_top(bool(on)),
            "window.opacity": lambda value: self.setWindowOpacity(float(value)),
            "window.font_size": lambda size: self.apply_font_size(int(size)),
            "window.theme": self._apply_theme,
            "window.language": self._apply_language,
            "window.auto_hide": self._apply_auto_hide,
            # The agent's own settings change what may be said: answer again at once.
            "agent.industry": lambda _value: self.run_search(keep_uid=self._selected_uid()),
            "agent.channel": lambda _value: self.run_search(keep_uid=self._selected_uid()),
            "agent.role": lambda _value: self.run_search(keep_uid=self._selected_uid()),
        }

    def apply_setting(self, key: str, value) -> None:
        """Save a setting (validated by the table) and show its effect at once."""
        self.settings.set(key, value)
        apply = self._setting_appliers().get(key)
        if apply is not None:
            apply(self.settings.get(key))
        self.settingChanged.emit(key, self.settings.get(key))

    def _apply_theme(self, name: str) -> None:
        theme.apply(QApplication.instance(), str(name))
        self.query.remark(theme.colors().evidence)
        self.strip.show_analysis(self._analysis)
        self.results.viewport().update()
        self.rebuild_pages()  # painted colours and styled cards come from the theme when built

    def _apply_language(self, language: str) -> None:
        i18n.set_language(str(language))
        self.retranslate()
        self.rebuild_pages()  # 模板/减压/自检 say everything through tr() when they are built
        self.languageChanged.emit()

    def rebuild_pages(self) -> None:
        """Build the opened extra pages again (their data is saved as it is entered)."""
        for i in range(self.tabs.count()):
            holder = self.tabs.widget(i)
            if holder is self.phrases_page or not holder.property("page_built"):
                continue
            layout = holder.layout()
            while layout.count():
                widget = layout.takeAt(0).widget()
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
            holder.setProperty("page_built", False)
            if self.tabs.currentWidget() is holder:
                self._build_page(holder)

    def _apply_auto_hide(self, on: bool) -> None:
        self.dock.set_auto_hide(bool(on))
        if on:
            self.dock.settle()

    def settings_dialog(self):
        """The settings dialog, wired to this window (every change applies at once)."""
        from desktop_app.ui.settings.dialog import SettingsDialog

        def status() -> str:  # asked again when the dialog is rebuilt in another language
            return self.hotkey.status if self.hotkey is not None else tr("全局热键未启用")

        dialog = SettingsDialog(self.settings, status, self)
        dialog.changed.connect(self.apply_setting)
        dialog.hotkeyRequested.connect(lambda seq: dialog.show_hotkey_status(self.set_hotkey(seq)))
        return dialog

    def open_settings(self) -> None:
        dialog = self.settings_dialog()
        dialog.exec()
        dialog.deleteLater()
        self.save_state()

    def set_hotkey(self, sequence: str) -> str:
        if self.hotkey is None:
            return tr("全局热键未启用")
        from desktop_app.ui.shell.hotkey import HotkeyError, parse

        self.hotkey.set_sequence(sequence)
        try:
            parse(sequence)
            self.settings.set("window.hotkey", sequence)  # kept even where it cannot register today
        except HotkeyError:
            pass
        return self.hotkey.status

    def pack_import_dialog(self):
        from desktop_app.ui.packs.dialog import PackImportDialog

        dialog = PackImportDialog(self.library, self)
        dialog.imported.connect(lambda _report: self.reload_library())
        return dialog

    def open_pack_import(self) -> None:
        if self.library is None:
            return
        dialog = self.pack_import_dialog()
        dialog.pick()
        dialog.exec()
        dialog.deleteLater()

    def open_pack_export(self) -> None:
        if self.library is None:
            return
        from desktop_app.ui.packs.dialog import PackExportDialog

        dialog = PackExportDialog(self.library, self)
        dialog.exec()
        dialog.deleteLater()

    def reload_library(self) -> None:
        """After an import: new scenarios in the picker, new phrases in the answers."""
        scenarios = self.scenario_choices()
        self.filter_bar.set_scenarios(scenarios)
        self.strip.set_scenario_names({key: name for key, name, _ind in scenarios})
        self.run_search(keep_uid=self._selected_uid())

    def open_personal_phrases(self) -> None:
        if self.library is None:
            return
        from desktop_app.ui.phrases.personal_phrases import PersonalPhrasesDialog

        dialog = PersonalPhrasesDialog(self.library, self.scenario_choices(), self)
        dialog.changed.connect(lambda: self.run_search(keep_uid=self._selected_uid()))
        dialog.exec()

    # ------------------------------------------------------------ geometry and state

    def _restore_geometry(self) -> None:
        saved = str(self.settings.get("window.geometry"))
        if saved and self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii", "ignore"))):
            self._wanted_height = self.height()
            return
        self.resize(DEFAULT_SIZE)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:  # first start: beside the softphone, at the right edge
            area = screen.availableGeometry()
            self.move(area.right() - DEFAULT_SIZE.width() - 24, area.top() + max(0, (area.height() - 620) // 3))

    def save_state(self) -> None:
        state: dict[str, object] = {"window.dock_edge": self.dock.edge}
        if not self.dock.collapsed:
            state["window.geometry"] = bytes(self.saveGeometry().toBase64()).decode("ascii")
        if self.library is not None:
            state.update(self.settings.filter_values(self.current_filters()))
        self.settings.update(state)

    def closeEvent(self, event) -> None:
        self.save_state()
        tray = self._can_hide if self._can_hide is not None else (
            self.tray is not None and self.tray.icon.isVisible())
        if tray:
            event.ignore()  # the tray keeps CalmDesk running; quit from its menu
            self.hide()
            return
        self.dock.close()
        super().closeEvent(event)
        self.quitRequested.emit()

    # ------------------------------------------------------------ staying on the screen

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and getattr(self, "_fit_timer", None) is not None:
            self._fit_timer.start()  # owned by the window: never fires after it is gone
        return super().event(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # Remember the height the agent (or code, or the window manager) chose — but not a growth
        # the layout forced through its minimum (chips wrapping after a long paste).
        new, old = event.size().height(), event.oldSize().height()
        forced = old > 0 and new > old and new <= max(self.minimumHeight(), self.minimumSizeHint().height())
        if not forced:
            self._wanted_height = new

    def available_area(self):
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry() if screen is not None else None

    def keep_on_screen(self) -> None:
        """Back to the agent's height once the content allows it, and never past the bottom
        of the screen's available area (a long paste wrapped the chips and grew the window)."""
        area = self.available_area()
        if area is None or self.dock.collapsed or self.isMinimized() or self.isMaximized():
            return
        # Wide enough for every tab and control at this font size (the tabs never scroll).
        bar = self.tabs.tabBar()
        tabs = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
        margins = self.layout().contentsMargins()
        need = max(MIN_WIDTH, self.layout().minimumSize().width(), tabs + margins.left() + margins.right() + 4)
        need = min(need, area.width())
        if self.minimumWidth() != need:
            self.setMinimumWidth(need)
        if self.width() < need:
            self.resize(need, self.height())
        frame = self.frameGeometry().height() - self.height()
        room = area.height() - frame
        self.setMaximumHeight(max(self.minimumHeight(), room))
        target = min(max(self._wanted_height, self.minimumSizeHint().height()), room)
        if target != self.height():
            self.resize(self.width(), target)
        overflow = self.frameGeometry().bottom() - area.bottom()
        if overflow > 0:
            self.move(self.x(), max(area.top(), self.y() - overflow))
        overflow = self.frameGeometry().right() - area.right()
        if overflow > 0:
            self.move(max(area.left(), self.x() - overflow), self.y())

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)  # after this frame is flushed
