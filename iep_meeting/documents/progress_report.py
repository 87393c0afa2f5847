"""The family's progress report (34 CFR 300.320(a)(3)(ii)): how the student is
doing on each goal, at the end of a reporting period, in the family's language.

`progress_report(plan, record, strings, period)` gives a `Document`
(documents/document.py); the formats (html.py, pdf.py) make the file. Per goal:
the goal in plain words, a small chart of the period's points on the aim line
of the whole plan (`Chart`, whose caption is made from the data: "It rose from
62 to 79. The goal is to get to 90 by March 15, 2027. 2 of the last 3 points
are below the aim line."), the same points as a table (the chart's accessible
equivalent), where it stands by the on-track rule (model/goal_progress.py, on
the points up to the period's end), and the team's report for the period: its
progress code, whether progress is enough to meet the goal and why not, the
team's words as typed, and what happens next.

A report is about its period, as the reports before it were about theirs: its
chart and its table show the points of the period (the first period's also
those before the plan started), never more in one than in the other
(docs/documents.md says why). They are the points of the goal's one measure
(model/goal_progress.py, `main_measure`); points measured another way ("4 of 5"
on a words-a-minute goal) are listed in a table of their own under them, never
drawn on the aim line. The team's words stay as typed: the export puts the
document in the family's language (documents/in_language.py), the record's
words (`team_words`) marked English where the plan has no translation of them. Nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt
from itertools import repeat

from iep_meeting.documents.document import (
    Block,
    Chart,
    Document,
    Facts,
    Line,
    Paragraph,
    Piece,
    Section,
    Table,
    Typed,
    date_words,
    fill,
    typed,
)
from iep_meeting.documents.plan_parts import first_name, goal_title_and_statement
from iep_meeting.model.goal_progress import (
    NO_POINTS,
    POINTS_FOR_A_VERDICT,
    AimLine,
    ChartFacts,
    DataPoint,
    GoalPoints,
    GoalReport,
    Method,
    ProgressCode,
    ProgressRecord,
    ReportingPeriod,
    Standing,
    Verdict,
    aim_of,
    chart_facts,
    chart_facts_of,
    goal_points,
    number_words,
    of_one_measure,
    period_start,
    periods_of,
    points_since,
    sent_for,
    series_by_goal,
    split_points,
    standing_of,
)
from iep_meeting.model.plan import Goal, Plan
from iep_meeting.words.locale import Strings

POINT_COLUMNS = (22, 30, 26, 22)
ONE_WAY_COLUMNS = (40, 60)  # a series' points: the date, the result


def caption_words(
    points: list[DataPoint],
    aim: AimLine | None,
    end: dt.date,
    s: Strings,
    end_words: str = "",
    known: dict[tuple[object, ...], str] | None = None,
    verdict: Verdict | None = None,
) -> str:
    """What the chart shows, in words, from the data: its alt text (`end_words`: `end`
    in words, when known; `known`: the sentences made for other charts of the report;
    `verdict`: the on-track rule's on the last three of `points`, when known)."""
    return facts_words(chart_facts(points, aim, end, verdict), aim, s, end_words, known)


def facts_words(
    facts: ChartFacts,
    aim: AimLine | None,
    s: Strings,
    end_words: str = "",
    known: dict[tuple[object, ...], str] | None = None,
) -> str:
    """`caption_words` of a chart's facts."""
    known = {} if known is None else known
    key: tuple[object, ...] = ("from", facts.shown == 1, facts.first, facts.last)
    sentences = [known.get(key) or known.setdefault(key, _from_words(facts.shown, facts.first, facts.last, s))]
    if facts.target is not None:
        target, end = facts.target, facts.end
        key = ("target", target, end, end_words)
        sentences.append(
            known.get(key)
            or known.setdefault(
                key, s.text("report.alt_target", target=number_words(target), end=end_words or date_words(s, end))
            )
        )
    if aim is not None and facts.of_last >= 2:
        side = "below" if aim.rising else "above"
        key = (side, facts.behind, facts.of_last)
        sentences.append(
            known.get(key) or known.setdefault(key, s.count(f"report.alt_{side}", facts.behind, last=facts.of_last))
        )
    return " ".join(sentences)


def _from_words(count: int, first: float | None, last: float | None, s: Strings) -> str:
    """The chart's first sentence: from what to what."""
    if first is None or last is None:
        return s.text("report.no_points")
    first_words, last_words = number_words(first), number_words(last)
    if count == 1:
        return s.text("report.alt_one", last=last_words)
    if first_words == last_words:
        return s.text("report.alt_same", last=last_words)
    key = "report.alt_rose" if last > first else "report.alt_fell"
    return s.text(key, first=first_words, last=last_words)


class _Report:
    """What the goals of one report share: its language, its period, every goal's
    points and report, its fixed words (looked up once), and the pieces of its
    goals' sections, each made once and shared by the goals and rows that have it
    (the goals' points share their days, methods and roles, and often their values
    and units; goals measured one way share the block that says how), so that the
    HTML writes each once."""

    def __init__(self, plan: Plan, record: ProgressRecord | None, s: Strings, period: ReportingPeriod) -> None:
        self.plan, self.record, self.s, self.period = plan, record, s, period
        periods = periods_of(record, plan)
        first = period == periods[0]
        self.start = plan.period.start if first else period_start(periods, period, plan)
        self.since = None if first else self.start  # the first period also has the points before the plan
        self.series = series_by_goal(record) if record is not None else {}
        # The period's reports by goal (a later one corrects an earlier: the last counts).
        self.reports = {r.goal: r for r in record.reports if r.period == period.end} if record is not None else {}
        self.aimed = {aim.goal for aim in record.aims} if record is not None else set()
        self.plan_dates = (date_words(s, plan.period.start), date_words(s, plan.period.end))
        dates = {"start": date_words(s, self.start), "end": date_words(s, period.end)}
        self.caption = s.text("report.points_caption", **dates)
        self.other_caption = s.text("report.other_caption", **dates)
        self.headers = tuple(s.text(f"report.{key}") for key in ("date", "result", "how", "who"))
        self.one_way_headers = self.headers[:2]  # of a table of points measured one way
        # The fixed words every goal's section has.
        self.about_title = s.text("report.about")
        self.about = tuple(s.text(key) for key in ("goal.goal", "goal.now", "goal.by_end", "goal.checks"))
        self.legend = (s.text("report.legend_points"), s.text("report.legend_aim"))
        said = f"{s.text('report.standing')}: "
        self.standings = {value: Paragraph((said, s.text(f"standing.{value}"))) for value in Standing}
        self.no_points = Paragraph((s.text("report.no_points"),))
        self.heading = s.text("report.heading")
        self.measured = s.text("report.measured")
        self.way_labels = tuple(s.text(f"report.{key}") for key in ("unit", "how", "who"))
        self.code_labels = tuple(s.text(f"report.{key}") for key in ("code", "enough", "why_not", "narrative", "next"))
        # The facts of a team's report that are the same words for every goal they are said of.
        code, enough, _, _, next_label = self.code_labels
        self.codes = {value: (code, (s.text(f"progress_code.{value.value}"),)) for value in ProgressCode}
        self.answers = {True: (enough, (s.text("answer.yes"),)), False: (enough, (s.text("answer.no"),))}
        self.no_report = Facts(self.heading, ((code, (s.text("report.no_report"),)),))
        self.next_same = (next_label, (s.text("report.next_same"),))
        self.days: dict[dt.date, Line] = {}
        self.results: dict[tuple[float, int | None, str], Line] = {}
        self.values: dict[float, Line] = {}  # the results of points with no attempts, by value
        self.methods: dict[Method | None, Line] = {}
        self.typed_lines: dict[str, Line] = {}
        self.sentences: dict[tuple[object, ...], str] = {}  # of the charts' captions
        self.ways: dict[tuple[str, Method | None, str], list[Block]] = {}  # how points were measured, as facts

    def points(self, goal_id: str) -> tuple[GoalPoints, GoalPoints, tuple[dt.date, ...], tuple[float, ...]]:
        """The goal's points in the period of its measure (the chart's) and those
        measured another way, and the dates and measures of the chart's last three up
        to the period's end (oldest first). The measure is read from the points up to
        the period's end, so a later period never changes what an earlier one said."""
        series, end = self.series.get(goal_id, ()), self.period.end
        if of_one_measure(series):
            shown = goal_points(series, self.since, end)
            if len(shown.dates) >= POINTS_FOR_A_VERDICT:  # the last of the period's points are the last up to its end
                return shown, NO_POINTS, shown.dates, shown.measures
        charted, other = split_points(goal_points(series, None, end))
        last = slice(-POINTS_FOR_A_VERDICT, None)
        since = self.since
        return points_since(charted, since), points_since(other, since), charted.dates[last], charted.measures[last]

    def aim(self, goal: Goal) -> AimLine | None:
        """`aim_of` the goal (the record's aims looked through only for the goals they name)."""
        return aim_of(goal, self.plan.period, self.record if goal.id in self.aimed else None)

    def typed(self, text: str) -> Line:
        """`typed(text)`, one line for each text."""
        found = self.typed_lines.get(text)
        if found is None:
            found = self.typed_lines[text] = typed(text)
        return found

    def points_blocks(self, points: GoalPoints) -> list[Block]:
        """The points as a table: the chart's points, its accessible equivalent. When
        they were all measured one way (one series: the unit, the method, who), that
        is said once above a table of dates and results; else each row says it."""
        ways = {(one.unit, one.how, one.by) for one in points.ways}  # all of one goal
        if len(ways) > 1:
            return [Table(self.caption, self.headers, self._rows_with_ways(points), POINT_COLUMNS)]
        table = Table(self.caption, self.one_way_headers, self._one_way_rows(points), ONE_WAY_COLUMNS)
        way = ways.pop()
        measured = self.ways.get(way)
        if measured is None:
            unit, how, by = way
            values = (self.typed(unit), self._method(how), self.typed(by))
            facts = tuple((label, value) for label, value in zip(self.way_labels, values, strict=True) if value)
            measured = self.ways[way] = [Facts(self.measured, facts)] if facts else []
        return [*measured, table]

    def other_points(self, points: GoalPoints) -> Table:
        """The period's points of the goal measured another way than its chart's: each
        row says how, as the family reads them; none is drawn or counted."""
        return Table(self.other_caption, self.headers, self._rows_with_ways(points), POINT_COLUMNS)

    def _rows_with_ways(self, points: GoalPoints) -> tuple[tuple[Line, ...], ...]:
        """Rows of points that each say how they were measured: date, result, how, who."""
        day, result = self._day, self._result
        return tuple(
            [
                (day(date), result(value, of, one.unit), self._method(one.how), self.typed(one.by))
                for date, value, of, one in zip(
                    points.dates, points.values, points.attempts, points.series, strict=True
                )
            ]
        )

    def _one_way_rows(self, points: GoalPoints) -> tuple[tuple[Line, Line], ...]:
        """The rows of a table of points measured one way: a day and a result each (each
        day's words and each value's made once, then the rows are put together in C)."""
        days = self.days
        if not all(map(days.__contains__, points.dates)):
            for day in set(points.dates).difference(days):
                self._day(day)
        if points.attempts.count(None) == len(points.attempts):  # values, none of attempts
            values = self.values
            if not all(map(values.__contains__, points.values)):
                for value in set(points.values).difference(values):
                    values[value] = self._result(value, None, "")
            results = map(values.__getitem__, points.values)
        else:
            results = map(self._result, points.values, points.attempts, repeat(""))
        return tuple(zip(map(days.__getitem__, points.dates), results))

    def _day(self, day: dt.date) -> Line:
        found = self.days.get(day)
        if found is None:
            found = self.days[day] = (date_words(self.s, day),)
        return found

    def _result(self, value: float, of: int | None, unit: str) -> Line:
        """A point's result: its value (of its attempts), then `unit` when it is given."""
        key = (value, of, unit)
        found = self.results.get(key)
        if found is None:
            words = number_words(value)
            amount = self.s.text("report.of", value=words, count=of) if of else words
            typed_unit = typed(unit) if unit else ()
            found = self.results[key] = (amount, " ", *typed_unit) if typed_unit else (amount,)
        return found

    def _method(self, how: Method | None) -> Line:
        found = self.methods.get(how)
        if found is None:
            found = self.methods[how] = (self.s.text(f"method.{how.value}"),) if how is not None else ()
        return found

    def report_facts(self, report: GoalReport | None) -> Facts:
        """The team's report on the goal for the period."""
        if report is None:
            return self.no_report
        _, _, why_not, narrative, _ = self.code_labels
        facts: list[tuple[str, Line]] = [self.codes[report.code], self.answers[report.sufficient]]
        if not report.sufficient:
            facts.append((why_not, self.typed(report.why_not)))
        facts.append((narrative, self.typed(report.narrative)))
        if report.sufficient:
            facts.append(self.next_same)
        return Facts(self.heading, tuple([fact for fact in facts if fact[1]]))


def goal_section(number: int, goal: Goal, report: _Report) -> Section:
    """One goal: what it is, the chart of the period's points and their table (and
    those measured another way), where it stands (by the points up to the period's
    end), the team's report."""
    s, plan = report.s, report.plan
    title, statement = goal_title_and_statement(number, goal, s, report.typed)
    texts = (statement, *map(report.typed, (goal.baseline, goal.target, goal.measured_by)))
    about = tuple([fact for fact in zip(report.about, texts, strict=True) if fact[1]])
    blocks: list[Block] = [Facts(report.about_title, about)]
    shown, other, last_dates, last_measures = report.points(goal.id)
    aim = report.aim(goal)
    verdict = standing_of(last_dates, last_measures, aim)
    read = verdict if len(shown.dates) >= POINTS_FOR_A_VERDICT else None  # it read the chart's last points
    if shown.dates:
        facts = chart_facts_of(shown.dates, shown.measures, aim, plan.period.end, read)
        blocks.append(
            Chart(
                caption=facts_words(facts, aim, s, report.plan_dates[1], report.sentences),
                start=plan.period.start,
                end=plan.period.end,
                days=shown.dates,
                values=shown.measures,
                aim=(aim.baseline, aim.target) if aim is not None else None,
                labels=report.plan_dates,
                legend=report.legend,
            )
        )
        blocks += report.points_blocks(shown)
    else:
        blocks.append(report.no_points)
    if other.dates:
        blocks.append(report.other_points(other))
    blocks.append(report.standings[verdict.standing])
    blocks.append(report.report_facts(report.reports.get(goal.id)))
    return Section(f"goal-{number}", title, tuple(blocks))


def progress_report(plan: Plan, record: ProgressRecord | None, s: Strings, period: ReportingPeriod) -> Document:
    """The family's report on every goal of `plan` for `period`, in the language of `s`."""
    student = plan.student.name.strip()
    periods = periods_of(record, plan)
    start = date_words(s, period_start(periods, period, plan))
    intro: list[Paragraph] = [
        Paragraph((s.text("report.what", student=student),)),
        Paragraph((s.text("report.plan", start=date_words(s, plan.period.start), end=date_words(s, plan.period.end)),)),
        Paragraph((s.text("report.chart_help", student=first_name(plan)),)),
    ]
    sent = sent_for(record, period.end) if record is not None else None
    if sent is not None:
        method = s.text(f"copy_method.{sent.method.value}")
        typed = sent.language.strip()  # as the team typed it: "Spanish"; the report's own language in its own words
        language: Piece = s.text("meta.own") if not typed or typed.casefold() in s.names() else Typed(typed)
        intro.append(Paragraph(fill(s, "report.sent", date=date_words(s, sent.date), method=method, language=language)))
    shared = _Report(plan, record, s, period)
    sections = [goal_section(number, goal, shared) for number, goal in enumerate(plan.goals, 1)]
    if not sections:
        sections = [Section("goals", s.text("heading.goals"), (Paragraph((s.text("goal.none"),)),))]
    return Document(
        kind="progress",
        language=s.language,
        title=s.text("report.title", student=student),
        draft_mark="",
        status_note=s.text("report.status", start=start, end=date_words(s, period.end)),
        team_words_note=s.text("doc.team_words"),
        team_words_tag=s.text("doc.team_words_tag"),
        english_tag=s.text("doc.english_tag"),  # what is still in English says so, as in the family's copy
        intro=tuple(intro),
        sections=tuple(sections),
    )
