"""The family's progress report (34 CFR 300.320(a)(3)(ii)): how the student is
doing on each goal, at the end of a reporting period, in the family's language.

`progress_report(plan, record, strings, period)` gives a `Document`
(documents/document.py); the formats (html.py, pdf.py) make the file. Per goal:
the goal in plain words, a small chart of the points with the aim line
(`Chart`, whose caption is made from the data: "It rose from 62 to 79. The
goal is to get to 90 by March 15, 2027. 2 of the last 3 points are below the
aim line."), the points as a table (the chart's accessible equivalent), where
it stands by the on-track rule (model/goal_progress.py), and the team's report
for the period: its progress code, whether progress is enough to meet the goal
and why not, the team's words as typed, and what happens next. The team's
words stay as typed (issue 23 adds their translations). Nothing here reads a file.
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
    AimLine,
    DataPoint,
    GoalReport,
    ProgressRecord,
    ReportingPeriod,
    aim_of,
    chart_facts,
    number_words,
    period_start,
    periods_of,
    points_of,
    report_for,
    sent_for,
    standing,
)
from iep_meeting.model.plan import Goal, Plan
from iep_meeting.words.locale import Strings

POINT_COLUMNS = (22, 30, 26, 22)


def caption_words(points: list[DataPoint], aim: AimLine | None, end: dt.date, s: Strings) -> str:
    """What the chart shows, in words, from the data: its alt text."""
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
        sentences.append(s.text("report.alt_target", target=number_words(facts.target), end=date_words(s, end)))
    if aim is not None and facts.of_last >= 2:
        side = "below" if aim.rising else "above"
        sentences.append(s.count(f"report.alt_{side}", facts.behind, last=facts.of_last))
    return " ".join(sentences)


def _result(point: DataPoint, s: Strings) -> Line:
    value = number_words(point.value)
    amount = s.text("report.of", value=value, count=point.of) if point.of else value
    return (amount, " ", *typed(point.unit)) if point.unit.strip() else (amount,)


def _points_table(points: list[DataPoint], s: Strings, dates: dict[dt.date, str]) -> Table:
    """The points as a table; `dates` keeps each day in words, as the goals share their days."""

    def day_words(day: dt.date) -> str:
        if day not in dates:
            dates[day] = date_words(s, day)
        return dates[day]

    rows = tuple(
        (
            (day_words(point.date),),
            _result(point, s),
            (s.text(f"method.{point.how.value}"),) if point.how is not None else (),
            typed(point.by),
        )
        for point in points
    )
    headers = tuple(s.text(f"report.{key}") for key in ("date", "result", "how", "who"))
    return Table(s.text("report.points_caption"), headers, rows, POINT_COLUMNS)


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


def goal_section(
    number: int,
    goal: Goal,
    plan: Plan,
    record: ProgressRecord | None,
    s: Strings,
    period: ReportingPeriod,
    dates: dict[dt.date, str] | None = None,
) -> Section:
    """One goal: what it is, the chart and its table, where it stands, the team's report."""
    dates = {} if dates is None else dates
    title = goal_title(number, goal.domain, s)
    about = [
        (s.text("goal.goal"), typed(goal.statement)),
        (s.text("goal.now"), typed(goal.baseline)),
        (s.text("goal.by_end"), typed(goal.target)),
        (s.text("goal.checks"), typed(goal.measured_by)),
    ]
    blocks: list[Block] = [Facts(s.text("report.about"), tuple((label, value) for label, value in about if value))]
    points = [p for p in points_of(record, goal.id) if p.date <= period.end] if record is not None else []
    aim = aim_of(goal, plan, record)
    if points:
        blocks.append(
            Chart(
                caption=caption_words(points, aim, plan.period.end, s),
                start=plan.period.start,
                end=plan.period.end,
                points=tuple((point.date, point.measure) for point in points),
                aim=(aim.baseline, aim.target) if aim is not None else None,
                labels=(date_words(s, plan.period.start), date_words(s, plan.period.end)),
                legend=(s.text("report.legend_points"), s.text("report.legend_aim")),
            )
        )
        blocks.append(_points_table(points, s, dates))
    else:
        blocks.append(Paragraph((s.text("report.no_points"),)))
    verdict = standing(points, aim)
    blocks.append(Paragraph((f"{s.text('report.standing')}: ", s.text(f"standing.{verdict.standing.value}"))))
    report = report_for(record, goal.id, period.end) if record is not None else None
    blocks.append(_report_facts(s.text("report.heading"), report, s))
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
    dates: dict[dt.date, str] = {}
    sections = [goal_section(number, goal, plan, record, s, period, dates) for number, goal in enumerate(plan.goals, 1)]
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
