"""The caseload's cache: what each plan file said when it was last read, so a
second scan reads only the files that changed.

One SQLite file (the standard library's sqlite3) in the user cache folder
(`~/.cache/iep-meeting/caseload.sqlite3` on Linux), readable by its owner only.
For each folder scanned it holds a document of what the scan found under it
(store/caseload_codec.py): each plan file by its path, size, modification time
and content hash (SHA-256), with its `PlanFacts`; and, in a document of their
own, the progress files (`<plan>.progress.toml`) with their `ProgressFacts`. A
file whose size and modification time are unchanged is not read again; one
whose content hash is unchanged is not parsed again.

A document a folder, not a row a file: a second scan of 20,000 plans then reads
one value from the database and decodes it a column at a time, in C, rather
than twenty thousand rows one by one (a third of the time a second scan took).
A folder scanned for the first time starts from the documents of the folders
above it (the part under it) and below it; its own document then replaces those
below it.

The cache is never trusted: a file that is not a database, a database of
another program or of another version of this one, is thrown away and rebuilt;
a document that does not decode to exactly the values plan files can hold is
not believed (its files are read again). When no cache can be kept (the folder
is read-only, the file belongs to someone else), the caseload works without one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Generic, NamedTuple

import platformdirs

from iep_meeting import __version__
from iep_meeting.model.caseload import PlanFacts, ProgressFacts
from iep_meeting.store.caseload_codec import PLAN_FACTS, PROGRESS_FACTS, Codec, Known, T
from iep_meeting.store.folders import APP_NAME

CACHE_NAME = "caseload.sqlite3"
# Raised whenever PlanFacts or its encoding changes: an older cache is rebuilt.
CACHE_FORMAT = f"iep-meeting caseload cache 5, iep-meeting {__version__}"


class Table(NamedTuple, Generic[T]):
    """One kind of file the cache keeps (its documents' `kind`), and how its facts are kept."""

    name: str
    codec: Codec[T]


PLANS: Table[PlanFacts] = Table("plans", PLAN_FACTS)
PROGRESS: Table[ProgressFacts] = Table("progress", PROGRESS_FACTS)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE folders (
    kind TEXT NOT NULL,
    folder TEXT NOT NULL,
    document TEXT NOT NULL,
    PRIMARY KEY (kind, folder)
);
"""
# Not WITHOUT ROWID: a document is megabytes, and there a lookup compares the
# whole row, so each query read every document in its path from the disk.


def default_cache_path() -> Path:
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / CACHE_NAME


class Cached(NamedTuple, Generic[T]):
    """A file as the cache last saw it."""

    size: int
    mtime_ns: int
    sha256: str
    facts: T


def _below(folder: str) -> tuple[str, str]:
    """The bounds between which the paths under `folder` sort ("0" follows the separator)."""
    inside = folder.rstrip(os.sep) + os.sep
    return inside, inside[:-1] + chr(ord(os.sep) + 1)


def _above(folder: str) -> list[str]:
    """The folders `folder` is in, nearest first."""
    above: list[str] = []
    parent = os.path.dirname(folder)
    while parent != folder:
        above.append(parent)
        folder, parent = parent, os.path.dirname(parent)
    return above


class CaseloadCache:
    """The cache file, open (or, when none can be kept, a cache in memory)."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None) -> None:
        self._connection = connection
        self.path = path  # None: in memory only
        self._pending: dict[tuple[str, str], str] = {}

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

    def known(self, table: Table[T], folder: str) -> tuple[Known[T] | None, bool]:
        """What the cache knows of the files under `folder` (absolute; a folder
        scanned, or a file): its document, else what the documents of the
        folders above it and below it hold of them (None when nothing); and
        whether it is the folder's own document."""
        low, high = _below(folder)
        above: list[str] = _above(folder)
        query = (
            "SELECT folder, document FROM folders WHERE kind = ? AND (folder = ? OR (folder > ? AND folder < ?)"
            f" OR folder IN ({', '.join('?' * len(above))}))"
        )
        try:
            rows = self._connection.execute(query, (table.name, folder, low, high, *above)).fetchall()
        except sqlite3.Error:
            return None, False
        documents = {name: text for name, text in rows if type(name) is str and type(text) is str}
        if folder in documents:
            own = table.codec.decode(documents[folder], folder)
            return own, own is not None
        parts = [table.codec.decode(text, name) for name, text in sorted(documents.items())]
        return _within(folder, [part for part in parts if part is not None]), False

    def entries(self, table: Table[T], roots: Iterable[str] = ()) -> dict[str, Cached[T]]:
        """Every file the cache knows (under the folders `roots`, when given), by path."""
        try:
            names = [
                row[0] for row in self._connection.execute("SELECT folder FROM folders WHERE kind = ?", (table.name,))
            ]
        except sqlite3.Error:
            return {}
        known = [self.known(table, root)[0] for root in (roots or names)]
        return {
            path: Cached(size, mtime_ns, sha256, facts)
            for part in known
            if part is not None
            for path, size, mtime_ns, sha256, facts in zip(*part, strict=True)
        }

    def keep(self, table: Table[T], folder: str, known: Known[T]) -> None:
        """Keep what a scan found under `folder` (written by `save`, in place of
        what the cache held of that folder and of the folders in it)."""
        self._pending[(table.name, folder)] = table.codec.encode(*known)

    def save(self) -> None:
        """Write what `keep` kept, in one transaction. A cache that cannot be
        written (another caseload is writing it, the disk is full) is left as
        it was: it is only a cache."""
        pending, self._pending = self._pending, {}
        if not pending:
            return
        try:
            with self._connection:
                for (kind, folder), document in pending.items():
                    low, high = _below(folder)
                    self._connection.execute(
                        "DELETE FROM folders WHERE kind = ? AND folder > ? AND folder < ?", (kind, low, high)
                    )
                    self._connection.execute(
                        "INSERT OR REPLACE INTO folders VALUES (?, ?, ?)", (kind, folder, document)
                    )
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> CaseloadCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _within(folder: str, parts: list[Known[T]]) -> Known[T] | None:
    """The files under `folder` of the documents `parts` (each file once), as one."""
    if not parts:
        return None
    low, high = _below(folder)
    seen: set[str] = set()
    rows = []
    for part in parts:
        for row in zip(*part, strict=True):
            path = row[0]
            if (path == folder or low < path < high) and path not in seen:
                seen.add(path)
                rows.append(row)
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[], [], [], [], []]
    return Known(*columns)


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
        if tables != {"meta", "folders"} or format_row != (CACHE_FORMAT,):
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
