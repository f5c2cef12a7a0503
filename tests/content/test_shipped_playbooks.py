"""The bundled library (issue 3) holds to its own rules: these run over the shipped files."""

from __future__ import annotations

from collections import defaultdict

import pytest

from desktop_app.core import textnorm

from desktop_app.core.vocab import INDUSTRIES, PERSONAS, TEMPLATE_KINDS, THINKING_PATTERNS

MUST_HAVE_STAGES = {"listen", "empathize", "act", "thank"}


@pytest.fixture(scope="module")
def phrases(scenarios):
    return [(s, p) for s in scenarios for p in s.phrases]




def test_sizes(books, scenarios, phrases):
    assert len(scenarios) >= 40
    assert len({s.industry for s in scenarios}) >= 8
    assert len(phrases) >= 800
    assert sum(len(b.templates) for b in books) >= 30
    assert sum(len(b.forbidden) for b in books) >= 60


def test_no_duplicate_phrases_after_folding(phrases):
    seen: dict[str, str] = {}
    dupes = []
    for s, p in phrases:
        key = textnorm.compact(p.text)
        if key in seen:
            dupes.append(f"{s.key}: {p.text} = {seen[key]}")
        seen.setdefault(key, f"{s.key}: {p.text}")
    assert dupes == []


def test_phrase_lengths(phrases):
    wrong = [f"{s.key}: {p.text} ({len(p.text)})" for s, p in phrases if not 8 <= len(p.text) <= 80]
    assert wrong == []


def test_every_scenario_covers_the_core_stages(scenarios):
    missing = {s.key: MUST_HAVE_STAGES - {p.stage for p in s.phrases} for s in scenarios}
    assert {k: v for k, v in missing.items() if v} == {}


def test_every_persona_appears_in_every_industry(scenarios):
    by_industry = defaultdict(set)
    for s in scenarios:
        by_industry[s.industry] |= {p.persona for p in s.phrases}
    assert set(by_industry) == set(INDUSTRIES)
    missing = {ind: set(PERSONAS) - seen for ind, seen in by_industry.items() if set(PERSONAS) - seen}
    assert missing == {}


def test_templates_cover_kinds_channels_and_tones(books):
    templates = [t for b in books for t in b.templates]
    assert {t.kind for t in templates} == set(TEMPLATE_KINDS)
    assert {t.channel for t in templates} == {"phone", "chat", "letter"}
    assert set(PERSONAS) <= {t.persona for t in templates}


def test_red_green_content(books):
    redgreen = [b.redgreen for b in books if b.redgreen]
    assert redgreen
    patterns = redgreen[0].patterns
    assert set(patterns) == set(THINKING_PATTERNS)
    for key, parts in patterns.items():
        assert len(parts["red"]) >= 8 and len(parts["green"]) >= 8, key
    assert len(redgreen[0].emotion_words) >= 20


def test_checklists_for_every_risk_flag(books):
    flags = {c.flag for b in books for c in b.checklists}
    assert {"escalation", "media_threat", "regulator", "legal", "abuse"} <= flags


def test_no_phrase_contains_a_forbidden_expression(books, phrases):
    forbidden = [(textnorm.fold(t), f.text) for b in books for f in b.forbidden for t in [f.text, *f.variants]]
    hits = [f"{s.key}: {p.text} ⟵ {orig}" for s, p in phrases for t, orig in forbidden if t in textnorm.fold(p.text)]
    assert hits == []


def test_each_trigger_word_finds_its_scenario_in_the_top_five(bundled_library, scenarios):
    misses = []
    for s in scenarios:
        for trigger in s.triggers:
            top = bundled_library.search(trigger, limit=5)
            if not any(h.doc.scenario == s.key for h in top):
                misses.append(f"{s.key}: {trigger} → {[h.doc.scenario for h in top]}")
    assert misses == []


def test_the_library_passes_its_own_draft_checker(bundled_library, phrases, books):
    from desktop_app.core.checker import draft_check
    rules = draft_check.load_rules(bundled_library)
    texts = [(s.industry, s.key, p.text) for s, p in phrases]
    texts += [("general", f"template:{t.key}", t.text) for b in books for t in b.templates]
    flagged = [f"{key}: {text} ⟵ {[i.text for i in issues]}" for industry, key, text in texts
               if (issues := draft_check.check(text, rules, industry=industry))]
    assert flagged == []
