"""Fixtures shared by the core tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def suggester(tmp_path_factory):
    """The one suggestion path over the bundled library, in a data dir of its own."""
    import os

    from desktop_app.core.library.facade import open_library
    from desktop_app.core.suggest import Suggester

    old = os.environ.get("CALMDESK_HOME")
    os.environ["CALMDESK_HOME"] = str(tmp_path_factory.mktemp("suggest_home"))
    library = open_library()
    yield Suggester(library)
    library.close()
    if old is None:
        os.environ.pop("CALMDESK_HOME", None)
    else:
        os.environ["CALMDESK_HOME"] = old
