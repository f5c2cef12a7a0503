"""Every setting CalmDesk has, declared once: key, type, default, bounds or choices, label.

Inspired by qutebrowser's configdata.yml: the dialog is built from this table, values are
validated against it, and nothing else in the code invents a setting. A setting with an
empty label is kept by the app (window geometry, last filters) but not shown in the dialog.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.core.vocab import AUTHORITIES, INDUSTRIES, PHRASE_CHANNELS

SIMPLIFIED = "zh_CN"
TRADITIONAL = "zh_TW"
LANGUAGES: dict[str, str] = {SIMPLIFIED: "简体中文", TRADITIONAL: "繁體中文"}
THEMES: dict[str, str] = {"system": "跟随系统", "light": "浅色", "dark": "深色"}
DEFAULT_HOTKEY = "Ctrl+Alt+Space"
FILTER_KEYS = ("scenario", "persona", "stage", "industry")


@dataclass(frozen=True)
class Setting:
    key: str
    kind: type
    default: object
    label: str = ""  # shown in the dialog when set
    section: str = ""
    choices: dict[str, str] = field(default_factory=dict)  # value -> label
    minimum: float | None = None
    maximum: float | None = None
    editor: str = ""  # "" picks by type; "percent" (a slider), "hotkey" (a key-sequence field), "folder"
    help: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("agent.industry", str, "general", "我的行业", "坐席", choices=dict(INDUSTRIES),
            help="话术只从这个行业和通用场景里选；选“通用”则不限行业。"),
    Setting("agent.channel", str, "", "工作渠道", "坐席", choices={"": "不限", **PHRASE_CHANNELS},
            help="只适合别的渠道的话术不再显示（如电话里不说“您先坐下”）。"),
    Setting("agent.role", str, "agent", "我的角色", "坐席", choices=dict(AUTHORITIES),
            help="超出这个角色权限的补偿话术不显示。"),
    Setting("agent.industry_asked", bool, False),
    Setting("packs.folder", str, "", "培训师的话术包文件夹", "话术包", editor="folder",
            help="共享盘或U盘上的文件夹：启动时和文件夹变化时，里面更新版本的 .zip 话术包会自动导入；"
                 "收藏、使用次数和自己的话术都保留。留空则不跟随。"),
    Setting("window.always_on_top", bool, True, "窗口总在最前", "窗口"),
    Setting("window.auto_hide", bool, False, "贴边后自动隐藏（把窗口拖到屏幕左/右边缘）", "窗口"),
    Setting("window.opacity", float, 1.0, "不透明度", "窗口", minimum=0.4, maximum=1.0, editor="percent"),
    Setting("window.font_size", int, 10, "字号", "窗口", minimum=8, maximum=24),
    Setting("window.theme", str, "system", "外观", "窗口", choices=THEMES),
    Setting("window.language", str, SIMPLIFIED, "界面语言", "窗口", choices=LANGUAGES),
    Setting("window.hotkey", str, DEFAULT_HOTKEY, "全局热键", "窗口", editor="hotkey"),
    Setting("window.dock_edge", str, "", choices={"": "", "left": "左", "right": "右"}),
    Setting("window.geometry", str, ""),  # Qt's saveGeometry(), base64
    *(Setting(f"filters.{key}", str, "") for key in FILTER_KEYS),
)
BY_KEY: dict[str, Setting] = {s.key: s for s in SETTINGS}


class SettingError(ValueError):
    """A value that the table does not allow; the message is for the user, in Chinese."""


def validate(setting: Setting, value: object) -> object:
    """The value in the setting's type, or SettingError saying what is allowed."""
    try:
        if setting.kind is bool:
            if isinstance(value, str):
                lowered = value.strip().lower()
                if lowered not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(value)
                value = lowered in ("true", "1", "yes")
            typed: object = bool(value)
        elif setting.kind is int:
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            typed = int(value)  # type: ignore[call-overload]
        elif setting.kind is float:
            typed = float(value)  # type: ignore[arg-type]
            if typed != typed or typed in (float("inf"), float("-inf")):
                raise ValueError(value)
        else:
            typed = "" if value is None else str(value)
    except (TypeError, ValueError, OverflowError):
        raise SettingError(f"「{setting.label or setting.key}」的值「{value}」不对") from None
    if setting.choices and typed not in setting.choices:
        allowed = "、".join(k or "（空）" for k in setting.choices)
        raise SettingError(f"「{setting.label or setting.key}」只能是：{allowed}")
    if setting.minimum is not None and typed < setting.minimum:  # type: ignore[operator]
        raise SettingError(f"「{setting.label}」最小是 {setting.minimum:g}")
    if setting.maximum is not None and typed > setting.maximum:  # type: ignore[operator]
        raise SettingError(f"「{setting.label}」最大是 {setting.maximum:g}")
    return typed
