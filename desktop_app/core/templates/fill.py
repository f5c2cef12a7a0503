"""谢/道歉 templates: fill the placeholders, find a template, compose a full apology.

Rendering is one pass over the placeholder grammar of `placeholders`: a value is inserted as
written and never scanned again, so a name containing `{x}` or `{{` stays literal and nothing
is evaluated (no str.format anywhere). A placeholder with neither a value nor a default becomes
a visible marker 【名称】 that the agent cannot overlook before sending.

Wording lives in data, not here: standard defaults, the composer's parts and the words that
make a search surface templates are read from resources/templates/composer.yaml.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from desktop_app.core import paths, safe_yaml, textnorm

from desktop_app.core.templates import placeholders
from desktop_app.core.library.models import Setting
from desktop_app.core.vocab import ALL_PERSONAS, TEMPLATE_KINDS

log = logging.getLogger(__name__)

# The agent's own details, remembered between calls: placeholder -> Setting key.
REMEMBERED: dict[str, str] = {"客服姓名": "agent.name", "工号": "agent.staff_no"}

# The composer's parts in the order the training teaches for 谢: thank, empathise, apologise,
# remedy with a time, thank again.
COMPOSER_PARTS = ("thank", "empathize", "apologize", "remedy", "thank_again")
SEVERITIES: dict[str, str] = {"light": "一般", "serious": "严重"}
MAX_QUERY_CHARS = 200


def marker(name: str) -> str:
    """What an unfilled placeholder looks like in the output."""
    return f"【{name}】"


# ---------------------------------------------------------------- rendering


@dataclass(frozen=True)
class Rendered:
    text: str
    missing: tuple[str, ...] = ()  # placeholders shown as markers, in order of first use


def render(template: str, values: Mapping[str, object] | None = None,
           defaults: Mapping[str, str] | None = None) -> Rendered:
    """Fill `template`; a value wins over the template's default, which wins over the standard one.

    Never raises and never evaluates: braces that are not a bare name are copied as written.
    """
    values = values or {}
    fallback = _fallbacks(defaults)
    out: list[str] = []
    missing: list[str] = []
    pos = 0
    for match in placeholders.TOKEN.finditer(template):
        out.append(template[pos : match.start()])
        pos = match.end()
        token, name = match.group(0), match.group(1)
        if token in ("{{", "}}"):
            out.append(token[0])
        elif name:
            value = values.get(name)
            if not _filled(value):
                value = fallback.get(name)
            if _filled(value):
                out.append(str(value))
            else:
                out.append(marker(name))
                if name not in missing:
                    missing.append(name)
        else:
            out.append(token)
    out.append(template[pos:])
    return Rendered("".join(out), tuple(missing))


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _fallbacks(defaults: Mapping[str, str] | None) -> dict[str, str]:
    """The template's own defaults over the standard ones; a blank default is no default."""
    return {**standard_defaults(), **{k: v for k, v in (defaults or {}).items() if _filled(v)}}


def standard_defaults() -> dict[str, str]:
    """Defaults for the standard placeholders; 日期 is always today's date."""
    today = dt.date.today()
    return {**_composer_data().defaults, "日期": f"{today.year}年{today.month}月{today.day}日"}


# ---------------------------------------------------------------- templates from the library


@dataclass(frozen=True)
class TemplateDoc:
    key: str
    kind: str
    channel: str
    persona: str
    title: str
    text: str
    defaults: Mapping[str, str] = field(default_factory=dict)

    @property
    def names(self) -> list[str]:
        return placeholders.find(self.text)[0]

    def render(self, values: Mapping[str, object] | None = None) -> Rendered:
        return render(self.text, values, self.defaults)

    def as_json(self) -> dict:
        return {"key": self.key, "kind": self.kind, "channel": self.channel, "persona": self.persona,
                "title": self.title, "text": self.text, "placeholders": dict(self.defaults)}


@dataclass(frozen=True)
class FormField:
    name: str
    default: str | None  # what an empty field renders as; None renders a marker
    remembered: bool  # the agent's own detail, kept between calls


def from_row(row) -> TemplateDoc:
    """A TemplateDoc from a `models.Template` row (placeholders stored as JSON)."""
    try:
        defaults = row.placeholders or {}
    except ValueError:
        defaults = {}
    if not isinstance(defaults, dict):
        defaults = {}
    return TemplateDoc(row.key, row.kind, row.channel, row.persona or ALL_PERSONAS, row.title, row.text,
                       {str(k): str(v) for k, v in defaults.items()})


def load_templates(library) -> list[TemplateDoc]:
    return [from_row(row) for row in library.templates()]


def choose(docs: list[TemplateDoc], kind: str | None = None, channel: str | None = None,
           persona: str | None = None) -> list[TemplateDoc]:
    """Templates of a kind and channel that suit a persona: exact persona first, then `all`."""
    kinds = list(TEMPLATE_KINDS)
    out = [d for d in docs if (kind is None or d.kind == kind) and (channel is None or d.channel == channel)
           and (persona in (None, ALL_PERSONAS) or d.persona in (persona, ALL_PERSONAS))]
    return sorted(out, key=lambda d: (kinds.index(d.kind) if d.kind in kinds else len(kinds),
                                      d.persona != persona, d.channel, d.key))


def form_fields(doc: TemplateDoc) -> list[FormField]:
    """The form the agent fills for a template: its placeholders in order of first use."""
    fallback = _fallbacks(doc.defaults)
    return [FormField(n, fallback.get(n), n in REMEMBERED) for n in doc.names]


def find_templates(library, query: str, limit: int = 5) -> list[TemplateDoc]:
    """Templates for what the agent typed in the main search ("谢", "道歉", "回访", a title word).

    A kind word (感谢, 致歉, …) ranks first, then a match in the title, then in the text.
    Folded, so Traditional and full-width input match too. An empty query finds nothing.
    """
    # Template search is for a few words; a pasted page would only slow the keystroke down.
    q = textnorm.fold((query or "")[:MAX_QUERY_CHARS]).strip()
    if not q or limit < 1:
        return []
    kinds = {kind for kind, words in _composer_data().kind_words.items() if any(q in w or w in q for w in words)}
    scores: dict[str, int] = {}
    docs = []
    for doc in load_templates(library):
        score = 4 if doc.kind in kinds else 0
        # A single character matches almost every text: only kind words count for it.
        if len(q) >= 2:
            score += 2 * (q in textnorm.fold(doc.title)) + (q in textnorm.fold(doc.text))
        if score:
            scores[doc.key] = score
            docs.append(doc)
    ranked = choose(docs)  # ties keep the taught order of kinds
    ranked.sort(key=lambda d: -scores[d.key])
    return ranked[:limit]


# ---------------------------------------------------------------- the apology composer


def compose(severity: str = "light", persona: str | None = None) -> TemplateDoc:
    """A full reply in the taught order, as a template to fill like any other.

    `light` suits an inconvenience, `serious` a complaint that hurt the customer. The wording
    (in resources) regrets what the customer went through without admitting fault beyond the facts.
    """
    if severity not in SEVERITIES:
        raise ValueError(f"未知的严重程度「{severity}」（可用：{', '.join(SEVERITIES)}）")
    text = "".join(text for _part, text in compose_parts(severity, persona))
    return TemplateDoc(f"composer_{severity}", "apology", "chat", persona or ALL_PERSONAS,
                       f"组合致歉（{SEVERITIES[severity]}）", text, {})


def compose_parts(severity: str, persona: str | None = None) -> list[tuple[str, str]]:
    """(part, template text) in order; each part picks the persona's wording, else the general one."""
    variants = _composer_data().parts.get(severity, {})
    out = []
    for part in COMPOSER_PARTS:
        options = variants.get(part, [])
        chosen = next((t for t, p in options if persona and p == persona), None)
        chosen = chosen or next((t for t, p in options if p == ALL_PERSONAS), None)
        if chosen:
            out.append((part, chosen))
    return out


# ---------------------------------------------------------------- the agent's remembered details


def remembered_values(library) -> dict[str, str]:
    """The agent's own name and staff number as last typed (stored in the Setting table)."""
    keys = {key: name for name, key in REMEMBERED.items()}
    rows = Setting.select(Setting.key, Setting.value).where(Setting.key.in_(list(keys))).tuples()
    return {keys[k]: v for k, v in rows}


def remember(library, values: Mapping[str, object]) -> None:
    """Store the remembered fields present in `values`; a cleared field forgets the detail."""
    with library.store.db.atomic():
        for name, key in REMEMBERED.items():
            if name not in values:
                continue
            value = str(values[name] or "").strip()
            if value:
                Setting.replace(key=key, value=value).execute()
            else:
                Setting.delete().where(Setting.key == key).execute()


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class _ComposerData:
    defaults: dict[str, str]
    kind_words: dict[str, tuple[str, ...]]  # folded
    parts: dict[str, dict[str, list[tuple[str, str]]]]  # severity -> part -> [(text, persona)]


def composer_path() -> Path:
    return paths.resources_dir() / "templates" / "composer.yaml"


@lru_cache(maxsize=4)
def _load_composer(path: Path) -> _ComposerData:
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        # Without the file the templates still render (with markers); the composer is empty.
        log.error("composer data not loaded from %s: %s", path, exc)
        data = {}
    data = data if isinstance(data, dict) else {}
    defaults = {str(k): str(v) for k, v in (data.get("defaults") or {}).items() if _filled(v)}
    kind_words = {kind: tuple(textnorm.fold(str(w)) for w in [label, *(data.get("kind_words") or {}).get(kind, [])])
                  for kind, label in TEMPLATE_KINDS.items()}
    parts: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for severity, by_part in (data.get("composer") or {}).items():
        for part, items in (by_part or {}).items():
            for item in items or []:
                text, persona = (item, ALL_PERSONAS) if isinstance(item, str) else (
                    (item.get("text"), item.get("persona", ALL_PERSONAS)) if isinstance(item, dict) else (None, None))
                if isinstance(text, str) and text.strip() and not placeholders.find(text)[1]:
                    parts.setdefault(str(severity), {}).setdefault(str(part), []).append(
                        (text.strip(), str(persona or ALL_PERSONAS)))
                else:
                    log.warning("composer: skipped a bad %s/%s entry in %s", severity, part, path)
    return _ComposerData(defaults, kind_words, parts)


def _composer_data() -> _ComposerData:
    return _load_composer(composer_path())
