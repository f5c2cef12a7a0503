"""A system-wide hotkey that summons the window, where the platform lets an app have one.

Windows: RegisterHotKey through ctypes, WM_HOTKEY caught by a native event filter (no
extra package, no admin rights). Linux X11: XGrabKey through python-xlib when it happens
to be installed (it is not a dependency). Elsewhere (Wayland, macOS, offscreen) the app
says so in the settings and works without one.
"""

from __future__ import annotations

import select
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence

from desktop_app.ui.i18n import tr

K = Qt.Key
_WIN_MODS = {"ctrl": 0x2, "alt": 0x1, "shift": 0x4, "meta": 0x8}
_X11_MODS = {"ctrl": 1 << 2, "alt": 1 << 3, "shift": 1 << 0, "meta": 1 << 6}
# Named keys: (Windows virtual-key code, X11 keysym name).
_NAMED = {
    K.Key_Space: (0x20, "space"), K.Key_Tab: (0x09, "Tab"), K.Key_Return: (0x0D, "Return"),
    K.Key_Escape: (0x1B, "Escape"), K.Key_Backspace: (0x08, "BackSpace"), K.Key_Insert: (0x2D, "Insert"),
    K.Key_Delete: (0x2E, "Delete"), K.Key_Home: (0x24, "Home"), K.Key_End: (0x23, "End"),
    K.Key_PageUp: (0x21, "Prior"), K.Key_PageDown: (0x22, "Next"), K.Key_Left: (0x25, "Left"),
    K.Key_Up: (0x26, "Up"), K.Key_Right: (0x27, "Right"), K.Key_Down: (0x28, "Down"),
    K.Key_Pause: (0x13, "Pause"), K.Key_Print: (0x2C, "Print"), K.Key_QuoteLeft: (0xC0, "grave"),
    K.Key_Comma: (0xBC, "comma"), K.Key_Period: (0xBE, "period"), K.Key_Slash: (0xBF, "slash"),
    K.Key_Semicolon: (0xBA, "semicolon"), K.Key_Minus: (0xBD, "minus"), K.Key_Equal: (0xBB, "equal"),
    K.Key_BracketLeft: (0xDB, "bracketleft"), K.Key_Backslash: (0xDC, "backslash"),
    K.Key_BracketRight: (0xDD, "bracketright"), K.Key_Apostrophe: (0xDE, "apostrophe"),
}


class HotkeyError(ValueError):
    pass


def parse(sequence: str) -> tuple[frozenset[str], Qt.Key]:
    """("Ctrl+Alt+Space") → ({"ctrl", "alt"}, Key_Space); a global hotkey needs a modifier."""
    keys = QKeySequence.fromString(sequence, QKeySequence.SequenceFormat.PortableText)
    if keys.count() != 1:
        raise HotkeyError(tr("请只设一个组合键，例如 Ctrl+Alt+Space"))
    combo = keys[0]
    m = combo.keyboardModifiers()
    mods = frozenset(name for name, flag in (
        ("ctrl", Qt.KeyboardModifier.ControlModifier), ("alt", Qt.KeyboardModifier.AltModifier),
        ("shift", Qt.KeyboardModifier.ShiftModifier), ("meta", Qt.KeyboardModifier.MetaModifier),
    ) if m & flag)
    key = combo.key()
    is_function = K.Key_F1 <= key <= K.Key_F24
    if not (mods - {"shift"}) and not is_function:
        raise HotkeyError(tr("全局热键要带 Ctrl、Alt 或 Win 键，否则会挡住正常打字"))
    if _windows_vk(key) is None:
        raise HotkeyError(tr("不支持这个按键作为全局热键"))
    return mods, key


def _windows_vk(key: Qt.Key) -> int | None:
    if K.Key_A <= key <= K.Key_Z or K.Key_0 <= key <= K.Key_9:
        return int(key)
    if K.Key_F1 <= key <= K.Key_F24:
        return 0x70 + int(key) - int(K.Key_F1)
    return _NAMED.get(key, (None, None))[0]


def _x11_keysym(key: Qt.Key) -> str | None:
    if K.Key_A <= key <= K.Key_Z:
        return chr(int(key)).lower()
    if K.Key_0 <= key <= K.Key_9:
        return chr(int(key))
    if K.Key_F1 <= key <= K.Key_F24:
        return f"F{int(key) - int(K.Key_F1) + 1}"
    return _NAMED.get(key, (None, None))[1]


def windows_code(sequence: str) -> tuple[int, int]:
    mods, key = parse(sequence)
    return sum(_WIN_MODS[m] for m in mods), _windows_vk(key)


def x11_code(sequence: str) -> tuple[int, str]:
    mods, key = parse(sequence)
    return sum(_X11_MODS[m] for m in mods), _x11_keysym(key)


class GlobalHotkey(QObject):
    activated = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._backend = None
        self.sequence = ""
        self.registered = False
        # What happened, said in the UI language when it is read: the settings dialog shows it
        # after a switch to 繁體 too, so the text is made at reading time, not at registration.
        self._status: Callable[[], str] = lambda: ""

    @property
    def status(self) -> str:
        return self._status()

    def set_sequence(self, sequence: str) -> bool:
        """Register `sequence` instead of the current one; `status` says what happened."""
        self.unregister()
        self.sequence = sequence
        if not sequence:
            self._status = lambda: tr("未设置全局热键")
            return False
        try:
            parse(sequence)  # a bad combination is explained on every platform
            backend = self._backend or self._make_backend()
            if backend is None:
                return False
            self._backend = backend
            backend.register(sequence)
        except HotkeyError as exc:
            why = str(exc)  # `exc` is gone once the except block ends
            self._status = lambda: tr("无法注册全局热键：") + tr(why)
            return False
        self.registered = True
        self._status = lambda: tr("全局热键 {} 已生效").format(sequence)
        return True

    def unregister(self) -> None:
        if self._backend is not None:
            self._backend.unregister()
        self.registered = False

    def _make_backend(self):
        if sys.platform == "win32":
            return _WindowsBackend(self.activated.emit)
        platform = QGuiApplication.platformName()
        if platform == "xcb":
            try:
                import Xlib.display  # noqa: F401 — optional: only when the agent's system has it
            except ImportError:
                self._status = lambda: tr("Linux 下需要安装 python-xlib 才能使用全局热键；其余功能不受影响")
                return None
            return _X11Backend(self.activated.emit)
        if platform.startswith("wayland"):
            self._status = lambda: tr("Wayland 不允许程序注册全局热键：请在系统设置里把快捷键绑定到 calmdesk 命令"
                                      "（再次启动会唤出已打开的窗口）")
        else:
            self._status = lambda: tr("当前显示环境（{}）不支持全局热键；其余功能不受影响").format(platform)
        return None


class _WindowsBackend(QAbstractNativeEventFilter):
    WM_HOTKEY = 0x0312
    MOD_NOREPEAT = 0x4000
    HOTKEY_ID = 0xCA1D

    def __init__(self, callback):
        super().__init__()
        import ctypes
        from ctypes import wintypes

        self._ctypes, self._wintypes = ctypes, wintypes
        self._user32 = ctypes.WinDLL("user32", use_last_error=True)
        self._callback = callback
        self._registered = False
        QCoreApplication.instance().installNativeEventFilter(self)

    def register(self, sequence: str) -> None:
        mods, vk = windows_code(sequence)
        # hWnd NULL: WM_HOTKEY goes to this (the GUI) thread's queue, where Qt's dispatcher sees it.
        if not self._user32.RegisterHotKey(None, self.HOTKEY_ID, mods | self.MOD_NOREPEAT, vk):
            error = self._ctypes.get_last_error()
            if error == 1409:  # ERROR_HOTKEY_ALREADY_REGISTERED
                raise HotkeyError(tr("{} 已被其他程序占用，请换一个").format(sequence))
            raise HotkeyError(tr("系统拒绝了这个组合键（错误 {}）").format(error))
        self._registered = True

    def unregister(self) -> None:
        if self._registered:
            self._user32.UnregisterHotKey(None, self.HOTKEY_ID)
            self._registered = False

    def nativeEventFilter(self, event_type, message):
        if bytes(event_type) in (b"windows_generic_MSG", b"windows_dispatcher_MSG"):
            msg = self._wintypes.MSG.from_address(int(message))
            if msg.message == self.WM_HOTKEY and msg.wParam == self.HOTKEY_ID:
                self._callback()
                return True, 0
        return False, 0


class _X11Backend:
    """XGrabKey on the root window over a second X connection, read in a small thread."""

    def __init__(self, callback):
        self._callback = callback
        self._display = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def register(self, sequence: str) -> None:
        from Xlib import X, XK, display, error

        mods, name = x11_code(sequence)
        try:
            d = display.Display()
        except Exception as exc:  # noqa: BLE001 — no X connection: say so, keep working
            raise HotkeyError(tr("无法连接 X 显示服务：") + str(exc)) from exc
        keycode = d.keysym_to_keycode(XK.string_to_keysym(name))
        if not keycode:
            d.close()
            raise HotkeyError(tr("键盘布局里没有这个按键"))
        root = d.screen().root
        catcher = error.CatchError(error.BadAccess)
        # Caps Lock and Num Lock are modifiers to X: grab every combination of them too.
        for extra in (0, X.LockMask, X.Mod2Mask, X.LockMask | X.Mod2Mask):
            root.grab_key(keycode, mods | extra, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catcher)
        d.sync()
        if catcher.get_error():
            root.ungrab_key(keycode, X.AnyModifier)
            d.close()
            raise HotkeyError(tr("{} 已被其他程序占用，请换一个").format(sequence))
        self._display, self._keycode = d, keycode
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="calmdesk-hotkey", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        from Xlib import X

        d = self._display
        while not self._stop.is_set():
            ready, _, _ = select.select([d.fileno()], [], [], 0.3)
            if not ready and not d.pending_events():
                continue
            while d.pending_events():
                event = d.next_event()
                if event.type == X.KeyPress and event.detail == self._keycode:
                    self._callback()  # a Qt signal: queued to the GUI thread

    def unregister(self) -> None:
        if self._display is None:
            return
        from Xlib import X

        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
        try:
            self._display.screen().root.ungrab_key(self._keycode, X.AnyModifier)
            self._display.close()
        except Exception:  # noqa: BLE001 — the X server may already be gone at exit
            pass
        self._display = None
