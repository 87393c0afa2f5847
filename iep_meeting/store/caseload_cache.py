"""The caseload's cache: what each plan file said when it was last read, so a
second scan reads only the files that changed.

One SQLite file (the standard library's sqlite3) in the user cache folder
(`~/.cache/iep-meeting/caseload.sqlite3` on Linux), readable by its owner only,
with a row per plan file keyed by its path, size, modification time and
content hash (SHA-256), and the file's `PlanFacts` as JSON. A file whose size
and modification time are unchanged is not read again; one whose content hash
is unchanged is not parsed again.

The cache is never trusted: a file that is not a database, a database of
another program or of another version of this one, a row whose facts do not
decode to exactly the values a plan file can hold, is thrown away and rebuilt
(a bad row is read from its plan file again). When no cache can be kept (the
folder is read-only, the file belongs to someone else), the caseload works
without one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from iep_meeting import __version__
from iep_meeting.model.caseload import PlanFacts
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, ParkingLotState, Status
from iep_meeting.store.codec import FIRST_YEAR, LAST_YEAR
from iep_meeting.store.folders import APP_NAME

CACHE_NAME = "caseload.sqlite3"
# Raised whenever PlanFacts or its encoding changes: an older cache is rebuilt.
CACHE_FORMAT = f"iep-meeting caseload cache 3, iep-meeting {__version__}"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE plans (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    facts TEXT NOT NULL
) WITHOUT ROWID;
"""


def default_cache_path() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / CACHE_NAME


class Cached(NamedTuple):
    """A plan file as the cache last saw it."""

    size: int
    mtime_ns: int
    sha256: str
    facts: str  # PlanFacts as JSON (`encode_facts`)


class CaseloadCache:
    """The cache file, open (or, when none can be kept, a cache in memory)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._connection = connection
        self.path = path  # None: in memory only
        self._pending: list[tuple[str, int, int, str, str]] = []

    @classmethod
    def open(cls, path: Path | None = None) -> CaseloadCache:
        """The cache at `path` (default: in the user cache folder). Never raises:
        a corrupt or foreign cache is rebuilt, and where none can be kept the
        cache lives in memory for this run."""
        path = Path(path) if path is not None else default_cache_path()
        for _attempt in range(2):
            try:
                return cls(_connect(path), path)
            except (OSError, sqlite3.Error, _Untrusted):
                _remove(path)  # rebuilt once; after that, no cache on disk
        return cls(_new_database(sqlite3.connect(":memory:")), None)

    def entries(self, roots: Iterable[str] = ()) -> dict[str, Cached]:
        """The files the cache knows under the folders (or files) `roots`, all
        of them without roots, by path."""
        query = "SELECT path, size, mtime_ns, sha256, facts FROM plans"
        ranges: list[tuple[str, ...]] = [()]
        if roots:
            # The paths under a folder sort between "folder/" and "folder0" ("0" follows "/").
            query += " WHERE path = ? OR (path > ? AND path < ?)"
            ranges = [
                (root, root.rstrip(os.sep) + os.sep, root.rstrip(os.sep) + chr(ord(os.sep) + 1)) for root in roots
            ]
        try:
            rows = [row for bounds in ranges for row in self._connection.execute(query, bounds).fetchall()]
        except sqlite3.Error:
            return {}
        return {
            path: Cached(size, mtime_ns, sha256, facts)
            for path, size, mtime_ns, sha256, facts in rows
            if type(path) is str and type(size) is int and type(mtime_ns) is int and type(sha256) is str
            if type(facts) is str
        }

    def remember(self, path: str, size: int, mtime_ns: int, sha256: str, facts: PlanFacts) -> None:
        """Keep a plan's facts (written by `save`)."""
        self._pending.append((path, size, mtime_ns, sha256, encode_facts(facts)))

    def save(self, forget: Iterable[str] = ()) -> None:
        """Write what `remember` kept, and drop the files in `forget`, in one
        transaction. A cache that cannot be written (another caseload is
        writing it, the disk is full) is left as it was: it is only a cache."""
        pending, self._pending = self._pending, []
        forgotten = [(path,) for path in forget]
        if not pending and not forgotten:
            return
        try:
            with self._connection:
                self._connection.executemany("INSERT OR REPLACE INTO plans VALUES (?, ?, ?, ?, ?)", pending)
                self._connection.executemany("DELETE FROM plans WHERE path = ?", forgotten)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> CaseloadCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _Untrusted(Exception):
    """The file there is not this program's cache."""


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            raise _Untrusted
        if os.name == "posix" and stat.S_IMODE(info.st_mode) != 0o600:
            os.fchmod(fd, 0o600)
        empty = info.st_size == 0
    finally:
        os.close(fd)
    connection = sqlite3.connect(path, timeout=1.0)
    # A cache need not survive a power cut: a file left half-written then is
    # not a database, or fails its format check, and is rebuilt.
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA journal_mode = MEMORY")
    try:
        if empty:
            return _new_database(connection)
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        format_row = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() if tables else None
        if tables != {"meta", "plans"} or format_row != (CACHE_FORMAT,):
            raise _Untrusted
        return connection
    except BaseException:
        connection.close()
        raise


def _new_database(connection: sqlite3.Connection) -> sqlite3.Connection:
    with connection:
        connection.executescript(_SCHEMA)
        connection.execute("INSERT INTO meta VALUES ('format', ?)", (CACHE_FORMAT,))
    return connection


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            if not leftover.is_dir():
                leftover.unlink()


# --- PlanFacts <-> JSON -----------------------------------------------------------------------
#
# A plan's facts are a JSON list in field order: text, dates as text ("" for
# none), true or false, and the records as lists. Every value of a row that
# decodes has the type its field has (checked all at once, by the list of the
# values' types) and a date or a choice that exists; anything else is None,
# and the plan is read again.

# What each field of PlanFacts holds, in field order.
_KIND_OF_FIELD = {
    "path": "text",
    "student_name": "text",
    "kind": "kind",
    "status": "status",
    "period_start": "date",
    "period_end": "date",
    "student_id": "text",
    "birth_date": "date?",
    "meeting_date": "date?",
    "previous_iep_date": "date?",
    "last_evaluation_date": "date?",
    "finalized": "date?",
    "agenda": "text",
    "profile": "text",
    "seal_intact": "flag",
    "family_copy": "flag",
    "transition_planned": "flag",
    "rights_transfer_informed": "date?",
    "action_items": "actions",
    "open_topics": "topics",
    "amends": "text",
}
_KINDS = [_KIND_OF_FIELD[name] for name in PlanFacts._fields]  # KeyError here: a field without its kind
_JSON_TYPE = {"flag": bool, "actions": list, "topics": list}
_TYPES = tuple(_JSON_TYPE.get(kind, str) for kind in _KINDS)
_DATES = tuple(i for i, kind in enumerate(_KINDS) if kind == "date")
_MAYBE_DATES = tuple(i for i, kind in enumerate(_KINDS) if kind == "date?")
_ACTIONS, _TOPICS = _KINDS.index("actions"), _KINDS.index("topics")
_MEETING_KIND, _STATUS = _KINDS.index("kind"), _KINDS.index("status")
_MEETING_KINDS = {kind.value: kind for kind in MeetingKind}
_STATUSES = {status.value: status for status in Status}
_TOPIC_STATES = {state.value: state for state in ParkingLotState}

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def encode_facts(facts: PlanFacts) -> str:
    """A plan's facts as the cache keeps them (`decode_facts` reads them back)."""
    values: list[Any] = list(facts)
    for index in _DATES + _MAYBE_DATES:
        values[index] = _date(values[index])
    values[_ACTIONS] = [[a.owner, a.what, _date(a.due), a.done] for a in facts.action_items]
    values[_TOPICS] = [[t.topic, t.raised_by, t.section, t.state.value, t.resolution] for t in facts.open_topics]
    return _ENCODER.encode(values)


_FIRST_YEAR, _LAST_YEAR = f"{FIRST_YEAR:04}", f"{LAST_YEAR:04}"


def _day(text: str) -> dt.date:
    if not _FIRST_YEAR <= text[:4] <= _LAST_YEAR:  # a year the plan reader refuses, or no date
        raise ValueError("not a date a plan can hold")
    return dt.date.fromisoformat(text)


def _action(value: Any) -> ActionItem:
    owner, what, due, done = value
    if (type(owner), type(what), type(due), type(done)) != (str, str, str, bool):
        raise ValueError("not an action item")
    return ActionItem(owner=owner, what=what, due=_day(due) if due else None, done=done)


def _topic(value: Any) -> ParkingLotItem:
    topic, raised_by, section, state, resolution = value
    if (type(topic), type(raised_by), type(section), type(resolution)) != (str, str, str, str):
        raise ValueError("not a parking-lot topic")
    return ParkingLotItem(
        topic=topic, raised_by=raised_by, section=section, state=_TOPIC_STATES[state], resolution=resolution
    )


def decode_facts(path: str, text: str) -> PlanFacts | None:
    """The facts of the plan at `path` that `encode_facts` wrote, or None when
    the text is anything else (also the facts of another file: a row is its
    file's own only when it names it)."""
    try:
        values = json.loads(text)
        if type(values) is not list or tuple(map(type, values)) != _TYPES:
            return None
        for index in _DATES:
            values[index] = _day(values[index])
        for index in _MAYBE_DATES:
            if values[index]:
                values[index] = _day(values[index])
            else:
                values[index] = None
        values[_MEETING_KIND] = _MEETING_KINDS[values[_MEETING_KIND]]
        values[_STATUS] = _STATUSES[values[_STATUS]]
        actions, topics = values[_ACTIONS], values[_TOPICS]
        values[_ACTIONS] = tuple(map(_action, actions)) if actions else ()
        values[_TOPICS] = tuple(map(_topic, topics)) if topics else ()
        if values[0] != path:
            return None
        return PlanFacts._make(values)
    except (ValueError, TypeError, KeyError, RecursionError):
        return None
