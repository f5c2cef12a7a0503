"""Analysis benchmark: CalmDesk's analyser against a naive lexicon scan, in the same run.

Texts of 20, 500 and 5,000 characters are cut from the labelled eval set (real-sounding
complaints, mixed Simplified and Traditional). After a warm-up, each is analysed N times and
p50/p95 in ms are printed for:
  - analyzer: the full analysis (fold, one trie-regex scan, patterns, negation, scoring, spans);
  - baseline: fold, then `term in text` for every lexicon word and `search` for every pattern —
    what a first version would do, with no spans, no negation and no scoring.
The ratio is analyzer / baseline (above 1 means the analyser is slower). A 1 MB paste is timed
once. The last line is one JSON object with every figure.

    python benchmarks/analysis_bench.py [--runs 300]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop_app.core import textnorm  # noqa: E402
from desktop_app.core.analysis import Analyzer  # noqa: E402
from desktop_app.core.analysis.analyzer import compiled, default_lexicon_dir  # noqa: E402

SIZES = (20, 500, 5000)


def corpus() -> str:
    lines = (REPO / "tests/data/analysis_eval.jsonl").read_text(encoding="utf-8").splitlines()
    return "".join(json.loads(line)["text"] for line in lines if line.strip())


def texts_of(size: int, source: str, count: int = 20) -> list[str]:
    """`count` different windows of `size` characters (the corpus repeated if needed)."""
    source = source * (size * count // len(source) + 2)
    step = max(1, (len(source) - size) // count)
    return [source[i * step : i * step + size] for i in range(count)]


def naive_baseline():
    lexicon = compiled(default_lexicon_dir()).lexicon
    words = list(lexicon.words)
    patterns = [re.compile(source) for source, _ in lexicon.patterns]

    def scan(text: str) -> int:
        folded = textnorm.fold(text)
        found = sum(1 for w in words if w in folded)
        return found + sum(1 for p in patterns if p.search(folded))

    return scan, len(words), len(patterns)


def percentiles(fn, texts: list[str], runs: int) -> tuple[float, float]:
    for text in texts[:5]:
        fn(text)  # warm-up: caches, the converter, the regex engine
    times = []
    for i in range(runs):
        text = texts[i % len(texts)]
        start = time.perf_counter()
        fn(text)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, int(len(times) * 0.95))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="timed runs per size (default 300)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    analyzer = Analyzer()
    analyzer.analyze("预热")
    cold_ms = (time.perf_counter() - started) * 1000
    baseline, n_words, n_patterns = naive_baseline()
    source = corpus()
    print(f"lexicon: {n_words} words, {n_patterns} patterns; first analysis (load + compile) {cold_ms:.0f} ms")
    print(f"{'chars':>6} {'analyzer p50':>13} {'p95':>8} {'baseline p50':>13} {'p95':>8} {'ratio p50':>10} {'ratio p95':>10}")
    figures: dict = {"words": n_words, "patterns": n_patterns, "cold_ms": round(cold_ms, 1), "sizes": {}}
    for size in SIZES:
        texts = texts_of(size, source)
        a50, a95 = percentiles(analyzer.analyze, texts, args.runs)
        b50, b95 = percentiles(baseline, texts, args.runs)
        print(f"{size:>6} {a50:>13.3f} {a95:>8.3f} {b50:>13.3f} {b95:>8.3f} {a50 / b50:>10.2f} {a95 / b95:>10.2f}")
        figures["sizes"][str(size)] = {"analyzer_p50_ms": round(a50, 3), "analyzer_p95_ms": round(a95, 3),
                                       "baseline_p50_ms": round(b50, 3), "baseline_p95_ms": round(b95, 3),
                                       "ratio_p50": round(a50 / b50, 2), "ratio_p95": round(a95 / b95, 2)}
    huge = texts_of(1_000_000, source, count=1)[0]
    start = time.perf_counter()
    analyzer.analyze(huge)
    huge_ms = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    baseline(huge)
    huge_base_ms = (time.perf_counter() - start) * 1000
    print(f"1 MB paste: analyzer {huge_ms:.1f} ms (reads a 6000 + 2000 character window), baseline {huge_base_ms:.1f} ms")
    figures["one_mb"] = {"analyzer_ms": round(huge_ms, 1), "baseline_ms": round(huge_base_ms, 1)}
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
