"""Run by test_concurrency: one more process writing the agent's data through the library API.

Usage: python concurrent_writer.py NAME COUNT. Prints "done N" after N rounds, each round a
use of the shared phrase, a use and a favourite of its own, and (if the stress log exists) a
rating plus a step of a 红转绿 exercise (a read-then-write transaction). Rounds are paced a
little: three processes committing in tight loops can starve a fourth past the busy timeout,
as SQLite's lock has no queue; an agent's clicks are far slower than that.
"""

import sys
import time

from desktop_app.core.library.facade import open_library

try:
    from desktop_app.core.stress.stress_log import StressLog
except ImportError:
    StressLog = None


def main() -> None:
    name, count = sys.argv[1], int(sys.argv[2])
    library = open_library(sync=False)
    stress = StressLog(library.store.db, profile=name) if StressLog else None
    exercise = stress.start_exercise(before=7) if stress else None
    for n in range(count):
        library.record_use("conc:hot")
        library.record_use(f"conc:{name}:{n}")
        library.set_favourite(f"conc:{name}:{n}", True)
        if stress:
            stress.log(n % 11)
            stress.save_step(exercise, "reframe", reframe=f"第 {n} 次")
        time.sleep(0.002)  # a pause between rounds, as between clicks: SQLite's lock is not fair
    print("done", count, flush=True)
    library.close()


if __name__ == "__main__":
    main()
