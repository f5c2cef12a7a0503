"""Content rules for the phrases of a playbook: every line must be sayable word for word.

The loader (`playbooks`) checks the *format* of a file; these rules check what a phrase *says*:

- an 办 (act) or 议 (negotiate) phrase names no fact the agent must supply — no bare number,
  no Chinese numeral with a time, count or money unit (两个工作日, 三天, 八位, 五百块, 下午四点),
  no discount or free meal (打折, 八折, 免单, 券). Such a fact is a slot: 【回复时限】;
- no phrase claims an action the agent cannot know was taken (我已经…, 已为您…, 已经帮您…);
- a phrase that offers compensation or money back (补偿、退一半、退差价) says who may make the offer
  (`authority`);
- a template gives no default to a deadline (时限、回复时限) or to any placeholder with a time as its
  default (两个工作日内、明天中午前): an unfilled one shows as 【时限】.

`calmdesk playbooks check` and `import` run them (through `packs.load`), so a pack that breaks
them imports nothing. Each problem names file, line and field and says how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core import textnorm
from desktop_app.core.playbooks.reader import PhraseSpec, PlaybookFile, Problem, ScenarioSpec

FACT_STAGES = ("act", "negotiate")  # 办 and 议: where a baked-in fact becomes a promise
_SLOT = re.compile(r"【[^【】]*】")
_NUM = "零〇一二两三四五六七八九十百千万半"
# Units that turn a numeral into a deadline, an arrival time, a count or an amount.
_TIME_UNITS = "个工作日|工作日|个小时|小时|个钟头|钟头|分钟|分半|秒钟|秒|天|日内|周|个星期|星期|个礼拜|礼拜|个月|年"
_COUNT_UNITS = "位|名|个人|人|次|家|单|台|辆|间|层|楼|号|张|份|趟|遍|批"
_MONEY_UNITS = "块钱|块|元|毛|角|万|千|百|倍|成"
_TIME_OR_MONEY = re.compile(
    rf"(?<![哪某每同第这那唯统专万逐])([{_NUM}]+)\s*(?:{_TIME_UNITS}|{_MONEY_UNITS})"
)
_COUNT = re.compile(rf"(?<![哪某每同第这那唯统专万逐后])([{_NUM}]+)\s*(?:{_COUNT_UNITS})")
_CLOCK = re.compile(
    rf"(?:上午|中午|下午|晚上|傍晚|早上|凌晨|今晚|明早)[{_NUM}]+点|(?<![一])[二两三四五六七八九十]+点(?:半|钟|前|之前|以前|左右)?"
)
_DIGIT = re.compile(r"[0-9]+(?:\.[0-9]+)?%?")
# A day or a part of the day is a time as much as 下午四点 is: 明天中午前 promises a deadline the agent
# cannot know will hold (the line is read to callers on any day, at any hour). A future day always is;
# 今天/今晚 and a part of the day only when they set when something will happen (今天之内、今天下午先给您
# 回电、中午前), not when they name what happened (今天的等候、今晚房费、晚上的噪音).
_SOON = "之内|以内|内|前|下班|上午|中午|下午|晚上|傍晚|早上|给您|给你|回电|回复|答复|回话|联系|告诉|通知|上门|到账|到货|送到|修好|办好|处理好|解决"
_RELATIVE_TIME = re.compile(
    r"大后天|后天|明天|明早|明晚|明日|次日|隔天|第二天|下周|下星期|下礼拜|下个?月|月底|月初|周末|(?:周|星期|礼拜)[一二三四五六日天]"
    rf"|(?:今天|今日|今晚|当天)(?=[^，。；！？,;!?]{{0,2}}(?:{_SOON}))"
    rf"|(?:上午|中午|下午|晚上|傍晚|早上|凌晨)(?=[^，。；！？,;!?]{{0,2}}(?:{_SOON}))"
    r"|下班前|下班之前|午饭前"
)
_DISCOUNT = re.compile(rf"打折|折扣|[{_NUM}0-9]+折(?!腾)|对折|免单|(?<![债证])券|半价")
# Set phrases whose numerals count nothing: blanked before the numeral rules run.
_IDIOMS = re.compile("不打折扣|二次|千万|万一|三番五次|一五一十|一模一样|两全其美|十全十美|一心一意|七上八下|九牛一毛|一干二净|一清二楚|三言两语")
# 一 on its own with these is ordinary speech: 一起、一下、一次、一位同事、一块儿、一点.
_ONE_IS_WORD = {"一", "半"}
_ONE_OK_UNITS = {"位", "名", "次", "家", "件", "张", "份", "趟", "遍", "个人", "人", "批", "间", "层", "台", "辆", "单",
                 "块", "成", "千", "百", "万"}
_CLAIM = re.compile(
    r"我们?已经(?![^，。]{0,2}(?:记下|听明白|听清|明白|了解|理解|知道|清楚|感受到|听到))"
    r"|已(?:经)?(?:为|帮|给|替)(?:您|你)"
    r"|已经在内部"
)
_COMPENSATION = re.compile(
    r"补偿|赔偿|赔付|赔您|赔你|减免|免收|退差价|差价|礼品|小礼物|赠送|送(?:您|你)(?:一|个|份|张|些|点|小)|优惠|代金|免单|(?<![债证])券|折扣|打折|"
    r"升级(?:到|为|成)?(?:行政|套房|豪华|高级|房型|舱|座)|"
    # Money back is an offer too: 给您退一半的钱、退差价、把钱退给您、返您部分费用.
    # 退费、退货 name a process, not an offer.
    r"退一半|退半|(?:退|返)(?:还|回)?(?:给)?(?:您|你)?(?:一半|部分|一部分|差价|差额|些)|"
    r"(?:退|返)(?:还|回)?(?:给)?(?:您|你)(?:们)?[^，。；？！]{0,4}?(?:一半|部分|差价|差额|钱|费)|"
    r"(?:钱|费用?|款)(?:全部|全额|都)?(?:退|返)(?:还|回)?(?:给)?(?:您|你)"
)
_QUESTION = re.compile(r"[?？吗]\s*$|什么|怎么|哪种|哪一|是否|如何")
OFFER_STAGES = ("act", "negotiate", "thank")  # asking what the customer wants (问) offers nothing
_NOT_BEFORE = re.compile(r"(?:不能|不可以|不会|无法|没法|没有权限|做不了)[^，。；]{0,4}\Z")
_NOT_AFTER = re.compile(r"[^，。；]{0,3}(?:超出|没有权限|做不了主|争取不了|不是为了|不能)")


@dataclass(frozen=True)
class Finding:
    field: str  # "text" or "authority"
    message: str


def _blank_slots(text: str) -> str:
    # A slot is the agent's to fill: what is inside it is never a baked-in fact.
    return _SLOT.sub(lambda m: "【" + "＿" * (len(m.group(0)) - 2) + "】", text)


def fact_hits(text: str) -> list[str]:
    """The baked-in facts in a phrase: numbers, numeral + unit, clock times, discounts."""
    folded = _IDIOMS.sub(lambda m: "＿" * len(m.group(0)), _blank_slots(textnorm.fold(text)))
    hits: list[str] = []
    hits += [m.group(0) for m in _DIGIT.finditer(folded)]
    for m in _TIME_OR_MONEY.finditer(folded):
        unit = m.group(0)[len(m.group(1)):].strip()
        if m.group(1) in _ONE_IS_WORD and unit in _ONE_OK_UNITS:
            continue
        hits.append(m.group(0))
    for m in _COUNT.finditer(folded):
        unit = m.group(0)[len(m.group(1)):].strip()
        if m.group(1) in _ONE_IS_WORD and unit in _ONE_OK_UNITS:
            continue
        hits.append(m.group(0))
    hits += [m.group(0) for m in _CLOCK.finditer(folded)]
    hits += [m.group(0) for m in _RELATIVE_TIME.finditer(folded)]
    hits += [m.group(0) for m in _DISCOUNT.finditer(folded)]
    return list(dict.fromkeys(h for h in hits if h))


def claim_hits(text: str) -> list[str]:
    return [m.group(0) for m in _CLAIM.finditer(textnorm.fold(text))]


def offers_compensation(text: str) -> bool:
    """Whether a phrase offers something (补偿、减免、升级房型、代金…) rather than asks what is wanted."""
    folded = _IDIOMS.sub(lambda m: "＿" * len(m.group(0)), textnorm.fold(text))
    if _QUESTION.search(folded):
        return False
    # 不能单独减免 / 补偿超出我的权限 refuse or hand over; they offer nothing.
    return any(not _NOT_BEFORE.search(folded, 0, m.start()) and not _NOT_AFTER.match(folded, m.end())
               for m in _COMPENSATION.finditer(folded))


def phrase_findings(phrase: PhraseSpec) -> list[Finding]:
    """What is wrong with one phrase, each with the fix, in Chinese."""
    out: list[Finding] = []
    if phrase.stage in FACT_STAGES:
        hits = fact_hits(phrase.text)
        if hits:
            out.append(Finding("text", f"办/议话术里写死了「{'」「'.join(hits)}」：时限、人数、金额、折扣等要由客服"
                                       f"当场确认，请改成空位，例如【回复时限】【到场时间】【补偿方式】"))
    claims = claim_hits(phrase.text)
    if claims:
        out.append(Finding("text", f"「{claims[0]}…」声称已经做了某事，客服念这句话时并不知道是否已办：请改成提议或"
                                   f"正在做的事，例如「我现在帮您登记」「我可以帮您申请……」"))
    if phrase.stage in OFFER_STAGES and not phrase.authority and offers_compensation(phrase.text):
        out.append(Finding("authority", "这句话提出了补偿/减免/优惠，要写明谁有权这样承诺："
                                        "authority: agent（坐席）、lead（班组长）或 manager（经理）"))
    return out


def _paths(scenario: ScenarioSpec, index: int) -> Iterable[tuple[PhraseSpec, str]]:
    # The loader keeps phrases in file order, stage by stage: count them again for the field path.
    seen: dict[str, int] = {}
    for phrase in scenario.phrases:
        i = seen.get(phrase.stage, 0)
        seen[phrase.stage] = i + 1
        yield phrase, f"scenarios[{index}].phrases.{phrase.stage}[{i}]"


def book_problems(book: PlaybookFile) -> list[Problem]:
    problems: list[Problem] = []
    for index, scenario in enumerate(book.scenarios):
        for phrase, path in _paths(scenario, index):
            for f in phrase_findings(phrase):
                problems.append(Problem(book.name, phrase.line, f"{path}.{f.field}", f.message))
    return problems


# Placeholders that hold a deadline: never given a default, so an unfilled one shows as 【时限】.
_DEADLINE_NAMES = re.compile(r"时限|期限|时间|日期|时段|几点|多久")
_TIME_SPAN = re.compile(rf"[{_NUM}0-9]+\s*(?:{_TIME_UNITS})|尽快|马上|立即|立刻|即时|当日|当天|今天|今日")


def is_time(text: str) -> bool:
    """Whether a value names a time or deadline (两个工作日内、明天中午前、下午四点、尽快)."""
    folded = _blank_slots(textnorm.fold(text))
    return bool(_TIME_SPAN.search(folded) or _CLOCK.search(folded) or _RELATIVE_TIME.search(folded)
                or _DIGIT.fullmatch(folded.strip()))


def template_findings(placeholders: dict[str, str]) -> list[tuple[str, str]]:
    """(placeholder, message) for each default a template must not have: a deadline is the agent's to promise."""
    out = []
    for name, default in placeholders.items():
        if not default:
            continue
        if _DEADLINE_NAMES.search(name) or is_time(default):
            out.append((name, f"模板不能给「{name}」设默认值「{default}」：时限只能由客服按实际情况承诺；"
                              f"删掉这个默认值，没填时会显示成【{name}】提醒客服"))
    return out


def template_problems(book: PlaybookFile) -> list[Problem]:
    return [Problem(book.name, t.line, f"templates[{i}].placeholders.{name}", message)
            for i, t in enumerate(book.templates) for name, message in template_findings(t.placeholders)]


def content_problems(books: Iterable[PlaybookFile]) -> list[Problem]:
    return [p for book in books for p in (*book_problems(book), *template_problems(book))]
