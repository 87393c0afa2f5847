"""keys.toml: a user's own keys for the app's commands.

    # ~/.config/iep-meeting/keys.toml (or: iep-meeting run --keys FILE PLAN)
    record-decision = "f13"
    next-section = "alt+right"
    log-close = "escape,f8"      # several keys: comma-separated

Each key is a command id (F1 and the README list them) and each value the
key(s) that run it; a key named twice for one command counts once. A bad file
is refused with the file, the line, the key and what was expected ("did you
mean"), like a bad agenda; nothing starts.

The store does not know the commands: the caller passes their ids and which of
them are active at the same time, so two of those cannot share a key, and the
keys a text field edits with, which the commands that work while typing cannot
take (ctrl+e would no longer go to the end of the line).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.reader import read_text

KEYS_WHAT = "keys file"

NAMED_KEYS = frozenset(
    [
        "escape",
        "enter",
        "tab",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "pageup",
        "pagedown",
        "up",
        "down",
        "left",
        "right",
    ]
)
MODIFIERS = ("ctrl", "alt", "shift")
_FUNCTION_KEY = re.compile(r"^f([1-9]|1[0-9]|2[0-4])$")


def key_problem(key: str) -> str | None:
    """Why `key` ("ctrl+n", "f2") cannot run a command, or None when it can."""
    parts = key.strip().lower().split("+")
    *modifiers, base = parts
    if not base:
        return "is empty"
    if any(m not in MODIFIERS for m in modifiers) or len(set(modifiers)) != len(modifiers):
        return f"has an unknown modifier (use {', '.join(MODIFIERS)}, joined with +)"
    if _FUNCTION_KEY.match(base) or base in NAMED_KEYS:
        return None
    if len(base) == 1 and base.isprintable():
        if not any(m in ("ctrl", "alt") for m in modifiers):
            return "would be typed into the field instead: add ctrl+ or alt+, or use a function key"
        return None
    close = difflib.get_close_matches(base, sorted(NAMED_KEYS) + [f"f{n}" for n in range(1, 25)], n=1)
    hint = f" — did you mean '{close[0]}'?" if close else ""
    return f"'{base}' is not a key name{hint} (keys are like f2, ctrl+n, alt+up, escape)"


def _keys(value: str) -> list[str]:
    """The keys of a value, each once ("f11,F11" is f11)."""
    return list(dict.fromkeys(part.strip().lower() for part in value.split(",")))


def keymap_from_text(
    text: str,
    defaults: Mapping[str, str],
    together: Iterable[frozenset[str]] = (),
    typing_keys: Mapping[str, str] | None = None,
    while_typing: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """The remapped keys, {command id: keys}; raises codec.DocumentError with located problems.

    `defaults` holds every command id and its default key; `together` the groups
    of command ids that are active at the same time; `typing_keys` the keys a
    text field edits with, and what each does there, which the commands of
    `while_typing` (their keys work while the cursor is in a field) cannot take."""
    typing_keys = typing_keys or {}
    data = codec.parse_toml(text)
    problems: list[codec.Problem] = []
    remapped: dict[str, str] = {}
    for command_id, value in data.items():
        line = codec.find_line(text, (command_id,))
        if command_id not in defaults:
            close = difflib.get_close_matches(command_id, sorted(defaults), n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else " (F1 in the app lists the command ids)"
            problems.append(codec.Problem(f"unknown command '{command_id}'{hint}", (command_id,), line))
            continue
        if not isinstance(value, str):
            problems.append(
                codec.Problem(
                    f'expected the key in quotes, like "f2", got {codec.type_name(value)}', (command_id,), line
                )
            )
            continue
        for key in _keys(value):
            why = key_problem(key)
            if why is None and command_id in while_typing and key in typing_keys:
                why = (
                    f"is a text field's key ({typing_keys[key]}), and the app's keys work while typing: "
                    "give the command another key"
                )
            if why is not None:
                problems.append(codec.Problem(f"'{key}' {why}", (command_id,), line))
        remapped[command_id] = ",".join(_keys(value))
    if not problems:
        problems += _clashes(text, defaults, remapped, together)
    if problems:
        raise codec.DocumentError(problems)
    return remapped


def _clashes(
    text: str, defaults: Mapping[str, str], remapped: Mapping[str, str], together: Iterable[frozenset[str]]
) -> list[codec.Problem]:
    problems, seen = [], set()
    for group in together:
        holders: dict[str, list[str]] = {}
        for command_id in sorted(group):
            for key in _keys(remapped.get(command_id) or defaults[command_id]):
                holders.setdefault(key, []).append(command_id)
        for key, ids in holders.items():
            named = next((c for c in ids if c in remapped), None)
            if len(ids) < 2 or named is None or (key, named) in seen:
                continue  # one command per key, or the defaults' own sharing: not this file's doing
            seen.add((key, named))
            other = next(c for c in ids if c != named)
            problems.append(
                codec.Problem(
                    f"'{key}' also runs '{other}' here; give one of them another key",
                    (named,),
                    codec.find_line(text, (named,)),
                )
            )
    return problems


def load_keys_file(
    path: Path,
    defaults: Mapping[str, str],
    together: Iterable[frozenset[str]] = (),
    typing_keys: Mapping[str, str] | None = None,
    while_typing: frozenset[str] = frozenset(),
) -> dict[str, str]:
    """Read a keys file; FileProblemError (what="keys file") when it cannot be used."""
    text = read_text(path, KEYS_WHAT)
    try:
        return keymap_from_text(text, defaults, together, typing_keys, while_typing)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, KEYS_WHAT) from None
