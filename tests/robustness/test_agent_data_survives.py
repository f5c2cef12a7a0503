"""A trainer's change to the library never takes the agent's own phrases with it.

A personal phrase may be filed under a scenario; the database cascades deletes from scenario to
phrase, so a playbook that drops (or stops shipping) that scenario used to delete the agent's
phrase silently. Now the phrase stays, just without its scenario.
"""

from __future__ import annotations

import pytest

from desktop_app.core import paths


def _drop_card_scenario(sample_dir) -> None:
    path = sample_dir / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  - key: t_card_blocked"), text.index("  - key: t_supervisor")
    path.write_text(text[:start] + text[end:], encoding="utf-8")


@pytest.mark.parametrize("how", ["scenario dropped", "playbook removed", "bundled file retired"])
def test_personal_phrase_outlives_its_scenario(library, sample_dir, monkeypatch, how):
    uid = library.add_personal("卡的事我帮您盯着，今天下班前回您电话。", stage="act", scenario="t_card_blocked")
    library.record_use(uid)
    library.set_favourite(uid, True)
    if how == "scenario dropped":
        _drop_card_scenario(sample_dir)
        library.import_paths(sample_dir)
    elif how == "playbook removed":
        assert library.remove_playbook("sample.yaml")
    else:
        from desktop_app.core.library.models import Playbook

        Playbook.update(origin="bundled").execute()
        empty = sample_dir.parent / "no-bundled-playbooks"
        empty.mkdir()
        monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: empty)
        library.sync_bundled()
    mine = library.personal_phrases()
    assert [d.text for d in mine] == ["卡的事我帮您盯着，今天下班前回您电话。"]
    assert mine[0].scenario is None
    assert library.stats(uid) == (1, True)
