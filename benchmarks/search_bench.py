"""Search benchmark: CalmDesk's index against a naive LIKE '%q%' scan, in the same run.

Builds libraries of 1k, 10k and 100k generated phrases through the real import path in a temp
data dir, then times five query kinds (2-character word, 4-character phrase, 100-character
paste, pinyin initials, Traditional input) and prints p50/p95 in ms for both, their ratio,
exact-substring recall, the time to build the in-memory index from the database (what every
start-up pays) and the memory it adds. The last line is one JSON object with every figure.

    python benchmarks/search_bench.py [--sizes 1000,10000,100000] [--queries 500]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HAN = re.compile(r"[\u4e00-\u9fff]+")


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def seed_clauses() -> list[str]:
    """Clauses cut from the bundled playbooks: realistic Chinese to recombine."""
    from desktop_app.core import paths
    from desktop_app.core.playbooks import reader
    books, _ = reader.load_many(reader.collect_files(paths.bundled_playbooks_dir()))
    clauses = []
    for book in books:
        for s in book.scenarios:
            for p in s.phrases:
                clauses.extend(c for c in re.split(r"[，。！？；、]", p.text) if len(c) >= 3)
    if len(clauses) < 50:
        raise SystemExit("benchmark needs the bundled playbooks in playbooks/")
    return clauses


def generate_books(n: int, clauses: list[str], rng: random.Random):
    from desktop_app.core.playbooks.reader import PhraseSpec, PlaybookFile, ScenarioSpec, phrase_uid
    from desktop_app.core.vocab import INDUSTRIES, PERSONAS, STAGES

    stages, personas, industries = list(STAGES), [*PERSONAS, "all", "all", "all"], list(INDUSTRIES)
    scenarios = []
    per = max(10, n // 100)
    made = 0
    seen = set()
    while made < n:
        key = f"gen_{len(scenarios)}"
        phrases = []
        while len(phrases) < per and made < n:
            text = ""
            while len(text) < rng.randint(10, 60):
                text += rng.choice(clauses) + rng.choice("，，。")
            text = text[:78].rstrip("，") + "。"
            uid = phrase_uid(key, text)
            if uid in seen:
                continue
            seen.add(uid)
            phrases.append(PhraseSpec(uid, text, rng.choice(stages), rng.choice(personas), [], 0))
            made += 1
        scenarios.append(ScenarioSpec(key, f"场景{len(scenarios)}", rng.choice(industries), "生成的场景",
                                      [rng.choice(clauses)[:4]], phrases, 0))
    return [PlaybookFile(name="generated.yaml", path=Path("generated.yaml"), sha256=f"gen{n}", scenarios=scenarios)]


def make_queries(texts: list[str], count: int, rng: random.Random) -> dict[str, list[str]]:
    from desktop_app.core import textnorm

    def han_run(min_len: int) -> str:
        while True:
            runs = [r for r in HAN.findall(rng.choice(texts)) if len(r) >= min_len]
            if runs:
                run = rng.choice(runs)
                start = rng.randint(0, len(run) - min_len)
                return run[start : start + min_len]

    from desktop_app.core.search.terms import pinyin

    queries = {
        "2-char word": [han_run(2) for _ in range(count)],
        "4-char phrase": [han_run(4) for _ in range(count)],
        "100-char paste": [],
        "pinyin initials": [],
        "Traditional": [textnorm.to_traditional(han_run(4)) for _ in range(count)],
    }
    for _ in range(count):
        paste = "喂你好，我跟你说，"
        while len(paste) < 100:
            paste += rng.choice(texts)[: rng.randint(6, 20)] + "！"
        queries["100-char paste"].append(paste[:100])
        word = han_run(rng.choice((2, 3, 4)))
        queries["pinyin initials"].append(pinyin(word)[1])
    return queries


def percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95


def bench_size(n: int, clauses: list[str], query_count: int, rng: random.Random) -> dict:
    from desktop_app.core import textnorm
    from desktop_app.core.library.facade import open_library

    home = tempfile.mkdtemp(prefix=f"calmdesk-bench-{n}-")
    os.environ["CALMDESK_HOME"] = home
    library = open_library(sync=False)
    books = generate_books(n, clauses, rng)
    t0 = time.perf_counter()
    library.import_books(books)
    import_s = time.perf_counter() - t0

    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    index = library.index
    build_s = time.perf_counter() - t0
    gc.collect()
    index_mb = rss_mb() - before

    texts = [d.text for d in index.docs]
    queries = make_queries(texts, query_count, rng)
    conn = library.store.db.connection()
    result: dict = {"phrases": len(index), "import_s": round(import_s, 2), "index_build_s": round(build_s, 3),
                    "index_mb": round(index_mb, 1), "kinds": {}}
    for kind, qs in queries.items():
        for q in qs[:20]:  # warm up caches (OpenCC, regexes) before timing
            library.search(q)
        ours, naive, found, naive_found = [], [], 0, 0
        for q in qs:
            t0 = time.perf_counter()
            hits = library.search(q, limit=20)
            ours.append((time.perf_counter() - t0) * 1000)
            found += bool(hits)
            t0 = time.perf_counter()
            rows = conn.execute("SELECT id, text FROM phrase WHERE text LIKE ? LIMIT 20", (f"%{q}%",)).fetchall()
            naive.append((time.perf_counter() - t0) * 1000)
            naive_found += bool(rows)
        p50, p95 = percentiles(ours)
        n50, n95 = percentiles(naive)
        result["kinds"][kind] = {
            "p50_ms": round(p50, 2), "p95_ms": round(p95, 2),
            "like_p50_ms": round(n50, 2), "like_p95_ms": round(n95, 2),
            "p95_ratio_like_over_ours": round(n95 / p95, 2) if p95 else None,
            "answered": round(found / len(qs), 3), "like_answered": round(naive_found / len(qs), 3),
        }
    # Recall of exact substrings: every phrase containing the query, checked by brute force.
    folded = [textnorm.fold(t) for t in texts]
    checked = missed = 0
    for q in queries["2-char word"][:40] + queries["4-char phrase"][:40]:
        expected = {i for i, t in enumerate(folded) if q in t}
        got = {index._by_uid[h.doc.uid] for h in library.search(q, limit=None) if h.match in ("exact", "literal")}
        checked += len(expected)
        missed += len(expected - got)
    result["substring_recall"] = round(1 - missed / checked, 4) if checked else None
    library.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clauses = seed_clauses()
    figures = {}
    for n in (int(s) for s in args.sizes.split(",")):
        r = bench_size(n, clauses, args.queries, rng)
        figures[n] = r
        print(f"\n== {r['phrases']} phrases: import {r['import_s']} s (pinyin + jieba per phrase), "
              f"index build {r['index_build_s']} s, index memory +{r['index_mb']} MB, "
              f"substring recall {r['substring_recall']:.2%}")
        print(f"{'query kind':<16} {'ours p50/p95 ms':>16} {'LIKE p50/p95 ms':>16} {'LIKE/ours p95':>13} {'answered':>9} {'LIKE answered':>13}")
        for kind, k in r["kinds"].items():
            print(f"{kind:<16} {k['p50_ms']:>7.2f}/{k['p95_ms']:<8.2f} {k['like_p50_ms']:>7.2f}/{k['like_p95_ms']:<8.2f}"
                  f" {k['p95_ratio_like_over_ours']:>13} {k['answered']:>9.0%} {k['like_answered']:>13.0%}")
    print(json.dumps({"search_bench": figures}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
