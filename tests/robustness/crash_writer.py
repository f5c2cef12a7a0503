"""Run by test_crash_safety: writes the agent's data in a loop until it is killed.

Each write is one call of the public API; its id is printed only after the call returned,
i.e. after the transaction committed. Usage: python crash_writer.py RUN_ID
"""

import sys

from desktop_app.core.library.facade import open_library

try:
    from desktop_app.core.stress.stress_log import StressLog
except ImportError:  # before the stress log existed: personal phrases instead
    StressLog = None


def main() -> None:
    run = sys.argv[1]
    library = open_library(sync=False)
    stress = StressLog(library.store.db, profile="crash") if StressLog else None
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        wid = f"{run}.{n}"
        kind = ("use", "fav", "stress", "hot")[n % 4]
        if kind == "use":
            library.record_use(f"crash:use:{wid}")
        elif kind == "fav":
            library.set_favourite(f"crash:fav:{wid}", True)
        elif kind == "stress" and stress:
            stress.log(n % 11, scenario=f"crash:{wid}")
        elif kind == "stress":
            library.add_personal(f"crash:{wid}", stage="listen")
        else:
            library.record_use("crash:hot")
        print(kind, wid, flush=True)


if __name__ == "__main__":
    main()
