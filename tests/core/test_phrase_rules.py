"""Content rules for phrases: no baked-in facts in 办/议, no claimed actions, offers name their authority."""

from __future__ import annotations

import pytest

from desktop_app.core.packs import loader as packs
from desktop_app.core.playbooks import content_rules as phrase_rules
from desktop_app.core.playbooks.reader import PhraseSpec

from tests.cli.runner import run_cli


def spec(text, stage="act", authority="", channel=""):
    return PhraseSpec("u", text, stage, "all", [], 1, channel, authority)


def fields(text, stage="act", authority=""):
    return [f.field for f in phrase_rules.phrase_findings(spec(text, stage, authority))]


@pytest.mark.parametrize("text, fact", [
    ("我两个工作日内给您回电。", "两个工作日"),
    ("师傅三天内上门。", "三天"),
    ("您前面还有八位。", "八位"),
    ("我们赔您五百块。", "五百块"),
    ("明天下午四点前给您答复。", "下午四点"),
    ("四点前给您回电。", "四点前"),
    ("预计40分钟到场。", "40"),
    ("预计四十分钟到场。", "四十分钟"),
    ("今晚房费给您打八折。", "八折"),
    ("这次给您打折。", "打折"),
    ("这一单免单。", "免单"),
    ("送您一张代金券。", "券"),
    ("按半价算。", "半价"),
    ("半小时内回拨给您。", "半小时"),
    ("一个工作日内答复。", "一个工作日"),
    ("退您一百元。", "一百元"),
    ("１２点前回电。", "12"),  # full-width digits are digits too
    # A day or a part of the day sets a deadline as much as a clock time does (the guide's own example).
    ("我现在就提交复核，明天中午前给您回电说明结果。", "明天"),
    ("我现在就提交复核，明天中午前给您回电说明结果。", "中午"),
    ("今天下午先给您回个电话。", "下午"),
    ("今天之内给您答复。", "今天"),
    ("后天给您结果。", "后天"),
    ("上午给您回电。", "上午"),
    ("周三前给您答复。", "周三"),
    ("下周给您回复。", "下周"),
])
def test_a_fact_in_an_act_or_negotiate_phrase_is_named(text, fact):
    assert fact in phrase_rules.fact_hits(text)
    assert fields(text, "act") and fields(text, "negotiate")


@pytest.mark.parametrize("text", [
    "我们一起想办法，我先记一下。",
    "我一直在线，一定跟进到底，第一时间告诉您。",
    "还有一些细节，我再跟您确认一下。",
    "这事来回折腾，您一折腾就是一上午，太累了。",
    "我请一位同事一块儿帮您看看，再核对一次。",
    "您千万别着急，万一有变化我马上告诉您。",
    "我在【回复时限】前给您回电，师傅预计【到场时间】到。",
    "您前面还有【排队人数】位，补偿【补偿方式】由【审批部门】答复。",
    "这是债券类产品，净值会波动。",
    "您的诉求我会原原本本写上去，不打折扣。",
    "商品是否影响二次销售，我提交人工复核。",
    # 今天/今晚 naming what happened, or a part of the day naming a topic, sets no deadline.
    "今天的等候给您添了不少麻烦，您希望我们怎么安排？",
    "今晚房费的部分减免，我可以帮您申请。",
    "晚上的生活噪音，我们先上门温和提醒。",
    "我今天转给负责的部门，【回电时限】前给您回电。",
])
def test_ordinary_words_and_slots_are_not_facts(text):
    assert phrase_rules.fact_hits(text) == []


def test_facts_are_only_a_problem_in_act_and_negotiate():
    text = "两个工作日内给您回电。"
    assert fields(text, "listen") == [] and fields(text, "thank") == []


@pytest.mark.parametrize("text", [
    "我已经通知维修公司了。",
    "我们已经列入整改。",
    "已为您升级到行政房。",
    "已经帮您提交了。",
    "已帮您登记候补。",
    "事情已经给您办好了。",
    "这件事已经在内部专门讨论过。",
])
def test_claims_of_actions_are_named_in_every_stage(text):
    for stage in ("listen", "act", "thank"):
        assert "text" in fields(text, stage, authority="manager"), (text, stage)


@pytest.mark.parametrize("text", [
    "我现在帮您登记，【回复时限】前给您回电。",
    "您说的情况我已经记下了。",
    "我已经听明白了，您是担心钱的安全。",
    "您已经打了好几次电话，实在抱歉。",
])
def test_offers_and_what_the_agent_just_heard_are_not_claims(text):
    assert phrase_rules.claim_hits(text) == []


@pytest.mark.parametrize("text", [
    "我可以帮您申请【补偿方式】的补偿。",
    "这段时间的费用能否减免，我帮您提交申请。",
    "我可以帮您申请升级到行政房。",
    "另外准备了一份小礼品，是我们的一点心意。",
    "我帮您申请一张优惠【补偿方式】。",
    # Money back is an offer too.
    "我们可以给您退一半的钱。",
    "给您退差价。",
    "退您部分房费，您看行吗。",
    "可以返您一些钱作为补偿。",
    "把多收的钱退给您。",
])
def test_an_offer_of_compensation_needs_an_authority(text):
    assert "authority" in fields(text, "act")
    assert "authority" not in fields(text, "act", authority="lead")


@pytest.mark.parametrize("text, stage", [
    ("您希望得到什么样的补偿？", "negotiate"),
    ("物业费不能单独减免，您提的服务问题我们会限期整改。", "act"),
    ("额外的补偿超出我的权限，我把您的理由报上去。", "act"),
    ("小礼品不是为了让您不提意见。", "act"),
    ("您提到要赔偿，我先把损失听清楚。", "listen"),
    # 退费、退货、退款 name a process; a refusal offers nothing.
    ("您确认没订过的业务，我提交退费核查，【回复时限】前把结果告诉您。", "act"),
    ("退货运费由谁承担，我按您退货的原因核对。", "act"),
    ("您是想退款还是换货？", "negotiate"),
    ("这笔钱不能退给您，我把原因说清楚。", "act"),
])
def test_questions_refusals_and_other_stages_offer_nothing(text, stage):
    assert "authority" not in fields(text, stage)


BAD_PACK = """format: 1
scenarios:
  - key: x_wait
    name: 排队
    industry: banking
    description: 排队太久
    triggers: [排队]
    phrases:
      listen:
        - 您慢慢说，我在听。
      act:
        - 我两个工作日内给您回电。
        - text: 我已经帮您申请了补偿。
          persona: driver
      negotiate:
        - text: 我可以帮您申请减免【减免范围】。
          authority: lead
"""


def test_check_names_file_line_field_and_the_fix_and_import_writes_nothing(tmp_path, capsys, monkeypatch,
                                                                           sample_dir):
    from desktop_app.core import paths

    monkeypatch.setattr(paths, "bundled_playbooks_dir", lambda: sample_dir)
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_PACK, encoding="utf-8")
    problems = packs.load(path).problems
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("bad.yaml", 12, "scenarios[0].phrases.act[0].text"),
        ("bad.yaml", 13, "scenarios[0].phrases.act[1].text"),
        ("bad.yaml", 13, "scenarios[0].phrases.act[1].authority"),
    ]
    assert "【回复时限】" in problems[0].message and "我现在帮您登记" in problems[1].message
    assert "authority: agent" in problems[2].message
    assert packs.load(path, content=False).problems == []
    code, out, _err = run_cli(capsys, "playbooks", "check", str(path))
    assert code == 1 and "bad.yaml:12: scenarios[0].phrases.act[0].text" in out
    code, out, _err = run_cli(capsys, "playbooks", "import", str(path))
    assert code == 1 and "什么都没有导入" in out
    code, out, _err = run_cli(capsys, "search", "两个工作日内给您回电", "--json")
    assert "我两个工作日内给您回电" not in out


@pytest.mark.parametrize("name, default", [
    ("时限", "两个工作日内"),
    ("回复时限", "尽快"),
    ("回电时间", "稍后"),
    ("答复", "明天中午前"),
    ("多久", "三天"),
    ("回访", "下午四点"),
])
def test_a_template_may_not_default_a_deadline(name, default):
    found = phrase_rules.template_findings({"称呼": "您", name: default})
    assert [n for n, _m in found] == [name]
    assert f"【{name}】" in found[0][1]


def test_ordinary_template_defaults_are_fine():
    assert phrase_rules.template_findings({"称呼": "您", "公司": "本公司", "单号": "稍后另行告知", "时限": ""}) == []


def _yaml_blocks(text: str) -> list[str]:
    import re

    return re.findall(r"```yaml\n(.*?)```", text, re.S)


def test_the_trainers_guide_examples_pass_playbooks_check(tmp_path):
    # The guide's examples are what trainers copy: §3.2's scenario and §3.4's templates must pass the
    # same check as the shipped library (no 明天中午前 in an act line, no default 时限).
    from desktop_app.core import paths

    guide = paths.bundled_playbooks_dir() / "README.md"
    blocks = _yaml_blocks(guide.read_text(encoding="utf-8"))
    scenario = next(b for b in blocks if "scenarios:" in b and "key: bank_fee_dispute" in b)
    templates = next(b for b in blocks if b.startswith("format: 1\n\ntemplates:"))
    for name, block in (("scenario.yaml", scenario), ("templates.yaml", templates)):
        path = tmp_path / name
        path.write_text(block, encoding="utf-8")
        assert packs.load(path).problems == [], name
