"""A per-plan lock so that two processes never edit the same plan at once.

The lock for ``plan.toml`` is the file ``plan.toml.lock`` next to it, held with
an operating-system lock (``flock`` on Linux/macOS, ``msvcrt.locking`` on
Windows).  The OS drops that lock when the holding process ends -- however it
ends -- so a lock left by a crashed or killed process is simply acquirable
again; nobody ever has to delete a lock file by hand.

The lock file also records who holds it (pid, user, host, since when) as JSON
at offset 0, so a second process can tell the user who has the plan open.
"""

from __future__ import annotations

import errno
import getpass
import json
import os
import socket
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from iep_meeting.store.errors import StoreError

__all__ = [
    "LockOwner",
    "PlanLock",
    "PlanLockedError",
    "lock_path_for",
    "read_lock_owner",
]

PROGRAM = "iep-meeting"

# Windows locks a byte range; lock one byte far past the owner info so that the
# info at offset 0 stays readable by other processes.
_WINDOWS_LOCK_OFFSET = 2**30
_MAX_OWNER_BYTES = 64 * 1024
_OPEN_ATTEMPTS = 20


def lock_path_for(path: Path) -> Path:
    """The lock file that guards the plan at ``path``."""
    path = Path(path)
    return path.with_name(path.name + ".lock")


# --------------------------------------------------------------------------
# Owner information
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class LockOwner:
    """Who holds (or last held) a plan lock, as recorded in the lock file."""

    pid: int
    user: str = ""
    host: str = ""
    since: str = ""
    program: str = ""

    @classmethod
    def current(cls) -> LockOwner:
        """Owner info describing this process, now."""
        return cls(
            pid=os.getpid(),
            user=_current_user(),
            host=_current_host(),
            since=datetime.now().isoformat(timespec="seconds"),
            program=PROGRAM,
        )

    @classmethod
    def from_json(cls, text: str | bytes | None) -> LockOwner | None:
        """Parse owner info; ``None`` for anything empty, garbled or incomplete."""
        if not text:
            return None
        try:
            data = json.loads(text)
        except (ValueError, TypeError, RecursionError):
            return None
        if not isinstance(data, dict):
            return None
        pid = data.get("pid")
        if isinstance(pid, bool) or not isinstance(pid, int) or pid <= 0:
            return None

        def text_field(name: str) -> str:
            value = data.get(name)
            return value if isinstance(value, str) else ""

        return cls(
            pid=pid,
            user=text_field("user"),
            host=text_field("host"),
            since=text_field("since"),
            program=text_field("program"),
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    def since_display(self) -> str:
        """``since`` as ``YYYY-MM-DD HH:MM`` (raw text if it is not a timestamp)."""
        try:
            return datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except (ValueError, TypeError):
            return self.since

    def describe(self) -> str:
        """E.g. ``alice on host lab-3 (process 4242, since 2026-11-28 09:02)``."""
        user = self.user or "an unknown user"
        host = f"host {self.host}" if self.host else "an unknown host"
        details = f"process {self.pid}"
        since = self.since_display()
        if since:
            details += f", since {since}"
        return f"{user} on {host} ({details})"

    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == _current_host()


def _current_user() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no login name (OSError, KeyError, ImportError)
        user = ""
    return user or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def _current_host() -> str:
    try:
        return socket.gethostname() or "unknown"
    except OSError:
        return "unknown"


# --------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------


class LockUnavailableError(StoreError):
    """The lock file itself could not be made (folder missing, read-only, ...)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.path = Path(path)
        self.cause = cause
        reason = cause.strerror or str(cause)
        super().__init__(
            f"cannot open {self.path.name} for editing: its lock file could not be made "
            f"in {self.path.parent} ({reason}). You can still open it read-only."
        )


class PlanLockedError(StoreError):
    """Another process (or another part of this one) is editing the plan."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = Path(path)
        self.owner = owner
        super().__init__(self._message())

    def _message(self) -> str:
        name = self.path.name
        advice = "Close it there, or open this plan read-only."
        if self.owner is None:
            return f"{name} is open for editing in another program (who has it open is unknown). {advice}"
        if self.owner.is_this_process():
            return (
                f"{name} is already open for editing in this program "
                f"(process {self.owner.pid}). Close it there first, "
                f"or open this plan read-only."
            )
        return f"{name} is open for editing by {self.owner.describe()}. {advice}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.owner))


# --------------------------------------------------------------------------
# OS locking primitives
# --------------------------------------------------------------------------


def _os_try_lock(fd: int) -> bool:
    """Take an exclusive, non-blocking lock on ``fd``; False if someone holds it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)):
                return False
            raise
        return True

    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        raise
    return True


def _os_unlock(fd: int) -> None:
    """Release the lock taken by ``_os_try_lock``."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return

    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _read_fd_text(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks: list[bytes] = []
    remaining = _MAX_OWNER_BYTES
    while remaining > 0:
        chunk = os.read(fd, remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _same_file(fd: int, lock_path: Path) -> bool:
    """Is ``fd`` still the file at ``lock_path``? (POSIX; always True on Windows.)

    A releasing holder deletes the lock file while still holding it.  A process
    that opened the file just before that deletion would otherwise lock an
    orphaned file while a third process creates and locks a fresh one.
    """
    if os.name == "nt":
        return True
    try:
        on_disk = os.stat(lock_path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def read_lock_owner(path: Path) -> LockOwner | None:
    """Owner info recorded in the lock file of the plan at ``path``.

    Returns ``None`` if there is no lock file or it holds no readable info.
    This only reads the file: the owner named may have ended since (the OS lock
    is gone then, and ``PlanLock.acquire`` would succeed).
    """
    try:
        with open(lock_path_for(path), "rb") as f:
            return LockOwner.from_json(f.read(_MAX_OWNER_BYTES))
    except OSError:
        return None


# --------------------------------------------------------------------------
# The lock
# --------------------------------------------------------------------------


class PlanLock:
    """An exclusive lock on one plan file, held until ``release()``.

    Use ``PlanLock.acquire(path)``, ideally as a context manager::

        with PlanLock.acquire(plan_path) as lock:
            if lock.taken_over_from:
                ...  # "took over a lock left by ... (process ended)"
            ...

    Acquiring raises ``PlanLockedError`` if any other holder has the plan --
    another process, or another ``PlanLock`` in this same process.
    """

    def __init__(
        self,
        path: Path,
        fd: int,
        owner: LockOwner,
        taken_over_from: LockOwner | None,
    ) -> None:
        self.path = Path(path)
        self.lock_path = lock_path_for(self.path)
        self._fd: int | None = fd
        self._owner = owner
        #: Owner info left in the lock file by an earlier holder that ended
        #: without releasing (crash, kill), or ``None``.
        self.taken_over_from = taken_over_from

    @classmethod
    def acquire(cls, path: Path) -> PlanLock:
        """Lock the plan at ``path`` or raise ``PlanLockedError``."""
        path = Path(path)
        lock_path = lock_path_for(path)
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        for _attempt in range(_OPEN_ATTEMPTS):
            try:
                fd = os.open(lock_path, flags, 0o600)
            except OSError as error:
                raise LockUnavailableError(path, error) from None
            try:
                if not _os_try_lock(fd):
                    owner = LockOwner.from_json(_read_fd_text(fd))
                    raise PlanLockedError(path, owner)
                if not _same_file(fd, lock_path):
                    # Lost a race with a releasing holder; start over.
                    _os_unlock(fd)
                    os.close(fd)
                    continue
                return cls._take(path, fd)
            except BaseException:
                try:
                    os.close(fd)  # closing also drops the OS lock
                except OSError:
                    pass
                raise
        raise PlanLockedError(path, read_lock_owner(path))

    @classmethod
    def _take(cls, path: Path, fd: int) -> PlanLock:
        previous = LockOwner.from_json(_read_fd_text(fd))
        me = LockOwner.current()
        taken_over_from = previous if previous and previous.pid != me.pid else None
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        data = me.to_json().encode("utf-8")
        while data:
            written = os.write(fd, data)
            data = data[written:]
        os.fsync(fd)
        return cls(path, fd, me, taken_over_from)

    @property
    def owner(self) -> LockOwner:
        """Owner info this lock recorded (this process)."""
        return self._owner

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Unlock and delete the lock file.  Calling it again does nothing."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            # Wipe the owner info while still holding the lock, so that if the
            # file cannot be deleted below, nobody later mistakes a clean exit
            # for a crash.
            os.ftruncate(fd, 0)
        except OSError:
            pass
        if os.name != "nt":
            # POSIX: delete only while still holding it (acquirers check that
            # the file they locked is still the one on disk).
            try:
                os.unlink(self.lock_path)
            except OSError:
                pass
        try:
            _os_unlock(fd)
        except OSError:
            pass
        try:
            os.close(fd)
        except OSError:
            pass
        if os.name == "nt":
            # Windows cannot delete a file that is open.  If another process
            # opened it meanwhile, the delete fails harmlessly.
            try:
                os.unlink(self.lock_path)
            except OSError:
                pass

    def __enter__(self) -> PlanLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def __repr__(self) -> str:
        state = "held" if self.held else "released"
        return f"<PlanLock {str(self.path)!r} {state}>"
