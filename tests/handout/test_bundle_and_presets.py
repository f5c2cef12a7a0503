"""A trainer's bundle (calmdesk bundle) and the presets it carries: a ready folder, bad input
refused in one Chinese line with exit 2 and nothing written, presets applied exactly once on the
first start (window or CLI), and bad presets refused with a message and nothing changed."""

from __future__ import annotations

import json
import zipfile

import pytest

from desktop_app.core import paths
from desktop_app.core.handout import presets
from desktop_app.core.handout.bundle import PACK_FOLDER, BundleError, make_bundle
from desktop_app.core.library.models import Phrase
from desktop_app.core.settings.store import SettingsStore
from tests.cli.runner import run_cli
from tests.handout.packs import LISTEN_ID, write_zip


@pytest.fixture
def pack(tmp_path):
    return write_zip(tmp_path / "分行包.zip", 2)


@pytest.fixture
def app(tmp_path):
    """A stand-in one-folder app: an executable, its _internal/ and the trainer's portable data."""
    folder = tmp_path / "dist" / "calmdesk"
    (folder / "_internal").mkdir(parents=True)
    (folder / "calmdesk").write_bytes(b"#!/bin/sh\n")
    (folder / "calmdesk").chmod(0o755)
    (folder / "_internal" / "base_library.zip").write_bytes(b"x")
    (folder / "data").mkdir()
    (folder / "data" / "calmdesk.db").write_bytes(b"the trainer's own data")
    (folder / presets.PRESET_FILE).write_text("{}", encoding="utf-8")  # an older bundle's presets
    return folder


# ---------------------------------------------------------------- the bundle


def test_bundle_with_an_app_is_a_ready_folder(tmp_path, pack, app, capsys):
    out = tmp_path / "给三班"
    code, stdout, err = run_cli(capsys, "bundle", "--pack", pack, "--industry", "banking", "--channel", "counter",
                                "--app", app, "--out", out)
    assert (code, err) == (0, "")
    assert (out / "calmdesk").is_file() and (out / "_internal" / "base_library.zip").is_file()
    assert not (out / "data").exists()  # never the trainer's own data
    assert (out / PACK_FOLDER / "分行包.zip").read_bytes() == pack.read_bytes()
    document = json.loads((out / presets.PRESET_FILE).read_text(encoding="utf-8"))
    assert document == {"format": 1, "settings": {"agent.industry": "banking", "agent.channel": "counter"},
                        "pack": f"{PACK_FOLDER}/分行包.zip"}
    assert "分行包 2" in stdout and "程序：已复制" in stdout


def test_bundle_from_source_says_the_app_is_not_in_it(tmp_path, pack, capsys):
    out = tmp_path / "out"
    code, stdout, _err = run_cli(capsys, "bundle", "--pack", pack, "--industry", "banking", "--out", out)
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == sorted([presets.PRESET_FILE, PACK_FOLDER])
    assert "从源码运行，没有复制程序" in stdout and "--app" in stdout


def test_bundle_when_frozen_copies_the_running_app(tmp_path, pack, app, monkeypatch):
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    monkeypatch.setattr(paths, "app_dir", lambda: app)
    report = make_bundle(pack, {"agent.industry": "hotel"}, tmp_path / "out")
    assert report.app == app and (tmp_path / "out" / "calmdesk").is_file()
    assert not (tmp_path / "out" / "data").exists()


@pytest.mark.parametrize("case, args, words", [
    ("unknown industry", ["--industry", "mining"], "我的行业"),
    ("unknown channel", ["--industry", "banking", "--channel", "fax"], "工作渠道"),
    ("missing pack", ["--industry", "banking", "--pack", "没有.zip"], "找不到话术包"),
    ("damaged pack", ["--industry", "banking", "--pack", "DAMAGED"], "话术包有问题"),
    ("existing out", ["--industry", "banking", "--out", "FULL"], "已存在且不是空的"),
    ("not an app", ["--industry", "banking", "--app", "NOTAPP"], "不是打包好的"),
])
def test_bad_input_is_one_chinese_line_exit_2_and_nothing_written(tmp_path, pack, capsys, case, args, words):
    damaged = tmp_path / "坏包.zip"
    with zipfile.ZipFile(damaged, "w") as zf:
        zf.writestr("manifest.yaml", "name: x\nversion: 1\nauthor: y\n")
        zf.writestr("trainer.yaml", "format: 1\nscenarios: [\n")
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep.txt").write_text("别动", encoding="utf-8")
    (tmp_path / "notapp").mkdir()
    swap = {"DAMAGED": damaged, "FULL": full, "NOTAPP": tmp_path / "notapp"}
    argv = {"--pack": str(pack), "--out": str(tmp_path / "out")}
    flags = list(args)
    for i in range(0, len(flags), 2):
        argv[flags[i]] = str(swap.get(flags[i + 1], flags[i + 1]))
    code, stdout, err = run_cli(capsys, "bundle", *[x for kv in argv.items() for x in kv])
    assert code == 2, case
    assert stdout == "" and len(err.strip().splitlines()) == 1 and words in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()
    assert [p.name for p in full.iterdir()] == ["keep.txt"]


def test_bundle_refuses_an_out_dir_inside_the_app(tmp_path, pack, app):
    with pytest.raises(BundleError, match="不能放在程序文件夹"):
        make_bundle(pack, {"agent.industry": "banking"}, app / "out", app)


# ---------------------------------------------------------------- presets on first start


@pytest.fixture
def bundled(tmp_path, pack):
    out = tmp_path / "bundle"
    make_bundle(pack, {"agent.industry": "banking", "agent.channel": "counter", "agent.role": "lead"}, out)
    return out


def _pack_phrases() -> int:
    return Phrase.select().where(Phrase.uid.startswith("id:tr-")).count()


def test_presets_apply_once_on_first_start(library, bundled):
    store = SettingsStore()
    told = presets.apply_on_first_start(library, store, bundled)
    assert told is not None and told.startswith("已按培训师的预设")
    assert "行业 银行" in told and "分行包 2" in told and "\n" not in told
    assert (store.get("agent.industry"), store.get("agent.channel"), store.get("agent.role")) == (
        "banking", "counter", "lead")
    assert store.get("agent.industry_asked") is True
    assert SettingsStore().get("agent.channel") == "counter"  # saved, not only in memory
    assert _pack_phrases() == 3
    assert library.imported_packs()["分行包"]["version"] == "2"  # a followed folder knows it

    library.set_favourite(LISTEN_ID)
    store.set("agent.channel", "phone")  # the agent changes it afterwards
    assert presets.apply_on_first_start(library, SettingsStore(), bundled) is None  # never again
    assert SettingsStore().get("agent.channel") == "phone"
    assert library.stats(LISTEN_ID) == (0, True)
    marks = json.loads((paths.data_dir() / presets.MARK_FILE).read_text(encoding="utf-8"))
    assert [m["status"] for m in marks.values()] == ["applied"]


def test_an_edited_preset_file_is_a_new_one(library, bundled):
    presets.apply_on_first_start(library, SettingsStore(), bundled)
    document = json.loads((bundled / presets.PRESET_FILE).read_text(encoding="utf-8"))
    document["settings"]["agent.role"] = "manager"
    (bundled / presets.PRESET_FILE).write_text(json.dumps(document), encoding="utf-8")
    assert presets.apply_on_first_start(library, SettingsStore(), bundled) is not None
    assert SettingsStore().get("agent.role") == "manager"


def test_no_preset_file_no_notice(library, tmp_path):
    assert presets.apply_on_first_start(library, SettingsStore(), tmp_path) is None
    assert not (paths.data_dir() / presets.MARK_FILE).exists()


@pytest.mark.parametrize("case, edit, words", [
    ("bad json", lambda d, b: "{not json", "不是有效的 JSON"),
    ("unknown setting", lambda d, b: {**d, "settings": {**d["settings"], "window.opacity": 0.5}}, "预设不能设置"),
    ("bad value", lambda d, b: {**d, "settings": {**d["settings"], "agent.role": "boss"}}, "我的角色"),
    ("pack missing", lambda d, b: {**d, "pack": "话术包/没有.zip"}, "找不到预设里的话术包"),
    ("pack escapes", lambda d, b: {**d, "pack": "../分行包.zip"}, "pack 应为"),
    ("future format", lambda d, b: {**d, "format": 2}, "format"),
    ("damaged pack", "damage", "话术包有问题"),
])
def test_bad_presets_change_nothing_and_say_so_once(library, bundled, case, edit, words):
    preset_file = bundled / presets.PRESET_FILE
    document = json.loads(preset_file.read_text(encoding="utf-8"))
    if edit == "damage":
        (bundled / PACK_FOLDER / "分行包.zip").write_bytes(b"PK\x03\x04 cut short")
    else:
        changed = edit(document, bundled)
        preset_file.write_text(changed if isinstance(changed, str) else json.dumps(changed, ensure_ascii=False),
                               encoding="utf-8")
    before = _pack_phrases()
    told = presets.apply_on_first_start(library, SettingsStore(), bundled)
    assert told is not None and told.startswith("培训师的预设没有应用") and words in told, (case, told)
    assert not (paths.data_dir() / "settings.json").exists()  # not one setting written
    assert _pack_phrases() == before == 0
    assert "分行包" not in library.imported_packs()
    assert presets.apply_on_first_start(library, SettingsStore(), bundled) is None  # told once


def test_the_cli_applies_presets_on_first_start_with_one_line_on_stderr(bundled, imported, monkeypatch, capsys):
    monkeypatch.setattr(paths, "app_dir", lambda: bundled)
    code, _out, err = run_cli(capsys, "playbooks", "list")
    assert code == 0
    assert len(err.strip().splitlines()) == 1 and err.startswith("calmdesk: 已按培训师的预设")
    assert SettingsStore().get("agent.industry") == "banking"
    code, out, err = run_cli(capsys, "playbooks", "list")
    assert code == 0 and err == "" and "tr_queue" in out


def test_the_cli_sync_folder_command(tmp_path, imported, capsys):
    folder = tmp_path / "share"
    folder.mkdir()
    write_zip(folder / "分行包.zip", 1)
    code, out, _err = run_cli(capsys, "playbooks", "sync-folder", folder)
    assert code == 0 and "已导入话术包 分行包 1" in out
    code, out, _err = run_cli(capsys, "playbooks", "sync-folder", folder)
    assert code == 0 and "已是最新" in out
    code, _out, err = run_cli(capsys, "playbooks", "sync-folder")  # no folder set
    assert code == 2 and "packs.folder" in err
    SettingsStore().set("packs.folder", str(folder))
    write_zip(folder / "分行包.zip", 2)
    code, out, _err = run_cli(capsys, "playbooks", "sync-folder")
    assert code == 0 and "分行包 2（原 1）" in out
    code, _out, err = run_cli(capsys, "playbooks", "sync-folder", tmp_path / "nowhere")
    assert code == 2 and "找不到文件夹" in err
