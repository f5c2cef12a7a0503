"""A search index built while the library changes is not kept: removed phrases never come back."""

from __future__ import annotations

import threading

from desktop_app.core.library.facade import open_library
from desktop_app.core.library.models import Playbook


def test_a_build_overtaken_by_a_removal_is_thrown_away(calmdesk_home, sample_dir):
    library = open_library(sync=False)
    library.import_paths(sample_dir)
    names = [name for (name,) in Playbook.select(Playbook.name).tuples()]
    library._invalidate_index()
    started, release = threading.Event(), threading.Event()
    real_build = library._build_index

    def slow_build():
        index = real_build()  # reads the library as it is now: with the playbook
        started.set()
        release.wait(5)
        return index

    library._build_index = slow_build
    built = []
    worker = threading.Thread(target=lambda: built.append(library.index))
    worker.start()
    started.wait(5)
    for name in names:  # the GUI thread removes every playbook meanwhile
        assert library.remove_playbook(name)
    release.set()
    worker.join(5)
    library._build_index = real_build
    assert built and len(built[0].docs) > 0  # the stale build answered its own caller …
    assert library.search("", limit=None) == []  # … but was not kept: the next search rebuilds
    library.close()
