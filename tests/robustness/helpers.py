"""Small helpers shared by the robustness tests."""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from contextlib import contextmanager


def fingerprint(db) -> str:
    """A hash of every row of every table: equal fingerprints, unchanged database."""
    digest = hashlib.sha256()
    for table in sorted(db.get_tables()):
        digest.update(table.encode())
        for row in db.execute_sql(f'SELECT * FROM "{table}" ORDER BY rowid'):
            digest.update(repr(row).encode())
    return digest.hexdigest()


@contextmanager
def time_limit(seconds: float):
    """Raise TimeoutError instead of hanging: at once where a signal can interrupt (POSIX, main
    thread), and in any case when the block ends late."""
    start = time.monotonic()
    armed = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    def alarm(_signum, frame):
        if frame is not None and frame.f_code.co_name in ("gc_callback", "__del__"):
            signal.setitimer(signal.ITIMER_REAL, 0.01)  # raised there it would be swallowed: soon again
            return
        raise TimeoutError(f"took longer than {seconds} s")

    if armed:
        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - start > seconds:
        raise TimeoutError(f"took {time.monotonic() - start:.1f} s, longer than {seconds} s")


def run_capped(code: str, *, memory_mb: int = 600, seconds: float = 60, env: dict | None = None,
               cwd=None) -> dict:
    """Run `code` in a child Python with its address space and CPU time capped (setrlimit), so a
    bomb fails the test with MemoryError or a kill instead of taking the machine down.

    Returns {"rc", "stdout", "stderr", "seconds", "max_rss_mb"}; a wall-clock overrun raises
    subprocess.TimeoutExpired.
    """
    import os
    import resource
    import subprocess
    import sys

    limit = memory_mb * 1024 * 1024

    def cap() -> None:  # runs in the child before Python starts
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        cpu = int(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    script = (code + "\nimport resource as _r, sys as _s\n"
              "_s.stderr.write('\\nMAXRSS_KB=%d\\n' % _r.getrusage(_r.RUSAGE_SELF).ru_maxrss)\n")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=seconds,
                          preexec_fn=cap, env={**os.environ, **(env or {})}, cwd=cwd)
    elapsed = time.monotonic() - start
    rss = 0
    for line in proc.stderr.splitlines():
        if line.startswith("MAXRSS_KB="):
            rss = int(line.split("=", 1)[1]) // 1024
    return {"rc": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "seconds": elapsed,
            "max_rss_mb": rss}
