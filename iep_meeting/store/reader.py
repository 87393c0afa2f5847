"""The one door through which the program reads a file: plans, the other side
of a diff, git's textconv input, agendas, banks, profiles, themes, keys,
locales, the district's words, fonts.

Only a regular file is read, and never more than a limit: a pipe, a device
(/dev/zero), a socket, a folder, a symbolic link that goes round in a circle
or leads nowhere, a path through a file, a file too big to be what it claims
are refused at once with a message that says which (`FileProblemError`, exit
code 2 on the command line). The file is opened without blocking (a pipe
with no writer opens at once) and looked at (`fstat`) before a byte is read,
and at most `limit + 1` bytes are ever read, so nothing hangs and nothing
fills the memory, whatever is at the path.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError

# The largest file read as a plan (or agenda, bank, theme, keys file). A real
# plan is 10-50 KB (the bundled sample is 10 KB; a 200-goal plan, far beyond
# any real one, 270 KB), so 4 MB is some 80 times the largest real plan; a
# bigger file is not a plan, and is refused before it is read.
MAX_FILE_BYTES = 4 * 1024 * 1024

_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a pipe without a writer opens at once (and is then refused)
    | getattr(os, "O_NOCTTY", 0)  # a terminal device never becomes this program's terminal
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def refused(path: Path, message: str, what: str) -> FileProblemError:
    return FileProblemError(path, [codec.Problem(message)], what)


def _why_not_opened(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return "this is a symbolic link to something that does not exist"
        return "there is no such file"
    if error.errno == errno.EISDIR:
        return "this is a folder, not a file"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: you may not read this file"
    if error.errno == errno.ELOOP:
        return "this is a symbolic link that leads round in a circle (a loop), not a file"
    if error.errno == errno.ENOTDIR:
        return "a part of this path is a file, not a folder"
    if error.errno == errno.ENXIO:  # opening a socket, or a device with nothing behind it
        return "this is not a regular file (it is a socket or a device)"
    return error.strerror or str(error)


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "this is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "this is not a regular file (it is a pipe)"
    if stat.S_ISSOCK(mode):
        return "this is not a regular file (it is a socket)"
    return "this is not a regular file (it is a device)"


@contextmanager
def open_regular(path: Path, what: str = "plan file") -> Iterator[tuple[int, os.stat_result]]:
    """An open file descriptor of the regular file at `path` and its fstat,
    or FileProblemError saying plainly why not. Nothing has been read yet."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise refused(path, _why_not_opened(path, error), what) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise refused(path, _not_regular(info.st_mode), what)
        yield fd, info
    finally:
        os.close(fd)


def too_big(size: int, limit: int = MAX_FILE_BYTES, what: str = "plan file") -> str:
    """Why a file of `size` bytes is refused. Every file read with the plans'
    limit is refused in the same words, whatever it was read as."""
    if limit == MAX_FILE_BYTES:
        return (
            f"this file is {size / 1024 / 1024:.1f} MB; a plan (or any file iep-meeting reads with it) is at most "
            f"{limit // 1024 // 1024} MB, and a real plan is well under 1 MB, so this is not one"
        )
    return f"this file is {size / 1024 / 1024:.1f} MB; a {what} is at most {limit / 1024 / 1024:g} MB"


def read_at(fd: int, offset: int, size: int) -> bytes:
    """Up to `size` bytes from `offset` of an open regular file (fewer at its end)."""
    os.lseek(fd, offset, os.SEEK_SET)  # not os.pread: Windows has none
    chunks, got = [], 0
    while got < size:
        chunk = os.read(fd, min(size - got, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def read_bytes(path: Path, what: str = "plan file", limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or FileProblemError."""
    with open_regular(path, what) as (fd, info):
        if info.st_size > limit:
            raise refused(path, too_big(info.st_size, limit, what), what)
        try:
            data = read_at(fd, 0, limit + 1)
        except OSError as error:  # an I/O error, a file system that went away
            raise refused(path, error.strerror or str(error), what) from None
    if len(data) > limit:  # it grew while being read
        raise refused(path, too_big(len(data), limit, what), what)
    return data


def text_of(data: bytes, path: Path | str, what: str = "plan file") -> str:
    """`data` as text: UTF-8 (a byte order mark is dropped), or FileProblemError
    saying it is binary or in another encoding (with the line)."""
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


def read_text(path: Path, what: str = "plan file") -> str:
    """The file's text, or FileProblemError saying plainly why not."""
    return text_of(read_bytes(path, what), path, what)


def present(path: Path) -> bool:
    """Whether anything is at `path` (a file, a folder, a pipe, a link even to
    nothing or to itself): what a reader then refuses, it refuses with its message
    rather than being passed over in silence."""
    return os.path.lexists(path)
