"""Masking the customer's numbers in any text CalmDesk would keep.

Agents paste what customers say; that text may hold a mobile number, a landline, an 18-character
ID number or a bank card number. CalmDesk stores no customer text unless the agent asks (a personal
phrase, later perhaps a history), and whatever it does store goes through `mask()` first.
`forget()` deletes the agent's own data for good (live file, write-ahead log and backups).

Numbers are found as runs of digits that may be split by single spaces or dashes
("138 1234 5678", "6222-0212-3456-7890"), full-width digits included. A run is cut at its
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

# A run of digits, groups joined by one space, dash or closing bracket ("(010)1234 5678");
# an ID may end in X.
_RUN = re.compile(r"(?<!\d)\d+(?:[ \u00a0\u3000\-－)）]\d+)*(?:[ \-]?[Xx](?![A-Za-z]))?(?!\d)")
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
    if not text or not any(c.isdigit() for c in text):
        return text
    return _RUN.sub(lambda m: _mask_run(m.group(0)), text)


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

    from desktop_app.core.library import recovery
    with db.atomic():
        removed = sum(query.execute(db) for query in queries())
    _compact(db)
    for backup in recovery.newest_backups(recovery.backups_of(Path(db.database))):
        copy = SqliteDatabase(str(backup))
        try:
            copy.connect()
            with copy.atomic():
                for query in queries():
                    try:
                        with copy.atomic():  # a savepoint: an older schema may lack a table
                            query.execute(copy)
                    except DatabaseError:
                        pass
            _compact(copy)
        except DatabaseError as exc:  # a damaged backup is left alone (never used to restore)
            log.warning("could not erase from backup %s: %s", backup, exc)
        finally:
            copy.close()
    return removed


def _compact(db) -> None:
    from desktop_app.core.library import sqlite_backend
    sqlite_backend.compact(db)