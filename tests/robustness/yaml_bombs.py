"""Hostile playbook files, and a runner that feeds them to the import in a child process.

Run by test_fuzz_inputs in a subprocess with a hard timeout, so even a hang in C code (the YAML
parser, a regular expression) fails the test instead of stalling the suite. Prints one JSON
object per bomb: seconds taken, the outcome, whether the database changed.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]
"""

BOMBS: dict[str, bytes] = {
    "billion_laughs": LAUGHS,
    "laughs_in_a_phrase": b"format: 1\nindustry: banking\nscenarios:\n  - key: x\n    name: &n n\n    phrases:\n"
                          b"      listen: [*n]\n",
    "deep_flow": b"[" * 1_000_000,
    "deep_block_sequence": b"- " * 100_000 + b"x",
    "deep_block_mapping": b"".join(b" " * i + b"a:\n" for i in range(1500)),
    "oversized": b"# padding\n" * 300_000,
    "oversized_but_valid": b"format: 1\nindustry: banking\nscenarios:\n" + b"".join(
        b"  - key: s%d\n    name: n%d\n    description: d\n    triggers: [t%d]\n    phrases:\n      listen: [%s]\n"
        % (i, i, i, b", ".join(b"phrase %d-%d padding padding" % (i, j) for j in range(20)))
        for i in range(7000)),
    "many_flow_items": b"[" + b"a," * 450_000 + b"]",
    "many_mapping_items": b"format: 1\nscenarios:\n" + b"".join(b"- {k%d: a}\n" % i for i in range(120_000)),
    "one_long_line": b"format: 1\nx: " + b"a" * 2_000_000,
    "python_object": b"!!python/object/apply:os.system ['echo pwned > PWNED']\n",
    "python_object_in_field": b"format: !!python/object/apply:os.system ['echo pwned > PWNED']\n",
    "python_name": b"format: 1\nscenarios: !!python/name:os.system\n",
    "huge_number": b"format: 1" + b"9" * 100_000 + b"\n",
    "utf16": "format: 1\nscenarios: []\n".encode("utf-16"),
    "nul_bytes": b"format: 1\n\x00\x00\n",
    "complex_key": b"? [a, b]\n: c\n",
    "duplicate_keys": b"format: 1\n" * 5000,
    "tabs": b"format:\t1\n\tscenarios: []",
    "empty": b"",
    "only_a_comment": b"# nothing\n",
    "bom_and_junk": b"\xef\xbb\xbf\xff\xfe",
}
# Near the event limit: an item list just small enough to be parsed in full (not run by main()).
SLOW = {"many_items_under_the_limit": b"format: 1\nscenarios:\n" + b"- a\n" * 390_000}


def main() -> None:
    from desktop_app.core.library.facade import open_library
    from desktop_app.core.playbooks.reader import PlaybookError
    from tests.robustness.helpers import fingerprint

    sample, names = Path(sys.argv[1]), sys.argv[2:]
    library = open_library(sync=False)
    library.import_paths(sample)
    before = fingerprint(library.store.db)
    bombs = BOMBS
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = Path(tmp) / "sample.yaml"  # the same name as the imported file: a replacement
            path.write_bytes(bombs[name])
            start = time.perf_counter()
            try:
                library.import_paths(path)
                outcome = "accepted"
            except PlaybookError as exc:
                outcome = f"refused: {str(exc)[:100]}"
            seconds = time.perf_counter() - start
            print(json.dumps({"name": name, "seconds": seconds, "outcome": outcome,
                              "changed": fingerprint(library.store.db) != before,
                              "executed": (Path(tmp) / "PWNED").exists() or Path("PWNED").exists()},
                             ensure_ascii=False), flush=True)
    library.close()


if __name__ == "__main__":
    main()
