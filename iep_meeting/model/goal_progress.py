"""Progress on each goal between meetings: the record and the rules read from it.

A plan's goals are measured as the plan says (34 CFR 300.320(a)(3)) and the
family hears how it goes at each reporting period. The record of that is
`ProgressRecord` (kept beside the plan, store/progress_file.py): data points
per goal id, and per period and goal a report (a progress code, whether
progress is enough to meet the goal by the end of the plan and why not, the
team's narrative), and when the report went to the family.

The rules are pure functions here, so the screen, the report and `check`
agree:

- a goal's **aim line** runs from its baseline at the start of the plan period
  to its target at the end (`aim_of`): numbers from the progress record's
  `aims` (the last one set for the goal), else the first number the plan's
  baseline and target texts hold ("N of M" counts as N/M in percent);
- a goal's chart and the on-track rule read the points of **one measure**
  (`main_measure`): the kind most of its points are (values, or successes of
  attempts read in percent) and the unit most of those name (a point with no
  unit is taken as of the goal's); a point measured another way ("4 of 5"
  questions on a words-a-minute goal) is listed, never drawn on the aim line
  nor counted;
- **on track** (`standing`): the median of the last three points is on the
  aim line or past it (above it for a goal that rises, below it for one that
  falls), read at the date of the middle one of those points; with fewer than
  three points, or no aim line, there is no verdict, and it says why;
- the **reporting periods** (`periods_of`) are the record's own, else four
  quarters of the plan period.

The record is append-only: a correction is a later entry (the last report for
a goal and period is the one that counts; a point recorded by mistake is taken
back by a `Withdrawal`, and counts nowhere; an aim line set again replaces the
one before), so nothing once written changes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence, Set
from enum import StrEnum
from itertools import chain, repeat
from operator import attrgetter, gt, itemgetter, lt
from typing import Any, NamedTuple

import attrs

from iep_meeting.model.plan import CopyMethod, Goal, Period, Plan, Progress, Record, Translation
from iep_meeting.model.translations import TypedText, normalized, words_of

FORMAT_VERSION = 1  # of the progress file (store/progress_file.py)
POINTS_FOR_A_VERDICT = 3  # the median of the last three points
QUARTERS = 4


class ProgressCode(StrEnum):
    """The progress code of a period's report, as district forms have it."""

    NO_PROGRESS = "no-progress"
    PARTIAL = "partial"
    SUBSTANTIAL = "substantial"
    MET = "met"


class Method(StrEnum):
    """How a data point was measured."""

    TEST = "test"  # a standardized test
    PROBE = "probe"  # a curriculum-based probe
    WORK_SAMPLES = "work-samples"
    OBSERVATION = "observation"
    OTHER = "other"


class Standing(StrEnum):
    """Where the points stand against the aim line, said in words (words/labels.py)."""

    ON_TRACK = "on-track"
    BEHIND = "behind"  # below the aim line for a goal that rises, above it for one that falls
    TOO_FEW = "too-few"  # fewer than three points
    NO_AIM = "no-aim"  # the goal's baseline or target holds no number


# --- the record -----------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False)
class PlanRef(Record):
    """The plan the record belongs to: its path from the record's folder, and its content hash."""

    path: str
    sha256: str


def belongs_elsewhere(ref: PlanRef, plan_name: str, content_hash: str) -> str | None:
    """Why a record naming the plan `ref` is not the record of the plan file
    `plan_name` whose content hash is `content_hash` as it is now, or None."""
    if ref.path != plan_name:
        return f"it is the progress record of {ref.path}, not of {plan_name}"
    if ref.sha256 != content_hash:
        return (
            f"it was begun on another version of {plan_name} (content hash {ref.sha256[:12]}…, "
            f"the plan's is {content_hash[:12]}…): the plan was changed since"
        )
    return None


@attrs.frozen(kw_only=True, repr=False)
class ReportingPeriod(Record):
    """A period the family gets a report for; it ends on `end` and starts the day after the one before."""

    end: dt.date
    name: str = ""  # "first quarter", "fall report card"


@attrs.frozen(kw_only=True, repr=False)
class Aim(Record):
    """A goal's aim line in numbers, set by the team when its baseline and target
    texts hold none, or not the right one ("1 paragraph ..." to "3 of 4 on the
    rubric ..." reads as 1 to 75). The last one set for a goal counts."""

    goal: str
    baseline: float = attrs.field(converter=float)
    target: float = attrs.field(converter=float)


MAX_POINTS = 20_000  # a plan's points over its year: 20 goals measured every school day are 3600


class DataPoint(NamedTuple):
    """One measurement of a goal: `value`, or `value` successes of `of` attempts.
    A named tuple: the record keeps its points as columns (`Series`) and makes
    these, cheaply, when a goal's points are asked for."""

    goal: str  # the goal's id in the plan
    date: dt.date
    value: float
    of: int | None = None  # attempts, when the value counts successes
    unit: str = ""  # "words correct per minute"
    how: Method | None = None
    by: str = ""  # who measured, by role: "special education teacher", "paraprofessional"
    note: str = ""

    @property
    def measure(self) -> float:
        """What the chart shows: the value, or successes in percent of attempts."""
        return 100 * self.value / self.of if self.of else self.value

    @property
    def series_key(self) -> SeriesKey:
        """The goal and how it is measured: what the points of one series share."""
        return (self.goal, self.unit, self.how, self.by)


SeriesKey = tuple[str, str, Method | None, str]  # goal, unit, how, by


@attrs.frozen(kw_only=True, repr=False)
class Series(Record):
    """One goal measured one way (its unit, how, by whom) and its points in the
    order recorded, as columns: one value a point in each. A year of points on
    many goals is ten thousand; as columns they are read and kept at a fraction
    of the cost of a record each, and `points` makes them when asked."""

    goal: str
    unit: str = ""
    how: Method | None = None
    by: str = ""
    dates: tuple[dt.date, ...] = ()
    values: tuple[float, ...] = ()
    attempts: tuple[int | None, ...] = ()  # a point's `of`
    notes: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        if not len(self.dates) == len(self.values) == len(self.attempts) == len(self.notes):
            raise ValueError("a series has as many values of each kind as it has points")

    @property
    def key(self) -> SeriesKey:
        return (self.goal, self.unit, self.how, self.by)

    @property
    def points(self) -> tuple[DataPoint, ...]:
        return self._made(*self._columns())

    def between(self, since: dt.date | None, until: dt.date | None) -> tuple[DataPoint, ...]:
        """The points from `since` to `until` (each when given), in the order recorded."""
        if since is None and until is None:
            return self.points
        return self._points(self.indexes(since, until))

    def indexes(self, since: dt.date | None, until: dt.date | None) -> range | list[int]:
        """Where the points from `since` to `until` (each when given) are, in the order recorded."""
        if self._in_date_order():  # as points mostly are: the ends found by bisection
            low = bisect_left(self.dates, since) if since is not None else 0
            high = bisect_right(self.dates, until) if until is not None else len(self.dates)
            return range(low, high)
        return [
            index
            for index, day in enumerate(self.dates)
            if (since is None or day >= since) and (until is None or day <= until)
        ]

    def last(self, until: dt.date, count: int) -> tuple[DataPoint, ...]:
        """At most `count` points up to `until`: the latest by date (of one day, the last recorded)."""
        if self._in_date_order():
            high = bisect_right(self.dates, until)
            return self._points(range(max(high - count, 0), high))
        latest = sorted((day, index) for index, day in enumerate(self.dates) if day <= until)[-count:]
        return self._points(sorted(index for _, index in latest))

    def without(self, indexes: Set[int]) -> Series:
        """This series without the points at `indexes`."""
        kept = [at for at in range(len(self.dates)) if at not in indexes]
        dates, values, attempts, notes = ([column[at] for at in kept] for column in self._columns())
        return attrs.evolve(
            self, dates=tuple(dates), values=tuple(values), attempts=tuple(attempts), notes=tuple(notes)
        )

    def _in_date_order(self) -> bool:
        return list(self.dates) == sorted(self.dates)  # in C: twice as fast as comparing pairs of neighbours

    def _points(self, indexes: Iterable[int]) -> tuple[DataPoint, ...]:
        if isinstance(indexes, range):  # a slice of each column, made into points in C
            part = slice(indexes.start, indexes.stop)
            return self._made(self.dates[part], self.values[part], self.attempts[part], self.notes[part])
        picked = list(indexes)
        return self._made(*([column[at] for at in picked] for column in self._columns()))

    def _columns(self) -> tuple[tuple[Any, ...], ...]:
        return (self.dates, self.values, self.attempts, self.notes)

    def _made(
        self, dates: Sequence[dt.date], values: Sequence[float], attempts: Sequence[int | None], notes: Sequence[str]
    ) -> tuple[DataPoint, ...]:
        count = len(dates)
        columns = zip(
            repeat(self.goal, count),
            dates,
            values,
            attempts,
            repeat(self.unit, count),
            repeat(self.how, count),
            repeat(self.by, count),
            notes,
        )
        return tuple(map(tuple.__new__, repeat(DataPoint), columns))  # DataPoint(*values), made in C

    def starts(self, other: Series) -> bool:
        """Whether `other` is this series with points added at its end."""
        size = len(self.dates)
        mine = (self.dates, self.values, self.attempts, self.notes)
        theirs = (other.dates[:size], other.values[:size], other.attempts[:size], other.notes[:size])
        return other.key == self.key and mine == theirs


def series_from(key: SeriesKey, points: Sequence[DataPoint], after: Series | None = None) -> Series:
    """The series `key` of `points` (all of that key), added to the end of `after`."""
    goal, unit, how, by = key
    before = after if after is not None else Series(goal=goal, unit=unit, how=how, by=by)
    return attrs.evolve(
        before,
        dates=(*before.dates, *(point.date for point in points)),
        values=(*before.values, *(float(point.value) for point in points)),
        attempts=(*before.attempts, *(point.of for point in points)),
        notes=(*before.notes, *(point.note for point in points)),
    )


@attrs.frozen(kw_only=True, repr=False)
class GoalReport(Record):
    """One goal's report for one period."""

    goal: str
    period: dt.date  # the end of the period reported on
    code: ProgressCode
    sufficient: bool  # whether progress is enough to meet the goal by the end of the plan
    why_not: str = ""  # when it is not: why, and what changes
    narrative: str = ""  # the team's words, verbatim
    written: dt.date | None = None


@attrs.frozen(kw_only=True, repr=False)
class SentReport(Record):
    """When and how a period's report went to the family, in which language."""

    period: dt.date
    date: dt.date
    method: CopyMethod
    language: str = ""


@attrs.frozen(kw_only=True, repr=False)
class Withdrawal(Record):
    """A point recorded by mistake (1050 typed for 105, the wrong goal), taken back:
    the last point recorded of its goal with its date, value and attempts. The point
    stays in the file, which is only added to, and counts nowhere: not on a chart,
    in a table, in the on-track rule or in next year's plan."""

    goal: str
    date: dt.date  # the point's day
    value: float = attrs.field(converter=float)  # the point's value
    of: int | None = None  # the point's attempts
    why: str  # what was wrong with it
    on: dt.date  # the day it was taken back

    def takes_back(self) -> tuple[str, dt.date, float, int | None]:
        """What a point it takes back has: its goal, date, value and attempts."""
        return (self.goal, self.date, self.value, self.of)


@attrs.frozen(kw_only=True, repr=False)
class ProgressRecord(Record):
    """Everything recorded between meetings on one plan (field order is file order)."""

    plan: PlanRef
    periods: tuple[ReportingPeriod, ...] = ()
    aims: tuple[Aim, ...] = ()
    sent: tuple[SentReport, ...] = ()
    withdrawn: tuple[Withdrawal, ...] = ()  # points taken back
    translations: tuple[Translation, ...] = ()  # the record's words in the family's language
    series: tuple[Series, ...] = ()  # the points, by goal and how measured
    reports: tuple[GoalReport, ...] = ()

    @property
    def points(self) -> tuple[DataPoint, ...]:
        """Every point, series by series."""
        return tuple(chain.from_iterable(series.points for series in self.series))


# --- appending ------------------------------------------------------------------------


def progress_texts(record: ProgressRecord) -> list[TypedText]:
    """The team's words the record holds that a family's report shows, to translate
    like a plan's texts: each period report's narrative and reason (the last report
    of its goal and period), and the units and roles points are measured in and by,
    each such words once ("units[words correct per minute]": one text wherever it is)."""
    reports = {(report.goal, report.period): (at, report) for at, report in enumerate(record.reports)}
    texts: dict[str, TypedText] = {}
    for at, report in reports.values():
        place = f"reports[goal={report.goal},period={report.period.isoformat()}]"
        for field in ("narrative", "why_not"):
            text = getattr(report, field)
            if text.strip():
                texts[f"{place}.{field}"] = TypedText(f"{place}.{field}", ("reports", at, field), text)
    for at, series in enumerate(record.series):
        for field, kind in (("unit", "units"), ("by", "roles")):
            text = getattr(series, field)
            key = f"{kind}[{normalized(text)}]"
            if text.strip() and key not in texts:
                texts[key] = TypedText(key, ("series", at, field), text)
    return list(texts.values())


def goal_texts(record: ProgressRecord, goal_id: str) -> list[TypedText]:
    """The `progress_texts` a goal's part of a report shows: its reports' words, and
    the units and roles of its points (those are shared with any goal that has them)."""
    own = {
        f"{kind}[{normalized(getattr(series, field))}]"
        for series in record.series
        if series.goal == goal_id
        for field, kind in (("unit", "units"), ("by", "roles"))
    }
    reports = f"reports[goal={goal_id},"
    return [item for item in progress_texts(record) if item.key.startswith(reports) or item.key in own]


def progress_words(record: ProgressRecord, names: Iterable[str]) -> dict[str, str | None]:
    """{English text, spaces collapsed: its current translation, or None} for each of
    the record's `progress_texts`, in the language `names` call."""
    return words_of(progress_texts(record), latest_first(record.translations), names)


def latest_first(translations: tuple[Translation, ...]) -> tuple[Translation, ...]:
    """The record's translations, the last made first: of a text translated again
    (the file is only added to), the last one counts."""
    return translations[::-1]


def translation_problems(made: Sequence[Translation], record: ProgressRecord) -> list[str]:
    """Why `made` cannot be recorded in `record`, in words; [] when it can."""
    known = {item.key for item in progress_texts(record)}
    problems = []
    for translation in made:
        if translation.key not in known:
            problems.append(f"'{translation.key}' is none of the progress file's texts to translate")
        if not translation.text.strip() or not translation.language.strip():
            problems.append(f"the translation of '{translation.key}' needs its words and its language")
    return problems


def with_translations(record: ProgressRecord, made: Iterable[Translation]) -> ProgressRecord:
    """The record with `made` added (a text translated again: the last one counts)."""
    return attrs.evolve(record, translations=(*record.translations, *made))


def series_of(points: Iterable[DataPoint]) -> dict[SeriesKey, list[DataPoint]]:
    """`points` by series (a goal measured one way: `DataPoint.series_key`), the
    series in the order first recorded, the points of each in the order recorded."""
    series: dict[SeriesKey, list[DataPoint]] = {}
    for point in points:
        series.setdefault(point.series_key, []).append(point)
    return series


def with_point(record: ProgressRecord, point: DataPoint) -> ProgressRecord:
    return with_points(record, (point,))


def with_points(record: ProgressRecord, points: Iterable[DataPoint]) -> ProgressRecord:
    """`record` with `points`, each at the end of its series (a new series after the others)."""
    series = list(record.series)
    where = {one.key: index for index, one in enumerate(series)}
    for key, added in series_of(points).items():
        if key in where:
            series[where[key]] = series_from(key, added, series[where[key]])
        else:
            series.append(series_from(key, added))
    return attrs.evolve(record, series=tuple(series))


def with_report(record: ProgressRecord, report: GoalReport) -> ProgressRecord:
    return attrs.evolve(record, reports=(*record.reports, report))


def with_sent(record: ProgressRecord, sent: SentReport) -> ProgressRecord:
    return attrs.evolve(record, sent=(*record.sent, sent))


def with_withdrawal(record: ProgressRecord, withdrawal: Withdrawal) -> ProgressRecord:
    return attrs.evolve(record, withdrawn=(*record.withdrawn, withdrawal))


def with_aim(record: ProgressRecord, aim: Aim) -> ProgressRecord:
    return attrs.evolve(record, aims=(*record.aims, aim))


def only_appended(before: ProgressRecord, after: ProgressRecord) -> bool:
    """Whether `after` is `before` with entries added (each point at the end of its
    series, a new series after the others), nothing changed."""
    if after.plan != before.plan or after.periods != before.periods:
        return False
    if len(after.series) < len(before.series) or not all(map(Series.starts, before.series, after.series)):
        return False
    return all(
        getattr(after, name)[: len(getattr(before, name))] == getattr(before, name)
        for name in ("aims", "reports", "sent", "withdrawn", "translations")
    )


# --- what is refused ------------------------------------------------------------------

# What districts turn back as a narrative: it says nothing the family can use.
EMPTY_NARRATIVES = frozenset(
    {"in progress", "in-progress", "progressing", "making progress", "progress", "ip", "ongoing", "continuing"}
)


def narrative_problem(text: str) -> str | None:
    """Why `text` cannot be a period's narrative, or None."""
    said = " ".join(re.sub(r"[^\w\s-]", " ", text.casefold()).split())
    if not said:
        return "the narrative is empty: say what the data shows and what happens next"
    if said in EMPTY_NARRATIVES:
        return (
            f'"{text.strip()}" alone is not a narrative: say where the student is now against the aim line, '
            "and what happens next (districts turn back a report that only says it is in progress)"
        )
    return None


def report_problems(report: GoalReport, plan: Plan) -> list[str]:
    """Why `report` cannot be recorded, in words; [] when it can."""
    problems = []
    if report.goal not in goal_ids(plan):
        problems.append(unknown_goal(report.goal, goal_ids(plan)))
    if not report.sufficient and not report.why_not.strip():
        problems.append("progress is not enough to meet the goal: say why, and what the team will change")
    narrative = narrative_problem(report.narrative)
    if narrative:
        problems.append(narrative)
    return problems


def point_problems(point: DataPoint, goals: Sequence[str], period: Period, today: dt.date) -> list[str]:
    """Why `point` cannot be recorded on a plan whose goal ids are `goals` and whose
    `period` it is, in words; [] when it can. A point is measured while the plan is
    in effect: one before its first day is progress on the plan before it (the
    chart starts on that day). One after its last day is not refused: a plan stays
    in effect until the next one is agreed."""
    problems = []
    if point.goal not in goals:
        problems.append(unknown_goal(point.goal, goals))
    if not math.isfinite(point.value) or point.value < 0:
        problems.append(f"the value {point.value:g} is not a measurement: expected a number of 0 or more")
    if point.of is not None:
        if point.of < 1:
            problems.append(f"of {point.of} attempts: expected 1 or more")
        elif point.value > point.of or point.value != int(point.value):
            problems.append(f"{point.value:g} of {point.of}: successes are a whole number from 0 to {point.of}")
    if point.date > today:
        problems.append(f"{point.date.isoformat()} is after today ({today.isoformat()}): a point is measured first")
    elif point.date < period.start:
        problems.append(
            f"{point.date.isoformat()} is before the plan's first day ({period.start.isoformat()}): progress is "
            "recorded on the plan in effect when it was measured (a point of the year before goes with last "
            "year's plan)"
        )
    return problems


def withdrawal_problems(withdrawal: Withdrawal, record: ProgressRecord, goals: Sequence[str]) -> list[str]:
    """Why `withdrawal` cannot be recorded, in words; [] when it can: it names a
    point of the record that counts, and says why."""
    problems = []
    if withdrawal.goal not in goals:
        problems.append(unknown_goal(withdrawal.goal, goals))
    else:
        that_day = points_of(record, withdrawal.goal, withdrawal.date, withdrawal.date)
        if not any((point.value, point.of) == (withdrawal.value, withdrawal.of) for point in that_day):
            amounts = ", ".join(exact_amount(point.value, point.of) for point in that_day)
            problems.append(
                f"{withdrawal.goal} has no point of {exact_amount(withdrawal.value, withdrawal.of)} on "
                f"{withdrawal.date.isoformat()} to take back "
                + (f"(its points that day: {amounts})" if that_day else "(it has none that day)")
            )
    if not withdrawal.why.strip():
        problems.append("say why the point is taken back (what was wrong with it)")
    return problems


def aim_problems(aim: Aim, plan: Plan, record: ProgressRecord) -> list[str]:
    """Why `aim` cannot be set as its goal's aim line, in words; [] when it can."""
    goal = next((goal for goal in plan.goals if goal.id == aim.goal), None)
    if goal is None:
        return [unknown_goal(aim.goal, goal_ids(plan))]
    problems = [
        f"the {name} {value:g} is not a measurement: expected a number of 0 or more"
        for name, value in (("baseline", aim.baseline), ("target", aim.target))
        if not math.isfinite(value) or value < 0
    ]
    now = aim_of(goal, plan.period, record)
    if not problems and now is not None and (now.baseline, now.target) == (aim.baseline, aim.target):
        problems.append(
            f"{aim.goal}'s aim line already runs from {exact_number(now.baseline)} to {exact_number(now.target)}"
        )
    return problems


def aim_line_words(aim: AimLine) -> str:
    """The aim line in words: "62 on 2026-03-16 → 90 on 2027-03-15"."""
    return f"{number_words(aim.baseline)} on {aim.start} → {number_words(aim.target)} on {aim.end}"


def aim_source(goal_id: str, record: ProgressRecord | None) -> str:
    """Where the goal's aim line comes from (`aim_of`), in words."""
    return "set by the team" if aim_set_for(goal_id, record) else "read from the goal's baseline and target"


def exact_number(value: float) -> str:
    """A value as the progress file writes it, so that it can be typed back to
    name its point: 82.64, 95, 1234.5678 (not rounded, as `number_words` is)."""
    return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)


def exact_amount(value: float, of: int | None) -> str:
    """A point's amount as it was recorded: 82.64, "4 of 5"."""
    return f"{exact_number(value)} of {of}" if of else exact_number(value)


def amount_of(value: float, of: int | None) -> str:
    """A point's amount in words: "105", "4 of 5"."""
    return f"{number_words(value)} of {of}" if of else number_words(value)


def goal_ids(plan: Plan) -> list[str]:
    return [goal.id for goal in plan.goals]


def unknown_goal(goal_id: str, goals: Sequence[str]) -> str:
    return f"the plan has no goal '{goal_id}' (its goals: {', '.join(goals) or 'none'})"


# --- the aim line and the verdict -----------------------------------------------------

# The first number, and "of N" after it when it counts successes of N.
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)(?:\s+(?:of|out of)\s+(\d+)\b)?")


def number_in(text: str) -> float | None:
    """The first number in a goal's text; "8 of 10 ..." is 80 (percent)."""
    found = _NUMBER.search(text)
    if found is None:
        return None
    number, of = found.groups()
    if of is not None and float(of) > 0:
        return 100 * float(number) / float(of)
    return float(number)


@attrs.frozen
class AimLine:
    """From `baseline` on `start` to `target` on `end`."""

    start: dt.date
    end: dt.date
    baseline: float
    target: float

    @property
    def rising(self) -> bool:
        return self.target >= self.baseline

    def at(self, day: dt.date) -> float:
        span = (self.end - self.start).days or 1
        return self.baseline + (self.target - self.baseline) * (day - self.start).days / span


def aim_of(goal: Goal, period: Period, record: ProgressRecord | None = None) -> AimLine | None:
    """The goal's aim line over the plan `period`, or None when there are no numbers for it."""
    given = aim_set_for(goal.id, record)
    if given is not None:
        baseline, target = given.baseline, given.target
    else:
        found_baseline, found_target = number_in(goal.baseline), number_in(goal.target)
        if found_baseline is None or found_target is None:
            return None
        baseline, target = found_baseline, found_target
    return AimLine(period.start, period.end, baseline, target)


def aim_set_for(goal_id: str, record: ProgressRecord | None) -> Aim | None:
    """The aim line the team set last for the goal in numbers, if it did."""
    return next((aim for aim in reversed(record.aims) if aim.goal == goal_id), None) if record else None


def points_of(
    record: ProgressRecord, goal_id: str, since: dt.date | None = None, until: dt.date | None = None
) -> list[DataPoint]:
    """The goal's points, oldest first (points of one day in the order recorded),
    from `since` to `until` when they are given. Only those are made (a year of
    points on many goals is thousands, and a report asks for a period's)."""
    return points_in(counted_series_of(record, goal_id), since, until)


def points_in(series: Iterable[Series], since: dt.date | None = None, until: dt.date | None = None) -> list[DataPoint]:
    """`points_of` for a goal's `series`."""
    points = [point for one in series for point in one.between(since, until)]
    points.sort(key=_date_of)
    return points


def goal_unit(record: ProgressRecord | None, goal_id: str, counted: bool) -> str:
    """The unit of the goal's last point of a kind (successes of attempts when
    `counted`, else a value), "" when none names one: the unit a point of that kind
    takes when none is given. A goal is measured in one unit all year, and "4 of 5"
    is never in a value's unit."""
    earlier = points_of(record, goal_id) if record is not None else []
    return next((point.unit for point in reversed(earlier) if bool(point.of) == counted and point.unit), "")


def in_goal_units(points: Sequence[DataPoint], record: ProgressRecord | None) -> list[DataPoint]:
    """`points` to add to `record`, each that names no unit in its goal's (`goal_unit`,
    the points before it in `points` counted), so whichever way a point comes in (the
    screen, `progress add`, a data sheet) the goal's points are one measure."""
    units: dict[tuple[str, bool], str] = {}
    given = []
    for point in points:
        kind = (point.goal, bool(point.of))
        if point.unit.strip():
            units[kind] = point.unit
        else:
            unit = units.get(kind)
            if unit is None:
                unit = units[kind] = goal_unit(record, point.goal, bool(point.of))
            point = point._replace(unit=unit) if unit else point
        given.append(point)
    return given


def last_points_in(series: Iterable[Series], until: dt.date, count: int) -> list[DataPoint]:
    """A goal's last `count` points up to `until` in its `series`, oldest first: what the on-track rule reads."""
    points = [point for one in series for point in one.last(until, count)]
    points.sort(key=_date_of)
    return points[-count:]


def series_by_goal(record: ProgressRecord) -> dict[str, list[Series]]:
    """Each goal's series, without the points taken back."""
    by_goal: dict[str, list[Series]] = {}
    for series in record.series:
        by_goal.setdefault(series.goal, []).append(series)
    for goal in {withdrawal.goal for withdrawal in record.withdrawn} & by_goal.keys():
        by_goal[goal] = counted_series_of(record, goal)
    return by_goal


def counted_series_of(record: ProgressRecord, goal_id: str) -> list[Series]:
    """The goal's series, without the points its withdrawals take back: for each,
    the last point recorded with its date, value and attempts."""
    series = [one for one in record.series if one.goal == goal_id]
    left = Counter(w.takes_back() for w in record.withdrawn if w.goal == goal_id)
    if not left:
        return series
    counted = []
    for one in reversed(series):  # the last recorded first
        taken = set()
        for at in reversed(range(len(one.dates))):
            point = (one.goal, one.dates[at], one.values[at], one.attempts[at])
            if left[point] > 0:
                left[point] -= 1
                taken.add(at)
        counted.append(one.without(taken) if taken else one)
    return counted[::-1]


_date_of = attrgetter("date")


class GoalPoints(NamedTuple):
    """A goal's points as columns, oldest first (of one day, in the order recorded),
    as `points_in` has them: a report's chart and table are made from these
    without a `DataPoint` each."""

    dates: tuple[dt.date, ...]
    values: tuple[float, ...]
    attempts: tuple[int | None, ...]
    measures: tuple[float, ...]  # what the chart shows (`DataPoint.measure`)
    series: tuple[Series, ...]  # the series of each point: how it was measured
    ways: tuple[Series, ...]  # the series of all the points, each once


NO_POINTS = GoalPoints((), (), (), (), (), ())


def goal_points(series: Sequence[Series], since: dt.date | None, until: dt.date | None) -> GoalPoints:
    """`points_in(series, since, until)` as columns."""
    if len(series) == 1:  # a goal measured one way, its points mostly in date order: slices of its columns
        one = series[0]
        indexes = one.indexes(since, until)
        if isinstance(indexes, range):
            if not indexes:
                return NO_POINTS
            part = slice(indexes.start, indexes.stop)
            dates, values, attempts = one.dates[part], one.values[part], one.attempts[part]
            return GoalPoints(dates, values, attempts, measures_of(values, attempts), (one,) * len(dates), (one,))
    rows = [
        (one.dates[at], one.values[at], one.attempts[at], one) for one in series for at in one.indexes(since, until)
    ]
    if not rows:
        return NO_POINTS
    rows.sort(key=itemgetter(0))
    dates, values, attempts, of_series = map(tuple, zip(*rows, strict=True))
    return GoalPoints(dates, values, attempts, measures_of(values, attempts), of_series, _ways(of_series))


def _ways(series: tuple[Series, ...]) -> tuple[Series, ...]:
    """The series of points, each once."""
    return tuple({id(one): one for one in series}.values())


def points_since(points: GoalPoints, since: dt.date | None) -> GoalPoints:
    """The `points` from `since` on (all of them when it is None)."""
    first = bisect_left(points.dates, since) if since is not None else 0
    if first == 0:
        return points
    if first == len(points.dates):
        return NO_POINTS
    series = points.series[first:]
    ways = points.ways if len(points.ways) == 1 else _ways(series)
    part = slice(first, None)
    return GoalPoints(
        points.dates[part], points.values[part], points.attempts[part], points.measures[part], series, ways
    )


def measures_of(values: tuple[float, ...], attempts: tuple[int | None, ...]) -> tuple[float, ...]:
    """Each point's `DataPoint.measure`: the value, or successes in percent of attempts."""
    if attempts.count(None) == len(attempts):
        return values
    return tuple([100 * value / of if of else value for value, of in zip(values, attempts, strict=True)])


# --- one measure a chart -------------------------------------------------------------------------

Measure = tuple[bool, str]
"""How points are measured, as a chart reads them: in successes of attempts (read
in percent) or in values, and the unit ("" when none is said; see `unit_key`)."""


def unit_key(unit: str) -> str:
    """A unit as units are compared: "Words correct  per Minute" is "words correct per minute"."""
    return " ".join(unit.split()).casefold()


def main_measure(points: Iterable[tuple[dt.date, int | None, str]]) -> Measure | None:
    """The measure a goal's chart and its on-track rule read, from its points (each
    its date, attempts and unit): the kind most of them are (values, or successes of
    attempts), and the unit most of those name; a tie goes to the latest point's.
    None when there are no points."""
    kinds: Counter[bool] = Counter()
    units: Counter[tuple[bool, str]] = Counter()
    latest: dict[object, dt.date] = {}
    for day, of, unit in points:
        kind, named = bool(of), unit_key(unit)
        kinds[kind] += 1
        latest[kind] = max(latest.get(kind, day), day)
        if named:
            units[kind, named] += 1
            latest[kind, named] = max(latest.get((kind, named), day), day)
    if not kinds:
        return None
    kind = max(kinds, key=lambda one: (kinds[one], latest[one]))
    named_units = [one for one in units if one[0] == kind]
    unit = max(named_units, key=lambda one: (units[one], latest[one]))[1] if named_units else ""
    return kind, unit


def _same_unit(measure: Measure, unit: str) -> bool:
    """Whether `unit` is the measure's: the same, or either not said (taken as the other)."""
    return not measure[1] or not unit or unit_key(unit) == measure[1]


def measured_as(measure: Measure, of: int | None, unit: str) -> bool:
    """Whether a point of attempts `of` (None: a value) and `unit` is of `measure`."""
    return bool(of) == measure[0] and _same_unit(measure, unit)


def split_by_measure(points: list[DataPoint]) -> tuple[list[DataPoint], list[DataPoint]]:
    """A goal's points (oldest first) by its `main_measure`: those its chart and the
    on-track rule read, and those measured another way (listed, never drawn on the
    aim line nor counted: "4 of 5" is not 80 words a minute)."""
    measure = main_measure((point.date, point.of, point.unit) for point in points)
    if measure is None:
        return [], []
    charted: list[DataPoint] = []
    other: list[DataPoint] = []
    for point in points:
        (charted if measured_as(measure, point.of, point.unit) else other).append(point)
    return charted, other


def _one_kind(attempts: tuple[int | None, ...]) -> bool:
    """Whether points of these attempts are all values or all successes of attempts."""
    return attempts.count(None) in (0, len(attempts))


def of_one_measure(series: Sequence[Series]) -> bool:
    """Whether all of `series`' points are of one measure, as most goals' are: one
    series (one unit), all values or all successes of attempts."""
    return len(series) == 1 and _one_kind(series[0].attempts)


def split_points(points: GoalPoints) -> tuple[GoalPoints, GoalPoints]:
    """`split_by_measure` of a goal's points as columns: the chart's, and the others."""
    if len(points.ways) == 1 and _one_kind(points.attempts):
        return points, NO_POINTS
    measure = main_measure(zip(points.dates, points.attempts, [one.unit for one in points.series], strict=True))
    if measure is None:
        return points, NO_POINTS
    fits = [measured_as(measure, of, one.unit) for of, one in zip(points.attempts, points.series, strict=True)]
    return _picked(points, fits, True), _picked(points, fits, False)


def _picked(points: GoalPoints, fits: list[bool], wanted: bool) -> GoalPoints:
    at = [index for index, fit in enumerate(fits) if fit is wanted]
    if not at:
        return NO_POINTS
    series = tuple([points.series[index] for index in at])
    return GoalPoints(
        tuple([points.dates[index] for index in at]),
        tuple([points.values[index] for index in at]),
        tuple([points.attempts[index] for index in at]),
        tuple([points.measures[index] for index in at]),
        series,
        _ways(series),
    )


class Verdict(NamedTuple):
    """What the on-track rule says (a named tuple: a report makes one for each goal)."""

    standing: Standing
    median: float | None = None  # of the last three points
    line: float | None = None  # the aim line where the median is read
    behind: int = 0  # how many of the last points are behind the line
    last: int = 0  # how many points that counts (at most three)


def _behind(dates: Sequence[dt.date], measures: Sequence[float], aim: AimLine | None) -> int:
    """How many of the points (`dates`, `measures`) are behind the aim line."""
    return 0 if aim is None else _behind_line(measures, list(map(aim.at, dates)), aim.rising)


def _behind_line(measures: Iterable[float], lines: Iterable[float], rising: bool) -> int:
    """How many of `measures` are behind the aim line where it is at `lines`: below it
    for a goal that rises (`rising`), above it for one that falls."""
    return sum(map(lt if rising else gt, measures, lines))


def standing(points: list[DataPoint], aim: AimLine | None) -> Verdict:
    """The on-track rule (see the module's text) on a goal's `points`, oldest first:
    those of its main measure (`split_by_measure`)."""
    last = split_by_measure(points)[0][-POINTS_FOR_A_VERDICT:]
    return standing_of([p.date for p in last], [p.measure for p in last], aim)


def standing_of(dates: Sequence[dt.date], measures: Sequence[float], aim: AimLine | None) -> Verdict:
    """`standing` of the points (`dates`, `measures`), oldest first."""
    dates, measures = dates[-POINTS_FOR_A_VERDICT:], measures[-POINTS_FOR_A_VERDICT:]
    if aim is None:
        return Verdict(Standing.NO_AIM, last=len(dates))
    lines = list(map(aim.at, dates))
    behind = _behind_line(measures, lines, aim.rising)
    if len(dates) < POINTS_FOR_A_VERDICT:
        return Verdict(Standing.TOO_FEW, behind=behind, last=len(dates))
    ordered = sorted(measures)
    middle = len(ordered) // 2  # the median as statistics.median takes it, at a fraction of its cost
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    line = lines[len(dates) // 2]  # read at the date of the middle point
    on_track = median >= line if aim.rising else median <= line
    return Verdict(Standing.ON_TRACK if on_track else Standing.BEHIND, median, line, behind, len(dates))


class ChartFacts(NamedTuple):
    """What a goal's chart shows, for its alt text: from what to what, the target, the
    last points (a named tuple: a report makes one for each goal)."""

    shown: int  # how many points
    first: float | None
    last: float | None
    target: float | None
    end: dt.date
    behind: int
    of_last: int


def chart_facts(
    points: list[DataPoint], aim: AimLine | None, end: dt.date, verdict: Verdict | None = None
) -> ChartFacts:
    """`verdict`: `standing` of these points' last three, when it is known."""
    return chart_facts_of([p.date for p in points], [p.measure for p in points], aim, end, verdict)


def chart_facts_of(
    dates: Sequence[dt.date],
    measures: Sequence[float],
    aim: AimLine | None,
    end: dt.date,
    verdict: Verdict | None = None,
) -> ChartFacts:
    """`chart_facts` of the points (`dates`, `measures`), oldest first."""
    if verdict is None:  # as `standing` reads the last points; its median is not needed here
        last = slice(-POINTS_FOR_A_VERDICT, None)
        behind, of_last = _behind(dates[last], measures[last], aim), len(dates[last])
    else:
        behind, of_last = verdict.behind, verdict.last
    return ChartFacts(
        shown=len(dates),
        first=measures[0] if measures else None,
        last=measures[-1] if measures else None,
        target=aim.target if aim is not None else None,
        end=end,
        behind=behind,
        of_last=of_last,
    )


def number_words(value: float) -> str:
    """79.0 → "79", 66.666 → "66.7"."""
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


# --- periods and reports --------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def periods_of(record: ProgressRecord | None, plan: Plan) -> tuple[ReportingPeriod, ...]:
    """The reporting periods: the record's, else four quarters of the plan period."""
    return reporting_periods(record.periods if record is not None else (), plan.period.start, plan.period.end)


def reporting_periods(own: Sequence[ReportingPeriod], start: dt.date, end: dt.date) -> tuple[ReportingPeriod, ...]:
    """`own` periods in order of their ends, else four quarters of the plan period from `start` to `end`."""
    if own:
        return tuple(sorted(own, key=lambda period: period.end))
    ends = [add_months(start, 3 * quarter) - dt.timedelta(days=1) for quarter in range(1, QUARTERS)]
    return tuple(ReportingPeriod(end=day) for day in [*[d for d in ends if d < end], end])


def period_start(periods: tuple[ReportingPeriod, ...], period: ReportingPeriod, plan: Plan) -> dt.date:
    earlier = [p.end for p in periods if p.end < period.end]
    return max(earlier) + dt.timedelta(days=1) if earlier else plan.period.start


def report_for(record: ProgressRecord, goal_id: str, period_end: dt.date) -> GoalReport | None:
    """The goal's report for the period: the last one recorded (a later entry corrects an earlier one)."""
    return next((r for r in reversed(record.reports) if r.goal == goal_id and r.period == period_end), None)


def last_report(record: ProgressRecord, goal_id: str) -> GoalReport | None:
    """The goal's report of the latest period reported on."""
    reports = [r for r in record.reports if r.goal == goal_id]
    if not reports:
        return None
    latest = max(r.period for r in reports)
    return report_for(record, goal_id, latest)


def sent_for(record: ProgressRecord, period_end: dt.date) -> SentReport | None:
    return next((s for s in reversed(record.sent) if s.period == period_end), None)


def missing_reports(
    record: ProgressRecord | None, plan: Plan, today: dt.date
) -> list[tuple[ReportingPeriod, list[str]]]:
    """Each period that has ended (before `today`) with the ids of the goals that have no report for it."""
    reported = reported_goals(record) if record is not None else frozenset()
    return unreported(periods_of(record, plan), goal_ids(plan), reported, today)


def reported_goals(record: ProgressRecord) -> frozenset[tuple[str, dt.date]]:
    """The goals and periods a report was written for: (goal id, end of the period)."""
    return frozenset((report.goal, report.period) for report in record.reports)


def unreported(
    periods: Sequence[ReportingPeriod], goals: Sequence[str], reported: Set[tuple[str, dt.date]], until: dt.date
) -> list[tuple[ReportingPeriod, list[str]]]:
    """Each of `periods` that ends before `until` with the `goals` not `reported` for it (none: left out)."""
    missing = []
    for period in periods:
        if period.end >= until:
            continue
        lacking = [goal for goal in goals if (goal, period.end) not in reported]
        if lacking:
            missing.append((period, lacking))
    return missing


def period_named(periods: tuple[ReportingPeriod, ...], wanted: str) -> ReportingPeriod | None:
    """The period `wanted` names: its number (1 is the first), its end date, or its name."""
    text = wanted.strip()
    if text.isdigit() and 1 <= int(text) <= len(periods):
        return periods[int(text) - 1]
    for period in periods:
        if text == period.end.isoformat() or (period.name and text.casefold() == period.name.casefold()):
            return period
    return None


def current_period(periods: tuple[ReportingPeriod, ...], record: ProgressRecord, today: dt.date) -> ReportingPeriod:
    """The period a report is about by default: the latest with a report, else the one `today` is in."""
    reported = {r.period for r in record.reports}
    with_reports = [p for p in periods if p.end in reported]
    if with_reports:
        return with_reports[-1]
    return next((p for p in periods if p.end >= today), periods[-1])


# --- next year -------------------------------------------------------------------------

CODE_TO_PROGRESS = {
    ProgressCode.MET: Progress.MET,
    ProgressCode.SUBSTANTIAL: Progress.PROGRESSING,
    ProgressCode.PARTIAL: Progress.PROGRESSING,
    ProgressCode.NO_PROGRESS: Progress.NOT_MET,
}
FROM_THE_RECORD = "From the progress record — review"
