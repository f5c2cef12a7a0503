"""`calmdesk --selftest`, the Qt-free part: does this build hold everything the app needs?

Run against the frozen bundle after every build, it walks the paths that break when a data
file or a hidden import is missing from the bundle: the bundled playbooks (YAML), search
(OpenCC folding, pinyin), jieba and pypinyin through `derive`, the draft checker, analysis,
templates, the stress log and an Excel pack round trip (openpyxl). Everything happens in a
fresh temp data dir that is removed afterwards; the agent's data is never touched.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CUSTOMER = "你们银行太过分了，卡被冻结了也没人管，我要投诉！"


class SelfTestFailure(AssertionError):
    """A step ran but its answer was wrong."""


@dataclass
class Step:
    name: str
    status: str  # "ok", "skipped" (needs the library, which did not open) or "FAILED"
    detail: str
    seconds: float
    error: BaseException | None = None


class SelfTest:
    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.context: dict = {}

    def run(self, name: str, action: Callable[[], str]) -> None:
        start = time.perf_counter()
        try:
            detail, status, error = action(), "ok", None
        except Exception as exc:  # noqa: BLE001 — every failure is reported, none stops the report
            detail, status, error = f"{type(exc).__name__}: {exc}", "FAILED", exc
        self.steps.append(Step(name, status, detail, time.perf_counter() - start, error))

    @property
    def failed(self) -> list[Step]:
        return [s for s in self.steps if s.status == "FAILED"]


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)



# ---------------------------------------------------------------- the steps


def fresh_data_dir(test: SelfTest) -> Path:
    home = Path(tempfile.mkdtemp(prefix="calmdesk-selftest-"))
    test.context["previous_home"] = os.environ.get("CALMDESK_HOME")
    os.environ["CALMDESK_HOME"] = str(home)
    test.context["home"] = home
    return home


def restore_data_dir(test: SelfTest) -> None:
    library = test.context.get("library")
    if library is not None:
        library.close()
    previous = test.context.get("previous_home")
    if previous is None:
        os.environ.pop("CALMDESK_HOME", None)
    else:
        os.environ["CALMDESK_HOME"] = previous
    home = test.context.get("home")
    if home is not None and not test.failed:  # a failed run keeps its data dir for a look
        shutil.rmtree(home, ignore_errors=True)


def step_bundle(test: SelfTest) -> str:
    from desktop_app.core import paths

    books = sorted(paths.bundled_playbooks_dir().glob("*.yaml"))
    expect(bool(books), f"没有找到内置话术：{paths.bundled_playbooks_dir()}")
    expect(paths.resources_dir().is_dir(), f"没有找到资源目录：{paths.resources_dir()}")
    expect(paths.data_dir() == test.context["home"], "数据目录不是临时目录")
    return f"{paths.bundle_dir()}：{len(books)} 个话术文件"


def step_import(test: SelfTest) -> str:
    from desktop_app.core.library.facade import open_library

    library = open_library(sync=True)
    test.context["library"] = library
    phrases, scenarios = library.phrase_count(), len(library.scenarios())
    expect(phrases > 0 and scenarios > 0, "内置话术没有导入")
    return f"{scenarios} 个场景，{phrases} 条话术"


def step_search(test: SelfTest) -> str:
    library = test.context["library"]
    # 凍結: Traditional input is folded by OpenCC, whose data files must be in the bundle.
    found = {q: len(library.search(q, limit=5)) for q in ("退款", "daoqian", "dq", "凍結")}
    empty = [q for q, n in found.items() if not n]
    expect(not empty, f"搜索无结果：{'、'.join(empty)}")
    return "，".join(f"{q}→{n}" for q, n in found.items())


def step_derive(test: SelfTest) -> str:
    import sys

    from desktop_app.core import paths

    from desktop_app.core.search import terms
    full, initials, words = terms.derive("我要投诉你们银行")
    expect("yin hang" in full, f"拼音不对：{full}")
    expect("投诉" in words.split(), f"分词不对：{words}")
    # Frozen, jieba must have read the cache prepared at build time: it ships no dict.txt.
    built_own = (paths.cache_dir() / "jieba.cache").exists()
    expect(not (getattr(sys, "frozen", False) and built_own), "jieba 没有用打包时准备的词典缓存")
    return f"{initials} / {words}（jieba：{'自建缓存' if built_own else '预置缓存'}）"


def step_analysis(test: SelfTest) -> str:
    from desktop_app.core import analysis as module

    library = test.context["library"]
    analyzer = module.Analyzer(scenarios=library.scenario_triggers())  # as the window builds it
    result = analyzer.analyze(CUSTOMER)
    expect(bool(result), "分析没有结果")
    test.context["analyzer"] = analyzer
    return _short(result)


def step_checker(test: SelfTest) -> str:
    from desktop_app.core.checker import draft_check

    issues = draft_check.check("这不归我们管，您找别人吧。", test.context["library"])
    expect(bool(issues), "禁语没有被发现")
    return f"{len(issues)} 处：{issues[0].label}"


def step_template(test: SelfTest) -> str:
    from desktop_app.core.templates import fill

    docs = fill.load_templates(test.context["library"])
    expect(bool(docs), "话术库里没有模板")
    doc = docs[0]
    rendered = doc.render({name: "【测试】" for name in doc.names})
    expect(bool(rendered.text) and not rendered.missing, f"模板 {doc.key} 渲染不完整：{rendered.missing}")
    return f"{len(docs)} 个模板；{doc.key}：{rendered.text[:20]}…"


def step_stress(test: SelfTest) -> str:
    import datetime as dt

    from desktop_app.core.stress import stress_log

    log = stress_log.StressLog(test.context["library"].store.db)
    entry = log.log(6)
    now = dt.datetime.now()
    entries = log.entries(now - dt.timedelta(hours=1), now + dt.timedelta(hours=1))
    expect(any(e.id == entry for e in entries), "压力记录没有保存")
    return f"记录 #{entry}"


def step_pack(test: SelfTest) -> str:
    from desktop_app.core.packs import loader
    library = test.context["library"]
    target = test.context["home"] / "selftest.xlsx"
    count = loader.export_xlsx(target)
    # A round trip of the format: whether the library's wording meets the content rules is the
    # trainer's `playbooks check`, not a reason to call the installed program broken.
    pack = loader.load(target, content=False)
    expect(not pack.problems, f"导出的 Excel 读回有问题：{pack.problems[:3]}")
    report = library.preview(pack.books)
    expect(report.added == report.changed == report.removed == 0, f"Excel 往返有差异：{report.summary()}")
    return f"{count} 个文件，{report.unchanged} 条话术往返无差异"


CORE_STEPS: list[tuple[str, Callable[[SelfTest], str]]] = [
    ("bundle", step_bundle),
    ("import playbooks", step_import),
    ("search", step_search),
    ("jieba + pypinyin", step_derive),
    ("analysis", step_analysis),
    ("draft checker", step_checker),
    ("template", step_template),
    ("stress log", step_stress),
    ("excel pack", step_pack),
]


def run_core(test: SelfTest) -> None:
    """The Qt-free steps; a step that needs the library is skipped when the import failed."""
    for name, action in CORE_STEPS:
        if name not in ("bundle", "import playbooks") and "library" not in test.context:
            test.steps.append(Step(name, "skipped", "话术库没有打开", 0.0))
            continue
        test.run(name, functools.partial(action, test))


def _short(result) -> str:
    text = str(result.as_json() if hasattr(result, "as_json") else result)
    return text if len(text) <= 80 else text[:77] + "…"
