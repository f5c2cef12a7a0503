"""How well the customer analysis reads labelled text: precision, recall and F1 per label.

    python scripts/eval_analysis.py                       # the tuning set and the held-out set
    python scripts/eval_analysis.py tests/data/x.jsonl --errors

Each input line is {"text", "emotion", "motives": [...], "flags": [...], "industry"}.
Emotion is one label per text (the confusion table shows rows = truth, columns = prediction);
motives and flags are sets, scored per label. Macro-F1 is the plain mean over the labels.

How the files are labelled (so new items stay consistent):
- emotion: the dominant one; calm complaints, questions, praise and small talk are neutral.
- suggestion: proposes an improvement. compensation: asks for money back, a refund, damages,
  a waiver, a replacement or a formal apology (also chasing a refund that is owed).
- leverage: a threat made conditional on a demand (不……就曝光/投诉/找领导), bargaining for more
  (三倍, 别人都有), or pressure tactics (天天来坐着, 耗着).
- venting: sarcasm, insults, "受够了", warnings to others, long rants; and any angry or
  disappointed text that asks for nothing concrete.
- flags: as named in desktop_app/core/vocab.py; repeat_contact means the customer has
  contacted the company (or been sent back) more than once about this.
analysis_holdout.jsonl was written before the lexicons were tuned and is never tuned on.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from desktop_app.core.analysis import Analyzer  # noqa: E402
from desktop_app.core.vocab import EMOTIONS, FLAGS, MOTIVES  # noqa: E402

DEFAULT_FILES = [REPO / "tests/data/analysis_eval.jsonl", REPO / "tests/data/analysis_holdout.jsonl"]


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_sets(truth: list[set[str]], pred: list[set[str]], labels) -> dict[str, tuple[float, float, float, int]]:
    out = {}
    for label in labels:
        if not any(label in t or label in p for t, p in zip(truth, pred)):
            continue  # a label the set never names and the analyzer never says has no F1 to average
        tp = sum(1 for t, p in zip(truth, pred) if label in t and label in p)
        fp = sum(1 for t, p in zip(truth, pred) if label not in t and label in p)
        fn = sum(1 for t, p in zip(truth, pred) if label in t and label not in p)
        out[label] = (*prf(tp, fp, fn), tp + fn)
    return out


def print_table(title: str, scores: dict[str, tuple[float, float, float, int]]) -> float:
    print(f"\n{title}")
    print(f"  {'label':<16}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}")
    for label, (p, r, f, n) in scores.items():
        print(f"  {label:<16}{p:>7.2f}{r:>7.2f}{f:>7.2f}{n:>6}")
    macro = sum(s[2] for s in scores.values()) / len(scores)
    print(f"  {'macro-F1':<16}{'':>14}{macro:>7.3f}")
    return macro


def evaluate(path: Path, analyzer: Analyzer, show_errors: bool) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = [analyzer.analyze(row["text"]) for row in rows]
    print(f"\n=== {path.name}: {len(rows)} texts ===")

    emotion_labels = list(EMOTIONS)
    emo_truth = [{row["emotion"]} for row in rows]
    emo_pred = [{res["emotion"]} for res in results]
    emotion_macro = print_table("emotion", score_sets(emo_truth, emo_pred, emotion_labels))
    confusion = Counter((row["emotion"], res["emotion"]) for row, res in zip(rows, results))
    print("\n  confusion (rows = truth, columns = predicted)")
    print("  " + " " * 16 + "".join(f"{e[:8]:>10}" for e in emotion_labels))
    for truth in emotion_labels:
        print(f"  {truth:<16}" + "".join(f"{confusion[(truth, pred)]:>10}" for pred in emotion_labels))

    flag_macro = print_table("flags", score_sets([set(r["flags"]) for r in rows],
                                                 [set(r["flags"]) for r in results], FLAGS))
    motive_macro = print_table("motives", score_sets([set(r["motives"]) for r in rows],
                                                     [set(r["motives"]) for r in results], MOTIVES))
    if show_errors:
        print("\n  mistakes:")
        for row, res in zip(rows, results):
            wrong = []
            if row["emotion"] != res["emotion"]:
                wrong.append(f"emotion {row['emotion']}→{res['emotion']}")
            for field in ("motives", "flags"):
                missed, extra = set(row[field]) - set(res[field]), set(res[field]) - set(row[field])
                if missed or extra:
                    wrong.append(f"{field} -{sorted(missed)} +{sorted(extra)}")
            if wrong:
                print(f"  · {row['text'][:70]}\n      {'; '.join(wrong)}")
    figures = {"file": path.name, "n": len(rows), "emotion_macro_f1": round(emotion_macro, 3),
               "flags_macro_f1": round(flag_macro, 3), "motives_macro_f1": round(motive_macro, 3)}
    print(f"\n  summary: {json.dumps(figures, ensure_ascii=False)}")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="JSONL files (default: eval and holdout sets)")
    parser.add_argument("--errors", action="store_true", help="list every text the analysis got wrong")
    args = parser.parse_args(argv)
    analyzer = Analyzer()
    figures = [evaluate(path, analyzer, args.errors) for path in (args.files or DEFAULT_FILES)]
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
