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
import stat
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from iep_meeting.store.errors import StoreError
from iep_meeting.store.reader import read_bytes

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

    @classmethod
    def unrecorded(cls, info: os.stat_result) -> LockOwner:
        """A holder that left its lock file without a readable record (it stopped
        while writing it): what the file itself says, whose it is and since when."""
        return cls(
            pid=0,
            user=_user_name(info.st_uid),
            since=datetime.fromtimestamp(info.st_mtime).isoformat(timespec="seconds"),
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

    def takeover_text(self) -> str:
        """What to tell the user when this owner's lock, left behind, was taken over."""
        if not self.pid:
            owner = f", owned by {self.user}" if self.user else ""
            return (
                f"A lock file left behind without a record of who held it (the file is from "
                f"{self.since_display()}{owner}) was taken over: the program that held it had stopped."
            )
        # Said on the shared screen: in words, without the process number (describe() has it).
        user = f" ({self.user})" if self.user else ""
        since = f" since {self.since_display()}" if self.since else ""
        return (
            f"This plan was open in iep-meeting on the computer {self.host or 'unknown'}{user}{since}, "
            "which stopped without closing it. It is open here now."
        )

    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == _current_host()


def _current_user() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no login name (OSError, KeyError, ImportError)
        user = ""
    return user or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def _user_name(uid: int) -> str:
    """The login name of `uid` (its number where there is none, or on Windows)."""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return "" if os.name == "nt" else f"user {uid}"


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


class UnsafeLockError(StoreError):
    """The lock file's name is taken by something this program did not make."""

    def __init__(self, path: Path, why: str) -> None:
        self.path = Path(path)
        self.why = why
        lock = lock_path_for(self.path)
        super().__init__(
            f"cannot open {self.path.name} for editing: {lock.name} is not a lock file of iep-meeting ({why}), "
            f"so it was left untouched. If nothing else uses it, move it away and try again; "
            "or open this plan read-only."
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


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX; Windows is checked with lstat instead
# Not blocking: a pipe in the lock file's place opens at once (and is refused).
_LOCK_FLAGS = os.O_RDWR | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | _NOFOLLOW


def _open_lock_file(path: Path, lock_path: Path) -> tuple[int, bool] | None:
    """(fd, made here) for the lock file, or None when it vanished between two steps."""
    try:
        return os.open(lock_path, _LOCK_FLAGS | os.O_CREAT | os.O_EXCL, 0o600), True
    except FileExistsError:
        pass  # a lock file, or a symbolic link, is there already
    except OSError as error:
        raise LockUnavailableError(path, error) from None
    if not _NOFOLLOW and os.path.islink(lock_path):
        raise UnsafeLockError(path, "it is a symbolic link")
    try:
        fd = os.open(lock_path, _LOCK_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnsafeLockError(path, "it is a symbolic link") from None
        raise LockUnavailableError(path, error) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):  # before anything reads from it: a pipe could block
        os.close(fd)
        raise UnsafeLockError(path, "it is not a regular file")
    return fd, False


def _check_lock_file(path: Path, fd: int) -> None:
    """An existing lock file must be one of ours before it is written to."""
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeLockError(path, "it is not a regular file")
    if info.st_nlink > 1:
        raise UnsafeLockError(path, "it is another name (a hard link) of some other file")
    # Left by an earlier run (maybe cut off while writing its record): a file of
    # this user's, or one holding a lock record of iep-meeting's.
    owner = LockOwner.from_json(_read_fd_text(fd))
    mine = os.name == "nt" or info.st_uid == os.getuid()
    if not mine and (owner is None or owner.program != PROGRAM):
        raise UnsafeLockError(path, "it belongs to another user and holds no lock record of iep-meeting")


def _remove(lock_path: Path) -> None:
    try:
        os.unlink(lock_path)
    except OSError:
        pass


def read_lock_owner(path: Path) -> LockOwner | None:
    """Owner info recorded in the lock file of the plan at ``path``.

    Returns ``None`` if there is no lock file or it holds no readable info.
    This only reads the file: the owner named may have ended since (the OS lock
    is gone then, and ``PlanLock.acquire`` would succeed).
    """
    try:
        return LockOwner.from_json(read_bytes(lock_path_for(path), "lock file", _MAX_OWNER_BYTES))
    except StoreError:
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
        """Lock the plan at ``path`` or raise ``PlanLockedError``.

        The lock file is never a file this program did not make: it is created
        new (exclusively, not through a symbolic link), or it is an earlier lock
        file of iep-meeting's (a regular file, with no other names, holding a
        lock record or nothing). Anything else is refused (``UnsafeLockError``)
        and left as it is. If writing the record fails (a full disk), a lock file
        made here is removed again."""
        path = Path(path)
        lock_path = lock_path_for(path)
        for _attempt in range(_OPEN_ATTEMPTS):
            opened = _open_lock_file(path, lock_path)
            if opened is None:
                continue  # removed between two steps by a releasing holder
            fd, created = opened
            try:
                if not _os_try_lock(fd):
                    owner = LockOwner.from_json(_read_fd_text(fd))
                    raise PlanLockedError(path, owner)
                if not _same_file(fd, lock_path):
                    # Lost a race with a releasing holder; start over.
                    _os_unlock(fd)
                    os.close(fd)
                    continue
                if not created:
                    _check_lock_file(path, fd)
                try:
                    return cls._take(path, fd, created)
                except OSError as error:
                    raise LockUnavailableError(path, error) from None
            except BaseException:
                if created and _same_file(fd, lock_path):
                    _remove(lock_path)  # made here: nothing is left behind
                try:
                    os.close(fd)  # closing also drops the OS lock
                except OSError:
                    pass
                raise
        raise PlanLockedError(path, read_lock_owner(path))

    @classmethod
    def _take(cls, path: Path, fd: int, created: bool) -> PlanLock:
        # A lock file that was there already was left by a program that stopped
        # (the OS lock is free): whose it was is said, even when its process
        # number is this one's (numbers repeat, e.g. in a fresh container), and
        # also when it holds no readable record (cut off while being written).
        taken_over_from = None
        if not created:
            taken_over_from = LockOwner.from_json(_read_fd_text(fd)) or LockOwner.unrecorded(os.fstat(fd))
        me = LockOwner.current()
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        data = me.to_json().encode("utf-8")
        while data:
            written = os.write(fd, data)
            data = data[written:]
        os.fsync(fd)
        return cls(path, fd, me, taken_over_from)

    def still_held(self) -> bool:
        """Whether this lock still guards the plan: its file is still the one at
        the lock's path. Not so when the plan's folder was removed or replaced
        (or the lock file deleted) meanwhile: another program may then hold a
        new lock there, and this one must not save."""
        return self._fd is not None and _same_file(self._fd, self.lock_path)

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
        if os.name != "nt" and _same_file(fd, self.lock_path):
            # POSIX: delete only while still holding it (acquirers check that
            # the file they locked is still the one on disk), and only our own
            # file: after the folder was replaced, the name may be another's.
            _remove(self.lock_path)
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
