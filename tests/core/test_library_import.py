"""Importing playbooks: idempotent, all-or-nothing, and the agent's data survives updates."""

from __future__ import annotations

from desktop_app.core import paths
from desktop_app.core.library.facade import open_library
from desktop_app.core.library.models import Phrase, PhraseStat, Scenario, Template


def snapshot():
    phrases = [tuple(r) for r in Phrase.select().order_by(Phrase.id).tuples()]
    scenarios = [tuple(r) for r in Scenario.select().order_by(Scenario.id).tuples()]
    return phrases, scenarios


def test_importing_the_same_files_again_changes_nothing(library, sample_dir):
    before = snapshot()
    report = library.import_paths(sample_dir)
    assert report.added == report.changed == report.removed == 0
    assert snapshot() == before
    assert len(before[0]) == 19


def test_a_cosmetic_edit_rewrites_nothing_and_keeps_ids(library, sample_dir):
    before = snapshot()
    path = sample_dir / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n# 培训师的备注\n", encoding="utf-8")
    report = library.import_paths(sample_dir)
    assert (report.added, report.changed, report.removed, report.unchanged) == (0, 0, 0, 19)
    assert [p[:2] for p in snapshot()[0]] == [p[:2] for p in before[0]]


def test_favourites_and_usage_survive_a_playbook_update(library, sample_dir):
    kept = library.search("十分钟内给您答复", limit=1)[0].doc
    edited = library.search("谢谢您耐心配合核实", limit=1)[0].doc
    library.set_favourite(kept.uid)
    for _ in range(3):
        library.record_use(kept.uid)
    library.record_use(edited.uid)

    path = sample_dir / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("谢谢您耐心配合核实，卡片恢复后我会短信通知您。", "谢谢您配合核实，卡片恢复后我会发短信告诉您。")
    text = text.replace("      thank:\n        - 谢谢您提醒我们退款", "      thank:\n        - 退款到账后请留意短信提醒，有问题随时找我。\n        - 谢谢您提醒我们退款")
    path.write_text(text, encoding="utf-8")
    preview = library.preview(library.check(sample_dir)[0])
    assert (preview.added, preview.removed) == (2, 1)  # the edited phrase is a new phrase
    report = library.import_paths(sample_dir)
    assert (report.added, report.removed) == (preview.added, preview.removed)

    assert library.stats(kept.uid) == (3, True)
    hit = library.search("十分钟内给您答复", limit=1)[0]
    assert hit.doc.uid == kept.uid
    assert library.index.favourite[library.index._by_uid[kept.uid]]
    assert Phrase.get_or_none(Phrase.uid == edited.uid) is None


def test_personal_phrases_are_untouched_by_imports(library, sample_dir):
    uid = library.add_personal("稍等一下，我把您的情况写进工单。", stage="act")
    library.import_paths(sample_dir)
    (sample_dir / "sample.yaml").unlink()
    (sample_dir / "other.yaml").write_text(
        "format: 1\nforbidden:\n  - text: 不归我们管\n    category: shirking\n    why: 推诿\n    better: 我来帮您对接\n",
        encoding="utf-8")
    library.import_paths(sample_dir)
    assert Phrase.get(Phrase.uid == uid).text == "稍等一下，我把您的情况写进工单。"
    assert [h.doc.uid for h in library.search("写进工单")] == [uid]


def test_removing_a_playbook_removes_its_phrases_not_the_agents_stats(library):
    uid = library.search("查询冻结原因", limit=1)[0].doc.uid
    library.record_use(uid)
    assert library.remove_playbook("sample.yaml")
    assert Phrase.select().count() == 0
    assert PhraseStat.get(PhraseStat.uid == uid).uses == 1


def test_bundled_playbooks_are_imported_on_first_start_only(monkeypatch, sample_dir):
    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    lib = open_library()
    count = lib.phrase_count()
    assert count == 19
    first = snapshot()
    lib.close()
    lib = open_library()
    try:
        assert lib.sync_bundled() is None
        assert snapshot() == first
    finally:
        lib.close()


def test_a_bundled_update_is_synced_but_a_trainers_own_file_is_kept(monkeypatch, sample_dir, tmp_path):
    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    lib = open_library()
    own = tmp_path / "mine"
    own.mkdir()
    (own / "templates.yaml").write_text(
        "format: 1\ntemplates:\n  - key: t_mine\n    kind: thank\n    channel: chat\n    title: 我的感谢\n    text: 谢谢{称呼}！\n",
        encoding="utf-8")
    lib.import_paths(own)
    path = sample_dir / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("换谁都会着急", "谁都会着急"), encoding="utf-8")
    report = lib.sync_bundled()
    try:
        assert report is not None and (report.added, report.removed) == (1, 1)
        assert Template.get(Template.key == "t_mine").title == "我的感谢"
    finally:
        lib.close()


def test_scenario_triggers_for_the_analysis(library):
    triggers = dict(library.scenario_triggers())
    assert triggers["t_supervisor"] == ["找你们领导", "叫经理来", "投诉你"]
