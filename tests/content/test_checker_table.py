"""The draft checker's table (issue 14): at least 150 drafts it must flag and 150 it must leave alone.

The drafts live in tests/data/checker/drafts_bad.tsv and drafts_good.tsv, one per line, written
for this test (never taken from customer data). The checker runs with the shipped library's 禁语,
as an agent's window does. A bad draft names the words that must be marked and their kind; a
good draft must come back with no mark at all.
"""

from __future__ import annotations

from collections import Counter

import pytest

from desktop_app.core.checker import draft_check
from desktop_app.core.playbooks import content_rules
from tests.conftest import CHECKER_DATA

MIN_ROWS = 150


def _rows(name: str) -> list[list[str]]:
    lines = (CHECKER_DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


BAD = _rows("drafts_bad.tsv")
GOOD = _rows("drafts_good.tsv")


@pytest.fixture(scope="module")
def rules(tmp_path_factory):
    import os

    from desktop_app.core.library.facade import open_library

    old = os.environ.get("CALMDESK_HOME")
    os.environ["CALMDESK_HOME"] = str(tmp_path_factory.mktemp("table_home"))
    try:
        lib = open_library()
        yield draft_check.load_rules(lib)
        lib.close()
    finally:
        if old is None:
            os.environ.pop("CALMDESK_HOME", None)
        else:
            os.environ["CALMDESK_HOME"] = old


def test_the_table_is_big_enough_and_well_formed():
    assert len(BAD) >= MIN_ROWS and len(GOOD) >= MIN_ROWS
    assert all(len(r) in (3, 4) and r[1] in r[0] for r in BAD), [r for r in BAD if len(r) not in (3, 4) or r[1] not in r[0]]
    assert all(len(r) in (1, 2) for r in GOOD)
    assert len({r[0] for r in BAD}) == len(BAD) and len({r[0] for r in GOOD}) == len(GOOD)


def test_every_bad_draft_is_flagged_where_and_as_what_the_table_says(rules):
    missed = []
    for row in BAD:
        text, hit, kind = row[:3]
        industry = row[3] if len(row) > 3 else None
        start = text.index(hit)
        issues = draft_check.check(text, rules, industry)
        if not any(i.kind == kind and i.start < start + len(hit) and start < i.end for i in issues):
            missed.append(f"{text} ⟵ 应标出「{hit}」({kind})，实际 {[(i.text, i.kind) for i in issues]}")
    assert missed == []


def test_no_good_draft_is_flagged(rules):
    flagged = []
    for row in GOOD:
        text = row[0]
        industry = row[1] if len(row) > 1 else None
        issues = draft_check.check(text, rules, industry)
        if issues:
            flagged.append(f"{text} ⟵ {[(i.text, i.kind, i.rule) for i in issues]}")
    assert flagged == []


def test_the_table_covers_every_kind_of_mistake():
    kinds = Counter(r[2] for r in BAD)
    assert {"shirking", "blame", "overpromise", "sarcasm", "jargon", "impatience", "perfunctory", "rigid",
            "privacy", "compliance"} <= set(kinds)
    assert kinds["shirking"] >= 20 and kinds["overpromise"] >= 20


def test_every_better_wording_is_sayable_without_invented_facts(rules):
    # A suggestion the agent may copy must not carry a deadline, amount or count it cannot know:
    # those are slots 【…】. Examples of masking (尾号、证件号) are about format, not facts.
    invented = []
    for rule in rules.rules:
        for advice in [rule.advice, *rule.word_advice.values()]:
            for fact in content_rules.fact_hits(advice.suggestion):
                invented.append(f"{rule.id}: {advice.suggestion} ⟵ {fact}")
    assert invented == []
