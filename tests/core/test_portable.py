"""The packaged app's behaviour, faked from source: portable mode, resources found through
sys._MEIPASS and the jieba cache prepared at build time."""

from __future__ import annotations

import marshal
import sys
import types
import zlib

import pytest

from desktop_app.core import paths

from desktop_app.core.search import terms
@pytest.fixture
def frozen(tmp_path, monkeypatch):
    """A fake one-folder install: tmp/app/calmdesk with its bundle in tmp/app/_internal."""
    app = tmp_path / "app"
    bundle = app / "_internal"
    (bundle / "playbooks").mkdir(parents=True)
    (bundle / "resources").mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "calmdesk"))
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    monkeypatch.setattr(paths, "_portable", False)
    monkeypatch.delenv("CALMDESK_HOME")
    # Never the real per-user dirs, even if a test goes wrong.
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "user-data"))
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda *a, **k: str(tmp_path / "user-cache"))
    return app


def test_a_data_folder_beside_the_executable_makes_it_portable(frozen):
    (frozen / "data").mkdir()
    assert paths.is_portable()
    assert paths.data_dir() == frozen / "data"
    assert paths.database_path() == frozen / "data" / "calmdesk.db"
    assert paths.cache_dir() == frozen / "data" / "cache"
    assert paths.log_dir().parent == frozen / "data"


def test_without_it_data_goes_to_the_user_dir(frozen, tmp_path):
    assert not paths.is_portable()
    assert paths.data_dir() == tmp_path / "user-data"
    assert not (frozen / "data").exists()


def test_the_portable_flag_creates_the_data_folder(frozen, monkeypatch, sample_dir, capsys):
    from desktop_app.cli.main import main

    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    assert main(["--portable", "playbooks", "list"]) == 0
    assert "t_card_blocked" in capsys.readouterr().out
    assert (frozen / "data" / "calmdesk.db").is_file()  # everything the agent has lives there
    assert paths.data_dir() == frozen / "data"


def test_calmdesk_home_still_wins_for_tests(frozen, monkeypatch, tmp_path):
    (frozen / "data").mkdir()
    monkeypatch.setenv("CALMDESK_HOME", str(tmp_path / "home"))
    assert paths.data_dir() == tmp_path / "home"


def test_bundled_files_are_found_in_the_bundle(frozen):
    assert paths.bundle_dir() == frozen / "_internal"
    assert paths.bundled_playbooks_dir() == frozen / "_internal" / "playbooks"
    assert paths.resources_dir() == frozen / "_internal" / "resources"


def test_prepared_jieba_cache_is_used_when_bundled(frozen):
    tokenizer = types.SimpleNamespace(FREQ={}, total=0, initialized=False)
    assert not terms.load_prepared_cache(tokenizer)  # not bundled: jieba builds its own
    folder = frozen / "_internal" / "jieba_cache"
    folder.mkdir()
    (folder / "jieba.cache.zlib").write_bytes(zlib.compress(marshal.dumps(({"投诉": 3, "投": 0}, 3))))
    assert terms.load_prepared_cache(tokenizer)
    assert tokenizer.FREQ == {"投诉": 3, "投": 0} and tokenizer.total == 3 and tokenizer.initialized
    (folder / "jieba.cache.zlib").write_bytes(b"damaged")
    assert not terms.load_prepared_cache(types.SimpleNamespace())

