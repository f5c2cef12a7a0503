"""The draft checker's table (issue 14): at least 150 drafts it must flag and 150 it must leave alone.

The drafts live in tests/data/checker/drafts_bad.tsv and drafts_good.tsv, one per line, written
for this test (never taken from customer data). The checker runs with the shipped library's 禁语,
as an agent's window does. A bad draft names the words that must be marked and their kind; a
good draft must come back with no mark at all.
"""

from __future__ import annotations

import re
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
def rules(bundled_library):
    return draft_check.load_rules(bundled_library)


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


# A rewrite is offered for a word wherever it appears, so it knows nothing of the case: no count of
# steps, options or things to do (关键的三步、两个办法、两件事), and no step of a procedure or a favour
# the agent cannot know exists here (本人到场、不用排队、手工处理、补发、派师傅上门、合同第五条).
_INVENTED_COUNT = re.compile(r"[两二三四五六七八九十]+\s*(?:个|种|步|件|条|项|点|样)(?!点)")
_INVENTED_STEP = re.compile(
    r"手工|人工处理|不用排队|免排队|直接办理|预约好|预约.{0,4}号|本人到场|带上身份证|到柜台|柜台签字|派师傅|安排.{0,3}上门|"
    r"补发|优先发出|合同第|专线|短信发给您|已经处理完|很多人|确实少见|可行性|卡在.{0,4}这一步|不保本"
)


def _invented(suggestion: str) -> list[str]:
    return [*content_rules.fact_hits(suggestion), *content_rules.claim_hits(suggestion),
            *(m.group(0) for m in _INVENTED_COUNT.finditer(suggestion)),
            *(m.group(0) for m in _INVENTED_STEP.finditer(suggestion))]


def test_every_better_wording_is_sayable_without_invented_facts(rules):
    # A suggestion the agent may copy must not carry a deadline, a day (明天中午前、今天下午), an amount,
    # a count or an action it cannot know: those are slots 【…】. Examples of masking (尾号、证件号)
    # are about format, not facts. And a rewrite must pass the checker it comes from.
    invented = []
    for rule in rules.rules:
        for advice in [rule.advice, *rule.word_advice.values()]:
            for fact in _invented(advice.suggestion):
                invented.append(f"{rule.id}: {advice.suggestion} ⟵ {fact}")
            quoted = re.findall(r"“([^”]+)”", advice.suggestion) or [advice.suggestion]
            for issue in (i for q in quoted for i in draft_check.check(q, rules)):
                invented.append(f"{rule.id}: {advice.suggestion} ⟵ 自己也被标出「{issue.text}」")
    assert invented == []


@pytest.mark.parametrize("rewrite", [
    "这部分说明写得比较绕，我把关键的三步直接讲给您，您边听边对照。",
    "同时这件事我也会继续跟进，今天下午先给您回个电话。",
    "这样要求是为了保护您的资金安全，需要本人到场核实；我帮您预约好时间，您来了不用排队。",
    "您遇到的不方便我会报给技术部门，同时我先手工帮您处理。",
    "我看到您之前也反映过相关问题，明天中午前给您一个完整的答复。",
])
def test_the_rewrites_the_tester_found_count_as_invented(rewrite):
    assert _invented(rewrite)
