"""No run of 10+ characters in the shipped library may come from the real customer corpora.

../shared/realdata holds real customer texts for studying language and measuring only; nothing
from it may ship. This script (deliberately not a test: tests must not depend on that folder)
folds every text of the library the same way the app does — scenario phrases, 客户原话 examples,
templates, 禁语, checklists, 红转绿 — and reports every 10-character run that also occurs in any
corpus file. Exit 0: none found; 1: copies found (each printed with file and key); 2: no corpus.

    .venv/bin/python scripts/check_realdata_overlap.py [--realdata PATH] [--run 10]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop_app.core import paths, textnorm  # noqa: E402
from desktop_app.core.playbooks import reader  # noqa: E402


def _find_realdata() -> Path | None:
    for parent in REPO.parents:
        candidate = parent / "shared" / "realdata"
        if candidate.is_dir():
            return candidate
    return None


def _corpus_texts(folder: Path):
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in (".jsonl", ".json", ".txt", ".csv", ".tsv"):
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if path.suffix.lower() in (".jsonl", ".json"):
                try:
                    value = json.loads(line)
                except ValueError:
                    value = line
                yield from _strings(value)
            else:
                yield line


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _library_texts():
    books, problems = reader.load_many(reader.collect_files(paths.bundled_playbooks_dir()))
    for p in problems:
        print(f"（读取问题）{p}", file=sys.stderr)
    for b in books:
        for s in b.scenarios:
            for p in s.phrases:
                yield b.name, f"{s.key}:{p.stage}", p.text
            for e in s.examples:
                yield b.name, f"{s.key}:examples", e
        for t in b.templates:
            yield b.name, t.key, t.text
        for f in b.forbidden:
            for text in (f.text, *f.variants, f.why, f.better):
                yield b.name, "forbidden", text
        for c in b.checklists:
            for text in (c.title, *c.do, *c.never, *c.handover):
                yield b.name, f"checklist:{c.flag}", text
        if b.redgreen:
            for key, parts in b.redgreen.patterns.items():
                for text in (*parts.get("red", []), *parts.get("green", [])):
                    yield b.name, f"redgreen:{key}", text
            for said, need in b.redgreen.translations:
                yield b.name, "redgreen:translations", said
                yield b.name, "redgreen:translations", need


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--realdata", type=Path, default=None)
    ap.add_argument("--run", type=int, default=10)
    args = ap.parse_args(argv)
    folder = args.realdata or _find_realdata()
    if folder is None or not folder.is_dir():
        print("找不到 ../shared/realdata（用 --realdata 指定）", file=sys.stderr)
        return 2
    n = args.run
    runs: set[str] = set()
    corpus_chars = 0
    for text in _corpus_texts(folder):
        c = textnorm.compact(text)
        corpus_chars += len(c)
        runs.update(c[i : i + n] for i in range(len(c) - n + 1))
    checked = 0
    copies = []
    for name, key, text in _library_texts():
        checked += 1
        c = textnorm.compact(text)
        hit = next((c[i : i + n] for i in range(len(c) - n + 1) if c[i : i + n] in runs), None)
        if hit:
            copies.append(f"{name} {key}: …{hit}… ⟵ {text}")
    for line in copies:
        print(line)
    print(f"语料 {corpus_chars} 字（{len(runs)} 个 {n} 字片段）；检查了话术库 {checked} 段文字；"
          f"与语料相同的 {n} 字以上片段：{len(copies)} 处。")
    return 1 if copies else 0


if __name__ == "__main__":
    sys.exit(main())
