"""What the caseload knows of a plan file (model/caseload.py: `PlanFacts`), read quickly.

A caseload reads thousands of plans, so this takes from the parsed TOML only
the values the caseload reports (who, when, the sign-off, open items, copies,
the plan an amendment changes), each checked as strictly as the plan reader
checks it (the same types, the same years; records with its own hooks), and
checks a final plan's seal on its bytes (store/seal.py). Anything unusual (a
value of another type, a missing key, a file the quick seal check cannot
judge) is read again whole, as `iep-meeting check` reads it: a plan
that cannot be read fails with the store's own located problems, and one that
can gives the same facts as `facts_of` (a test keeps the two ways equal).
The rest of a plan is not checked here; `iep-meeting check` checks every key.
"""

from __future__ import annotations

import bisect
import datetime as dt
import os
import re
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import cattrs

from iep_meeting.model.caseload import OPEN_TOPICS, PlanFacts, facts_of
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, ParkingLotState, Status
from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.plan_file import plan_data, read_plan
from iep_meeting.store.reader import text_of
from iep_meeting.store.seal import Digests, canonical_seal_intact, seal_intact

_RESOLVED = ParkingLotState.RESOLVED.value
# Enum values by their text: a dictionary finds one in a fraction of the enum's own call.
_KINDS = {kind.value: kind for kind in MeetingKind}
_STATUSES = {status.value: status for status in Status}


class _NotQuick(Exception):
    """The quick reading cannot take this plan: it is read whole."""


def read_facts(path: str, data: bytes, digests: Digests | None = None) -> PlanFacts:
    """The caseload's facts of the plan file at `path` (absolute), whose bytes
    are `data` (and `digests`, when the caller has them: `file_digests(data)`);
    FileProblemError, with the store's reasons, when it is not a plan this
    program reads."""
    text = text_of(data, path)
    # A final plan as this program wrote it (its seal proves it) is laid out as
    # the writer lays it out: only the tables read here need parsing.
    parsed = read_parts(text) if digests is not None and digests.sealed_as_written else text
    try:
        document, _schema, _format1, _changes = plan_data(parsed)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems) from None
    try:
        facts = _quick_facts(path, document)
        if facts.final and not _quick_seal(document, data, digests):
            raise _NotQuick
    except (_NotQuick, ValueError, TypeError, KeyError, AttributeError, cattrs.BaseValidationError):
        return _whole_facts(path, text)
    return facts


# The tables `_quick_facts` reads, by their headers as the writer writes them;
# the rest of a plan (team, present levels, goals, services, decisions, ...) is
# most of its text. Each is found in one pass of the regular expression engine.
# Of a goal only its id is read: the line after its header, as the writer writes
# an id (anything else leaves the goal without one, and the plan is read whole).
_TABLES = ("student", "meeting", "period", "transition", "sign_off", "amends")
_ARRAYS = ("action_items", "parking_lot", "family_copies", "copies_after_final")
_GOAL_HEADER = "\n[[goals]]\n"
_READ_HEADER = re.compile(
    "|".join(
        [
            *(rf"\n\[{name}\]\n" for name in _TABLES),
            *(rf"\n\[\[{name}\]\]\n" for name in _ARRAYS),
            re.escape(_GOAL_HEADER),
        ]
    )
)
_GOAL_ID = re.compile(r'id = "[^"\\\n]*"\n')
_TRIPLE_QUOTES = re.compile('"""')


class _Strings:
    """Where a text's multi-line strings are: between each pair of triple quotes."""

    def __init__(self, text: str) -> None:
        quotes = [found.start() for found in _TRIPLE_QUOTES.finditer(text)]
        self.opens, self.closes = quotes[::2], quotes[1::2]

    def inside(self, at: int) -> bool:
        index = bisect.bisect_right(self.opens, at) - 1
        return index >= 0 and index < len(self.closes) and at < self.closes[index]


def _next_header(text: str, at: int, strings: _Strings) -> int:
    """Where the first table header at or after `at` begins (else the end)."""
    found = text.find("\n[", at)
    while found >= 0 and strings.inside(found):
        found = text.find("\n[", found + 1)
    return found + 1 if found >= 0 else len(text)


def read_parts(text: str) -> str:
    """Of a plan's text in the writer's layout (store/toml_writer.py): its
    top-level values and the tables `_quick_facts` reads, without the others,
    for a parse a fraction as long.

    Only for the text of a sealed plan whose seal holds: the writer escapes
    every quote in a string, so three quotes open or close a multi-line
    string, and a line like a header inside one is no header."""
    strings = _Strings(text)
    parts = [text[: _next_header(text, 0, strings)]]  # the top-level values
    for found in _READ_HEADER.finditer(text):  # in the order they come
        if strings.inside(found.start()):
            continue
        if found.group() == _GOAL_HEADER:
            goal_id = _GOAL_ID.match(text, found.end())
            parts.append(_GOAL_HEADER[1:] + (goal_id.group() if goal_id else ""))
        else:
            parts.append(text[found.start() + 1 : _next_header(text, found.start() + 2, strings)])
    return "".join(parts)


def _whole_facts(path: str, text: str) -> PlanFacts:
    try:
        loaded = read_plan(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems) from None
    plan = loaded.plan
    final = plan.status is Status.FINAL
    amends = _resolved(path, plan.amends.path) if plan.amends is not None else ""
    return facts_of(path, plan, seal_intact=not final or seal_intact(loaded), amends=amends)


def _quick_seal(document: dict[str, Any], data: bytes, digests: Digests | None) -> bool:
    recorded = _table(document, "sign_off").get("content_sha256")
    if not isinstance(recorded, str) or not recorded:
        return False
    if digests is not None and digests.unsealed is not None:
        return digests.unsealed == recorded
    return canonical_seal_intact(data, recorded)


def _resolved(path: str, linked: str) -> str:
    """A path a plan names (relative to its folder), as an absolute path."""
    return os.path.normpath(os.path.join(os.path.dirname(path), linked))


T = TypeVar("T")

# Each value is checked as the plan reader checks it (codec.py: no coercion,
# dates within its years); a value that fails goes to the whole reading, which
# says what is wrong with it. Written out rather than through the reader's
# hooks: a thousand plans' values, each through three calls, cost more than
# all the rest of reading them.


def _table(document: dict[str, Any], key: str) -> dict[str, Any]:
    value = document.get(key, {})
    if type(value) is not dict:
        raise _NotQuick
    return value


def _day(value: Any) -> dt.date:
    if type(value) is not dt.date or not codec.FIRST_YEAR <= value.year <= codec.LAST_YEAR:
        raise _NotQuick
    return value


def _maybe_day(table: dict[str, Any], key: str) -> dt.date | None:
    return _day(table[key]) if key in table else None


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _NotQuick
    return value


def _maybe_text(table: dict[str, Any], key: str) -> str:
    return _text(table[key]) if key in table else ""


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise _NotQuick
    return value


_CHECKS: dict[Any, Callable[[Any], Any]] = {
    str: _text,
    bool: _flag,
    dt.date | None: _day,
    ParkingLotState: ParkingLotState,
}


def _record_reader(cls: type[T]) -> Callable[[dict[str, Any]], T]:
    """A record of `cls` from its table, each value checked by its type; a key
    `cls` does not have, or a required one missing, goes to the whole reading."""
    fields = attrs.fields(attrs.resolve_types(cls))  # type: ignore[type-var, arg-type]
    checks = {field.name: _CHECKS[field.type] for field in fields}
    required = frozenset(field.name for field in fields if field.default is attrs.NOTHING)
    make: Callable[..., T] = cls

    def read(table: dict[str, Any]) -> T:
        if not required <= table.keys():
            raise _NotQuick
        return make(**{key: checks[key](value) for key, value in table.items()})  # KeyError: an unknown key

    return read


_ACTION = _record_reader(ActionItem)
_TOPIC = _record_reader(ParkingLotItem)


def _list(document: dict[str, Any], key: str) -> list[Any]:
    items = document.get(key, [])
    if type(items) is not list or len(items) > codec.MAX_ITEMS or not all(type(item) is dict for item in items):
        raise _NotQuick
    return items


def _quick_facts(path: str, document: dict[str, Any]) -> PlanFacts:
    student, meeting, period = _table(document, "student"), _table(document, "meeting"), _table(document, "period")
    sign_off, transition = _table(document, "sign_off"), _table(document, "transition")
    copies = _list(document, "family_copies") or _list(document, "copies_after_final")
    # Only what the caseload lists is read: the actions not done, the topics not resolved.
    actions = [_ACTION(item) for item in _list(document, "action_items") if item.get("done") is not True]
    topics = [_TOPIC(item) for item in _list(document, "parking_lot") if item.get("state") != _RESOLVED]
    amends = _table(document, "amends")
    goals = _maybe_text(transition, "education_goal").strip() or _maybe_text(transition, "employment_goal").strip()
    return PlanFacts(
        path=path,
        student_name=_text(student["name"]),
        kind=_KINDS[meeting["kind"]],
        status=_STATUSES[document["status"]] if "status" in document else Status.DRAFT,
        period_start=_day(period["start"]),
        period_end=_day(period["end"]),
        student_id=_maybe_text(student, "id"),
        birth_date=_maybe_day(student, "date_of_birth"),
        meeting_date=_maybe_day(meeting, "date"),
        previous_iep_date=_maybe_day(meeting, "previous_iep_date"),
        last_evaluation_date=_maybe_day(meeting, "last_evaluation_date"),
        finalized=_maybe_day(sign_off, "finalized"),
        agenda=_maybe_text(document, "agenda"),
        profile=_maybe_text(document, "profile"),
        family_copy=bool(copies),
        transition_planned=bool(goals),
        rights_transfer_informed=_maybe_day(transition, "rights_transfer_informed"),
        action_items=tuple(action for action in actions if not action.done),
        open_topics=tuple(topic for topic in topics if topic.state in OPEN_TOPICS),
        amends=_resolved(path, _text(amends["path"])) if amends else "",
        seal=_maybe_text(sign_off, "content_sha256"),
        goal_ids=tuple(_text(goal["id"]) for goal in _list(document, "goals")),
    )
