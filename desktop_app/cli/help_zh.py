"""Chinese help and error text for argparse: trainers and agents read Chinese.

argparse looks its fixed words up through gettext at the moment it prints them, so replacing
its module-level `_` gives `用法:`、`选项:` and Chinese error messages without touching how the
options parse. A mistake in the command line is one line (what is wrong and where to look),
exit code 2, like every other bad input.
"""

from __future__ import annotations

import argparse
import sys

ZH = {
    "usage: ": "用法 usage: ",
    "positional arguments": "参数 arguments",
    "options": "选项 options",
    "optional arguments": "选项 options",
    "show this help message and exit": "显示本帮助并退出 / show this help",
    "show program's version number and exit": "显示版本号并退出 / show the version",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "后面要跟一个值",
    "expected at most one argument": "最多跟一个值",
    "expected at least one argument": "至少跟一个值",
    "invalid %(type)s value: %(value)r": "不是有效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可以是 %(matches)s",
    "not allowed with argument %s": "不能与 %s 同时使用",
    "one of the arguments %s is required": "需要下列参数之一：%s",
    "ignored explicit argument %r": "多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
}


def _zh(message: str) -> str:
    return ZH.get(message, message)


def _nzh(singular: str, plural: str, n: int) -> str:
    return ZH.get(singular if n == 1 else plural, singular if n == 1 else plural)


def install() -> None:
    # setattr: argparse's `_` and `ngettext` are module globals it looks up when printing.
    setattr(argparse, "_", _zh)
    if hasattr(argparse, "ngettext"):
        setattr(argparse, "ngettext", _nzh)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose mistakes are one Chinese line and exit 2 (sub-parsers inherit it)."""

    def error(self, message: str):  # noqa: D102 — argparse's hook
        sys.stderr.write(f"{self.prog}: {message}（{self.prog} --help 查看用法）\n")
        sys.exit(2)
