"""Hostile input for the tests that prove it does no harm: text that tries to
take over a terminal, and paths that are not files where a file is expected."""

from __future__ import annotations

import os
import socket
from enum import Enum
from pathlib import Path
from typing import Any

import attrs

# An OSC that retitles the window, BEL, a CSI that clears the screen, an 8-bit
# CSI, and bidirectional overrides that make text read backwards.
PAYLOAD = "x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2066!"

# What must never reach a terminal raw, whatever the text around it.
RAW = ("\u001b", "\u0007", "\u009b", "\u202e", "\u2066")


def raw_controls(output: str) -> list[str]:
    """The pieces of PAYLOAD found raw in `output` (none, when it is shown safely)."""
    return [piece for piece in RAW if piece in output]


def with_payload(record: Any, skip: frozenset[str] = frozenset({"agenda", "profile"})) -> Any:
    """`record` with PAYLOAD added to every text in it (ids too, so references still match)."""
    if isinstance(record, str) and not isinstance(record, Enum):
        return record + PAYLOAD
    if isinstance(record, tuple):
        return tuple(with_payload(item, skip) for item in record)
    if attrs.has(type(record)):
        changes = {
            field.name: with_payload(getattr(record, field.name), skip)
            for field in attrs.fields(type(record))
            if field.name not in skip and field.init
        }
        return attrs.evolve(record, **changes)
    return record


# --- paths that are not readable files: every reader of the program meets them -----------------

SPARSE_BYTES = 1536 * 1024 * 1024  # 1.5 GB that take no room on disk

# What may lie where the program expects a file, each made under a given name.
# The first ones can lie in a folder the program lists; the last two only where
# a path is given (a command's argument).
IN_A_FOLDER = (
    "a folder",
    "a 1.5 GB sparse file",
    "a pipe",
    "a socket",
    "a symbolic link loop",
    "a link to nothing",
    "a link to /dev/zero",
    "a link to /dev/urandom",
    "an unreadable file",
)
GIVEN_PATHS = ("a missing file", "a path through a file")
POSIX_ONLY = frozenset({"a pipe", "a socket", "a symbolic link loop", "a link to nothing", "a link to /dev/zero"})
POSIX_ONLY |= {"a link to /dev/urandom", "an unreadable file"}


def available(what: str) -> bool:
    """Whether `what` can be made here (pipes and links need POSIX; root reads any file)."""
    if what in POSIX_ONLY and os.name != "posix":
        return False
    return not (what == "an unreadable file" and os.geteuid() == 0)


def make_hostile(what: str, path: Path) -> Path:
    """Put `what` (one of IN_A_FOLDER or GIVEN_PATHS) at `path`; the path to read."""
    if what == "a folder":
        path.mkdir()
    elif what == "a 1.5 GB sparse file":
        with path.open("wb") as file:
            file.truncate(SPARSE_BYTES)
    elif what == "a pipe":
        os.mkfifo(path)
    elif what == "a socket":
        _socket_at(path)
    elif what == "a symbolic link loop":
        path.symlink_to(path.name)
    elif what == "a link to nothing":
        path.symlink_to(f"{path.name}.nowhere")
    elif what in ("a link to /dev/zero", "a link to /dev/urandom"):
        path.symlink_to(what.removeprefix("a link to "))
    elif what == "an unreadable file":
        path.write_text("schema = 2\n")
        path.chmod(0)
    elif what == "a path through a file":
        path.write_text("")
        return path / "plan.toml"
    elif what != "a missing file":
        raise ValueError(what)
    return path


def hostile_paths(folder: Path, *, in_folder_only: bool = False) -> dict[str, Path]:
    """Each thing that may lie where a file is expected, made in `folder` as
    `<n>.toml`: `check` and every other reader answer each at once with the same
    message (only what can lie in a folder, with `in_folder_only`)."""
    kinds = IN_A_FOLDER if in_folder_only else IN_A_FOLDER + GIVEN_PATHS
    return {what: make_hostile(what, folder / f"hostile-{n}.toml") for n, what in enumerate(kinds) if available(what)}


def _socket_at(path: Path) -> None:
    """A Unix socket file (bound from inside its folder: a socket's path is short)."""
    before = os.getcwd()
    os.chdir(path.parent)
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(path.name)
    finally:
        os.chdir(before)
