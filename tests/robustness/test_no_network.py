"""No network: nothing CalmDesk does opens a socket.

Three layers of proof:
1. In-process: socket creation, connection and name lookup raise and are recorded (plus a
   Python audit hook, which also sees `_socket` used directly) while the app starts on a fresh
   data dir, searches, analyses, checks a draft, fills templates, logs stress, runs the CLI and
   shows the main window offscreen.
2. Statically: no module under desktop_app imports a network library. QtNetwork is allowed
   for QLocalServer/QLocalSocket only: the single-instance check talks over a local socket file
   (a named pipe on Windows), which never leaves the machine.
3. At the OS level (Linux with strace): the real CLI and the real window, in subprocesses,
   create no AF_INET/AF_INET6 socket; Qt's C++ code is invisible to layers 1 and 2.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

_attempts: list[str] = []
_armed = False


def _audit(event: str, args) -> None:
    if _armed and event.startswith("socket."):
        _attempts.append(f"{event} {args!r:.100}")


sys.addaudithook(_audit)  # hooks cannot be removed: this one only records while armed


@pytest.fixture
def no_network(monkeypatch):
    global _armed

    def refuse(name):
        def call(*args, **kwargs):
            _attempts.append(f"{name}{args!r:.100}")
            raise OSError(f"CalmDesk must not use the network ({name})")
        return call

    class RefusedSocket(socket.socket):  # a class, so modules that subclass socket.socket still import
        def __init__(self, *args, **kwargs):
            refuse("socket.socket")(*args)

    monkeypatch.setattr(socket, "socket", RefusedSocket)
    for name in ("create_connection", "socketpair", "getaddrinfo", "gethostbyname", "create_server", "fromfd"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    _attempts.clear()
    _armed = True
    try:
        yield _attempts
    finally:
        _armed = False
    assert _attempts == [], f"network use: {_attempts[:5]}"


def test_the_guard_sees_a_connection_attempt(no_network):
    import urllib.request

    with pytest.raises(OSError):
        urllib.request.urlopen("http://192.0.2.1/", timeout=0.1)
    assert no_network
    no_network.clear()  # expected here: the fixture's check is for the real tests


COMPLAINT = "你们怎么回事？卡被冻结了，退款也没到账，我要找你们领导，手机13812345678！"


def test_start_up_search_analysis_templates_and_stress_log_stay_offline(no_network, tmp_path, capsys):
    from desktop_app.cli.main import main
    from desktop_app.core.library.facade import open_library

    library = open_library()  # fresh data dir: creates, backs up, imports the bundled playbooks
    try:
        assert library.search(COMPLAINT, limit=5) and library.search("tk", limit=3)
        library.record_use(library.search("道歉", limit=1)[0].doc.uid)
        try:
            from desktop_app.core.analysis import Analyzer
        except ImportError:
            pass
        else:
            assert Analyzer(scenarios=library.scenario_triggers()).analyze(COMPLAINT)["emotion"]
        try:
            from desktop_app.core.checker import draft_check
        except ImportError:
            pass
        else:
            draft_check.check("这不是我们的问题，你自己看说明。", draft_check.load_rules(library))
        try:
            from desktop_app.core.templates import fill
        except ImportError:
            pass
        else:
            docs = fill.load_templates(library)
            if docs:
                docs[0].render({"称呼": "王先生"})
            fill.find_templates(library, "道歉")
        try:
            from desktop_app.core.stress import stress_log
            from desktop_app.core.stress import summary
        except ImportError:
            pass
        else:
            log = stress_log.StressLog(library.store.db, profile="offline")
            log.log(7, reaction="endure")
            exercise = log.start_exercise(before=8)
            log.save_step(exercise, "pattern", pattern="should")
            log.finish_exercise(exercise, after=4)
            summary.summary_text(summary.summarize(log, 7, dt.datetime.now()))
            log.export_csv(tmp_path / "stress_log.csv")
            log.delete_everything()
    finally:
        library.close()

    commands = [["search", "退款", "--json"], ["playbooks", "list", "--json"]]
    from desktop_app.cli.main import build_parser

    available = build_parser()._subparsers._group_actions[0].choices
    if "check" in available:
        commands.append(["check", "这不是我们的问题", "--json"])
    if "analyze" in available:
        commands.append(["analyze", COMPLAINT, "--json"])
    for argv in commands:
        assert main(argv) == 0, capsys.readouterr().err
    capsys.readouterr()


def test_the_main_window_stays_offline(no_network, qtbot, library):
    try:
        from desktop_app.ui.main_window import MainWindow
        from desktop_app.core.settings.store import SettingsStore
        from desktop_app.ui.workers import make_suggester
        from tests.ui.ime import search_and_wait
    except ImportError as exc:
        pytest.skip(f"the main window is not importable yet: {exc}")
    window = MainWindow(SettingsStore(), library, make_suggester(library))
    qtbot.addWidget(window)
    window.show()
    assert search_and_wait(qtbot, window, COMPLAINT)


# ---------------------------------------------------------------- static: no network imports

NETWORK_MODULES = {"socket", "_socket", "ssl", "urllib", "http", "requests", "httpx", "aiohttp", "urllib3",
                   "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "socketserver", "asyncio",
                   "websocket", "websockets", "grpc", "paramiko", "multiprocessing.connection", "webbrowser"}
LOCAL_QT = {"QLocalServer", "QLocalSocket"}  # a socket file / named pipe: never leaves the machine


def network_imports(source: str, filename: str = "<src>") -> list[str]:
    found = []

    def bad(module: str) -> bool:
        return any(module == m or module.startswith(m + ".") for m in NETWORK_MODULES)

    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [f"{filename}:{node.lineno}: import {a.name}" for a in node.names if bad(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if bad(node.module):
                found.append(f"{filename}:{node.lineno}: from {node.module} import ...")
            elif any(a.name == "QtNetwork" for a in node.names):
                found.append(f"{filename}:{node.lineno}: QtNetwork imported as a module")
            elif node.module.endswith("QtNetwork"):
                found += [f"{filename}:{node.lineno}: QtNetwork.{a.name}" for a in node.names if a.name not in LOCAL_QT]
        elif isinstance(node, ast.Attribute) and node.attr == "QtNetwork":
            found.append(f"{filename}:{node.lineno}: QtNetwork used as a module")
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and \
                isinstance(node.args[0].value, str) and bad(node.args[0].value) and \
                getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__"):
            found.append(f"{filename}:{node.lineno}: dynamic import of {node.args[0].value}")
    return found


def test_the_import_check_catches_what_it_should():
    bad = ("import socket\nimport urllib.request\nfrom http.client import HTTPConnection\nimport requests\n"
           "from PySide6.QtNetwork import QNetworkAccessManager\nimportlib.import_module('ssl')\n"
           "from PySide6 import QtNetwork\n")
    assert len(network_imports(bad)) == 7
    assert network_imports("from PySide6.QtNetwork import QLocalServer, QLocalSocket\nimport sqlite3\n") == []


def test_no_module_imports_a_network_library():
    found = []
    for path in sorted((REPO / "desktop_app").rglob("*.py")):
        found += network_imports(path.read_text(encoding="utf-8"), str(path.relative_to(REPO)))
    assert found == []


# ---------------------------------------------------------------- the OS's view (Linux + strace)

INET = re.compile(r"socket\((AF_INET6?|PF_INET6?)\b")


def _strace(argv: list[str], env: dict, tmp_path: Path) -> str:
    log = tmp_path / "strace.log"
    done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket", "-o", str(log), sys.executable, *argv],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return log.read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("strace"), reason="needs Linux and strace")
def test_the_real_cli_and_window_create_no_internet_socket(tmp_path, calmdesk_home):
    probe = subprocess.run(["strace", "-qq", "-e", "trace=none", "true"], capture_output=True, check=False)
    if probe.returncode != 0:
        pytest.skip("strace cannot trace here (ptrace not permitted)")
    env = {**os.environ, "CALMDESK_HOME": str(calmdesk_home), "QT_QPA_PLATFORM": "offscreen"}
    calls = _strace(["-m", "desktop_app", "search", COMPLAINT, "--json"], env, tmp_path)
    assert not INET.findall(calls), calls
    try:
        import desktop_app.ui.app
        import desktop_app.ui.shell.startup_probe  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"the window's start-up probe is not importable yet: {exc}")
    # The start-up probe launches the real app, pastes a complaint, types, and quits.
    calls = _strace(["-m", "desktop_app"], {**env, "CALMDESK_STARTUP_PROBE": "3"}, tmp_path)
    assert "socket(" in calls  # the trace works: the single-instance check's local socket is seen
    assert not INET.findall(calls), "\n".join(line for line in calls.splitlines() if INET.search(line))
