"""Fixtures shared by the content tests."""

from __future__ import annotations

import pytest

from desktop_app.core import paths
from desktop_app.core.playbooks import reader


@pytest.fixture(scope="module")
def bundled_library(tmp_path_factory):
    """The bundled playbooks imported into a data dir of their own, as on a first start."""
    import os

    from desktop_app.core.library.facade import open_library

    home = tmp_path_factory.mktemp("bundled_home")
    old = os.environ.get("CALMDESK_HOME")
    os.environ["CALMDESK_HOME"] = str(home)
    try:
        lib = open_library()
        yield lib
        lib.close()
    finally:
        if old is None:
            os.environ.pop("CALMDESK_HOME", None)
        else:
            os.environ["CALMDESK_HOME"] = old


@pytest.fixture(scope="module")
def books():
    """The shipped playbook files, read as trainers' files are: any problem fails the test."""
    found, problems = reader.load_many(reader.collect_files(paths.bundled_playbooks_dir()))
    assert problems == [], "\n".join(map(str, problems))
    return found


@pytest.fixture(scope="module")
def scenarios(books):
    return [s for b in books for s in b.scenarios]
