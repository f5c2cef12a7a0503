"""The budgets of a built one-folder bundle, measured and printed (never asserted in tests).

    python scripts/smoke_figures.py dist/calmdesk [--runs 5]

- size of the folder (MiB, as `du` counts them) — budget 120
- size as a .tar.gz — budget 50 (tar keeps the bundle's symlinks; a zip would copy them)
- launch → first paint of the frozen window, offscreen: the window's own start-up probe
  (CALMDESK_STARTUP_PROBE, desktop_app/ui/startup_probe.py, as benchmarks/startup_bench.py
  uses it), median of --runs launches after a first launch on a fresh data dir — budget 0.5 s
Exit code 0 whatever the figures (they depend on the machine); 1 if a launch fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

BUDGETS = {"folder_mib": 120.0, "tar_gz_mib": 50.0, "first_paint_s": 0.5}


def folder_mib(folder: Path) -> float:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return total / 2**20


def tar_gz_mib(folder: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"{folder.name}.tar.gz"
        with tarfile.open(target, "w:gz", compresslevel=9) as tar:
            tar.add(folder, arcname=folder.name)
        return target.stat().st_size / 2**20


def launch(exe: Path, env: dict) -> dict:
    env = {**env, "CALMDESK_STARTUP_PROBE": repr(time.time())}
    proc = subprocess.run([str(exe)], env=env, capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"launch failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return json.loads(lines[-1])


def verdict(key: str, value: float) -> str:
    return "ok" if value <= BUDGETS[key] else "OVER BUDGET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the one-folder bundle, e.g. dist/calmdesk")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    exe = next((args.folder / n for n in ("calmdesk", "CalmDesk.exe", "calmdesk.exe") if (args.folder / n).is_file()), None)
    if exe is None:
        print(f"no executable in {args.folder}", file=sys.stderr)
        return 1

    figures: dict = {"folder_mib": round(folder_mib(args.folder), 1), "tar_gz_mib": round(tar_gz_mib(args.folder), 1)}
    home = tempfile.mkdtemp(prefix="calmdesk-smoke-")
    runtime = tempfile.mkdtemp(prefix="calmdesk-xdg-")
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "CALMDESK_HOME": home, "XDG_RUNTIME_DIR": runtime}
    try:
        first = launch(exe, env)  # fresh data dir: the bundled playbooks are imported in a thread
        runs = [launch(exe, env) for _ in range(args.runs)]
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        print(f"SMOKE FAILED: {exc}", file=sys.stderr)
        return 1
    paints = [r["first_paint_s"] for r in runs]
    figures.update(
        first_paint_s=round(statistics.median(paints), 3),
        first_paint_runs=paints,
        first_answer_s=round(statistics.median(r["first_answer_s"] for r in runs if r.get("first_answer_s")), 3)
        if any(r.get("first_answer_s") for r in runs) else None,
        idle_rss_mb=statistics.median(r["idle_rss_mb"] for r in runs if r.get("idle_rss_mb")),
        first_start_paint_s=first["first_paint_s"],
        first_start_answer_s=first.get("first_answer_s"),
        load_average=round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
    )
    print(f"one-folder size   {figures['folder_mib']:7.1f} MiB  (budget {BUDGETS['folder_mib']:.0f})   "
          f"{verdict('folder_mib', figures['folder_mib'])}")
    print(f"as .tar.gz        {figures['tar_gz_mib']:7.1f} MiB  (budget {BUDGETS['tar_gz_mib']:.0f})    "
          f"{verdict('tar_gz_mib', figures['tar_gz_mib'])}")
    print(f"launch → paint    {figures['first_paint_s']:7.3f} s    (budget {BUDGETS['first_paint_s']}) "
          f"{verdict('first_paint_s', figures['first_paint_s'])}   runs {paints}")
    print(f"launch → answer   {figures['first_answer_s']} s (median); first start on a fresh data dir: "
          f"paint {first['first_paint_s']} s, answer {first.get('first_answer_s')} s; "
          f"idle RSS {figures['idle_rss_mb']} MB; load average {figures['load_average']}")
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
