"""The window's library and the CLI on one data dir at the same time: no lost write, no damage.

While this process writes usage, favourites and stress entries through the library (as the
window does), other processes use the same data dir: two more writers through the library API,
`calmdesk search --jsonl` (whose first start imports the bundled playbooks: one long write) and
`calmdesk playbooks import`. WAL lets readers run beside the writer; the busy timeout makes a
writer wait its turn instead of failing; short transactions keep the waits short.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO
from tests.robustness.concurrent_writer import StressLog

WRITER = Path(__file__).with_name("concurrent_writer.py")
ROUNDS = 150


def test_the_window_and_the_cli_share_a_data_dir(library, sample_dir, calmdesk_home, tmp_path):
    env = {**os.environ, "CALMDESK_HOME": str(calmdesk_home), "PYTHONPATH": str(REPO)}
    extra = tmp_path / "extra"
    extra.mkdir()
    text = (sample_dir / "sample.yaml").read_text(encoding="utf-8").replace("key: t_", "key: x_")
    (extra / "extra.yaml").write_text(text, encoding="utf-8")
    queries = "".join(json.dumps({"text": q}, ensure_ascii=False) + "\n" for q in ["退款", "冻结", "领导", "dq"] * 50)

    def spawn(name, *argv, stdin=""):
        # Output goes to files: a full pipe would stall a child while this process is busy writing.
        (tmp_path / f"{name}.in").write_text(stdin, encoding="utf-8")
        with open(tmp_path / f"{name}.in", encoding="utf-8") as fin, \
                open(tmp_path / f"{name}.out", "w", encoding="utf-8") as fout, \
                open(tmp_path / f"{name}.err", "w", encoding="utf-8") as ferr:
            return subprocess.Popen([sys.executable, *argv], cwd=REPO, env=env, stdin=fin, stdout=fout, stderr=ferr)

    procs = {
        "writer a": spawn("a", str(WRITER), "a", str(ROUNDS)),
        "writer b": spawn("b", str(WRITER), "b", str(ROUNDS)),
        "search --jsonl": spawn("search", "-m", "desktop_app", "search", "--jsonl", stdin=queries),
        "playbooks import": spawn("import", "-m", "desktop_app", "playbooks", "import", str(extra)),
    }
    files = {"writer a": "a", "writer b": "b", "search --jsonl": "search", "playbooks import": "import"}

    stress = StressLog(library.store.db, profile="main") if StressLog else None
    exercise = stress.start_exercise(before=6) if stress else None
    started = time.monotonic()
    n = 0
    # Write for as long as the others run (at least ROUNDS rounds), as an agent clicking would.
    while n < ROUNDS or (any(p.poll() is None for p in procs.values()) and time.monotonic() - started < 60):
        library.record_use("conc:hot")
        library.record_use(f"conc:main:{n}")
        library.set_favourite(f"conc:main:{n}", True)
        if stress:
            stress.log(n % 11)
            stress.save_step(exercise, "reframe", reframe=f"第 {n} 次")
        n += 1
        time.sleep(0.002)  # see concurrent_writer.py

    outputs = {}
    for name, p in procs.items():
        p.wait(timeout=60)
        out, err = ((tmp_path / f"{files[name]}.{ext}").read_text(encoding="utf-8") for ext in ("out", "err"))
        assert p.returncode == 0 and "Traceback" not in err and "locked" not in err, f"{name}: {err[-1500:]}"
        outputs[name] = (out, err)
    answers = outputs["search --jsonl"][0].splitlines()
    assert len(answers) == 200 and all(isinstance(json.loads(a), list) for a in answers)
    assert "已导入" in outputs["playbooks import"][0]

    # Nothing lost: every write of every process is there.
    assert library.stats("conc:hot") == (2 * ROUNDS + n, False)
    for name, count in (("a", ROUNDS), ("b", ROUNDS), ("main", n)):
        assert all(library.stats(f"conc:{name}:{i}") == (1, True) for i in range(count)), name
        if stress:
            entries = StressLog(library.store.db, profile=name).entries(dt.datetime.min, dt.datetime.max)
            assert len(entries) == count, name
    assert {s.key for s in library.scenarios()} >= {"x_card_blocked", "t_card_blocked"}

    # Nothing damaged.
    assert library.store.db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert not list(calmdesk_home.glob("*damaged*"))


def test_importing_a_playbook_holds_the_write_lock_only_briefly(monkeypatch, sample_dir):
    """Deriving pinyin and words (slow: jieba) happens before the transaction, not inside it."""
    from desktop_app.core.search import terms
    from desktop_app.core.library.facade import open_library

    real = terms.derive

    def slow(text):
        time.sleep(0.05)
        return real(text)

    monkeypatch.setattr(terms, "derive", slow)
    library = open_library(sync=False)
    db = library.store.db
    held: list[float] = []
    begin, commit = db.begin, db.commit

    def timed_begin(*args):
        held.append(time.perf_counter())
        return begin(*args)

    def timed_commit(*args):
        held[-1] = time.perf_counter() - held[-1]
        return commit(*args)

    monkeypatch.setattr(db, "begin", timed_begin)
    monkeypatch.setattr(db, "commit", timed_commit)
    started = time.perf_counter()
    try:
        library.import_paths(sample_dir)
    finally:
        library.close()
    assert time.perf_counter() - started > 0.5  # the slow part did run
    assert held and max(held) < 0.25, held
