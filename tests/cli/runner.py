"""Run `calmdesk` in-process and capture what it prints."""

from __future__ import annotations

from desktop_app.cli.main import main


def run_cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err
