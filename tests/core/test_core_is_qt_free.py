"""The core runs with no Qt installed: nothing under desktop_app.core may import PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import textwrap

import desktop_app.core
from tests.conftest import REPO


def test_every_core_module_imports_with_qt_blocked():
    modules = [m.name for m in pkgutil.walk_packages(desktop_app.core.__path__, "desktop_app.core.")]
    assert "desktop_app.core.search.index" in modules and "desktop_app.core.library.facade" in modules
    code = textwrap.dedent(
        f"""
        import sys
        sys.modules["PySide6"] = None  # any import of Qt now fails
        sys.modules["shiboken6"] = None
        import importlib
        for name in {modules!r}:
            importlib.import_module(name)
        import desktop_app.cli.main
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_import_linter_contract_holds():
    lint = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"]
    out = subprocess.run(lint, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "KEPT" in out.stdout
