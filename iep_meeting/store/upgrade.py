"""Older plan formats read as the current one.

A plan file says its format (`schema = N`). A format-1 plan is upgraded in
memory when it is read: each step below changes the parsed TOML, and says in
words what it changed. The file is written in the current format at its first
save (or by `iep-meeting upgrade`), except a final plan, which is never
rewritten: its seal is over its format-1 text (store/format1.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Data = dict[str, Any]


def _interpreter(data: Data, changes: list[str]) -> None:
    meeting = data.get("meeting")
    if not isinstance(meeting, dict) or "interpreter_needed" not in meeting:
        return
    needed = meeting.pop("interpreter_needed")
    if needed is True:
        status = "provided" if str(meeting.get("interpreter", "")).strip() else "needed"
        meeting["interpreter_status"] = status
        changes.append(f'meeting.interpreter_needed = true became meeting.interpreter_status = "{status}"')
    else:
        changes.append("meeting.interpreter_needed = false became: interpreter not asked about yet")


def _ids(data: Data, changes: list[str]) -> None:
    for key, stem in (("services", "service"), ("accommodations", "accommodation")):
        items = data.get(key)
        if not isinstance(items, list) or not items:
            continue
        for number, item in enumerate(items, start=1):
            if isinstance(item, dict):
                data[key][number - 1] = {"id": f"{stem}-{number}", **item}
        changes.append(f"{key}: each has an id now ({stem}-1 to {stem}-{len(items)})")


def _options(data: Data, changes: list[str]) -> None:
    decisions = data.get("decisions")
    if not isinstance(decisions, list):
        return
    for number, decision in enumerate(decisions):
        if not isinstance(decision, dict) or "options_considered" not in decision:
            continue
        text = decision.pop("options_considered")
        if isinstance(text, str) and text.strip():
            decision["options"] = [{"option": text}]
            changes.append(f"decisions[{number}].options_considered became decisions[{number}].options[0].option")


def _family_copies(data: Data, changes: list[str]) -> None:
    if "family_copy" not in data:
        return
    copy = data.pop("family_copy")
    if isinstance(copy, dict) and any(value not in ("", None) for value in copy.values()):
        data["family_copies"] = [copy]
        changes.append("family_copy became family_copies[0] (a plan may record several copies now)")


# format N -> the steps that make it format N + 1
STEPS: dict[int, tuple[Callable[[Data, list[str]], None], ...]] = {
    1: (_interpreter, _ids, _options, _family_copies),
}


def upgrade(data: Data, schema: int) -> list[str]:
    """Make `data` (a parsed plan of format `schema`, without its metadata keys)
    the current format, in place; returns what changed, in words."""
    changes: list[str] = []
    for step in sorted(s for s in STEPS if s >= schema):
        for change in STEPS[step]:
            change(data, changes)
    return changes
