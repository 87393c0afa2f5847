"""The progress file's text: the layout the program writes, and reading it back.

The layout (docs/plan-format.md, "The progress file") is made for two readers.
A person reading `git diff` sees each data point as one line and each report as
a block with the team's narrative as typed. The program reads a year of weekly
points on every goal (ten thousand lines) faster than it reads the plan.

- The short records (`plan`, `periods`, `aims`, `sent`, `withdrawn`, `translations`) are inline tables,
  one a line.
- The points come in series: a `[[series]]` block is one goal measured one way
  (its `unit`, `how` and `by`, written once) and its points, one a line, in the
  order recorded: `["2026-03-16", 82]`, or `["2026-03-16", 4, 5, "a note"]` for
  4 of 5 attempts. Such a line is TOML and also JSON, so every point of the file
  is read by one call of the JSON reader (C) and checked column by column.
- A report is a `[[reports]]` block; text with a line break, a quote or a
  backslash is a multi-line string, the rest a plain one.

`read_progress` first reads the text as the program writes it
(`_read_as_written`); when that declines (a hand edit, CRLF line ends, anything
else) the general TOML reader and the strict codec (store/codec.py) read it and
name the key and the line of every problem. The two give the same record for
every text the first accepts (tests/unit/test_progress_text.py checks it on
random records and on edits of them).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections import deque
from collections.abc import Iterator, Sequence
from itertools import chain, repeat, zip_longest
from typing import Any

import attrs
import rtoml

from iep_meeting.model.goal_progress import (
    FORMAT_VERSION,
    MAX_POINTS,
    Aim,
    DataPoint,
    GoalReport,
    Method,
    PlanRef,
    ProgressCode,
    ProgressRecord,
    ReportingPeriod,
    SentReport,
    Series,
    SeriesKey,
    Withdrawal,
    exact_number,
    series_from,
    series_of,
    with_points,
)
from iep_meeting.model.plan import Translation
from iep_meeting.store import codec
from iep_meeting.store.bulk import collector_paused, memo_day

INTRODUCED_IN = "0.2.0"  # the oldest iep-meeting that reads progress files
INLINE_LISTS = ("periods", "aims", "sent", "withdrawn", "translations")  # one inline table a line
# Added after files were written without them: left out while empty, so that an
# older file is not changed by a line it never needed.
WRITTEN_WHEN_THERE_ARE = frozenset({"withdrawn", "translations"})
ROW_COLUMNS = ("date", "value", "of", "note")  # a point's line in its series
REQUIRED_COLUMNS = 2  # date, value
ROW_COMMENT = "# [date, value, of (attempts; 0: not counted), note]"


@attrs.frozen(kw_only=True)
class SeriesTable:
    """A `[[series]]` block: one goal measured one way, and its points (`points`, one a line)."""

    goal: str  # the goal's id in the plan
    unit: str = ""
    how: Method | None = None
    by: str = ""


@attrs.frozen(kw_only=True)
class ProgressTables:
    """The tables of a progress file as it is written (the record's points in `series`)."""

    plan: PlanRef
    periods: tuple[ReportingPeriod, ...] = ()
    aims: tuple[Aim, ...] = ()
    sent: tuple[SentReport, ...] = ()
    withdrawn: tuple[Withdrawal, ...] = ()
    translations: tuple[Translation, ...] = ()
    series: tuple[SeriesTable, ...] = ()
    reports: tuple[GoalReport, ...] = ()


# --- writing ---------------------------------------------------------------------------------------------------


def _literal(value: Any) -> str:
    """A TOML value on one line (a text's line breaks escaped). A text or a
    number is written as JSON writes it, which TOML reads the same."""
    if isinstance(value, str):
        # JSON's escapes are TOML's, but for DEL, which TOML wants escaped too.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return exact_number(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):  # TOML's own date (a date-time is a date too)
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return _literal(value.value)
    raise TypeError(f"no TOML literal for {value!r}")


def _inline(record: Any) -> str:
    """A record as an inline table, keys in field order; what is not set (None, or
    empty text: the default) is left out."""
    pairs = [f"{name} = {_literal(value)}" for name, value in _set_values(record)]
    return "{ " + ", ".join(pairs) + " }"


def _set_values(record: Any) -> Iterator[tuple[str, Any]]:
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if value is not None and value != "":
            yield field.name, value


def point_line(day: dt.date, value: float, of: int | None, note: str) -> str:
    """A point as its series writes it: `[date, value, of, note]`, the unset ones at the end left out."""
    values: list[Any] = [day.isoformat(), value, of if of is not None else 0, note]
    while len(values) > REQUIRED_COLUMNS and values[-1] in ("", 0):
        values.pop()
    return "    [" + ", ".join(map(_literal, values)) + "],\n"


def _lines(points: Sequence[DataPoint]) -> str:
    return "".join(point_line(point.date, point.value, point.of, point.note) for point in points)


_NEEDS_ESCAPE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f]|\\|"(?="|\Z)')


def _escaped(match: re.Match[str]) -> str:
    found = match.group()
    return "\\" + found if found in '\\"' else f"\\u{ord(found):04x}"


def _text(value: str) -> str:
    """A text of a block: plain when it can be, else a multi-line string in which
    only a backslash, a control character and a quote that would end the string
    are escaped, so the team's words read as typed."""
    if not re.search(r'[\x00-\x1f\x7f"\\]', value):
        return f'"{value}"'
    return '"""\n' + _NEEDS_ESCAPE.sub(_escaped, value) + '"""'


def _block(header: str, pairs: Iterator[tuple[str, Any]]) -> str:
    lines = [f"\n[[{header}]]"]
    lines += [f"{name} = {_text(value) if isinstance(value, str) else _literal(value)}" for name, value in pairs]
    return "\n".join(lines) + "\n"


def _series_block(series: Series) -> tuple[str, int]:
    """A series' block, and the offset in it of the line that closes its points."""
    header = SeriesTable(goal=series.goal, unit=series.unit, how=series.how, by=series.by)
    opened = _block("series", _set_values(header)) + f"points = [  {ROW_COMMENT}\n"
    opened += "".join(map(point_line, series.dates, series.values, series.attempts, series.notes))
    return opened + "]\n", len(opened)


@attrs.frozen
class Layout:
    """Where new points go in a text as the program writes it."""

    ends: tuple[tuple[SeriesKey, int], ...]  # each series and the offset of the line that closes its points
    after_series: int  # the offset where a new series goes (after the last one)


def text_and_layout(record: ProgressRecord) -> tuple[str, Layout]:
    """The canonical text (the same record always gives the same bytes, and a new
    entry adds its own line or block and changes no other), and its layout."""
    lines = [
        f"schema = {FORMAT_VERSION}",
        f'requires = "iep-meeting>={INTRODUCED_IN}"',
        f"plan = {_inline(record.plan)}",
    ]
    for key in INLINE_LISTS:
        items = getattr(record, key)
        if items:
            lines += [f"{key} = [", *(f"    {_inline(item)}," for item in items), "]"]
        elif key not in WRITTEN_WHEN_THERE_ARE:
            lines.append(f"{key} = []")
    chunks = ["\n".join(lines) + "\n"]
    at, ends = len(chunks[0]), []
    for series in record.series:
        block, end = _series_block(series)
        ends.append((series.key, at + end))
        chunks.append(block)
        at += len(block)
    chunks += [_block("reports", _set_values(report)) for report in record.reports]
    return "".join(chunks), Layout(tuple(ends), at)


def record_to_text(record: ProgressRecord) -> str:
    return text_and_layout(record)[0]


def with_points_appended(text: str, layout: Layout, points: Sequence[DataPoint]) -> tuple[str, Layout]:
    """`text` with `points` added (each at the end of its series, a new series
    after the others), and its layout then: what `text_and_layout` gives for the
    record with them, made without writing the rest again."""
    ends = dict(layout.ends)
    inserts: list[tuple[int, str]] = []
    blocks: list[str] = []
    new_ends: list[tuple[SeriesKey, int]] = []  # in the new blocks
    for key, added in series_of(points).items():
        if key in ends:
            inserts.append((ends[key], _lines(added)))
        else:
            block, end = _series_block(series_from(key, added))
            new_ends.append((key, sum(map(len, blocks)) + end))
            blocks.append(block)
    inserts.append((layout.after_series, "".join(blocks)))
    inserts.sort(key=lambda insert: insert[0])
    pieces, done = [], 0
    for at, inserted in inserts:
        pieces += [text[done:at], inserted]
        done = at
    pieces.append(text[done:])

    def moved(offset: int) -> int:
        return offset + sum(len(inserted) for at, inserted in inserts if at <= offset)

    blocks_at = layout.after_series + sum(len(inserted) for at, inserted in inserts if at < layout.after_series)
    shifted = [(key, moved(end)) for key, end in layout.ends] + [(key, blocks_at + end) for key, end in new_ends]
    return "".join(pieces), Layout(tuple(shifted), blocks_at + sum(map(len, blocks)))


# --- reading the text as the program writes it -----------------------------------------------------------------


_HEAD_KEYS = frozenset({"schema", "requires", "plan", *INLINE_LISTS})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# What JSON reads and TOML does not, in a text the JSON reader accepted: the
# escape "\/", escaped halves of a surrogate pair (and DEL and a bare CR as they are).
_NOT_TOML = re.compile(r"(?<!\\)(?:\\\\)*\\(?:/|u[dD][89a-fA-F])")
_UNSET = object()  # a value left out at the end of a point's line
_METHODS = {method.value: method for method in Method}
_CODES = {code.value: code for code in ProgressCode}

# A text in a block as `_text` writes it: plain (no escapes: the writer escapes
# only in multi-line strings), or multi-line (no two quotes in a row, no
# line-ending backslash); a multi-line one with an escape is read by the TOML
# reader itself.
_PLAIN = r'"([^"\\\x00-\x1f\x7f]*)"'
_LONG = r'"""\n([^"\\\x00-\x08\x0b-\x1f\x7f]*(?:(?:"(?!")|\\[^\x00-\x1f\x7f])[^"\\\x00-\x08\x0b-\x1f\x7f]*)*)"""'
_TEXT = f"(?:{_PLAIN}|{_LONG})"
_ISO_DATE = r"([0-9]{4}-[0-9]{2}-[0-9]{2})"
_SERIES = re.compile(
    rf"\n\[\[series\]\]\ngoal = {_TEXT}\n(?:unit = {_TEXT}\n)?(?:how = \"([a-z-]+)\"\n)?(?:by = {_TEXT}\n)?"
    rf"points = \[  {re.escape(ROW_COMMENT)}\n"
)
_REPORT = re.compile(
    rf"\n\[\[reports\]\]\ngoal = {_TEXT}\nperiod = {_ISO_DATE}\ncode = \"([a-z-]+)\"\nsufficient = (true|false)\n"
    rf"(?:why_not = {_TEXT}\n)?(?:narrative = {_TEXT}\n)?(?:written = {_ISO_DATE}\n)?"
)


class _NotAsWritten(Exception):
    """The text is not as the program writes it: the general reading takes over."""


def _date(text: str, dates: dict[str, dt.date]) -> dt.date:
    try:
        return memo_day(text, dates)
    except ValueError:
        raise _NotAsWritten from None


def _text_value(plain: str | None, long: str | None) -> str:
    """A text as a regular expression above found it ("" when it is not there)."""
    if plain is not None:
        return plain
    if long is None:
        return ""
    if "\\" not in long:
        return long
    try:  # an escape: read exactly as TOML reads it
        value = rtoml.loads(f'v = """\n{long}"""')["v"]
    except Exception:  # rtoml.TomlParsingError: the general reading words it
        raise _NotAsWritten from None
    if not isinstance(value, str):
        raise _NotAsWritten
    return value


def _head(head: str) -> ProgressTables:
    """The inline records before the blocks, read by the TOML reader: a few short lines."""
    if head.startswith("[") or "\n[" in head:  # a table header: not as written
        raise _NotAsWritten
    try:
        data = rtoml.loads(head)
    except Exception:  # rtoml.TomlParsingError
        raise _NotAsWritten from None
    version = data.pop("schema", None)
    data.pop("requires", None)
    if type(version) is not int or version != FORMAT_VERSION or not data.keys() <= _HEAD_KEYS:
        raise _NotAsWritten
    try:
        return codec.structure(data, ProgressTables)
    except codec.DocumentError:
        raise _NotAsWritten from None


def _all_series(keys: list[SeriesKey], rows_texts: list[str], dates: dict[str, dt.date]) -> tuple[Series, ...]:
    """The series `keys`, whose points are the lines `rows_texts`: every line read by
    one call of the JSON reader, checked and kept column by column."""
    joined = "[" + ",".join("[" + rows.rstrip().removesuffix(",") + "]" for rows in rows_texts) + "]"
    if "\x7f" in joined or "\r" in joined or ("\\" in joined and _NOT_TOML.search(joined)):
        raise _NotAsWritten
    try:
        read = json.loads(joined, parse_constant=_refuse_constant)
    except (ValueError, RecursionError):
        raise _NotAsWritten from None
    counts = list(map(len, read))
    if len(read) != len(keys) or counts != [rows.count("\n") for rows in rows_texts] or sum(counts) > MAX_POINTS:
        raise _NotAsWritten  # a point is one line
    rows = list(chain.from_iterable(read))
    if not rows:
        return tuple(Series(goal=goal, unit=unit, how=how, by=by) for goal, unit, how, by in keys)
    if set(map(type, rows)) != {list}:
        raise _NotAsWritten
    columns = list(zip_longest(*rows, fillvalue=_UNSET))  # a short line: _UNSET where it has no value
    if not REQUIRED_COLUMNS <= len(columns) <= len(ROW_COLUMNS):
        raise _NotAsWritten
    days, values = columns[:REQUIRED_COLUMNS]
    if set(map(type, days)) != {str} or not set(map(type, values)) <= {int, float}:
        raise _NotAsWritten
    if not -(2**63) <= min(values) <= max(values) < 2**63:
        raise _NotAsWritten  # a number TOML cannot hold, or infinite: the general reading says which
    for day in set(days):
        _date(day, dates)
    on, measured, attempts, notes = (
        map(dates.__getitem__, days),
        map(float, values),
        _attempts(columns),
        _notes(columns),
    )
    kept_dates, kept_values = tuple(on), tuple(measured)
    made, start = [], 0
    for (goal, unit, how, by), count in zip(keys, counts, strict=True):
        end = start + count
        made.append(
            Series(
                goal=goal,
                unit=unit,
                how=how,
                by=by,
                dates=kept_dates[start:end],
                values=kept_values[start:end],
                attempts=attempts[start:end],
                notes=notes[start:end],
            )
        )
        start = end
    return tuple(made)


def _attempts(columns: list[tuple[Any, ...]]) -> tuple[int | None, ...]:
    """The `of` column (0 or left out: None)."""
    if len(columns) <= ROW_COLUMNS.index("of"):
        return (None,) * len(columns[0])
    counted = tuple(None if of is _UNSET or of == 0 else of for of in columns[ROW_COLUMNS.index("of")])
    if not set(map(type, counted)) <= {int, type(None)}:
        raise _NotAsWritten
    whole = [of for of in counted if of is not None]
    if whole and not -(2**63) <= min(whole) <= max(whole) < 2**63:
        raise _NotAsWritten
    return counted


def _notes(columns: list[tuple[Any, ...]]) -> tuple[str, ...]:
    if len(columns) <= ROW_COLUMNS.index("note"):
        return ("",) * len(columns[0])
    said = tuple("" if note is _UNSET else note for note in columns[ROW_COLUMNS.index("note")])
    if not set(map(type, said)) <= {str}:
        raise _NotAsWritten
    return said


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not TOML")


def _series(text: str, at: int) -> tuple[list[SeriesKey], list[str], list[tuple[SeriesKey, int]], int]:
    """The series blocks from `at`: their keys, the lines of their points, where each closes, where they end."""
    keys: list[SeriesKey] = []
    rows: list[str] = []
    ends: list[tuple[SeriesKey, int]] = []
    while (found := _SERIES.match(text, at)) is not None:
        goal, goal_long, unit, unit_long, how, by, by_long = found.groups()
        if how is not None and how not in _METHODS:
            raise _NotAsWritten
        method = _METHODS[how] if how is not None else None
        key = (_text_value(goal, goal_long), _text_value(unit, unit_long), method, _text_value(by, by_long))
        close = text.find("\n]\n", found.end() - 1)
        if close < 0:
            raise _NotAsWritten
        keys.append(key)
        rows.append(text[found.end() : close + 1])
        ends.append((key, close + 1))
        at = close + 3
    if len(set(keys)) != len(keys) or len(keys) > codec.MAX_ITEMS:
        raise _NotAsWritten  # a series written twice: the general reading puts it together
    return keys, rows, ends, at


def _reports(text: str, at: int, dates: dict[str, dt.date]) -> tuple[GoalReport, ...]:
    """The report blocks from `at` to the end, made column by column."""
    found: list[tuple[Any, ...]] = []
    while at < len(text):
        report = _REPORT.match(text, at)
        if report is None or len(found) >= codec.MAX_ITEMS:
            raise _NotAsWritten
        found.append(report.groups())
        at = report.end()
    if not found:
        return ()
    goals, goals_long, periods, codes, sufficient, whys, whys_long, said, said_long, written = zip(*found)
    for day in {*periods, *written} - {None}:
        _date(day, dates)
    try:
        columns = (
            _texts(goals, goals_long),
            list(map(dates.__getitem__, periods)),
            list(map(_CODES.__getitem__, codes)),
            list(map(_BOOLEANS.__getitem__, sufficient)),
            _texts(whys, whys_long),
            _texts(said, said_long),
            [dates[day] if day is not None else None for day in written],
        )
    except KeyError:  # a code that is none of the codes
        raise _NotAsWritten from None
    return tuple(_made(GoalReport, columns))


_BOOLEANS = {"true": True, "false": False}


def _texts(plain: Sequence[str | None], long: Sequence[str | None]) -> list[str]:
    """A column of texts as `_PLAIN` and `_LONG` found them."""
    return [text if text is not None else _text_value(None, other) for text, other in zip(plain, long, strict=True)]


def _made(cls: type, columns: Sequence[Sequence[Any]]) -> list[Any]:
    """Records of the attrs class `cls` from their values, column by column in field
    order, each value what `cls.__init__` would store: the slots are set in C
    loops instead of a call of `__init__` each."""
    made: list[Any] = list(map(object.__new__, repeat(cls, len(columns[0]))))
    for field, column in zip(attrs.fields(cls), columns, strict=True):
        deque(map(getattr(cls, field.name).__set__, made, column), maxlen=0)
    return made


# GoalReport is made that way: what `_made` would skip, it has none of.
assert not any(field.validator or field.converter for field in attrs.fields(GoalReport))
assert not hasattr(GoalReport, "__attrs_post_init__")


def _read_as_written(text: str) -> tuple[ProgressRecord, Layout]:
    """The record of a text as `record_to_text` writes it; _NotAsWritten otherwise."""
    blocks = text.find("\n[[")
    blocks = len(text) if blocks < 0 else blocks
    tables = _head(text[:blocks])
    dates: dict[str, dt.date] = {}
    with collector_paused():
        keys, rows, ends, after_series = _series(text, blocks)
        series = _all_series(keys, rows, dates)
        reports = _reports(text, after_series, dates)
    return _record(tables, series, reports), Layout(tuple(ends), after_series)


def _record(tables: ProgressTables, series: tuple[Series, ...], reports: tuple[GoalReport, ...]) -> ProgressRecord:
    return ProgressRecord(
        plan=tables.plan,
        periods=tables.periods,
        aims=tables.aims,
        sent=tables.sent,
        withdrawn=tables.withdrawn,
        translations=tables.translations,
        series=series,
        reports=reports,
    )


# --- reading any text ------------------------------------------------------------------------------------------


def read_progress(text: str) -> tuple[ProgressRecord, Layout | None]:
    """The record of a progress file's text, and, when the text is as the program
    writes it, where new points go. Raises codec.DocumentError with located problems."""
    try:
        return _read_as_written(text)
    except _NotAsWritten:
        return _read_any(text), None


def record_from_text(text: str) -> ProgressRecord:
    """Parse and check a progress file; raises codec.DocumentError with located problems."""
    return read_progress(text)[0]


def _read_any(text: str) -> ProgressRecord:
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
    problems: list[codec.Problem] = []
    rows = [table.pop("points", None) if isinstance(table, dict) else None for table in _listed(data.get("series"))]
    try:
        tables = codec.structure(data, ProgressTables, text)
    except codec.DocumentError as error:
        problems += error.problems
    else:
        points = [
            point
            for index, series in enumerate(tables.series)
            for point in _series_points(series, index, rows[index], text, problems)
        ]
        if len(points) > MAX_POINTS:
            problems.append(
                codec.Problem(
                    f"{len(points)} points: more than any IEP holds (at most {MAX_POINTS}); is this the right file?",
                    ("series",),
                )
            )
    if problems:
        raise codec.DocumentError(_located(problems, text))
    empty = ProgressRecord(plan=tables.plan)
    return _record(tables, with_points(empty, points).series, tables.reports)


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


_ROW_SHAPE = f"a point is written [{', '.join(ROW_COLUMNS)}], the first {REQUIRED_COLUMNS} needed"


def _series_points(
    series: SeriesTable, index: int, rows: Any, text: str, problems: list[codec.Problem]
) -> list[DataPoint]:
    """The points of one series, from its lines; what is wrong with them goes to `problems`."""
    where = ("series", index, "points")
    if rows is None:
        problems.append(codec.Problem("required key 'points' is missing", where[:2], codec.find_line(text, where[:2])))
        return []
    first_line = codec.find_line(text, where)
    if not isinstance(rows, list):
        problems.append(codec.Problem(f"expected a list, got {codec.type_name(rows)}", where, first_line))
        return []
    points = []
    for number, row in enumerate(rows):
        line = first_line + 1 + number if first_line is not None else None  # a point a line
        point, wrong = _row_point(series, row)
        problems += [codec.Problem(message, (*where, number, *column), line) for column, message in wrong]
        if point is not None:
            points.append(point)
    return points


def _row_point(series: SeriesTable, row: Any) -> tuple[DataPoint | None, list[tuple[tuple[str, ...], str]]]:
    """The point of a line of `series`, or what is wrong with it: (column, message) pairs."""
    if not isinstance(row, list) or not REQUIRED_COLUMNS <= len(row) <= len(ROW_COLUMNS):
        got = f"{len(row)} values" if isinstance(row, list) else codec.type_name(row)
        return None, [((), f"{_ROW_SHAPE}; got {got}")]
    wrong: list[tuple[tuple[str, ...], str]] = []

    def checked(column: str, type_: type, value: Any) -> Any:
        try:
            return codec.converter.get_structure_hook(type_)(value, type_)
        except codec.ValueProblem as problem:
            wrong.append(((column,), str(problem)))
            return None

    unset: list[Any] = [0, ""]  # of, note
    day, value, of, note = [*row, *unset[len(row) - REQUIRED_COLUMNS :]]
    date = _row_date(day)
    if date is None:
        wrong.append((("date",), f'expected a date like "2026-09-01", got {codec.type_name(day)}'))
    measured, attempts, said = checked("value", float, value), checked("of", int, of), checked("note", str, note)
    if wrong or date is None:
        return None, wrong
    point = DataPoint(series.goal, date, measured, attempts or None, series.unit, series.how, series.by, said)
    return point, []


def _row_date(value: Any) -> dt.date | None:
    """A point's date: text like "2026-09-01" (or a TOML date), in the years an IEP can have."""
    day = value
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        return None
    return day if codec.FIRST_YEAR <= day.year <= codec.LAST_YEAR else None


def _inline_line(text: str, key: str, index: int) -> int | None:
    """The line of item `index` of the inline list `key`, written one item a line."""
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith(f"{key} = [") and line.rstrip().endswith("["):
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
        if problem.line is None and len(path) >= 2 and path[0] in INLINE_LISTS and isinstance(path[1], int):
            line = _inline_line(text, str(path[0]), path[1])
            if line is not None:
                problem = attrs.evolve(problem, line=line)
        located.append(problem)
    return located
