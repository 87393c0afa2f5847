"""Plan files: read, write, and hold one open for editing.

- The text form is canonical: the same plan always gives the same bytes, so a
  load then save changes nothing and `git diff` shows only what changed.
- A file that could not be read is never written over.
- Saves are atomic (`atomic.write_atomic`); a `PlanLock` keeps a second process
  from writing the same plan.
"""

from __future__ import annotations

import copy
import os
import stat
import threading
from pathlib import Path
from typing import Any

import attrs

from iep_meeting import __version__
from iep_meeting.model.plan import SCHEMA_VERSION, Plan
from iep_meeting.store import codec
from iep_meeting.store.atomic import remove_stale_temp_files, write_atomic, write_new
from iep_meeting.store.errors import (
    ChangedOnDiskError,
    FileProblemError,
    LockLostError,
    NoFolderError,
    PlanExistsError,
    ReadOnlyError,
    SaveError,
)
from iep_meeting.store.lock import LockOwner, LockUnavailableError, PlanLock, PlanLockedError
from iep_meeting.store.upgrade import upgrade

# The oldest iep-meeting that reads each plan format: written into every file so
# that an older program can say which version to install.
SCHEMA_INTRODUCED_IN = {1: "0.1.0", 2: "0.2.0"}
METADATA_KEYS = ("schema", "requires")


def plan_to_text(plan: Plan) -> str:
    document = {
        "schema": SCHEMA_VERSION,
        "requires": f"iep-meeting>={SCHEMA_INTRODUCED_IN[SCHEMA_VERSION]}",
        **codec.unstructure(plan),
    }
    return codec.dumps(document)


def encode(text: str) -> bytes:
    # Lone surrogates (from a broken paste) cannot be UTF-8: they become "?"
    # rather than making the save fail.
    return text.encode("utf-8", errors="replace")


def _disk_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


@attrs.frozen
class LoadedPlan:
    """A plan as read from a file, and what the file said about it."""

    plan: Plan
    schema: int  # the plan format the file was written in
    upgraded: tuple[str, ...] = ()  # what reading it in the current format changed, in words
    # For a format-1 plan that carries a seal: the file's parsed TOML as it was,
    # since the seal is over its format-1 text (store/format1.py, store/seal.py).
    format1_data: dict[str, Any] | None = None


def plan_from_text(text: str) -> Plan:
    """Parse and check a plan; raises codec.DocumentError with located problems."""
    return read_plan(text).plan


def read_plan(text: str) -> LoadedPlan:
    """Parse and check a plan of any format this program reads, upgraded to the
    current one; raises codec.DocumentError with located problems."""
    data = codec.parse_toml(text)
    if not data:
        raise codec.DocumentError([codec.Problem("the file is empty: it holds no plan")])
    schema = data.pop("schema", None)
    requires = data.pop("requires", None)
    if schema is None:
        raise codec.DocumentError(
            [codec.Problem(f"no 'schema' key: a plan file starts with 'schema = {SCHEMA_VERSION}'")]
        )
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise codec.DocumentError(
            [
                codec.Problem(
                    "'schema' must be a whole number such as 1", ("schema",), codec.find_line(text, ("schema",))
                )
            ]
        )
    if schema > SCHEMA_VERSION:
        needed = requires if isinstance(requires, str) and requires else "a newer iep-meeting"
        raise codec.DocumentError(
            [
                codec.Problem(
                    f"this plan uses plan format {schema}, written by a newer iep-meeting; "
                    f"this is iep-meeting {__version__}, which reads format {SCHEMA_VERSION}. "
                    f"Install {needed} to open it.",
                    ("schema",),
                    codec.find_line(text, ("schema",)),
                )
            ]
        )
    sign_off = data.get("sign_off")
    sealed_format1 = schema == 1 and isinstance(sign_off, dict) and bool(sign_off.get("content_sha256"))
    format1_data = copy.deepcopy(data) if sealed_format1 else None
    changes = upgrade(data, schema) if schema < SCHEMA_VERSION else []
    plan = codec.structure(data, Plan, text)
    return LoadedPlan(plan=plan, schema=schema, upgraded=tuple(changes), format1_data=format1_data)


# The largest file read as a plan (or agenda, bank, theme, keys file). A real
# plan is 10-50 KB (the bundled sample is 10 KB; a 200-goal plan, far beyond
# any real one, 270 KB), so 4 MB is some 80 times the largest real plan; a
# bigger file is not a plan, and is refused before it is read.
MAX_FILE_BYTES = 4 * 1024 * 1024


def _refused(path: Path, message: str, what: str) -> FileProblemError:
    return FileProblemError(path, [codec.Problem(message)], what)


def read_bytes(path: Path, what: str = "plan file") -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES, or FileProblemError.

    Only a regular file is read: a pipe, a device (/dev/zero) or a socket is
    refused at once instead of blocking or reading without end."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)  # a pipe opens at once
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _refused(path, "there is no such file", what) from None
    except IsADirectoryError:
        raise _refused(path, "this is a folder, not a file", what) from None
    except PermissionError:
        raise _refused(path, "permission denied: you may not read this file", what) from None
    except OSError as error:
        raise _refused(path, error.strerror or str(error), what) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _refused(path, "this is a folder, not a file", what)
        if not stat.S_ISREG(info.st_mode):
            raise _refused(path, "this is not a regular file (it is a device, a pipe or a socket)", what)
        if info.st_size > MAX_FILE_BYTES:
            raise _refused(path, _too_big(info.st_size), what)
        chunks, size = [], 0
        while chunk := os.read(fd, 1024 * 1024):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:  # it grew while being read
                raise _refused(path, _too_big(size), what)
    except OSError as error:
        raise _refused(path, error.strerror or str(error), what) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def _too_big(size: int) -> str:
    return (
        f"this file is {size / 1024 / 1024:.1f} MB; a plan is at most {MAX_FILE_BYTES // 1024 // 1024} MB "
        "(a real one is well under 1 MB), so this is not a plan file"
    )


def read_text(path: Path, what: str = "plan file") -> str:
    """The file's text, or FileProblemError saying plainly why not."""
    data = read_bytes(path, what)
    if b"\x00" in data:
        raise FileProblemError(path, [codec.Problem("this is a binary file, not TOML text")], what)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblemError(
            path, [codec.Problem("this is not UTF-8 text (was it saved in another encoding?)", (), line)], what
        ) from None
    return text.removeprefix("\ufeff")


def load_plan(path: Path) -> Plan:
    """Read a plan without locking it (for check, export, diff)."""
    return load_plan_file(path).plan


def load_plan_file(path: Path) -> LoadedPlan:
    """Read a plan and what its file says (its format, its seal) without locking it."""
    path = Path(path)
    text = read_text(path)
    try:
        return read_plan(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems) from None


class PlanFile:
    """One plan open for editing (or read-only): its path, lock and last saved plan."""

    def __init__(
        self, path: Path, plan: Plan, lock: PlanLock | None, readonly_reason: str | None = None, schema: int = 0
    ):
        self.path = path
        self.plan = plan
        # The plan format the file is in (until the first save writes the current one).
        self.schema = schema or SCHEMA_VERSION
        self._lock = lock
        # Why a plan asked for editing opened read-only (its file cannot be written safely).
        self.readonly_reason = readonly_reason
        # The canonical text of what is on disk, worked out at the first save
        # (in the app, a background thread) rather than while the plan opens.
        self._saved_plan = plan
        self._saved_text: str | None = None
        self._stamp = _disk_stamp(path)
        self._writing = threading.Lock()  # the app saves from a worker thread and on quit

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> PlanFile:
        """Lock (unless read-only) then load. Raises PlanLockedError or FileProblemError.

        A plan that cannot be saved in place opens read-only, with the reason in
        `readonly_reason`: a symbolic link (saving would replace the link), or a
        file whose permissions do not allow writing."""
        path = Path(path).absolute()
        if not path.is_file():
            load_plan(path)  # says plainly why (no such file, a folder, ...), before any lock file is made
        reason = None if readonly else why_not_editable(path)
        lock = None if readonly or reason else PlanLock.acquire(path)
        try:
            loaded = load_plan_file(path)
            if lock is not None:
                remove_stale_temp_files(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, loaded.plan, lock, reason, loaded.schema)

    def _canonical_saved_text(self) -> str:
        if self._saved_text is None:
            self._saved_text = plan_to_text(self._saved_plan)
        return self._saved_text

    @property
    def readonly(self) -> bool:
        return self._lock is None

    @property
    def taken_over_from(self) -> LockOwner | None:
        """Who held the lock before, when it was left behind by a process that ended."""
        return self._lock.taken_over_from if self._lock is not None else None

    def is_saved(self, plan: Plan) -> bool:
        return plan_to_text(plan) == self._canonical_saved_text()

    def save(self, plan: Plan, *, force: bool = False) -> bool:
        """Write `plan` if it differs from what is on disk (or, with `force`, in
        any case: to write an older format as the current one). Returns whether it wrote.

        Raises ReadOnlyError, or SaveError when the disk refuses (the caller
        keeps the plan and may retry or `save_as` elsewhere).
        """
        with self._writing:
            # Checked under the lock: a save waiting here while the plan was
            # finalized (and closed) must not write the draft over it.
            if self.readonly:
                raise ReadOnlyError(self.path)
            return self._save(plan, force)

    def _save(self, plan: Plan, force: bool = False) -> bool:
        if not force and plan is self._saved_plan:  # nothing changed since the last save (or the opening)
            self.plan = plan
            return False
        text = plan_to_text(plan)
        if not force and text == self._canonical_saved_text():
            self.plan = plan
            return False
        if self._lock is not None and not self._lock.still_held():
            self._lock_again()
        on_disk = _disk_stamp(self.path)
        if on_disk is not None and on_disk != self._stamp:  # a missing file is simply written again
            raise ChangedOnDiskError(self.path)
        try:
            write_atomic(self.path, encode(text))
        except OSError as error:
            raise SaveError(self.path, error) from error
        self._stamp = _disk_stamp(self.path)
        self._saved_text, self._saved_plan = text, plan
        self.plan = plan
        self.schema = SCHEMA_VERSION
        return True

    def _lock_again(self) -> None:
        """The lock file went away with the folder (removed, or a disk pulled out
        and put back). Saving may go on only if this program can take the lock
        anew, and the plan there is still the one it saved last (or is gone)."""
        try:
            lock = PlanLock.acquire(self.path)
        except PlanLockedError:
            raise LockLostError(self.path) from None
        except LockUnavailableError as error:
            raise SaveError(self.path, error.cause) from None
        try:
            on_disk = read_bytes(self.path) if self.path.exists() else None
        except FileProblemError:
            on_disk = b""
        if on_disk is not None and on_disk != encode(self._canonical_saved_text()):
            lock.release()
            raise ChangedOnDiskError(self.path)
        assert self._lock is not None
        self._lock.release()  # the old file descriptor; its lock file is gone, nothing else is removed
        self._lock = lock
        self._stamp = _disk_stamp(self.path)

    def save_as(self, path: Path, plan: Plan) -> None:
        """Write `plan` to a new file and edit that one from now on."""
        with self._writing:
            self._save_as(Path(path).absolute(), plan)

    def _save_as(self, path: Path, plan: Plan) -> None:
        if os.path.lexists(path):
            raise PlanExistsError(path)
        new_lock = PlanLock.acquire(path)
        try:
            try:
                write_new(path, encode(plan_to_text(plan)))
            except FileExistsError:
                raise PlanExistsError(path) from None
            except OSError as error:
                raise SaveError(path, error) from error
        except BaseException:
            new_lock.release()
            raise
        if self._lock is not None:
            self._lock.release()
        self.path, self._lock, self.plan = path, new_lock, plan
        self._saved_text, self._saved_plan = None, plan
        self._stamp = _disk_stamp(path)

    def close(self) -> None:
        with self._writing:  # after any save in progress
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> PlanFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def why_not_editable(path: Path) -> str | None:
    """Why the plan at `path` cannot be saved in place, or None."""
    if path.is_symlink():
        return (
            f"{path.name} is a symbolic link to {os.path.realpath(path)}; saving would replace the link, "
            "so open the file it points to"
        )
    if not os.access(path, os.W_OK) or not path.stat().st_mode & stat.S_IWUSR:  # even for root: 0444 means no
        return f"{path.name} is read-only: its permissions do not allow writing it (chmod u+w to edit it)"
    return None


def create_plan_file(path: Path, plan: Plan) -> Path:
    """Write a new plan file; refuses (PlanExistsError) to replace anything at
    `path`, a symbolic link (even one that points nowhere) included."""
    path = Path(path).absolute()
    if os.path.lexists(path):
        raise PlanExistsError(path)
    if not path.parent.is_dir():
        raise NoFolderError(path)
    with PlanLock.acquire(path):
        try:
            write_new(path, encode(plan_to_text(plan)))
        except FileExistsError:  # created meanwhile by someone else
            raise PlanExistsError(path) from None
        except OSError as error:
            raise SaveError(path, error) from error
    return path
