"""The window's side of a trainer's hand-out: the pack-folder setting has an editor, the folder is
followed (read at once, and again when a pack in it changes), and a trainer's presets are told
in one line on first start."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from desktop_app.core import paths
from desktop_app.core.settings.store import SettingsStore
from tests.handout.packs import LISTEN_ID, write_zip


def test_the_pack_folder_setting_is_a_line_edit_that_saves(win, qtbot, tmp_path):
    dialog = win.settings_dialog()
    qtbot.addWidget(dialog)
    edit = dialog.editors["packs.folder"]
    assert isinstance(edit, QLineEdit) and edit.text() == ""
    try:
        with qtbot.waitSignal(win.settingChanged) as blocker:
            edit.setText(f"  {tmp_path}  ")
            edit.editingFinished.emit()
        assert blocker.args == ["packs.folder", str(tmp_path)]
        assert SettingsStore(win.settings.path).get("packs.folder") == str(tmp_path)  # saved
    finally:
        edit.setText("")
        edit.editingFinished.emit()
    assert win.settings.get("packs.folder") == ""


def test_the_followed_folder_is_read_at_once_and_when_a_pack_changes(win, qtbot, library, tmp_path):
    from desktop_app.core.packs import follow
    from desktop_app.ui.shell.pack_folder import PackFolderFollower

    folder = tmp_path / "share"
    folder.mkdir()
    write_zip(folder / "分行包.zip", 1)
    # A Qt parent owns it: a parentless QObject whose last Python reference dies with a finished
    # op would be deleted on the library thread, taking its inotify notifier with it.
    follower = PackFolderFollower(library, win)
    follower._timer.setInterval(50)
    with qtbot.waitSignal(follower.synced, timeout=20000) as blocker:
        follower.set_folder(str(folder))
    assert [n.outcome for n in blocker.args[0].notes] == [follow.IMPORTED]
    assert str(folder) in follower.watcher.directories()
    library.set_favourite(LISTEN_ID)

    with qtbot.waitSignal(follower.synced, timeout=20000) as blocker:
        write_zip(folder / "分行包.zip", 2)  # the trainer copies version 2 over it
    report = blocker.args[0]
    assert [n.outcome for n in report.notes] == [follow.IMPORTED] and "分行包 2" in report.headline()
    assert library.imported_packs()["分行包"]["version"] == "2"
    assert library.stats(LISTEN_ID) == (0, True)
    follower.set_folder("")  # stop watching before the temp folder goes
    follower.deleteLater()


def test_first_start_tells_the_agent_about_the_presets(win, qtbot, tmp_path, sample_dir, monkeypatch):
    from desktop_app.core.handout.bundle import make_bundle
    from desktop_app.ui.workers import LibraryLoader

    bundle = tmp_path / "bundle"
    make_bundle(write_zip(tmp_path / "分行包.zip", 2), {"agent.industry": "banking"}, bundle)
    monkeypatch.setattr(paths, "app_dir", lambda: bundle)
    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    store = SettingsStore()
    loader = LibraryLoader(win, settings=store)
    loader.noticed.connect(win.show_notice)
    with qtbot.waitSignal(loader.noticed, timeout=30000) as blocker:
        loader.start()
    try:
        assert blocker.args[0].startswith("已按培训师的预设") and "行业 银行" in blocker.args[0]
        assert win.notice.isVisible() and win.notice.text() == blocker.args[0]
        assert store.get("agent.industry") == "banking"
    finally:
        win.notice.hide()
        loader.deleteLater()
