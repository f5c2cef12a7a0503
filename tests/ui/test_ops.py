"""ui.ops: work runs off the GUI thread and its result or error comes back on it."""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject

from desktop_app.ui.ops import LatestOp, QueryOp


def test_query_op_runs_in_the_background_and_answers_on_the_gui_thread(qtbot):
    gui = threading.current_thread()
    seen = {}

    def work():
        seen["worker"] = threading.current_thread()
        return 42

    QueryOp(None, work, success=lambda value: seen.update(value=value, answered=threading.current_thread())).run()
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["value"] == 42 and seen["worker"] is not gui and seen["answered"] is gui


def test_query_op_errors_reach_failure_not_qt(qtbot):
    errors = []

    def boom():
        raise ValueError("坏了")

    QueryOp(None, boom, success=lambda _v: errors.append("success?"), failure=errors.append).run()
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_no_answer_reaches_a_destroyed_parent(qtbot):
    parent = QObject()
    answers = []
    started = threading.Event()

    def slow():
        started.set()
        time.sleep(0.2)
        return 1

    future = QueryOp(parent, slow, success=answers.append).run()
    started.wait(2)
    parent.deleteLater()
    qtbot.wait(50)
    future.result(2)
    qtbot.wait(100)
    assert answers == []


def test_latest_op_delivers_only_the_newest_request(qtbot):
    release = threading.Event()
    ran = []

    def work(arg):
        ran.append(arg)
        if arg == "first":
            release.wait(2)  # hold the thread so the next two requests queue up
        return arg.upper()

    op = LatestOp(work, "test-latest")
    done = []
    op.done.connect(lambda serial, arg, result: done.append((serial, arg, result)))
    op.submit("first")
    qtbot.waitUntil(lambda: ran == ["first"])
    op.submit("second")
    last = op.submit("third")
    release.set()
    qtbot.waitUntil(lambda: bool(done))
    qtbot.wait(100)
    assert done == [(last, "third", "THIRD")]
    assert "second" not in ran  # overtaken before it started: never run
