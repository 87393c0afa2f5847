"""Crash-safe file replacement for plan files.

A plan is never written in place.  ``write_atomic`` writes the new bytes to a
temporary file in the same folder, forces them to disk, and then renames the
temporary file over the plan in one step (``os.replace``).  Whatever moment the
process is killed at, the plan on disk is either the complete old version or the
complete new version -- never a mix, never a truncated file.

A process killed between creating the temporary file and the rename leaves a
``.<name>.<random>.tmp`` file behind; ``remove_stale_temp_files`` cleans those up.

Standard library only; works on Linux, macOS and Windows.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["TEMP_NAME", "remove_stale_temp_files", "write_atomic", "write_new"]

_TEMP_SUFFIX = ".tmp"
_NEW_FILE_MODE = 0o600


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def write_atomic(path: Path, data: bytes, *, new_file_mode: int = _NEW_FILE_MODE) -> None:
    """Replace the contents of ``path`` with ``data`` atomically and durably.

    The bytes go to a temporary file in the same folder (so the final rename
    never crosses a file system), are flushed and fsynced, and the temporary
    file is then renamed over ``path``.  An existing file keeps its permission
    bits; a new file is created with mode 0600 (owner read/write only), because
    plan files hold private student records.  On POSIX the folder is fsynced
    afterwards so the rename itself survives a power cut.

    On any error the temporary file is removed, the original file is left
    untouched, and the exception is re-raised. ``new_file_mode`` is for a file
    that holds no student record (a repository's ``.gitignore``).

    If ``path`` is a symbolic link, the link itself is replaced by a regular
    file (its target is left unchanged).
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = new_file_mode
    _write_through_temp(path, data, mode, lambda tmp_name: os.replace(tmp_name, path))


def write_new(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` (mode 0600), as atomically and durably as
    ``write_atomic``, but only if nothing is there: FileExistsError otherwise,
    also for a symbolic link that points nowhere, and also when another
    program creates the file at the same moment."""
    path = Path(path)

    def link(tmp_name: str) -> None:
        try:
            os.link(tmp_name, path)  # fails if the name is taken: an exclusive create
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: rename, which refuses an existing name on Windows
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
            os.rename(tmp_name, path)
            return
        os.unlink(tmp_name)

    _write_through_temp(path, data, _NEW_FILE_MODE, link)


def _write_through_temp(path: Path, data: bytes, mode: int, install: Callable[[str], None]) -> None:
    """Write ``data`` to a fresh temporary file next to ``path`` (created
    exclusively, never through a symbolic link), fsync it, give it ``mode``,
    and let ``install`` put it in place; on any error the temporary file is
    removed and the error re-raised."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=_temp_prefix(path), suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as tmp_file:
            tmp_file.write(data)
            tmp_file.flush()
            os.fsync(tmp_file.fileno())
        os.chmod(tmp_name, mode)
        install(tmp_name)
    except BaseException:
        # fdopen closes fd even if it raises, and the ``with`` closes it on
        # errors inside, so only the file name is left to clean up.
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX only; best effort)."""
    if os.name != "posix":
        return  # Windows cannot open a directory with os.open.
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass  # Some file systems refuse to fsync a directory.
    finally:
        os.close(dir_fd)


# The name of any unfinished save, whatever the plan is called: ".<plan name>.<random>.tmp".
TEMP_NAME = re.compile(r"\.(?P<plan>.+)\.[A-Za-z0-9_]+" + re.escape(_TEMP_SUFFIX))


def _stale_temp_pattern(path: Path) -> re.Pattern[str]:
    # mkstemp puts random letters, digits and underscores between prefix and
    # suffix.  No dot is allowed there, so the temp files of another plan whose
    # name merely starts with this one (``plan.toml.bak``) never match.
    return re.compile(re.escape(_temp_prefix(path)) + r"[A-Za-z0-9_]+" + re.escape(_TEMP_SUFFIX))


def stale_temp_files(path: Path) -> list[Path]:
    """Temporary files an interrupted ``write_atomic(path, ...)`` left next to ``path``.

    While another process holds the plan's lock, one of these may be the save it
    is making right now: only delete them under the lock.
    """
    path = Path(path)
    pattern = _stale_temp_pattern(path)
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return []
    found = []
    for entry in entries:
        try:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                found.append(path.parent / entry.name)
        except OSError:
            continue
    return sorted(found)


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Delete what `stale_temp_files` finds; returns the files removed.

    Only call this while holding the plan's lock (``iep_meeting.store.lock``):
    the temporary file of a save that another process is making right now looks
    exactly like a stale one, and deleting it would make that save fail.
    """
    removed: list[Path] = []
    for leftover in stale_temp_files(path):
        try:
            os.unlink(leftover)
        except OSError:
            continue
        removed.append(leftover)
    return removed
