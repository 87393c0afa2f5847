"""The caseload cache's documents: the facts of every file under a folder, as
columns (store/caseload_cache.py keeps one a folder scanned, for plans and for
progress files).

A document is a JSON object with a list a column, a value a file in each, in
the order the scan found the files: `path`, `size`, `mtime_ns` and `sha256`,
then each field of the facts (`PlanFacts`, `ProgressFacts`): text, dates as
text ("" for none), true or false, and records as lists.

A second scan decodes the facts of 20,000 plans, most of its work after
looking at the files, so a document is read a column at a time: one call of
the JSON reader (C) for the whole document, then each column checked and
turned into values by a few calls that run in C (`set(map(type, column))`,
`map(choices.__getitem__, column)`, each date's text once), and the facts made
with `map`, with the cycle collector paused. A document decodes only when
every column holds exactly the values a plan file can hold, as many as there
are paths, each path once and under the folder; anything else is None, and
the files are read again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Sequence
from enum import StrEnum
from itertools import chain, repeat
from typing import Any, Generic, NamedTuple, TypeVar

from iep_meeting.model.caseload import PlanFacts, ProgressFacts
from iep_meeting.model.goal_progress import ReportingPeriod
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, ParkingLotState, Status
from iep_meeting.store.bulk import collector_paused, memo_day

T = TypeVar("T", PlanFacts, ProgressFacts)
Days = dict[str, dt.date]  # the dates read so far, by their text
KEYS = ("path", "size", "mtime_ns", "sha256")  # what a file is known by

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_TEXT, _INT, _BOOL, _LIST = frozenset({str}), frozenset({int}), frozenset({bool}), frozenset({list})


class Known(NamedTuple, Generic[T]):
    """The files a document holds, as columns, and their facts."""

    paths: list[str]
    sizes: list[int]
    mtimes: list[int]
    sha256s: list[str]
    facts: list[T]


def _only(types: frozenset[type], column: Sequence[Any]) -> Sequence[Any]:
    if not set(map(type, column)) <= types:
        raise TypeError("a value of another type")
    return column


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


class Column:
    """How one field is written in a document and read back: `encode` takes
    the field's values, `decode` the column as JSON gives it (ValueError,
    TypeError or KeyError when it holds anything else)."""

    def __init__(
        self,
        encode: Callable[[list[Any]], list[Any]],
        decode: Callable[[list[Any], Days], Sequence[Any]],
    ) -> None:
        self.encode = encode
        self.decode = decode


def _same(values: list[Any]) -> list[Any]:
    return values


def _of_types(types: frozenset[type]) -> Column:
    return Column(_same, lambda column, _days: _only(types, column))


def _choice(kind: type[StrEnum]) -> Column:
    by_text = {member.value: member for member in kind}
    return Column(
        lambda values: [value.value for value in values], lambda column, _: list(map(by_text.__getitem__, column))
    )


def _dates(*, optional: bool) -> Column:
    def decode(column: list[Any], days: Days) -> list[dt.date | None]:
        texts = set(column)
        if optional:
            texts.discard("")
        for text in texts - days.keys():
            memo_day(text, days)  # ValueError (TypeError) for any other text or value
        return list(map(days.get, column))  # "" (none) is never in `days`

    return Column(lambda values: list(map(_date, values)), decode)


def _records(encode_one: Callable[[Any], list[Any]], decode_one: Callable[[Any, Days], Any], made: type) -> Column:
    """A column of records: a list a file (most are empty)."""

    def decode(column: list[Any], days: Days) -> list[Any]:
        _only(_LIST, column)
        return [made(decode_one(item, days) for item in items) if items else made() for items in column]

    return Column(lambda values: [list(map(encode_one, records)) for records in values], decode)


def _texts_column() -> Column:
    def decode(column: list[Any], _days: Days) -> list[tuple[str, ...]]:
        _only(_LIST, column)
        # Each list of texts made once: the app names goals "goal-1", "goal-2", …,
        # so most plans share theirs, and fewer objects outlive the scan.
        made = list(map(tuple, column))
        once = dict(zip(made, made))  # TypeError for a list or table among the values
        "".join(chain.from_iterable(once))  # TypeError unless every value is a text
        return list(map(once.__getitem__, made))

    return Column(lambda values: list(map(list, values)), decode)


_TOPIC_STATES = {state.value: state for state in ParkingLotState}


def _action(value: Any, days: Days) -> ActionItem:
    owner, what, due, done = value
    if (type(owner), type(what), type(due), type(done)) != (str, str, str, bool):
        raise ValueError("not an action item")
    return ActionItem(owner=owner, what=what, due=memo_day(due, days) if due else None, done=done)


def _topic(value: Any, _days: Days) -> ParkingLotItem:
    topic, raised_by, section, state, resolution = value
    if (type(topic), type(raised_by), type(section), type(resolution)) != (str, str, str, str):
        raise ValueError("not a parking-lot topic")
    return ParkingLotItem(
        topic=topic, raised_by=raised_by, section=section, state=_TOPIC_STATES[state], resolution=resolution
    )


def _period(value: Any, days: Days) -> ReportingPeriod:
    end, name = value
    if type(name) is not str:
        raise ValueError("not a reporting period")
    return ReportingPeriod(end=memo_day(end, days), name=name)


def _reported(value: Any, days: Days) -> tuple[str, dt.date]:
    goal, end = value
    if type(goal) is not str:
        raise ValueError("not a goal's report")
    return goal, memo_day(end, days)


TEXT = _of_types(_TEXT)
FLAG = _of_types(_BOOL)
DATE = _dates(optional=False)
MAYBE_DATE = _dates(optional=True)
ACTIONS = _records(lambda a: [a.owner, a.what, _date(a.due), a.done], _action, tuple)
TOPICS = _records(lambda t: [t.topic, t.raised_by, t.section, t.state.value, t.resolution], _topic, tuple)
TEXTS = _texts_column()
PERIODS = _records(lambda p: [p.end.isoformat(), p.name], _period, tuple)
REPORTED = _records(lambda r: [r[0], r[1].isoformat()], _reported, frozenset)


class Codec(Generic[T]):
    """One kind of facts as documents of columns (`encode`, `decode`)."""

    def __init__(self, facts: type[T], columns: dict[str, Column]) -> None:
        if tuple(columns) != facts._fields[1:]:  # every field but the path, which is a key
            raise ValueError(f"the columns of {facts.__name__} are its fields, in order")
        self.facts: type[T] = facts
        self.columns = columns

    def encode(self, paths: list[str], sizes: list[int], mtimes: list[int], sha256s: list[str], facts: list[T]) -> str:
        document: dict[str, list[Any]] = {"path": paths, "size": sizes, "mtime_ns": mtimes, "sha256": sha256s}
        for index, (name, column) in enumerate(self.columns.items(), start=1):
            document[name] = column.encode([one[index] for one in facts])
        return _ENCODER.encode(document)

    def decode(self, text: str, folder: str) -> Known[T] | None:
        """The files and facts of the document `text` of the files under `folder`, or None."""
        with collector_paused():  # a hundred thousand values with no cycles among them
            try:
                return self._decoded(json.loads(text), folder)
            except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
                return None

    def _decoded(self, document: Any, folder: str) -> Known[T]:
        if type(document) is not dict or set(document) != {*KEYS, *self.columns}:
            raise ValueError("not a document of these columns")
        if not all(type(column) is list for column in document.values()):
            raise ValueError("a column that is not a list")
        paths: list[str] = document["path"]
        _only(_TEXT, paths)
        count = len(paths)
        if len(set(paths)) != count or not all(map(_under(folder), paths)):
            raise ValueError("a path twice, or outside the folder")
        if any(len(document[name]) != count for name in KEYS):
            raise ValueError("columns of other lengths")
        _only(_INT, document["size"]), _only(_INT, document["mtime_ns"]), _only(_TEXT, document["sha256"])
        days: Days = {}
        values: list[Sequence[Any]] = [paths]
        for name, column in self.columns.items():
            decoded = column.decode(document[name], days)
            if len(decoded) != count:
                raise ValueError("columns of other lengths")
            values.append(decoded)
        facts: list[T] = list(map(tuple.__new__, repeat(self.facts), zip(*values)))  # the facts, made in C
        return Known(paths, document["size"], document["mtime_ns"], document["sha256"], facts)


def _under(folder: str) -> Callable[[str], bool]:
    inside = folder if folder.endswith(os.sep) else folder + os.sep
    return lambda path: path == folder or path.startswith(inside)


PLAN_FACTS: Codec[PlanFacts] = Codec(
    PlanFacts,
    {
        "student_name": TEXT,
        "kind": _choice(MeetingKind),
        "status": _choice(Status),
        "period_start": DATE,
        "period_end": DATE,
        "student_id": TEXT,
        "birth_date": MAYBE_DATE,
        "meeting_date": MAYBE_DATE,
        "previous_iep_date": MAYBE_DATE,
        "last_evaluation_date": MAYBE_DATE,
        "finalized": MAYBE_DATE,
        "agenda": TEXT,
        "profile": TEXT,
        "seal_intact": FLAG,
        "family_copy": FLAG,
        "transition_planned": FLAG,
        "rights_transfer_informed": MAYBE_DATE,
        "action_items": ACTIONS,
        "open_topics": TOPICS,
        "amends": TEXT,
        "seal": TEXT,
        "goal_ids": TEXTS,
    },
)

PROGRESS_FACTS: Codec[ProgressFacts] = Codec(
    ProgressFacts,
    {"plan_name": TEXT, "plan_sha256": TEXT, "periods": PERIODS, "reported": REPORTED},
)
