"""A plan as one line per fact, in the record's words: what git's textconv
shows (`iep-meeting git-setup`), so `git diff`, `git log -p` and `git show`
say "Goals › Goal 2 (written expression) › what counts as met: 4 of 5" where
the TOML diff says `target = "4 of 5"` in some `[[goals]]` block.

Each line names its place in full, so a changed line reads on its own, without
the lines around it.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import attrs

from iep_meeting.model.findings import Path
from iep_meeting.model.places import place_words
from iep_meeting.model.plan import Plan
from iep_meeting.words.labels import ENGLISH, YES_NO, Vocabulary


def value_words(value: Any, words: Vocabulary = ENGLISH) -> str:
    """One value as the record says it; "" for nothing recorded."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return words.label(value)
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    return " / ".join(line.strip() for line in text.strip().splitlines() if line.strip())


def _facts(plan: Plan, value: Any, path: Path) -> list[tuple[Path, str]]:
    if attrs.has(type(value)):
        found: list[tuple[Path, str]] = []
        for field in attrs.fields(type(value)):
            found += _facts(plan, getattr(value, field.name), (*path, field.name))
        return found
    if isinstance(value, tuple):
        found = []
        for index, item in enumerate(value):
            found += _facts(plan, item, (*path, index))
        return found
    words = value_words(value)
    return [(path, words)] if words else []


def plan_lines(plan: Plan) -> str:
    """Every recorded fact of `plan`, one per line, in file order."""
    lines = []
    for path, words in _facts(plan, plan, ()):
        list_item = isinstance(path[-1], int)  # a text in a list of texts: its list names it
        place = place_words(plan, path[:-1] if list_item else path)
        lines.append(f"{place}: {words}")
    return "\n".join(lines) + "\n"
