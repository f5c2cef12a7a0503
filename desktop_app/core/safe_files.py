"""Reading files people hand us, and writing files where people point us, without trusting either.

`read_regular` reads only regular files and never more than a limit: a FIFO or /dev/zero named
`pack.yaml` would otherwise block forever or fill memory (stat() says 0 bytes for both).
`atomic_write` writes to a fresh temp file created exclusively (O_EXCL never follows a planted
symlink at `out.xlsx.part`) and renames it over the target (rename replaces a symlink at the
target instead of writing through it, dangling or not).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a folder where a file was expected."""


def check_regular(path: Path | str) -> os.stat_result:
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise NotARegularFile(f"「{Path(path).name}」不是普通文件（可能是管道或设备），拒绝读取")
    return st


def read_regular(path: Path | str, limit: int) -> bytes:
    """At most limit + 1 bytes of a regular file (so the caller can tell "too big")."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(f"「{Path(path).name}」不是普通文件（可能是管道或设备），拒绝读取")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def atomic_write(path: Path | str, write: Callable[[Path], None]) -> None:
    """Call write(temp_path), then move the finished file to `path`; never a half file there."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:100]}.", suffix=".part")
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
