"""The phrase library 2.0 (issue 14) holds to its content rules: run over the shipped files.

Every fact a slot, no claimed actions, offers that name their authority, 25 customer examples
per scenario, one-channel lines tagged, nothing copied from the training texts; a failure
lists every line that breaks a rule.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.core import paths, textnorm
from desktop_app.core.playbooks import content_rules as phrase_rules

MIN_EXAMPLES = 25
SEED_RUN = 10  # no run of this many characters copied from the training texts
def _report(problems) -> str:
    return "\n".join(map(str, problems[:60])) + (f"\n……共 {len(problems)} 处" if len(problems) > 60 else "")


def _problems(books, field: str, needle: str = ""):
    return [p for p in phrase_rules.content_problems(books) if p.field.endswith(field) and needle in p.message]


def test_no_fact_is_baked_into_an_act_or_negotiate_phrase(books):
    found = _problems(books, ".text", "写死了")
    assert found == [], _report(found)


def test_no_phrase_claims_an_action_the_agent_cannot_know_was_taken(books):
    found = _problems(books, ".text", "声称已经")
    assert found == [], _report(found)


def test_every_offer_of_compensation_names_who_may_make_it(books):
    found = _problems(books, ".authority")
    assert found == [], _report(found)


def test_playbooks_check_passes_on_the_shipped_library():
    from desktop_app.core.packs import loader as packs

    pack = packs.load(paths.bundled_playbooks_dir())
    assert pack.problems == [], _report(pack.problems)


def test_every_scenario_has_enough_customer_examples(scenarios):
    short = {s.key: len(s.examples) for s in scenarios if len(s.examples) < MIN_EXAMPLES}
    assert short == {}


def test_customer_examples_are_distinct_within_a_scenario(scenarios):
    dupes = {}
    for s in scenarios:
        folded = [textnorm.compact(e) for e in s.examples]
        repeated = sorted({e for e in folded if folded.count(e) > 1})
        if repeated:
            dupes[s.key] = repeated
    assert dupes == {}


# Lines that only make sense in one channel: they must carry that channel's tag (untagged = any).
CHANNEL_CUES = {
    "counter": re.compile(r"您先坐|请坐|坐这边|喝口水|喝杯水|倒杯水|拿号|取号|窗口这边|柜台这边|递给您|拿给您|您签个字|签字确认"),
    "phone": re.compile(r"电话里|电话别挂|别挂电话|不要挂断|通着电话|听筒|您在线稍等|我在电话这头"),
    "chat": re.compile(r"截图发我|发截图|截个图|图片发|发个图|把照片发|点击链接|在对话框|这个窗口里打字|打字告诉我"),
}


def test_a_line_that_fits_one_channel_only_is_tagged_for_it(scenarios):
    wrong = []
    for s in scenarios:
        for p in s.phrases:
            needs = [c for c, cue in CHANNEL_CUES.items() if cue.search(textnorm.fold(p.text))]
            if len(needs) == 1 and p.channel != needs[0]:
                wrong.append(f"{s.key}: {p.text} → channel: {needs[0]}（现为「{p.channel or '不限'}」）")
    assert wrong == []


def _seed_texts() -> list[str]:
    for parent in Path(__file__).resolve().parents:
        folder = parent / "shared" / "seeds"
        if folder.is_dir():
            return [textnorm.compact(p.read_text(encoding="utf-8", errors="replace"))
                    for p in sorted(folder.glob("*.txt"))]
    return []


def test_no_run_of_ten_characters_is_copied_from_the_seeds(books):
    seeds = _seed_texts()
    if not seeds:
        pytest.skip("the seed texts (../shared/seeds) are not beside this checkout")
    runs = set()
    for seed in seeds:
        runs.update(seed[i : i + SEED_RUN] for i in range(len(seed) - SEED_RUN + 1))
    texts = [(s.key, t) for b in books for s in b.scenarios for t in [*(p.text for p in s.phrases), *s.examples]]
    texts += [(t.key, t.text) for b in books for t in b.templates]
    copied = []
    for key, text in texts:
        c = textnorm.compact(text)
        hit = next((c[i : i + SEED_RUN] for i in range(len(c) - SEED_RUN + 1) if c[i : i + SEED_RUN] in runs), None)
        if hit:
            copied.append(f"{key}: …{hit}…")
    assert copied == []


# ---------------------------------------------------------------- templates, checklists, 红转绿


def test_templates_have_no_default_deadline_and_claim_nothing(books):
    templates = [t for b in books for t in b.templates]
    assert not [t.key for t in templates if "时限" in t.placeholders]
    claims = [f"{t.key}: {hit}" for t in templates for hit in phrase_rules.claim_hits(t.text) if "内部" in hit]
    assert claims == []
    from desktop_app.core.templates import fill

    assert "时限" not in fill.standard_defaults()


def test_templates_cover_the_hard_letters(books):
    keys = {t.key for b in books for t in b.templates}
    assert {"reply_not_upheld_phone", "reply_not_upheld_letter", "reply_regulator_phone", "reply_regulator_letter",
            "notice_interim_chat", "notice_missed_deadline_phone", "notice_outage_sms", "handover_supervisor_phone",
            "handover_end_abusive_call"} <= keys


def test_checklists_for_risks_media_and_the_hotline_map(books):
    lists = {c.flag: c for b in books for c in b.checklists}
    assert {"emergency", "fraud", "danger", "violence", "vulnerable", "data_leak", "group"} <= set(lists)
    assert any("删帖" in line for line in lists["media_threat"].never)
    hotlines = " ".join(lists["regulator"].do)
    for number in ("12378", "12363", "12345", "12315", "12300", "12320"):
        assert number in hotlines


def test_red_green_translations_and_patterns_filed_right(books):
    rg = next(b.redgreen for b in books if b.redgreen)
    assert len(rg.translations) >= 15 and all(said and need for said, need in rg.translations)
    should = rg.patterns["should"]["red"]
    assert not any(w in line for line in should for w in ("同事", "公司应该"))  # blaming others, not 应该思维
    assert not any("一定觉得" in line for line in rg.patterns["catastrophizing"]["red"])  # mind-reading
