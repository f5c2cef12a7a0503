"""Issue 16's hostile inputs, timed and weighed: seconds and peak memory (max RSS) per case.

Each case runs in its own child process under a memory cap (RLIMIT_AS) and a CPU cap, so a
bomb ends in MemoryError rather than taking the machine down. `--code DIR` runs the cases
against another checkout (e.g. /work/main before a fix) for before/after figures.

    python benchmarks/hostile_bench.py [--code DIR] [--cap-mb 4096] [case ...]
Cases: manifest_alias, wide_xlsx, import_many, reimport_same, regex_lexicon, recover_under_window.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SETUP = """
import sys, os, time, json, tempfile
from pathlib import Path
sys.path.insert(0, {code!r}); sys.path.insert(1, {tests!r})
import hostile_files as H
tmp = Path(tempfile.mkdtemp())
os.environ['CALMDESK_HOME'] = str(tmp / 'home')
"""

CASES = {
    "manifest_alias": """
from desktop_app.core.packs import loader as packs
p = H.alias_manifest_zip(tmp / 'a.zip')
t = time.monotonic(); pack = packs.load(p)
print(json.dumps({'seconds': time.monotonic() - t, 'problems': [str(x)[:80] for x in pack.problems][:2]}))
""",
    "wide_xlsx": """
from desktop_app.core.packs import loader as packs
p = H.wide_workbook(tmp / 'w.xlsx')
t = time.monotonic(); pack = packs.load(p)
print(json.dumps({'seconds': time.monotonic() - t, 'problems': [str(x)[:80] for x in pack.problems][:2]}))
""",
    "import_many": """
from desktop_app.core.packs import loader as packs
from desktop_app.core.library.facade import open_library
lib = open_library(sync=False)
p = H.many_files_csv(tmp / 'many.csv', {n})
t = time.monotonic(); pack = packs.load(p); loaded = time.monotonic() - t
t = time.monotonic(); packs.import_pack(lib, pack)
print(json.dumps({'files': {n}, 'load_s': loaded, 'seconds': time.monotonic() - t}))
""",
    "reimport_same": """
from desktop_app.core.packs import loader as packs
from desktop_app.core.library.facade import open_library
lib = open_library(sync=False)
folder = H.many_files_folder(tmp / 'many', {n})
t = time.monotonic(); packs.import_pack(lib, packs.load(folder)); first = time.monotonic() - t
t = time.monotonic(); packs.import_pack(lib, packs.load(folder))
print(json.dumps({'files': {n}, 'first_import_s': first, 'seconds': time.monotonic() - t}))
""",
    "regex_lexicon": """
from desktop_app.core.analysis import Analyzer
folder = H.lexicon_with_pattern(tmp / 'lex', '/(?:啊+)+哦/', Path(sys.path[0]) / 'resources' / 'analysis')
t = time.monotonic()
try:
    a = Analyzer(lexicon_dir=folder)
    res = a.analyze('啊' * 29 + '呢'); outcome = 'analysed'
except Exception as exc:
    outcome = type(exc).__name__ + ': ' + str(exc)[:120]
print(json.dumps({'seconds': time.monotonic() - t, 'outcome': outcome}))
""",
    "recover_under_window": """
import sqlite3, subprocess
from desktop_app.core.library.facade import open_library
from desktop_app.core.stress.stress_log import StressLog
window = open_library(sync=False)
log = StressLog(window.store.db, profile='agent')
log.log(3, scenario='before')
window.store.backup('daily-20000101')
db = window.store.path
code = 'import sys; from pathlib import Path; from desktop_app.core.library import recovery; recovery.recover(Path(sys.argv[1]), "bench")'
subprocess.run([sys.executable, '-c', code, str(db)], check=True, env={**os.environ, 'PYTHONPATH': sys.path[0]})
t = time.monotonic()
for i in range(40):
    log.log(i % 11, scenario=f'after{i}')
took = time.monotonic() - t
window.close()
count = lambda p: sqlite3.connect(str(p)).execute("SELECT count(*) FROM stress_entry WHERE scenario LIKE 'after%'").fetchone()[0]
aside = sorted(db.parent.glob('calmdesk-damaged-*.db'))
print(json.dumps({'seconds': took, 'writes_in_live_db': count(db), 'writes_in_damaged_copy': count(aside[0]) if aside else None}))
""",
}


def run(case: str, code: Path, cap_mb: int, n: int, timeout: float) -> dict:
    script = (SETUP.format(code=str(code), tests=str(REPO / "tests" / "robustness")) + CASES[case].replace("{n}", str(n))
              + "\nimport resource as _r\nsys.stderr.write('MAXRSS_KB=%d\\n' % _r.getrusage(_r.RUSAGE_SELF).ru_maxrss)\n")
    limit = cap_mb * 1024 * 1024

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    start = time.monotonic()
    try:
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=timeout,
                              preexec_fn=cap, env={**os.environ, "PYTHONPATH": str(code)}, cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        return {"case": case, "outcome": f"timeout after {timeout} s"}
    out = {"case": case, "wall_s": round(time.monotonic() - start, 2), "rc": proc.returncode}
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS_KB="):
            out["max_rss_mb"] = int(line.split("=", 1)[1]) // 1024
    last = proc.stdout.strip().splitlines()[-1:] if proc.stdout.strip() else []
    if last:
        out.update(json.loads(last[0]))
    else:
        out["error"] = proc.stderr.strip().splitlines()[-1:] or ["(no output)"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cases", nargs="*", default=list(CASES))
    ap.add_argument("--code", type=Path, default=REPO)
    ap.add_argument("--cap-mb", type=int, default=4096)
    ap.add_argument("-n", type=int, default=3000, help="files for import_many / reimport_same")
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    for case in args.cases:
        print(json.dumps(run(case, args.code.resolve(), args.cap_mb, args.n, args.timeout), ensure_ascii=False))


if __name__ == "__main__":
    main()
