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
(docs/documents.md says why). The team's words stay as typed (issue 23 adds
their translations). Nothing here reads a file.
"""

from __future__ import annotations

import datetime as dt

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
from iep_meeting.documents.plan_parts import first_name, goal_title
from iep_meeting.model.goal_progress import (
    POINTS_FOR_A_VERDICT,
    AimLine,
    DataPoint,
    GoalReport,
    Method,
    ProgressRecord,
    ReportingPeriod,
    aim_of,
    chart_facts,
    last_points_in,
    number_words,
    period_start,
    periods_of,
    points_in,
    sent_for,
    series_by_goal,
    standing,
)
from iep_meeting.model.plan import Goal, Plan
from iep_meeting.words.locale import Strings

POINT_COLUMNS = (22, 30, 26, 22)
ONE_WAY_COLUMNS = (40, 60)  # a series' points: the date, the result


def caption_words(points: list[DataPoint], aim: AimLine | None, end: dt.date, s: Strings, end_words: str = "") -> str:
    """What the chart shows, in words, from the data: its alt text (`end_words`: `end` in words, when known)."""
    facts = chart_facts(points, aim, end)
    sentences = []
    if facts.first is not None and facts.last is not None:
        first, last = number_words(facts.first), number_words(facts.last)
        if facts.count == 1:
            sentences.append(s.text("report.alt_one", last=last))
        elif first == last:
            sentences.append(s.text("report.alt_same", last=last))
        else:
            key = "report.alt_rose" if facts.last > facts.first else "report.alt_fell"
            sentences.append(s.text(key, first=first, last=last))
    else:
        sentences.append(s.text("report.no_points"))
    if facts.target is not None:
        target = number_words(facts.target)
        sentences.append(s.text("report.alt_target", target=target, end=end_words or date_words(s, end)))
    if aim is not None and facts.of_last >= 2:
        side = "below" if aim.rising else "above"
        sentences.append(s.count(f"report.alt_{side}", facts.behind, last=facts.of_last))
    return " ".join(sentences)


class _Report:
    """What the goals of one report share: its language, its period, every goal's
    points and report, and the cells of the points' tables, each made once and
    shared by its rows (the goals' points share their days, methods and roles,
    and often their values), so that the HTML writes each once."""

    def __init__(self, plan: Plan, record: ProgressRecord | None, s: Strings, period: ReportingPeriod) -> None:
        self.plan, self.record, self.s, self.period = plan, record, s, period
        periods = periods_of(record, plan)
        first = period == periods[0]
        self.start = plan.period.start if first else period_start(periods, period, plan)
        self.since = dt.date.min if first else self.start  # the first period also has the points before the plan
        self.series = series_by_goal(record) if record is not None else {}
        self.reports = {(r.goal, r.period): r for r in record.reports} if record is not None else {}
        self.plan_dates = (date_words(s, plan.period.start), date_words(s, plan.period.end))
        self.caption = s.text("report.points_caption", start=date_words(s, self.start), end=date_words(s, period.end))
        self.headers = tuple(s.text(f"report.{key}") for key in ("date", "result", "how", "who"))
        self.days: dict[dt.date, Line] = {}
        self.results: dict[tuple[float, int | None, str], Line] = {}
        self.methods: dict[Method | None, Line] = {}
        self.roles: dict[str, Line] = {}

    def points(self, goal_id: str) -> tuple[list[DataPoint], list[DataPoint]]:
        """The goal's points in the period, and its last three up to the period's end (oldest first)."""
        series = self.series.get(goal_id, [])
        end = self.period.end
        shown = points_in(series, self.since if self.since != dt.date.min else None, end)
        return shown, last_points_in(series, end, POINTS_FOR_A_VERDICT)

    def points_blocks(self, points: list[DataPoint]) -> list[Block]:
        """The points as a table: the chart's points, its accessible equivalent. When
        they were all measured one way (one series: the unit, the method, who), that
        is said once above a table of dates and results; else each row says it."""
        s, days = self.s, self.days
        one_way = len({point.series_key for point in points}) == 1
        rows = []
        for point in points:
            day = days.get(point.date) or days.setdefault(point.date, (date_words(s, point.date),))
            result = self._result(point, with_unit=not one_way)
            rows.append((day, result) if one_way else (day, result, self._method(point.how), self._role(point.by)))
        if not one_way:
            return [Table(self.caption, self.headers, tuple(rows), POINT_COLUMNS)]
        first = points[0]
        how = [
            (s.text("report.unit"), typed(first.unit)),
            (s.text("report.how"), self._method(first.how)),
            (s.text("report.who"), self._role(first.by)),
        ]
        table = Table(self.caption, self.headers[:2], tuple(rows), ONE_WAY_COLUMNS)
        measured = Facts(s.text("report.measured"), tuple((label, value) for label, value in how if value))
        return [measured, table] if measured.facts else [table]

    def _result(self, point: DataPoint, with_unit: bool) -> Line:
        key = (point.value, point.of, point.unit if with_unit else "")
        found = self.results.get(key)
        if found is None:
            value = number_words(point.value)
            amount = self.s.text("report.of", value=value, count=point.of) if point.of else value
            unit = typed(point.unit) if with_unit else ()
            found = self.results[key] = (amount, " ", *unit) if unit else (amount,)
        return found

    def _method(self, how: Method | None) -> Line:
        found = self.methods.get(how)
        if found is None:
            found = self.methods[how] = (self.s.text(f"method.{how.value}"),) if how is not None else ()
        return found

    def _role(self, by: str) -> Line:
        found = self.roles.get(by)
        if found is None:
            found = self.roles[by] = typed(by)
        return found


def _report_facts(title: str, report: GoalReport | None, s: Strings) -> Facts:
    if report is None:
        return Facts(title, ((s.text("report.code"), (s.text("report.no_report"),)),))
    answer = s.text("answer.yes") if report.sufficient else s.text("answer.no")
    facts: list[tuple[str, Line]] = [
        (s.text("report.code"), (s.text(f"progress_code.{report.code.value}"),)),
        (s.text("report.enough"), (answer,)),
    ]
    if not report.sufficient:
        facts.append((s.text("report.why_not"), typed(report.why_not)))
    facts.append((s.text("report.narrative"), typed(report.narrative)))
    if report.sufficient:
        facts.append((s.text("report.next"), (s.text("report.next_same"),)))
    return Facts(title, tuple((label, value) for label, value in facts if value))


def goal_section(number: int, goal: Goal, report: _Report) -> Section:
    """One goal: what it is, the chart of the period's points and their table, where
    it stands (by the points up to the period's end), the team's report."""
    s, plan, period = report.s, report.plan, report.period
    title = goal_title(number, goal.domain, s)
    about = [
        (s.text("goal.goal"), typed(goal.statement)),
        (s.text("goal.now"), typed(goal.baseline)),
        (s.text("goal.by_end"), typed(goal.target)),
        (s.text("goal.checks"), typed(goal.measured_by)),
    ]
    blocks: list[Block] = [Facts(s.text("report.about"), tuple((label, value) for label, value in about if value))]
    shown, last = report.points(goal.id)
    aim = aim_of(goal, plan.period, report.record)
    if shown:
        blocks.append(
            Chart(
                caption=caption_words(shown, aim, plan.period.end, s, report.plan_dates[1]),
                start=plan.period.start,
                end=plan.period.end,
                points=tuple((point.date, point.measure) for point in shown),
                aim=(aim.baseline, aim.target) if aim is not None else None,
                labels=report.plan_dates,
                legend=(s.text("report.legend_points"), s.text("report.legend_aim")),
            )
        )
        blocks += report.points_blocks(shown)
    else:
        blocks.append(Paragraph((s.text("report.no_points"),)))
    verdict = standing(last, aim)
    blocks.append(Paragraph((f"{s.text('report.standing')}: ", s.text(f"standing.{verdict.standing.value}"))))
    blocks.append(_report_facts(s.text("report.heading"), report.reports.get((goal.id, period.end)), s))
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
        language: Piece = Typed(sent.language.strip()) if sent.language.strip() else s.text("meta.names").split(",")[0]
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
        intro=tuple(intro),
        sections=tuple(sections),
    )
