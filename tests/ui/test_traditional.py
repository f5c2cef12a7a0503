"""繁體 everywhere: every string the window shows goes through the one translation, tr().

Two checks. Statically, a Chinese literal inside a function in desktop_app/ui must be an
argument of tr() (module-level tables are translated where they are shown). At run time, after
switching to 繁體 every text on every tab, the checklist and the settings hint is Traditional,
and after switching back it is Simplified again.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop_app.core import textnorm
from tests.ui.ime import search_and_wait

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
CJK = re.compile(r"[\u3400-\u9fff]")


def literals_bypassing_tr(source: str) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value)):
            continue
        if isinstance(parents.get(node), ast.Expr):
            continue  # a docstring
        q, in_function = node, False
        while q in parents:
            q = parents[q]
            if isinstance(q, ast.Call) and getattr(q.func, "id", getattr(q.func, "attr", None)) == "tr":
                break
            if isinstance(q, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                in_function = True
        else:
            if in_function:
                found.append((node.lineno, node.value))
    return found


def test_the_scan_catches_a_literal_that_bypasses_tr():
    sample = "def f(label):\n    label.setText('撤销')\n    label.setToolTip(tr('撤销'))\n"
    assert literals_bypassing_tr(sample) == [(2, "撤销")]


@pytest.mark.parametrize("path", sorted(UI.rglob("*.py")), ids=lambda p: str(p.relative_to(UI)))
def test_no_chinese_literal_in_the_ui_bypasses_the_translation(path):
    if path.name == "i18n.py":
        return
    found = literals_bypassing_tr(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{path.name}:{line}: {text!r} — wrap it in tr()" for line, text in found)


def _texts(root: QWidget) -> list[tuple[str, str]]:
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root.window()) and w is not root:
            continue
        name = type(w).__name__
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        if isinstance(w, QComboBox):
            out.extend((name, w.itemText(i)) for i in range(w.count()))
        if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            out.append((name, w.placeholderText()))
        if isinstance(w, QTabWidget):
            out.extend((name, w.tabText(i)) for i in range(w.count()))
        if w.toolTip():
            out.append((name + ".toolTip", w.toolTip()))
    return [(n, t) for n, t in out if CJK.search(t or "")]


def _own_script(text: str) -> bool:
    from desktop_app.ui.i18n import LANGUAGES

    return text in LANGUAGES.values()  # 简体中文 / 繁體中文 are written in their own script


def _not_traditional(texts):
    return [(n, t) for n, t in texts if textnorm.to_traditional(t) != t and not _own_script(t)]


def _not_simplified(texts):
    return [(n, t) for n, t in texts if textnorm.to_simplified(t) != t and not _own_script(t)]


def _open_every_page(win, qtbot):
    qtbot.waitUntil(lambda: win.tabs.count() == 4, timeout=3000)
    for i in range(win.tabs.count()):
        win.tabs.setCurrentIndex(i)
        qtbot.wait(20)
        page = win.tabs.widget(i)
        page_texts = _texts(page)
        # pages with their own tabs (减压: 红转绿 / 历史): look at each inner tab too
        for inner in page.findChildren(QTabWidget):
            for j in range(inner.count()):
                inner.setCurrentIndex(j)
                qtbot.wait(5)
                page_texts += _texts(inner.widget(j))
            inner.setCurrentIndex(0)
        yield win.tabs.tabText(i), page_texts
    win.tabs.setCurrentIndex(0)


def test_switching_to_traditional_translates_every_tab_and_back(win, qtbot):
    search_and_wait(qtbot, win, "我的卡被冻结了，叫你们领导来")
    qtbot.waitUntil(win.checklist.isVisible, timeout=3000)
    win.checklist.set_expanded(True)
    try:
        win.apply_setting("window.language", "zh_TW")
        qtbot.wait(50)
        for tab, texts in _open_every_page(win, qtbot):
            assert not _not_traditional(texts), (tab, _not_traditional(texts)[:8])
        assert not _not_traditional(_texts(win.checklist))
        dialog = win.settings_dialog()
        qtbot.addWidget(dialog)
        assert not _not_traditional(_texts(dialog)), _not_traditional(_texts(dialog))[:8]
        dialog.close()
    finally:
        win.apply_setting("window.language", "zh_CN")
    qtbot.wait(50)
    for tab, texts in _open_every_page(win, qtbot):
        assert not _not_simplified(texts), (tab, _not_simplified(texts)[:8])
    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    assert not _not_simplified(_texts(dialog)), _not_simplified(_texts(dialog))[:8]
    dialog.close()


def test_a_template_in_traditional_shows_its_form_and_preview_in_traditional(qtbot, tlib):
    from desktop_app.ui import i18n
    from desktop_app.ui.templates.panel import TemplatesPanel

    i18n.set_language("zh_TW")
    try:
        panel = TemplatesPanel(tlib)
        qtbot.addWidget(panel)
        panel.show()
        qtbot.waitExposed(panel)
        assert panel.list.count() and panel.fields  # a template with a form is showing
        texts = _texts(panel) + [("preview", panel.preview.toPlainText())]
        texts += [("list", panel.list.item(i).text()) for i in range(panel.list.count())]
        assert not _not_traditional(texts), _not_traditional(texts)[:8]
    finally:
        i18n.set_language("zh_CN")
