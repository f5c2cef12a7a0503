"""The library's playbooks as documents: the shape of a playbook YAML file, read back from the database.

A document is exactly what a trainer would have written (format, scenarios with their phrases
grouped by stage, templates, 禁语, checklists, 红转绿), so exporting it as YAML and importing it
again changes nothing, and the Excel writer lays the same document out as rows. The agent's
own phrases, favourites and usage are not part of any playbook and are never exported.
"""

from __future__ import annotations

from collections.abc import Iterable

import yaml

from desktop_app.core.library.models import Checklist, Forbidden, Phrase, Playbook, RedGreenItem, Scenario, Template
from desktop_app.core.vocab import ALL_PERSONAS


def playbook_names() -> list[str]:
    return [n for (n,) in Playbook.select(Playbook.name).order_by(Playbook.name).tuples()]


def documents(names: Iterable[str] | None = None) -> list[tuple[str, dict]]:
    """(file name, document) for each playbook in the library, or for the ones named."""
    query = Playbook.select().order_by(Playbook.name)
    if names is not None:
        query = query.where(Playbook.name.in_(list(names)))
    return [(pb.name, _document(pb)) for pb in query]


def _document(pb: Playbook) -> dict:
    doc: dict = {"format": 1}
    scenarios = _scenarios(pb)
    if scenarios:
        doc["scenarios"] = scenarios
    templates = [_template(t) for t in Template.select().where(Template.playbook == pb).order_by(Template.id)]
    if templates:
        doc["templates"] = templates
    forbidden = [_forbidden(f) for f in Forbidden.select().where(Forbidden.playbook == pb).order_by(Forbidden.id)]
    if forbidden:
        doc["forbidden"] = forbidden
    checklists = {c.flag: {"title": c.title, "do": c.do or [], "never": c.never or [],
                           "handover": c.handover or []}
                  for c in Checklist.select().where(Checklist.playbook == pb).order_by(Checklist.id)}
    if checklists:
        doc["checklists"] = checklists
    redgreen = _redgreen(pb)
    if redgreen:
        doc["redgreen"] = redgreen
    return doc


def _scenarios(pb: Playbook) -> list[dict]:
    rows = {s.id: s for s in Scenario.select().where(Scenario.playbook == pb).order_by(Scenario.id)}
    phrases: dict[int, list[Phrase]] = {sid: [] for sid in rows}
    query = (Phrase.select().where(Phrase.playbook == pb, Phrase.source == "playbook")
             .order_by(Phrase.position, Phrase.id))
    for phrase in query:
        if phrase.scenario_id in phrases:
            phrases[phrase.scenario_id].append(phrase)
    # Scenarios in the order of their first phrase (the file's order); empty ones last.
    order = sorted(rows, key=lambda sid: (not phrases[sid], phrases[sid][0].position if phrases[sid] else 0, sid))
    out = []
    for sid in order:
        s = rows[sid]
        stages: dict[str, list] = {}
        for p in phrases[sid]:
            stages.setdefault(p.stage, []).append(_phrase(p))
        out.append({"key": s.key, "name": s.name, "industry": s.industry, "description": s.description,
                    "triggers": s.triggers or [], "phrases": stages})
    return out


def _phrase(p: Phrase) -> str | dict:
    tags: list[str] = p.tags or []
    explicit = p.uid[3:] if p.uid.startswith("id:") else None
    if p.persona == ALL_PERSONAS and not tags and not explicit and not p.channel and not p.authority:
        return p.text
    item: dict = {"text": p.text}
    if p.persona != ALL_PERSONAS:
        item["persona"] = p.persona
    if p.channel:
        item["channel"] = p.channel
    if p.authority:
        item["authority"] = p.authority
    if tags:
        item["tags"] = tags
    if explicit:
        item["id"] = explicit
    return item


def _template(t: Template) -> dict:
    item = {"key": t.key, "kind": t.kind, "channel": t.channel, "persona": t.persona, "title": t.title,
            "text": t.text}
    placeholders: dict[str, str] = t.placeholders or {}
    if placeholders:
        item["placeholders"] = placeholders
    return item


def _forbidden(f: Forbidden) -> dict:
    item: dict = {"text": f.text}
    variants: list[str] = f.variants or []
    if variants:
        item["variants"] = variants
    item.update(category=f.category, why=f.why, better=f.better)
    return item


def _redgreen(pb: Playbook) -> dict:
    patterns: dict[str, dict[str, list[str]]] = {}
    words: list[str] = []
    translations: list[dict[str, str]] = []
    for item in RedGreenItem.select().where(RedGreenItem.playbook == pb).order_by(RedGreenItem.id):
        if item.kind == "emotion_word":
            words.append(item.text)
        elif item.kind == "translation":
            translations.append({"said": item.text, "need": item.need})
        else:
            patterns.setdefault(item.pattern, {"red": [], "green": []})[item.kind].append(item.text)
    out: dict = {}
    if patterns:
        out["patterns"] = patterns
    if words:
        out["emotion_words"] = words
    if translations:
        out["translations"] = translations
    return out


class _Dumper(yaml.SafeDumper):
    """Never writes anchors or aliases: the loader refuses them."""

    def ignore_aliases(self, data) -> bool:
        return True


def to_yaml(name: str, doc: dict) -> str:
    head = f"# {name}：由 CalmDesk 导出的话术文件（格式见 playbooks/README.md）\n"
    return head + yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                            default_flow_style=False)


def playbooks_by_industry() -> dict[str, list[str]]:
    """Industry key -> the playbook files holding a scenario of it (export one industry)."""
    out: dict[str, list[str]] = {}
    rows = (Scenario.select(Scenario.industry, Playbook.name).join(Playbook).distinct()
            .order_by(Playbook.name).tuples())
    for industry, name in rows:
        names = out.setdefault(industry, [])
        if name not in names:
            names.append(name)
    return out
