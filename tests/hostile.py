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


# --- broken or hostile answers files (what `import-input` is given) ----------------------------------------------

# Each a file that looks like the input form's answers and is not: its bytes, and the
# words (and the key) the refusal names. Built on tests/family_answers.py's answers.


def _answers(**changes: Any) -> bytes:
    import json

    from tests.family_answers import answers_data

    return json.dumps(answers_data(**changes), ensure_ascii=False).encode("utf-8")


def _cut_after(start: bytes) -> bytes:
    """The answers file as a download stopped right after `start` (of its strengths) leaves it."""
    data = _answers(strengths="Lee mucho. Dibuja \u00e1rboles.")
    return data[: data.index(start) + len(start)]


def _with_answer(key: str, value: Any) -> bytes:
    """The answers with one more key among the answers themselves."""
    import json

    from tests.family_answers import answers_data

    data = answers_data()
    data["answers"][key] = value
    return json.dumps(data).encode("utf-8")


def _nested(depth: int) -> bytes:
    return b'{"form": "iep-meeting family input", "version": 1, "answers": ' + b"[" * depth + b"]" * depth + b"}"


HOSTILE_ANSWERS: dict[str, tuple[bytes, str]] = {
    "too big": (b'{"x": "' + b"a" * (300 * 1024) + b'"}', "a form's answers file is at most 0.25 MB"),
    "empty": (b"", "the file is empty: ask the family to save the form again and send the whole file"),
    # A download stopped part way: inside a text, after a value, inside a letter's bytes.
    "cut short in a text": (_cut_after(b"Lee mu"), "the file ends before the form's answers do: it was cut short"),
    "cut short after a value": (_answers().rstrip(b"}"), "it was cut short (ask the family to save the form again"),
    "cut short in a letter": (_cut_after("Dibuja \u00e1".encode()[:-1]), "it was cut short"),
    "not JSON": (b"strengths = 'toml, not json'\n", "line 1, column 1: this is not a form's answers (not JSON"),
    "binary": (b"\x00\x01\x02", "this is a binary file"),
    "not UTF-8": ('{"answers": "café"}'.encode("latin-1"), "this is not UTF-8 text"),
    "a list, not an object": (b"[1, 2, 3]", "expected a JSON object, got a list"),
    "another program's JSON": (b'{"name": "x"}', "at form: this is not the answers of an iep-meeting form"),
    "a newer form": (_answers(version=2), "at version: form version 2: this iep-meeting reads version 1"),
    "a key repeated": (b'{"form": "a", "form": "b"}', "the key 'form' is there twice"),
    "NaN": (b'{"version": NaN}', "NaN is not a value a form writes"),
    "nested without end": (_nested(100_000), "nested too deep"),
    "an unknown key": (
        _with_answer("strenghts", "x"),
        "at answers.strenghts: unknown key 'strenghts' — did you mean 'strengths'?",
    ),
    "a number for a text": (_answers(strengths=12), "at answers.strengths: expected text, got a number"),
    "a text for a list": (_answers(concerns="Homework"), "at answers.concerns: expected a list of text, got text"),
    "a number in a list": (_answers(concerns=["Homework", 3]), "at answers.concerns[1]: expected text, got a number"),
    "more concerns than boxes": (_answers(concerns=["a"] * 7), "at answers.concerns: 7 items: the form has 6 boxes"),
    "an answer too long": (_answers(strengths="a" * 4001), "at answers.strengths: 4,001 characters"),
    "a terminal escape": (_answers(strengths=PAYLOAD), "at answers.strengths: holds a control character (U+001B)"),
    "a direction override": (
        _answers(concerns=["ok", "\u202eevil"]),
        "at answers.concerns[1]: holds a control character (U+202E)",
    ),
    "no date": (_answers(saved=None), "at saved: expected a date like 2026-11-28, got null"),
    "a date that is none": (_answers(saved="2026-13-01"), "at saved: '2026-13-01' is not a date like 2026-11-28"),
    "a language there is none of": (_answers(language="xx"), "at language: 'xx' is not a language of the form"),
    "no student": (_answers(student="Sam"), "at student: expected an object, got text"),
}
