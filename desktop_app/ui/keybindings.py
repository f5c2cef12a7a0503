"""Every key the window answers to, declared once (after qutebrowser's key-binding table).

The window builds its shortcuts from this table, the input reads its keys from it, the
settings dialog lists it as help, and the README's key table is checked against it by a test.
Keys are QKeySequence portable strings; `shown` is how people read them. No Qt here: the
README test reads the table without a display.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.settings.schema import DEFAULT_HOTKEY


@dataclass(frozen=True)
class KeyBinding:
    action: str
    keys: tuple[str, ...]
    shown: str  # as the README and the help show it
    does: str  # English, for the README
    label: str  # Chinese, for the window's help
    keys_label: str = ""  # the keys in the window's help when `shown` has English words in it


KEYBINDINGS: tuple[KeyBinding, ...] = (
    KeyBinding("move_up", ("Up",), "↑ / ↓", "move through the answers", "在答案间上下移动"),
    KeyBinding("move_down", ("Down",), "", "", ""),
    KeyBinding("page_up", ("PgUp",), "PgUp / PgDown", "move five answers at a time", "一次移动五条"),
    KeyBinding("page_down", ("PgDown",), "", "", ""),
    KeyBinding("copy_selected", ("Return", "Enter"), "Enter, double-click",
               "copy the selected phrase (counts as used, so it ranks higher next time)",
               "复制选中的话术（记一次使用，以后排得更靠前）", keys_label="Enter、双击"),
    KeyBinding("copy_nth", tuple(f"Ctrl+{n}" for n in range(1, 10)), "Ctrl+1 … Ctrl+9",
               "copy the n-th answer", "复制第 n 条答案"),
    KeyBinding("toggle_favourite", ("Ctrl+D",), "Ctrl+D", "star or unstar the selected phrase", "收藏/取消收藏选中的话术"),
    KeyBinding("focus_input", ("Ctrl+F",), "Ctrl+F", "back to the input on the 话术 tab", "回到话术页的输入框"),
    KeyBinding("escape", ("Esc",), "Esc",
               "clear the input (Ctrl+Z or the 撤销 button brings it back); again to hide the window — only "
               "when the tray icon or the hotkey can bring it back, otherwise it minimises to the taskbar",
               "清空输入（Ctrl+Z 或「撤销」恢复）；再按一次隐藏窗口（托盘或热键能唤回时，否则最小化）"),
    KeyBinding("undo_clear", ("Ctrl+Z",), "Ctrl+Z", "bring back what Esc cleared", "恢复 Esc 清空的内容"),
    KeyBinding("next_control", ("Tab",), "Tab",
               "input → answers → checklist → 我的 · 置顶 · 话术包 · 设置 → filters; the focused control has an accent frame",
               "依次到达输入框、答案、清单、我的、置顶、话术包、设置、筛选（有醒目的焦点框）"),
    KeyBinding("star_answer", ("Space",), "Space", "on the answers (Tab reaches them): star or unstar the selected one",
               "在答案列表上：收藏/取消收藏选中的话术"),
    KeyBinding("toggle_checklist", ("Ctrl+L",), "Ctrl+L",
               "unfold / fold the risk checklist (it opens as one line, so the answers keep the room)",
               "展开/收起风险清单（默认只占一行，给答案留出地方）"),
    KeyBinding("copy_template", ("Ctrl+Return", "Ctrl+Enter"), "Ctrl+Enter",
               "on the 模板 tab: copy the filled-in template", "模板页：复制填好的模板"),
    KeyBinding("summon", (DEFAULT_HOTKEY,), DEFAULT_HOTKEY,
               "summon the window from anywhere (configurable, where the platform allows)",
               "在任何地方唤出窗口（可在设置里改，视系统而定）"),
)
BY_ACTION: dict[str, KeyBinding] = {b.action: b for b in KEYBINDINGS}


def keys(action: str) -> tuple[str, ...]:
    return BY_ACTION[action].keys


def help_rows() -> list[tuple[str, str]]:
    """(keys as the window shows them, what they do in Chinese) for every row people read.

    The README is English (`shown`); the window's help is Chinese, so a key named in English
    words there ("double-click") has its own `keys_label`."""
    return [(b.keys_label or b.shown, b.label) for b in KEYBINDINGS if b.shown]


def readme_rows() -> list[tuple[str, str]]:
    return [(b.shown, b.does) for b in KEYBINDINGS if b.shown]
