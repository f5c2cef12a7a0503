"""Make tests/data/db/calmdesk-vN.db: an agent's database as a released CalmDesk wrote it.

tests/robustness/test_migrations_from_files.py opens every such file with the current code and
checks that nothing was lost. Each file must come from the *released* code of its schema version,
not from today's code pretending to be old, so this script takes that code out of git (git
archive of REV into a temporary folder) and runs it there on a fresh data dir:

    the sample playbook (tests/data/playbooks/sample.yaml) imported by a trainer,
    usage counts and favourites (one on a phrase that no longer exists, one without uses),
    three personal phrases (with and without a scenario and persona), and a few settings.

How the files in tests/data/db were made (run from the repository root):

    calmdesk-v1.db   .venv/bin/python scripts/make_db_fixture.py --rev 56bd7de --schema 1
    calmdesk-v2.db   .venv/bin/python scripts/make_db_fixture.py --rev 9fd9594 --schema 2
    calmdesk-v3.db   .venv/bin/python scripts/make_db_fixture.py --rev c0df6aa --schema 3

When a new schema version is released, add its file the same way from the release commit.
"""

from __future__ import annotations

import argparse
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "tests" / "data" / "db"

# Runs inside the old code: only API that existed at schema version 1.
WRITER = r'''
from pathlib import Path
from desktop_app.core.library import models
from desktop_app.core.library.facade import open_library

library = open_library(sync=False)
library.import_paths(Path("tests/data/playbooks"))
hits = library.search("", limit=None)
by_text = {h.doc.text: h.doc.uid for h in hits}
for text, uses in [("我现在帮您查询冻结原因，十分钟内给您答复。", 5),
                   ("急着用钱的时候卡用不了，换谁都会着急。", 2),
                   ("我查到退款已经提交，银行处理一般需要一到三个工作日。", 1)]:
    for _ in range(uses):
        library.record_use(by_text[text])
library.set_favourite(by_text["急着用钱的时候卡用不了，换谁都会着急。"], True)
library.set_favourite(by_text["您希望怎样处理比较合适？我们一起看看能做到哪一步。"], True)  # no uses
library.record_use("gone-from-the-playbooks-0001")  # a phrase a later playbook dropped
mine = library.add_personal("您别急，我先把您的卡号和情况记下来，马上帮您查。", stage="listen",
                            scenario="t_card_blocked")
library.add_personal("这件事我会跟到底，有进展第一时间告诉您。", stage="act", persona="amiable")
library.add_personal("谢谢您等我这么久 🙏", stage="thank")
library.record_use(mine)
library.set_favourite(mine, True)
for key, value in {"ui.font_size": "15", "ui.always_on_top": "1", "agent.name": "小李"}.items():
    models.Setting.replace(key=key, value=value).execute()
print(models.MetaValue.get(models.MetaValue.key == "schema_version").value)
library.close()
'''


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rev", required=True, help="the release commit whose code writes the file")
    parser.add_argument("--schema", type=int, required=True, help="the schema version that code writes")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        src, home = Path(tmp) / "src", Path(tmp) / "home"
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", args.rev,
                                  "desktop_app", "resources", "tests/data/playbooks"],
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(src, filter="data")
        env = {**os.environ, "PYTHONPATH": str(src), "CALMDESK_HOME": str(home)}
        done = subprocess.run([sys.executable, "-c", WRITER], cwd=src, env=env, check=True,
                              capture_output=True, text=True)
        version = int(done.stdout.split()[-1])
        if version != args.schema:
            print(f"{args.rev} writes schema version {version}, not {args.schema}", file=sys.stderr)
            return 1
        target = OUT / f"calmdesk-v{version}.db"
        target.unlink(missing_ok=True)
        OUT.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(home / "calmdesk.db")
        try:
            # One compact, self-contained file (no -wal beside it, rollback journal mode).
            conn.execute("VACUUM INTO ?", (str(target),))
        finally:
            conn.close()
        fixed = sqlite3.connect(target)
        fixed.execute("PRAGMA journal_mode=DELETE")
        fixed.close()
    print(f"wrote {target.relative_to(REPO)} ({target.stat().st_size // 1024} KB, schema version {version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
