"""One rotating, private log file in the data dir; every line masked; crashes go through it."""

from __future__ import annotations

import logging
import os
import stat

from desktop_app.cli.main import main
from desktop_app.core.diagnostics import crashlog, logfile

PHONE = "13812345678"


def _log_text(home) -> str:
    logfile.flush()
    return (home / "logs" / logfile.LOG_NAME).read_text(encoding="utf-8")


def test_warnings_from_any_module_land_masked_in_the_data_dir(calmdesk_home):
    assert logfile.configure("WARNING") == calmdesk_home / "logs" / logfile.LOG_NAME
    logging.getLogger("desktop_app.core.library.storage").warning("备份失败：客户 %s 来电", PHONE)
    logging.getLogger("desktop_app.core.library.storage").info("不该写入的细节")
    text = _log_text(calmdesk_home)
    assert "备份失败" in text and "WARNING desktop_app.core.library.storage" in text
    assert PHONE not in text and "138****5678" in text
    assert "不该写入的细节" not in text
    if os.name == "posix":
        assert stat.S_IMODE((calmdesk_home / "logs" / logfile.LOG_NAME).stat().st_mode) == 0o600


def test_crash_records_go_through_the_same_file_with_the_traceback_masked(calmdesk_home):
    try:
        raise ValueError(f"无法处理：{PHONE}")
    except ValueError as exc:
        path = crashlog.record(exc)
    text = path.read_text(encoding="utf-8")
    assert path.name == logfile.LOG_NAME and "Traceback" in text and "ValueError" in text
    assert PHONE not in text


def test_log_level_from_the_command_line_turns_up_the_detail(calmdesk_home, capsys):
    assert main(["--log-level", "debug", "search", f"退款 {PHONE}"]) == 0
    text = _log_text(calmdesk_home)
    assert "话术库已打开" in text and "内置话术已更新" in text  # INFO: what a trainer diagnosing a PC needs
    assert "DEBUG desktop_app.core.library.facade: 搜索" in text  # DEBUG: timings, never the words
    assert "退款" not in text and PHONE not in text
    logfile.configure("WARNING")
    assert main(["search", "道歉"]) == 0
    assert _log_text(calmdesk_home) == text  # back at WARNING: nothing more


def test_the_log_rotates_instead_of_growing(calmdesk_home, monkeypatch):
    monkeypatch.setattr(logfile, "MAX_BYTES", 2_000)
    monkeypatch.setattr(logfile, "_handler", None)  # a fresh handler picks up the small limit
    logfile.configure("WARNING")
    for i in range(200):
        logging.getLogger("desktop_app.x").warning("第 %d 行，凑够长度的一句话", i)
    logfile.flush()
    files = sorted(p.name for p in (calmdesk_home / "logs").iterdir())
    assert f"{logfile.LOG_NAME}.1" in files and len(files) <= 1 + logfile.BACKUPS
    assert (calmdesk_home / "logs" / logfile.LOG_NAME).stat().st_size <= 2_500
