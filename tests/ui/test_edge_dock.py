"""贴边隐藏: docking at a screen edge, sliding away to a handle and back."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from desktop_app.ui.shell import edge_dock
from desktop_app.ui.shell.edge_dock import EdgeDock, docked_x, hidden_x, nearest_edge

SCREEN = QRect(0, 0, 1920, 1040)


def test_nearest_edge():
    assert nearest_edge(QRect(10, 100, 360, 600), SCREEN) == "left"
    assert nearest_edge(QRect(1920 - 360 - 5, 100, 360, 600), SCREEN) == "right"
    assert nearest_edge(QRect(600, 100, 360, 600), SCREEN) == ""


def test_docked_and_hidden_positions():
    frame = QRect(1500, 100, 360, 600)
    assert docked_x("right", frame, SCREEN) == 1920 - 360
    assert hidden_x("right", frame, SCREEN) == 1920
    assert docked_x("left", frame, SCREEN) == 0
    assert hidden_x("left", frame, SCREEN) == -360


def test_a_docked_window_hides_to_a_handle_and_comes_back(qtbot, monkeypatch):
    monkeypatch.setattr(edge_dock, "SLIDE_MS", 1)
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 400)
    window.show()
    screen = window.screen().availableGeometry()
    window.move(screen.left() + 8, screen.top() + 50)
    dock = EdgeDock(window, auto_hide=True)
    assert dock.settle() == "left"
    assert window.frameGeometry().left() == screen.left()

    assert dock.collapse()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    assert dock.handle.isVisible() and dock.handle.width() == edge_dock.HANDLE_PX

    revealed = []
    dock.revealed.connect(revealed.append)
    dock.expand(activate=True)
    qtbot.waitUntil(lambda: window.isVisible() and window.frameGeometry().left() == screen.left(), timeout=2000)
    assert not dock.handle.isVisible()
    assert revealed == [True]
    dock.close()


def test_an_undocked_window_does_not_hide(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(200, 200)
    window.show()
    screen = window.screen().availableGeometry()
    window.move(screen.center())
    dock = EdgeDock(window, auto_hide=True)
    assert dock.settle() == ""
    assert dock.collapse() is False
    assert window.isVisible()
    dock.close()
