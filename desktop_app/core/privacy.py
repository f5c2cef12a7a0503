"""Masking the customer's numbers in any text CalmDesk would keep.

Agents paste what customers say; that text may hold a mobile number, a landline, an 18-character
ID number or a bank card number. CalmDesk stores no customer text unless the agent asks (a personal
phrase, later perhaps a history), and whatever it does store goes through `mask()` first.
`forget()` deletes the agent's own data for good (live file, write-ahead log and backups).

Numbers are found as runs of digits that may be split by spaces, dashes, dots, slashes or
zero-width characters ("138 1234 5678", "6222-0212-3456-7890", "138.1234.5678"), full-width
digits and Chinese numerals ("一三八…") included. A run is cut at its
groups, and the longest sequence of groups that is a phone, ID or card number is masked, so
"138 1234 5678 3 次" still masks the phone. Masking stars digits in place and keeps only what an
agent uses to tell numbers apart: a mobile's first 3 and last 4 digits ("138 **** 5678"), a
landline's area code and last 4 digits, an ID's or card's last 4 characters. Not masked: bare
7-8 digit local numbers and 15-digit old IDs (too easily confused with order numbers and amounts).
"""

from __future__ import annotations

import logging
import re
import unicodedata

log = logging.getLogger(__name__)

# What may stand between the digit groups of one number: spaces, dashes of every width, dots,
# slashes, closing brackets ("(010)1234 5678"), up to three of them ("138 - 1234 - 5678"), and
# invisible zero-width characters pasted from chat apps. An ID may end in X.
_SEP = "[ \u00a0\u3000\\-－‐‑‒–—―﹣.．·/／)）\u200b\u200c\u200d\u2060\ufeff]"
_RUN = re.compile(rf"(?<!\d)\d+(?:{_SEP}{{1,3}}\d+)*(?:[ \-]?[Xx](?![A-Za-z]))?(?!\d)")
# Digits written as Chinese numerals (一三八…, 幺 for 1 when reading numbers aloud, 壹贰… in
# formal writing) are read as digits while looking for numbers; masking stars them in place.
_NUMERALS = str.maketrans("零〇洞幺一二三四五六七八九壹贰叁肆伍陆柒捌玖", "0001123456789123456789")
_GROUP = re.compile(r"\d+|[Xx]")
_MOBILE = re.compile(r"(0{0,2}86|0)?1[3-9]\d{9}\Z")
# Area codes: 010 and 02x are three digits, the rest four; local numbers 7-8 digits.
_LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d{2}))\d{7,8}\Z")
_ID = re.compile(r"\d{17}[\dXx]\Z")
_CARD = re.compile(r"\d{16,19}\Z")
_LONGEST = 19 + 4  # a card number, or a mobile with its 0086 prefix


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)


def _kept(digits: str) -> tuple[int, int] | None:
    """How many leading and trailing characters stay visible, if `digits` is a number to hide."""
    if m := _MOBILE.match(digits):
        return len(m.group(1) or "") + 3, 4
    if m := _LANDLINE.match(digits):
        return len(m.group(1)), 4
    if _ID.match(digits) or _CARD.match(digits):
        return 0, 4
    return None


def _mask_run(run: str) -> str:
    """Star the hidden digits in place, so separators and brackets stay where they were."""
    groups = list(_GROUP.finditer(run))
    plain = [_ascii_digits(g.group(0)) for g in groups]
    chars = list(run)
    i = 0
    while i < len(groups):
        # The longest sequence of groups starting here that is a number to hide; no number is
        # longer than _LONGEST digits, which keeps a 20,000-digit paste linear.
        end, length = i, 0
        while end < len(groups) and length + len(plain[end]) <= _LONGEST:
            length += len(plain[end])
            end += 1
        for j in range(end, i, -1):
            kept = _kept("".join(plain[i:j]))
            if kept:
                positions = [p for g in groups[i:j] for p in range(g.start(), g.end())]
                head, tail = kept
                for p in positions[head : len(positions) - tail]:
                    chars[p] = "*"
                i = j
                break
        else:
            i += 1
    return "".join(chars)


def mask(text: str) -> str:
    """`text` with phone, ID and bank card numbers masked; everything else unchanged."""
    if not text:
        return text
    shadow = text.translate(_NUMERALS)  # same length: positions in it are positions in text
    if not any(c.isdigit() for c in shadow):
        return text
    out: list[str] = []
    last = 0
    for m in _RUN.finditer(shadow):
        start, end = m.span()
        masked = _mask_run(m.group(0))
        original = text[start:end]
        if original != m.group(0):  # Chinese numerals: keep them where they stay visible
            masked = "".join("*" if c == "*" else o for c, o in zip(masked, original))
        out += (text[last:start], masked)
        last = end
    out.append(text[last:])
    return "".join(out)


def contains_sensitive(text: str) -> bool:
    return mask(text) != text


# ---------------------------------------------------------------- deleting for good


def forget(db, queries) -> int:
    """Delete for good: run the delete `queries()` on the live database and on every automatic
    backup, then rewrite the files so the deleted text is gone from the disk's copy too.

    SQLite frees deleted rows but leaves their bytes in free pages unless it was built with
    SECURE_DELETE (Windows' Python is not), and the write-ahead log keeps old page images until
    the last connection closes, which for the window is the end of the shift. So: VACUUM (the
    file is rewritten from live rows only) and a TRUNCATE checkpoint (the log is emptied).
    `queries` returns fresh peewee delete queries; it is called once per database. Returns the
    number of rows removed from the live database.
    """
    from pathlib import Path

    from peewee import DatabaseError, SqliteDatabase

    from desktop_app.core.library import recovery, sqlite_backend

    with db.atomic():
        removed = sum(query.execute(db) for query in queries())
    _compact(db)
    live = Path(db.database)
    copies = recovery.newest_backups(recovery.backups_of(live))
    damaged = recovery.damaged_copies(live)
    for backup in [*copies, *damaged]:
        copy = SqliteDatabase(str(backup))
        try:
            copy.connect()
            with copy.atomic():
                for query in queries():
                    try:
                        with copy.atomic():  # a savepoint: an older schema may lack a table
                            query.execute(copy)
                    except DatabaseError as exc:
                        if backup in damaged and "no such table" not in str(exc):
                            raise
            _compact(copy)
            if backup in damaged:
                copy.close()
                ok, result = sqlite_backend.integrity_ok(backup)
                if not ok:
                    raise DatabaseError(result)  # pages SQL cannot reach may still hold the text
        except DatabaseError as exc:
            if backup in damaged:
                # A file moved aside as damaged cannot be trusted to have been cleaned by SQL:
                # "delete for good" means it goes (the library in it is rebuilt anyway).
                copy.close()
                _remove_with_sidecars(backup)
                log.warning("removed damaged copy %s: could not erase from it (%s)", backup, exc)
            else:  # a damaged backup is left alone (never used to restore)
                log.warning("could not erase from backup %s: %s", backup, exc)
        finally:
            copy.close()
    return removed


def _remove_with_sidecars(path) -> None:
    from pathlib import Path

    for p in (Path(path), *(Path(f"{path}{s}") for s in ("-wal", "-shm", "-journal"))):
        p.unlink(missing_ok=True)


def _compact(db) -> None:
    from desktop_app.core.library import sqlite_backend
    sqlite_backend.compact(db)