"""Reading and validating playbook files (YAML) written by trainers.

Every problem is reported with file, line and field, all of them at once, so a trainer can
fix a file in one pass. Loading is safe by construction: size and nesting limits, no YAML
anchors or aliases (no billion laughs), only plain scalars, lists and mappings.
The format is documented for trainers in playbooks/README.md.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from desktop_app.core import safe_files, safe_yaml, textnorm

from desktop_app.core.templates import placeholders
from desktop_app.core.vocab import (
    ALL_PERSONAS,
    CHANNELS,
    FLAGS,
    FORBIDDEN_CATEGORIES,
    AUTHORITIES,
    INDUSTRIES,
    PERSONAS,
    PHRASE_CHANNELS,
    STAGES,
    TEMPLATE_KINDS,
    THINKING_PATTERNS,
)

FORMAT_VERSION = 1
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = safe_yaml.MAX_DEPTH
MAX_EVENTS = safe_yaml.MAX_EVENTS
MAX_PROBLEMS = 200  # a trainer fixes the first ones; listing 100k helps nobody
MAX_PHRASE_CHARS = 300
MAX_TEMPLATE_CHARS = 2000
MAX_EXAMPLE_CHARS = 200
MAX_EXAMPLES = 200
KEY_RE = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
ID_RE = re.compile(r"[A-Za-z0-9_.\-]{1,64}\Z")
# Control characters (C0 and C1), and the invisible ones that change what an agent sees or
# copies: bidi overrides (U+202E turns text around), zero-width spaces and joiners, BOMs.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                      "\u2060-\u2069\ufeff\ufff9-\ufffb]")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class PlaybookError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class PhraseSpec:
    uid: str
    text: str
    stage: str
    persona: str
    tags: list[str]
    line: int
    channel: str = ""  # "" = any channel
    authority: str = ""  # "" = no offer of compensation; else the lowest role that may make it


@dataclass
class ScenarioSpec:
    key: str
    name: str
    industry: str
    description: str
    triggers: list[str]
    phrases: list[PhraseSpec]
    line: int
    examples: list[str] = field(default_factory=list)  # 客户原话: what customers say in this scenario


@dataclass
class TemplateSpec:
    key: str
    kind: str
    channel: str
    persona: str
    title: str
    text: str
    placeholders: dict[str, str]
    line: int


@dataclass
class ForbiddenSpec:
    text: str
    variants: list[str]
    category: str
    why: str
    better: str
    line: int


@dataclass
class ChecklistSpec:
    flag: str
    title: str
    do: list[str]
    never: list[str]
    handover: list[str]
    line: int


@dataclass
class RedGreenSpec:
    patterns: dict[str, dict[str, list[str]]]  # pattern -> {"red": [...], "green": [...]}
    emotion_words: list[str]
    # 正向翻译: (what an angry customer says, the need behind it), e.g. 你们什么破服务 → 想被当回事
    translations: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class PlaybookFile:
    name: str
    path: Path
    sha256: str
    scenarios: list[ScenarioSpec] = field(default_factory=list)
    templates: list[TemplateSpec] = field(default_factory=list)
    forbidden: list[ForbiddenSpec] = field(default_factory=list)
    checklists: list[ChecklistSpec] = field(default_factory=list)
    redgreen: RedGreenSpec | None = None

    @property
    def phrase_count(self) -> int:
        return sum(len(s.phrases) for s in self.scenarios)


def phrase_uid(scenario_key: str, text: str, explicit_id: str | None = None) -> str:
    """A phrase's identity: the trainer's id, or a hash of its scenario and folded text.

    Folding means that fixing punctuation or width keeps the agent's usage and favourite.
    """
    if explicit_id:
        return f"id:{explicit_id}"
    digest = hashlib.sha1(f"{scenario_key}\x1f{textnorm.compact(text)}".encode()).hexdigest()
    return digest[:16]


# ---------------------------------------------------------------- reading YAML safely


class _Reader:
    """Walks a composed YAML node tree, collecting problems with their line numbers."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.typos: dict[str, str] = {}  # mistyped key -> the field it surely meant

    def problem(self, node: yaml.Node | None, path: str, message: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            if len(self.problems) == MAX_PROBLEMS:
                self.problems.append(Problem(self.name, None, "", f"问题太多，只列出前 {MAX_PROBLEMS} 处"))
            return
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.name, line, path, message))

    def mapping(self, node: yaml.Node, path: str, allowed: Iterable[str]) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, "应为键值对（mapping）")
            return None
        allowed = set(allowed)
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self.problem(key_node, path, "键必须是简单文字")
                continue
            if key in out:
                self.problem(key_node, f"{path}.{key}" if path else key, "重复的键")
                continue
            if key not in allowed:
                hint = "、".join(sorted(allowed))
                meant = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.75)
                if meant:
                    self.typos[key] = meant[0]
                    message = f"未知的字段：是不是写错了，应为「{meant[0]}」？（可用：{hint}）"
                else:
                    message = f"未知的字段（可用：{hint}）"
                self.problem(key_node, f"{path}.{key}" if path else key, message)
                continue
            out[key] = value_node
        return out

    def text(self, fields: dict, parent: yaml.Node, path: str, key: str, *, required=True,
             max_chars: int = 200, default: str = "") -> str:
        node = fields.get(key)
        where = f"{path}.{key}" if path else key
        if node is None:
            if required:
                self.problem(parent, where, "缺少此字段")
            return default
        return self.scalar(node, where, max_chars=max_chars, required=required) or default

    def scalar(self, node: yaml.Node, path: str, *, max_chars: int = 200, required=True) -> str:
        if _colon_split(node):
            self.problem(node, path, _COLON_SPLIT)
            return ""
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, path, "应为一段文字")
            return ""
        value = "" if node.tag == "tag:yaml.org,2002:null" else str(node.value).strip()
        if not value:
            if required:
                self.problem(node, path, "不能为空")
            return ""
        if m := _CONTROL.search(value):
            self.problem(node, path, f"含有不可见的控制字符（U+{ord(m.group(0)):04X}），请删掉后重新输入")
            return ""
        if len(value) > max_chars:
            self.problem(node, path, f"太长（{len(value)} 字，最多 {max_chars} 字）")
            return ""
        return value

    def choice(self, fields: dict, parent: yaml.Node, path: str, key: str, options: Iterable[str],
               *, default: str | None = None) -> str:
        where = f"{path}.{key}" if path else key
        node = fields.get(key)
        if node is None:
            if default is None:
                self.problem(parent, where, "缺少此字段")
                return ""
            return default
        value = self.scalar(node, where, max_chars=40)
        options = list(options)
        if value and value not in options:
            self.problem(node, where, f"未知的取值「{value}」（可用：{', '.join(options)}）")
            return ""
        return value

    def key(self, fields: dict, parent: yaml.Node, path: str, key: str = "key") -> str:
        value = self.text(fields, parent, path, key, max_chars=64)
        if value and not KEY_RE.match(value):
            self.problem(fields[key], f"{path}.{key}", f"「{value}」不是合法的键：只用小写字母、数字和下划线，以字母开头")
            return ""
        return value

    def text_list(self, node: yaml.Node | None, path: str, *, required=True, max_chars=200,
                  max_items=500) -> list[str]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, "应为列表")
            return []
        if len(node.value) > max_items:
            self.problem(node, path, f"条目太多（最多 {max_items} 条）")
            return []
        out = [self.scalar(item, f"{path}[{i}]", max_chars=max_chars) for i, item in enumerate(node.value)]
        out = [v for v in out if v]
        if required and not out and not node.value:
            self.problem(node, path, "列表不能为空")
        return out


_COLON_SPLIT = "这段文字被英文冒号加空格「: 」断成了「字段: 内容」：" + safe_yaml.COLON_FIX


def _colon_split(node: yaml.Node, allowed: Iterable[str] = ()) -> bool:
    """A text with an unquoted ': ' in it, which YAML read as a one-field mapping."""
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    key, value = node.value[0]
    return (isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
            and key.value not in allowed and key.start_mark.line == value.start_mark.line)


def load_file(path: Path | str, display_name: str | None = None) -> PlaybookFile:
    """Read and validate one playbook file; raises PlaybookError listing every problem."""
    path = Path(path)
    name = display_name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise PlaybookError([Problem(name, None, "", f"文件太大（{size // 1024} KB，最多 {MAX_FILE_BYTES // 1024} KB）")])
        raw = safe_files.read_regular(path, MAX_FILE_BYTES)  # a FIFO or /dev/zero: refused, not read
    except safe_files.NotARegularFile as exc:
        raise PlaybookError([Problem(name, None, "", str(exc))]) from None
    except OSError as exc:
        raise PlaybookError([Problem(name, None, "", f"无法读取文件：{exc.strerror or exc}")]) from None
    return load_bytes(raw, name, path)


def load_bytes(raw: bytes, name: str, path: Path | None = None, *, max_bytes: int = MAX_FILE_BYTES,
               limits: safe_yaml.Limits = safe_yaml.DEFAULT) -> PlaybookFile:
    """One playbook from its bytes. Spreadsheet packs pass larger limits: the YAML they generate
    grows with their rows, and their own row limit is what the trainer should meet."""
    if len(raw) > max_bytes:
        raise PlaybookError([Problem(name, None, "", f"文件太大（最多 {max_bytes // 1024} KB）")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PlaybookError([Problem(name, line, "", "不是 UTF-8 编码的文字文件（请用 UTF-8 保存）")]) from None
    try:
        # Anchors/aliases, deep nesting and runaway size are refused before any node is built.
        root = safe_yaml.compose(text, limits)
    except safe_yaml.UnsafeYaml as exc:
        raise PlaybookError([Problem(name, exc.line, "", exc.message)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover — the event scan above already parsed it
        raise PlaybookError([Problem(name, None, "", safe_yaml.yaml_error_zh(exc, text))]) from None
    book = PlaybookFile(name=name, path=path or Path(name), sha256=hashlib.sha256(raw).hexdigest())
    if root is None:
        raise PlaybookError([Problem(name, 1, "", "文件是空的")])
    reader = _Reader(name)
    _read_root(reader, root, book)
    if reader.problems:
        raise PlaybookError(reader.problems)
    return book


def _read_root(r: _Reader, root: yaml.Node, book: PlaybookFile) -> None:
    sections = ("format", "industry", "scenarios", "templates", "forbidden", "checklists", "redgreen")
    top = r.mapping(root, "", sections)
    if top is None:
        return
    fmt = r.text(top, root, "", "format", max_chars=10)
    if fmt and fmt != str(FORMAT_VERSION):
        r.problem(top["format"], "format", f"不支持的格式版本「{fmt}」（本程序读取 format: {FORMAT_VERSION}）")
    default_industry = r.choice(top, root, "", "industry", INDUSTRIES, default="") if "industry" in top else ""
    meant = set(r.typos.values())
    if "industry" in meant:
        # `industri: banking` is already reported; scenarios missing an industry would be a bogus second error.
        default_industry = "general"
    if not any(k in top for k in sections[2:]) and not meant & set(sections[2:]):
        r.problem(root, "", "文件里没有任何内容（scenarios / templates / forbidden / checklists / redgreen）")
    if "scenarios" in top:
        for i, node in enumerate(_items(r, top["scenarios"], "scenarios")):
            spec = _read_scenario(r, node, f"scenarios[{i}]", default_industry)
            if spec:
                book.scenarios.append(spec)
    if "templates" in top:
        for i, node in enumerate(_items(r, top["templates"], "templates")):
            template = _read_template(r, node, f"templates[{i}]")
            if template:
                book.templates.append(template)
    if "forbidden" in top:
        for i, node in enumerate(_items(r, top["forbidden"], "forbidden")):
            forbidden = _read_forbidden(r, node, f"forbidden[{i}]")
            if forbidden:
                book.forbidden.append(forbidden)
    if "checklists" in top:
        fields = r.mapping(top["checklists"], "checklists", FLAGS) or {}
        for flag, node in fields.items():
            checklist = _read_checklist(r, node, f"checklists.{flag}", flag)
            if checklist:
                book.checklists.append(checklist)
    if "redgreen" in top:
        book.redgreen = _read_redgreen(r, top["redgreen"])
    _check_duplicates(r, book)


def _items(r: _Reader, node: yaml.Node, path: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        r.problem(node, path, "应为列表（每项以 - 开头）")
        return []
    return list(node.value)


def _read_scenario(r: _Reader, node: yaml.Node, path: str, default_industry: str) -> ScenarioSpec | None:
    fields = r.mapping(node, path, ("key", "name", "industry", "description", "triggers", "examples", "phrases"))
    if fields is None:
        return None
    before = len(r.problems)
    key = r.key(fields, node, path)
    name = r.text(fields, node, path, "name", max_chars=40)
    industry = r.choice(fields, node, path, "industry", INDUSTRIES, default=default_industry or None)
    description = r.text(fields, node, path, "description", max_chars=300)
    if "triggers" not in fields:
        r.problem(node, f"{path}.triggers", "缺少此字段（客户常说的词，用于识别场景）")
    triggers = r.text_list(fields.get("triggers"), f"{path}.triggers", max_chars=20)
    examples = r.text_list(
        fields.get("examples"), f"{path}.examples", required=False, max_chars=MAX_EXAMPLE_CHARS, max_items=MAX_EXAMPLES
    )
    phrases: list[PhraseSpec] = []
    if "phrases" not in fields:
        r.problem(node, f"{path}.phrases", "缺少此字段")
    else:
        stages = r.mapping(fields["phrases"], f"{path}.phrases", STAGES) or {}
        for stage, items in stages.items():
            for i, item in enumerate(_items(r, items, f"{path}.phrases.{stage}")):
                phrase = _read_phrase(r, item, f"{path}.phrases.{stage}[{i}]", key, stage)
                if phrase:
                    phrases.append(phrase)
    if len(r.problems) > before:
        return None
    return ScenarioSpec(key, name, industry, description, triggers, phrases, node.start_mark.line + 1, examples)


def _read_phrase(r: _Reader, node: yaml.Node, path: str, scenario: str, stage: str) -> PhraseSpec | None:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        text = r.scalar(node, path, max_chars=MAX_PHRASE_CHARS)
        return PhraseSpec(phrase_uid(scenario, text), text, stage, ALL_PERSONAS, [], line) if text else None
    allowed = ("text", "persona", "tags", "id", "channel", "authority")
    if _colon_split(node, allowed):
        r.problem(node, path, _COLON_SPLIT)
        return None
    fields = r.mapping(node, path, allowed)
    if fields is None:
        return None
    before = len(r.problems)
    text = r.text(fields, node, path, "text", max_chars=MAX_PHRASE_CHARS)
    persona = r.choice(fields, node, path, "persona", [*PERSONAS, ALL_PERSONAS], default=ALL_PERSONAS)
    tags = r.text_list(fields.get("tags"), f"{path}.tags", required=False, max_chars=20, max_items=20)
    channel = r.choice(fields, node, path, "channel", PHRASE_CHANNELS, default="")
    authority = r.choice(fields, node, path, "authority", AUTHORITIES, default="")
    explicit = r.text(fields, node, path, "id", required=False, max_chars=64) or None
    if explicit and not ID_RE.match(explicit):
        r.problem(fields["id"], f"{path}.id", "id 只能用字母、数字、点、下划线和短横线")
    if len(r.problems) > before:
        return None
    return PhraseSpec(phrase_uid(scenario, text, explicit), text, stage, persona, tags, line, channel, authority)


def _read_template(r: _Reader, node: yaml.Node, path: str) -> TemplateSpec | None:
    fields = r.mapping(node, path, ("key", "kind", "channel", "persona", "title", "text", "placeholders"))
    if fields is None:
        return None
    before = len(r.problems)
    key = r.key(fields, node, path)
    kind = r.choice(fields, node, path, "kind", TEMPLATE_KINDS)
    channel = r.choice(fields, node, path, "channel", CHANNELS)
    persona = r.choice(fields, node, path, "persona", [*PERSONAS, ALL_PERSONAS], default=ALL_PERSONAS)
    title = r.text(fields, node, path, "title", max_chars=60)
    text = r.text(fields, node, path, "text", max_chars=MAX_TEMPLATE_CHARS)
    defaults: dict[str, str] = {}
    if "placeholders" in fields:
        pnode = fields["placeholders"]
        if isinstance(pnode, yaml.MappingNode):
            for key_node, value_node in pnode.value:
                pname = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
                if not placeholders.NAME_RE.match(pname):
                    r.problem(key_node, f"{path}.placeholders", f"「{pname}」不是合法的占位符名")
                    continue
                defaults[pname] = r.scalar(value_node, f"{path}.placeholders.{pname}", required=False)
        else:
            r.problem(pnode, f"{path}.placeholders", "应为键值对：占位符名: 默认值")
    if text:
        _names, bad = placeholders.find(text)
        for token in bad:
            r.problem(fields["text"], f"{path}.text",
                      f"不允许的占位符「{token}」：只能写 {{名称}}，不能含点、方括号、冒号或感叹号；字面花括号写成 {{{{ }}}}")
    if len(r.problems) > before:
        return None
    return TemplateSpec(key, kind, channel, persona, title, text, defaults, node.start_mark.line + 1)


def _read_forbidden(r: _Reader, node: yaml.Node, path: str) -> ForbiddenSpec | None:
    fields = r.mapping(node, path, ("text", "variants", "category", "why", "better"))
    if fields is None:
        return None
    before = len(r.problems)
    text = r.text(fields, node, path, "text", max_chars=40)
    variants = r.text_list(fields.get("variants"), f"{path}.variants", required=False, max_chars=40, max_items=30)
    category = r.choice(fields, node, path, "category", FORBIDDEN_CATEGORIES)
    why = r.text(fields, node, path, "why", max_chars=300)
    better = r.text(fields, node, path, "better", max_chars=300)
    if len(r.problems) > before:
        return None
    return ForbiddenSpec(text, variants, category, why, better, node.start_mark.line + 1)


def _read_checklist(r: _Reader, node: yaml.Node, path: str, flag: str) -> ChecklistSpec | None:
    fields = r.mapping(node, path, ("title", "do", "never", "handover"))
    if fields is None:
        return None
    before = len(r.problems)
    title = r.text(fields, node, path, "title", max_chars=40)
    lists = {}
    for part in ("do", "never", "handover"):
        if part not in fields:
            r.problem(node, f"{path}.{part}", "缺少此字段")
        lists[part] = r.text_list(fields.get(part), f"{path}.{part}", max_items=12)
    if len(r.problems) > before:
        return None
    return ChecklistSpec(flag, title, lists["do"], lists["never"], lists["handover"], node.start_mark.line + 1)


def _read_redgreen(r: _Reader, node: yaml.Node) -> RedGreenSpec | None:
    fields = r.mapping(node, "redgreen", ("patterns", "emotion_words", "translations"))
    if fields is None:
        return None
    patterns: dict[str, dict[str, list[str]]] = {}
    if "patterns" in fields:
        pats = r.mapping(fields["patterns"], "redgreen.patterns", THINKING_PATTERNS) or {}
        for key, pnode in pats.items():
            parts = r.mapping(pnode, f"redgreen.patterns.{key}", ("red", "green")) or {}
            patterns[key] = {
                color: r.text_list(parts.get(color), f"redgreen.patterns.{key}.{color}", max_chars=120)
                for color in ("red", "green")
            }
    words = r.text_list(fields.get("emotion_words"), "redgreen.emotion_words", required=False, max_chars=12)
    translations: list[tuple[str, str]] = []
    if "translations" in fields:
        for i, item in enumerate(_items(r, fields["translations"], "redgreen.translations")):
            path = f"redgreen.translations[{i}]"
            pair = r.mapping(item, path, ("said", "need"))
            if pair is None:
                continue
            said = r.text(pair, item, path, "said", max_chars=120)
            need = r.text(pair, item, path, "need", max_chars=120)
            if said and need:
                translations.append((said, need))
    return RedGreenSpec(patterns, words, translations)


def _check_duplicates(r: _Reader, book: PlaybookFile) -> None:
    seen_keys: dict[str, int] = {}
    seen_phrases: dict[str, int] = {}
    for s in book.scenarios:
        if s.key in seen_keys:
            r.problems.append(Problem(book.name, s.line, "key", f"场景键「{s.key}」重复（第 {seen_keys[s.key]} 行已有）"))
        seen_keys.setdefault(s.key, s.line)
        for p in s.phrases:
            if p.uid in seen_phrases:
                r.problems.append(Problem(book.name, p.line, "text", f"与第 {seen_phrases[p.uid]} 行的话术重复"))
            seen_phrases.setdefault(p.uid, p.line)
    seen_templates: dict[str, int] = {}
    for t in book.templates:
        if t.key in seen_templates:
            r.problems.append(Problem(book.name, t.line, "key", f"模板键「{t.key}」重复（第 {seen_templates[t.key]} 行已有）"))
        seen_templates.setdefault(t.key, t.line)


# ---------------------------------------------------------------- several files


def cap_problems(problems: list[Problem]) -> list[Problem]:
    """The first MAX_PROBLEMS problems and one line saying there were more."""
    if len(problems) <= MAX_PROBLEMS + 1:
        return problems
    first = problems[0].file if problems else ""
    return problems[:MAX_PROBLEMS] + [Problem(first, None, "", f"问题太多，只列出前 {MAX_PROBLEMS} 处（共 {len(problems)} 处）")]


def collect_files(target: Path | str) -> list[Path]:
    """A playbook file, or every *.yaml / *.yml directly inside a folder, in name order."""
    target = Path(target)
    if target.is_dir():
        return sorted(p for p in target.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file())
    return [target]


def load_many(files: Iterable[Path]) -> tuple[list[PlaybookFile], list[Problem]]:
    """Load several files and check what must be unique across all of them."""
    books: list[PlaybookFile] = []
    problems: list[Problem] = []
    for path in files:
        try:
            books.append(load_file(path))
        except PlaybookError as exc:
            problems.extend(exc.problems)
    names: dict[str, str] = {}
    scenario_owner: dict[str, str] = {}
    template_owner: dict[str, str] = {}
    checklist_owner: dict[str, str] = {}
    for book in books:
        if book.name in names:
            problems.append(Problem(book.name, None, "", f"与 {names[book.name]} 同名：每个话术文件的文件名必须不同"))
        names.setdefault(book.name, str(book.path))
        for s in book.scenarios:
            if s.key in scenario_owner and scenario_owner[s.key] != book.name:
                problems.append(Problem(book.name, s.line, "key", f"场景键「{s.key}」已在 {scenario_owner[s.key]} 中定义"))
            scenario_owner.setdefault(s.key, book.name)
        for t in book.templates:
            if t.key in template_owner and template_owner[t.key] != book.name:
                problems.append(Problem(book.name, t.line, "key", f"模板键「{t.key}」已在 {template_owner[t.key]} 中定义"))
            template_owner.setdefault(t.key, book.name)
        for c in book.checklists:
            if c.flag in checklist_owner and checklist_owner[c.flag] != book.name:
                problems.append(Problem(book.name, c.line, c.flag, f"清单已在 {checklist_owner[c.flag]} 中定义"))
            checklist_owner.setdefault(c.flag, book.name)
    return books, problems
