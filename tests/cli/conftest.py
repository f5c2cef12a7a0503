"""Fixtures for the command-line tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def imported(monkeypatch, sample_dir):
    """The CLI opens the library itself: make the sample playbooks the bundled ones."""
    from desktop_app.core import paths

    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    return sample_dir
