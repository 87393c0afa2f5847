"""The progress file: what is recorded on a plan's goals between meetings.

`sam.iep.toml` keeps its progress in `sam.iep.progress.toml` beside it
(`progress_path`). The plan itself, sealed when the team agreed it, is never
touched; the progress file names it by path and content hash, as an
amendment names the plan it changes (docs/plan-format.md, "The progress file").

The file is append-only and written so that git shows each data point as one
line: the short records (`plan`, `periods`, `aims`, `sent`, `points`) are
inline tables, one a line, in the order recorded; the period reports, which
hold the team's narrative, are `[[reports]]` blocks. It is written with the
plan's safety: the lock (store/lock.py, `<file>.lock`), atomic saves
(store/atomic.py, a new file 0600), a file that cannot be read is never
written over, and bad input is refused with the file, the key and the line
(store/codec.py).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import math
import os
import re
from pathlib import Path
from typing import Any

import attrs
import tomli_w

from iep_meeting.model.goal_progress import (
    FORMAT_VERSION,
    DataPoint,
    GoalReport,
    Method,
    PlanRef,
    ProgressRecord,
    SentReport,
    only_appended,
    point_problems,
    report_problems,
    with_points,
    with_report,
    with_sent,
)
from iep_meeting.model.plan import Plan, Status
from iep_meeting.store import codec
from iep_meeting.store.atomic import write_atomic, write_new
from iep_meeting.store.errors import ChangedOnDiskError, FileProblemError, SaveError, StoreError
from iep_meeting.store.lock import PlanLock
from iep_meeting.store.plan_file import _disk_stamp, encode, load_plan_file, read_text
from iep_meeting.store.seal import file_content_hash

WHAT = "progress file"
SUFFIX = ".progress.toml"
INTRODUCED_IN = "0.2.0"  # the oldest iep-meeting that reads progress files
INLINE_LISTS = ("periods", "aims", "sent", "points")  # one inline table a line; reports are blocks


def progress_path(plan_path: Path) -> Path:
    """`sam.iep.toml` → `sam.iep.progress.toml`, beside the plan."""
    plan_path = Path(plan_path)
    return plan_path.with_name(plan_path.name.removesuffix(".toml") + SUFFIX)


# --- text ---------------------------------------------------------------------------------------------------------


def _literal(value: Any) -> str:
    """A TOML value on one line (a text's line breaks escaped)."""
    if isinstance(value, str):
        # JSON's escapes are TOML's, but for DEL, which TOML wants escaped too.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, (int, dt.date)):  # a date and a date-time are written as TOML's own
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, enum.Enum):
        return _literal(value.value)
    return tomli_w.dumps({"v": value}).partition(" = ")[2].rstrip("\n")


def _inline(record: Any) -> str:
    """A record as an inline table, keys in field order; what is not set (None, or
    empty text: the default) is left out, so a point is one short line."""
    pairs = []
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if value is not None and value != "":
            pairs.append(f"{name} = {_literal(value)}")
    return "{ " + ", ".join(pairs) + " }"


_FIELDS: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    if cls not in _FIELDS:
        _FIELDS[cls] = tuple(field.name for field in attrs.fields(cls))
    return _FIELDS[cls]


def record_to_text(record: ProgressRecord) -> str:
    """The canonical text: the same record always gives the same bytes, and a new
    entry adds its own line (or block) and changes no other."""
    lines = [
        f"schema = {FORMAT_VERSION}",
        f'requires = "iep-meeting>={INTRODUCED_IN}"',
        f"plan = {_inline(record.plan)}",
    ]
    for key in INLINE_LISTS:
        items = getattr(record, key)
        if items:
            lines += [f"{key} = [", *(f"    {_inline(item)}," for item in items), "]"]
        else:
            lines.append(f"{key} = []")
    text = "\n".join(lines) + "\n"
    reports = codec.unstructure(record.reports)
    return text + ("\n" + codec.dumps({"reports": reports}) if reports else "reports = []\n")


_LIST_START = re.compile(r"^\s*([A-Za-z_]+)\s*=\s*\[\s*$")


def _inline_line(text: str, key: str, index: int) -> int | None:
    """The line of item `index` of the inline list `key`, written one item a line."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        match = _LIST_START.match(line)
        if match and match.group(1) == key:
            seen = -1
            for offset, item in enumerate(lines[number:], start=number + 1):
                stripped = item.strip()
                if stripped.startswith("]"):
                    return None
                if stripped.startswith("{"):
                    seen += 1
                    if seen == index:
                        return offset
    return None


def _located(problems: list[codec.Problem], text: str) -> list[codec.Problem]:
    located = []
    for problem in problems:
        path = problem.key_path
        if len(path) >= 2 and path[0] in INLINE_LISTS and isinstance(path[1], int):
            line = _inline_line(text, str(path[0]), path[1])
            if line is not None:
                problem = attrs.evolve(problem, line=line)
        located.append(problem)
    return located


def record_from_text(text: str) -> ProgressRecord:
    """Parse and check a progress file; raises codec.DocumentError with located problems."""
    data = codec.parse_toml(text)
    if not data:
        raise codec.DocumentError([codec.Problem("the file is empty: it holds no progress record")])
    version = data.pop("schema", None)
    data.pop("requires", None)
    if version is None:
        raise codec.DocumentError(
            [codec.Problem(f"no 'schema' key: a progress file starts with 'schema = {FORMAT_VERSION}'")]
        )
    if version != FORMAT_VERSION:
        raise codec.DocumentError(
            [
                codec.Problem(
                    f"this progress file is in format {version!r}; this iep-meeting reads format {FORMAT_VERSION}",
                    ("schema",),
                    codec.find_line(text, ("schema",)),
                )
            ]
        )
    points = _points_as_written(data.get("points"))
    if points is not None:  # the common case, read without the general (and slower) checks
        data = {**data, "points": []}
    try:
        record = codec.structure(data, ProgressRecord, text)
    except codec.DocumentError as error:
        raise codec.DocumentError(_located(error.problems, text)) from None
    return record if points is None else attrs.evolve(record, points=points)


_POINT_KEYS = frozenset(_field_names(DataPoint))
_METHODS = {method.value: method for method in Method}
_TEXT_KEYS = ("unit", "by", "note")


def _points_as_written(items: Any) -> tuple[DataPoint, ...] | None:
    """The points, when every one is as the program writes it (the right keys and
    types, dates and numbers in bounds); else None, and the general reading
    (store/codec.py) finds and words what is wrong. A year of weekly points on
    many goals is ten thousand of them."""
    if not isinstance(items, list) or len(items) > DataPoint.MAX_IN_A_LIST:
        return None
    points = []
    for item in items:
        if type(item) is not dict or not item.keys() <= _POINT_KEYS:
            return None
        goal, day, value, of, how = (
            item.get("goal"),
            item.get("date"),
            item.get("value"),
            item.get("of"),
            item.get("how"),
        )
        if type(goal) is not str or type(day) is not dt.date or not codec.FIRST_YEAR <= day.year <= codec.LAST_YEAR:
            return None
        if not isinstance(value, (int, float)) or type(value) is bool or not math.isfinite(value):
            return None
        if abs(value) >= 2**63:
            return None
        if (of is not None and (type(of) is not int or abs(of) >= 2**63)) or (how is not None and how not in _METHODS):
            return None
        if any(type(item.get(key, "")) is not str for key in _TEXT_KEYS):
            return None
        points.append(
            DataPoint(
                goal=goal,
                date=day,
                value=value,
                of=of,
                unit=item.get("unit", ""),
                how=_METHODS[how] if how is not None else None,
                by=item.get("by", ""),
                note=item.get("note", ""),
            )
        )
    return tuple(points)


def load_progress(path: Path) -> ProgressRecord | None:
    """The record in the progress file at `path`; None when there is none yet."""
    path = Path(path)
    if not os.path.lexists(path):
        return None
    text = read_text(path, WHAT)
    try:
        return record_from_text(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, WHAT) from None


# --- the plan it belongs to ---------------------------------------------------------------------------------------


def plan_reference(plan_path: Path, loaded_hash: str) -> PlanRef:
    """The plan as a progress file beside it names it: its file name and content hash."""
    return PlanRef(path=Path(plan_path).name, sha256=loaded_hash)


def names_plan(record: ProgressRecord, plan_path: Path, content_hash: str) -> str | None:
    """Why `record` is not the record of the plan at `plan_path` as it is now, or None."""
    wanted = plan_reference(plan_path, content_hash)
    if record.plan.path != wanted.path:
        return f"it is the progress record of {record.plan.path}, not of {wanted.path}"
    if record.plan.sha256 != wanted.sha256:
        return (
            f"it was begun on another version of {wanted.path} (content hash {record.plan.sha256[:12]}…, "
            f"the plan's is {wanted.sha256[:12]}…): the plan was changed since"
        )
    return None


# --- writing ------------------------------------------------------------------------------------------------------


class ProgressFile:
    """The progress file of one final plan, open for adding to: its lock is held
    until `close`. Every `add_*` writes the file at once (atomically) and
    returns the record as it now is."""

    def __init__(self, plan_path: Path, plan: Plan, path: Path, record: ProgressRecord, lock: PlanLock) -> None:
        self.plan_path = plan_path
        self.plan = plan
        self.path = path
        self.record = record
        self._lock: PlanLock | None = lock
        self._stamp = _disk_stamp(path)

    @classmethod
    def open(cls, plan_path: Path) -> ProgressFile:
        """Open the progress file of the final plan at `plan_path` (made at the first
        entry). Raises StoreError: the plan is a draft or changed after it was
        finalized, the progress file cannot be read or belongs to another plan, or
        another program has it open."""
        plan_path = Path(plan_path)
        loaded = load_plan_file(plan_path)
        plan = loaded.plan
        if plan.status is not Status.FINAL:
            raise StoreError(
                f"{plan_path} is a draft: progress is recorded on the plan the team agreed. "
                f"Finalize it first (iep-meeting run {plan_path})."
            )
        content_hash = file_content_hash(loaded)  # what the seal is over, worked out once
        if plan.sign_off.content_sha256 != content_hash:
            raise StoreError(
                f"{plan_path} was changed after it was finalized (its content hash does not match), so it is not "
                f"the plan the team agreed; restore it first (iep-meeting check {plan_path} says more)."
            )
        path = progress_path(plan_path)
        lock = PlanLock.acquire(path)
        try:
            record = load_progress(path)
            if record is None:
                record = ProgressRecord(plan=plan_reference(plan_path, content_hash))
            else:
                why = names_plan(record, plan_path, content_hash)
                if why:
                    raise StoreError(f"{path}: not added to: {why}.")
        except BaseException:
            lock.release()
            raise
        return cls(plan_path, plan, path, record, lock)

    def _write(self, record: ProgressRecord) -> ProgressRecord:
        if not only_appended(self.record, record):
            raise StoreError(f"{self.path}: a progress file is only added to; nothing in it is changed")
        if self._lock is None:
            raise StoreError(f"{self.path} is closed")
        if _disk_stamp(self.path) != self._stamp:
            raise ChangedOnDiskError(self.path)
        data = encode(record_to_text(record))
        try:
            if self._stamp is None:
                write_new(self.path, data)
            else:
                write_atomic(self.path, data)
        except OSError as error:
            raise SaveError(self.path, error) from error
        self._stamp = _disk_stamp(self.path)
        self.record = record
        return record

    def add_points(self, points: list[DataPoint], today: dt.date, where: list[str] | None = None) -> ProgressRecord:
        """Add all of `points` or none: each problem is named by `where` the point
        comes from ("data.csv, line 4"), else by its place in `points`."""
        names = where or [f"point {number}" for number in range(1, len(points) + 1)]
        problems = [
            f"{name}: {problem}"
            for name, point in zip(names, points, strict=True)
            for problem in point_problems(point, self.plan, today)
        ]
        if problems:
            raise StoreError("nothing was added:\n  " + "\n  ".join(problems))
        return self._write(with_points(self.record, points))

    def add_report(self, report: GoalReport) -> ProgressRecord:
        problems = report_problems(report, self.plan)
        if problems:
            raise StoreError("the report was not added: " + "; ".join(problems))
        return self._write(with_report(self.record, report))

    def add_sent(self, sent: SentReport) -> ProgressRecord:
        return self._write(with_sent(self.record, sent))

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ProgressFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
