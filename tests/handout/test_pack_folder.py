"""Packs that follow the trainer (core.packs.follow): a newer version in the followed folder is
imported all or nothing, the same, an older or a damaged one changes nothing and says why, a pack
gone from the folder keeps what it brought, and the agent's own data survives every import."""

from __future__ import annotations

import pytest

from desktop_app.core.library.models import Phrase
from desktop_app.core.packs import follow
from tests.handout.packs import LISTEN_ID, write_zip


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "share"
    target.mkdir()
    return target


def texts():
    return sorted(t for (t,) in Phrase.select(Phrase.text).where(Phrase.uid.startswith("id:tr-")).tuples())


def test_a_new_pack_is_imported_and_remembered(library, folder):
    write_zip(folder / "分行包-v1.zip", 1)
    report = follow.sync_folder(library, folder)
    assert [n.outcome for n in report.notes] == [follow.IMPORTED]
    assert report.notes[0].summary.startswith("新增 2 条")  # the preview, taken before the import
    assert library.imported_packs()["分行包"]["version"] == "1"
    assert library.imported_packs()["分行包"]["folder"] == str(folder)
    assert len(texts()) == 2
    assert "分行包 1" in report.headline()


def test_newer_version_replaces_and_the_agents_data_survives(library, folder):
    write_zip(folder / "分行包.zip", 1)
    follow.sync_folder(library, folder)
    library.set_favourite(LISTEN_ID)
    library.record_use(LISTEN_ID)
    library.record_use(LISTEN_ID)
    mine = library.add_personal("我先帮您登记，【答复时限】内回复您。", "act", scenario="tr_queue")

    write_zip(folder / "分行包.zip", 2)  # the trainer overwrites the file with version 2
    report = follow.sync_folder(library, folder)

    assert [n.outcome for n in report.notes] == [follow.IMPORTED]
    assert "原 1" in report.notes[0].message
    assert library.imported_packs()["分行包"]["version"] == "2"
    assert "您说的情况我都记下了，我们一起看看怎么处理。" in texts()
    assert library.stats(LISTEN_ID) == (2, True)  # favourite and usage kept
    assert [d.uid for d in library.personal_phrases()] == [mine]  # the agent's own phrase kept
    hit = library.search("排队", limit=5)[0]
    assert hit.doc.uid == LISTEN_ID  # and still found, favourite first


def test_same_version_changes_nothing(library, folder):
    write_zip(folder / "分行包.zip", 2)
    follow.sync_folder(library, folder)
    before = library.imported_packs()["分行包"]["imported_at"]
    report = follow.sync_folder(library, folder)
    assert [n.outcome for n in report.notes] == [follow.SAME]
    assert report.headline() == ""  # nothing to tell the agent
    assert library.imported_packs()["分行包"]["imported_at"] == before


def test_older_version_is_ignored_with_a_note(library, folder):
    write_zip(folder / "分行包.zip", 2)
    follow.sync_folder(library, folder)
    write_zip(folder / "分行包.zip", 1)  # someone copies an old file back
    report = follow.sync_folder(library, folder)
    assert [n.outcome for n in report.notes] == [follow.OLDER]
    assert "比已导入的 2 旧" in report.headline()
    assert library.imported_packs()["分行包"]["version"] == "2"
    assert "您说的情况我都记下了，我们一起看看怎么处理。" in texts()  # version 2's phrase stays


def test_versions_compare_as_numbers_not_text(library, folder):
    write_zip(folder / "a.zip", "1.9", content_version=1)
    follow.sync_folder(library, folder)
    (folder / "a.zip").unlink()
    write_zip(folder / "b.zip", "1.10", content_version=2)
    assert [n.outcome for n in follow.sync_folder(library, folder).notes] == [follow.IMPORTED]
    assert follow.version_key("1.10") > follow.version_key("1.9")
    assert follow.version_key("2") == follow.version_key("2.0")
    assert follow.version_key("新版") is None


def test_only_the_newest_of_two_files_with_one_name_is_imported(library, folder):
    write_zip(folder / "old.zip", 1)
    write_zip(folder / "new.zip", 2)
    report = follow.sync_folder(library, folder)
    outcomes = {n.file: n.outcome for n in report.notes}
    assert outcomes == {"old.zip": follow.OLDER, "new.zip": follow.IMPORTED}
    assert library.imported_packs()["分行包"]["version"] == "2"


@pytest.mark.parametrize("damage", ["not a zip", "bad yaml", "no manifest", "bad version"])
def test_damaged_pack_imports_nothing_and_says_why(library, folder, damage):
    write_zip(folder / "分行包.zip", 1)
    follow.sync_folder(library, folder)
    before = texts()
    target = folder / "分行包-v2.zip"
    if damage == "not a zip":
        target.write_bytes(b"PK\x03\x04 half a copy")
    elif damage == "bad yaml":
        from desktop_app.core.packs.zip_reader import write_pack

        write_pack(target, {"name": "分行包", "version": "2", "author": "张老师"},
                   [("trainer.yaml", "format: 1\nscenarios: [\n")])
    elif damage == "no manifest":
        import zipfile

        with zipfile.ZipFile(target, "w") as zf:
            zf.writestr("trainer.yaml", "format: 1\n")
    else:
        write_zip(target, "第二版", content_version=2)
    report = follow.sync_folder(library, folder)
    damaged = [n for n in report.notes if n.outcome == follow.DAMAGED]
    assert [n.file for n in damaged] == ["分行包-v2.zip"]
    assert "已忽略" in damaged[0].message and "分行包-v2.zip" in report.headline()
    assert texts() == before
    assert library.imported_packs()["分行包"]["version"] == "1"


def test_a_pack_the_library_refuses_imports_nothing(library, folder):
    # The scenario key belongs to another playbook already in the library (the sample's).
    from desktop_app.core.packs.zip_reader import write_pack
    from tests.handout.packs import playbook

    write_pack(folder / "clash.zip", {"name": "撞键包", "version": "1", "author": "x"},
               [("other.yaml", playbook(1).replace("tr_queue", "t_card_blocked"))])
    report = follow.sync_folder(library, folder)
    assert [n.outcome for n in report.notes] == [follow.DAMAGED]
    assert "t_card_blocked" in report.notes[0].message
    assert "撞键包" not in library.imported_packs()


def test_removed_pack_keeps_its_phrases(library, folder):
    write_zip(folder / "分行包.zip", 1)
    follow.sync_folder(library, folder)
    (folder / "分行包.zip").unlink()  # the stick is emptied or unplugged
    report = follow.sync_folder(library, folder)
    assert [n.outcome for n in report.notes] == [follow.REMOVED]
    assert "已导入的话术保留" in report.notes[0].message
    assert len(texts()) == 2


def test_a_folder_that_cannot_be_read_is_one_line(library, tmp_path):
    report = follow.sync_folder(library, tmp_path / "unplugged")
    assert report.notes == [] and report.error.startswith("话术包文件夹打不开")


def test_other_files_in_the_folder_are_not_read(library, folder):
    (folder / "说明.txt").write_text("不是话术包", encoding="utf-8")
    (folder / "话术.xlsx").write_bytes(b"")
    assert follow.sync_folder(library, folder).notes == []
