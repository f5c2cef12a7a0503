"""One CalmDesk per data folder: a second launch asks the first to show itself and exits.

A local socket (named pipe on Windows, socket file on Unix) named after the data dir, so a
portable copy or a test's CALMDESK_HOME is a separate instance.
"""

from __future__ import annotations

import getpass
import hashlib
import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop_app.core import paths

MESSAGE = b"show\n"
TIMEOUT_MS = 500


def instance_name() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name on some locked-down PCs
        user = "user"
    digest = hashlib.sha1(f"{user}|{paths.data_dir().resolve()}".encode()).hexdigest()[:16]
    return f"calmdesk-{digest}"


class SingleInstance(QObject):
    activated = Signal()  # another launch asked this one to show itself

    def __init__(self, name: str | None = None, parent=None):
        super().__init__(parent)
        self.name = name or instance_name()
        self._server: QLocalServer | None = None

    def notify_running(self) -> bool:
        """True if another instance answered (and was told to show itself)."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(TIMEOUT_MS):
            return False
        _allow_other_to_come_forward()
        socket.write(MESSAGE)
        socket.waitForBytesWritten(TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket file left by a crashed instance: nobody answered it, so take it over.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._on_connection)
        self._server = server
        return True

    def _on_connection(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # Bound methods, not lambdas: Qt drops the connection when either side is deleted.
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll()).startswith(MESSAGE.strip()):
            self.activated.emit()

    def close(self) -> None:
        if self._server is not None:
            self._server.newConnection.disconnect(self._on_connection)
            self._server.close()
            self._server.deleteLater()
            self._server = None


def _allow_other_to_come_forward() -> None:
    """Windows lets only the foreground process raise a window: this launch was just started by
    the agent, so it hands that right on to the running instance."""
    if sys.platform == "win32":
        import ctypes

        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # ASFW_ANY
