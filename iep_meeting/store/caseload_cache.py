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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from iep_meeting import __version__
from iep_meeting.model.caseload import PlanFacts
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, ParkingLotState, Status
from iep_meeting.store.folders import APP_NAME

CACHE_NAME = "caseload.sqlite3"
# Raised whenever PlanFacts or its encoding changes: an older cache is rebuilt.
CACHE_FORMAT = f"iep-meeting caseload cache 1, iep-meeting {__version__}"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE plans (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    facts TEXT NOT NULL
);
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

    def entries(self) -> dict[str, Cached]:
        """Every file the cache knows, by path."""
        try:
            rows = self._connection.execute("SELECT path, size, mtime_ns, sha256, facts FROM plans").fetchall()
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


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode_facts(facts: PlanFacts) -> str:
    """A plan's facts as a JSON list in field order: dates as text, enums by value."""
    values: list[Any] = list(facts)
    for index in _DATE_FIELDS:
        if values[index] is not None:
            values[index] = values[index].isoformat()
    for index in _RECORD_FIELDS:
        values[index] = [_record(item) for item in values[index]]
    return _ENCODER.encode(values)


def _record(item: ActionItem | ParkingLotItem) -> list[Any]:
    if isinstance(item, ActionItem):
        return [item.owner, item.what, _date(item.due), item.done]
    return [item.topic, item.raised_by, item.section, item.state.value, item.resolution]


def _text(value: Any) -> str:
    if type(value) is not str:
        raise ValueError("not text")
    return value


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError("not true or false")
    return value


def _day(value: Any) -> dt.date:
    return dt.date.fromisoformat(_text(value))


def _maybe_day(value: Any) -> dt.date | None:
    return None if value is None else _day(value)


def _action(value: Any) -> ActionItem:
    owner, what, due, done = value
    return ActionItem(owner=_text(owner), what=_text(what), due=_maybe_day(due), done=_flag(done))


def _topic(value: Any) -> ParkingLotItem:
    topic, raised_by, section, state, resolution = value
    return ParkingLotItem(
        topic=_text(topic),
        raised_by=_text(raised_by),
        section=_text(section),
        state=ParkingLotState(_text(state)),
        resolution=_text(resolution),
    )


def _records(decode: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    def records(value: Any) -> tuple[Any, ...]:
        if type(value) is not list:
            raise ValueError("not a list")
        return tuple(decode(item) for item in value)

    return records


# How each field of PlanFacts is read back, in field order.
_DECODERS: dict[str, Callable[[Any], Any]] = {
    "path": _text,
    "student_name": _text,
    "kind": lambda value: MeetingKind(_text(value)),
    "status": lambda value: Status(_text(value)),
    "period_start": _day,
    "period_end": _day,
    "student_id": _text,
    "birth_date": _maybe_day,
    "meeting_date": _maybe_day,
    "previous_iep_date": _maybe_day,
    "last_evaluation_date": _maybe_day,
    "finalized": _maybe_day,
    "agenda": _text,
    "profile": _text,
    "seal_intact": _flag,
    "family_copy": _flag,
    "transition_planned": _flag,
    "rights_transfer_informed": _maybe_day,
    "action_items": _records(_action),
    "open_topics": _records(_topic),
    "amends": _text,
}
_DECODE = tuple(_DECODERS[name] for name in PlanFacts._fields)
_DATE_FIELDS = tuple(i for i, decode in enumerate(_DECODE) if decode in (_day, _maybe_day))
_RECORD_FIELDS = tuple(i for i, name in enumerate(PlanFacts._fields) if name in ("action_items", "open_topics"))


def decode_facts(text: str) -> PlanFacts | None:
    """The facts `encode_facts` wrote, or None when the text is anything else."""
    try:
        values = json.loads(text)
        if type(values) is not list or len(values) != len(_DECODE):
            return None
        return PlanFacts(*(decode(value) for decode, value in zip(_DECODE, values)))
    except (ValueError, TypeError, RecursionError):
        return None
