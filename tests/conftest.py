"""Shared fixtures. Every test runs with its own data dir: no test touches the real one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Before any QApplication can exist: widgets render offscreen, no display needed.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"
SAMPLE_PLAYBOOKS = DATA / "playbooks"
CHECKER_DATA = DATA / "checker"  # templates and 禁语 written for the checker and template tests
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def calmdesk_home(tmp_path_factory, monkeypatch) -> Path:
    """Point every app dir at a fresh temp dir (the qutebrowser way)."""
    home = tmp_path_factory.mktemp("calmdesk_home")
    monkeypatch.setenv("CALMDESK_HOME", str(home))
    runtime = tmp_path_factory.mktemp("xdg_runtime")
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    return home


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    """A writable copy of the sample playbooks."""
    target = tmp_path / "playbooks"
    shutil.copytree(SAMPLE_PLAYBOOKS, target)
    return target


@pytest.fixture
def library(sample_dir):
    """A library holding only the sample playbooks (no bundled ones)."""
    from desktop_app.core.library.facade import open_library

    lib = open_library(sync=False)
    lib.import_paths(sample_dir)
    yield lib
    lib.close()


@pytest.fixture
def tlib():
    """A library holding the checker fixture playbook (templates, 禁语)."""
    from desktop_app.core.library.facade import open_library

    lib = open_library(sync=False)
    lib.import_paths(CHECKER_DATA)
    yield lib
    lib.close()
