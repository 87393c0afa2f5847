"""The rules read from a goal's progress: the aim line, on track or not, the
reporting periods, what a report must say. Pure: no files."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from iep_meeting.model.goal_progress import (
    Aim,
    DataPoint,
    GoalReport,
    ProgressCode,
    ReportingPeriod,
    Standing,
    aim_of,
    chart_facts,
    current_period,
    goal_ids,
    goal_points,
    main_measure,
    missing_reports,
    narrative_problem,
    number_in,
    only_appended,
    period_named,
    periods_of,
    point_problems,
    points_in,
    points_of,
    points_since,
    report_for,
    report_problems,
    series_by_goal,
    split_by_measure,
    split_points,
    standing,
    standing_of,
    with_point,
    with_report,
)
from iep_meeting.model.plan import Goal, Plan
from tests.factories import PERIOD_END, PERIOD_START, small_plan
from tests.progress_data import record_of, weekly_points

TODAY = dt.date(2026, 12, 1)


def goal(plan: Plan, goal_id: str) -> Goal:
    return next(g for g in plan.goals if g.id == goal_id)


def point(day: dt.date, value: float, goal_id: str = "reading-fluency", of: int | None = None) -> DataPoint:
    return DataPoint(goal=goal_id, date=day, value=value, of=of)


# --- the aim line ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("82 words correct per minute (winter benchmark).", 82),
        ("110 words correct per minute on 3 of 4 consecutive probes.", 110),
        ("2 of 10 observations.", 20),
        ("8 out of 10 observations over 2 weeks.", 80),
        ("Scores 2.5 on the rubric", 2.5),
        ("not measured yet", None),
    ],
)
def test_a_goals_number_is_its_first_and_n_of_m_is_a_percentage(text: str, number: float | None) -> None:
    assert number_in(text) == number


def test_the_aim_line_runs_from_the_baseline_at_the_start_to_the_target_at_the_end() -> None:
    plan = small_plan()
    aim = aim_of(goal(plan, "reading-fluency"), plan.period)
    assert aim is not None
    assert (aim.baseline, aim.target) == (82, 110)
    assert aim.at(PERIOD_START) == 82 and aim.at(PERIOD_END) == 110
    middle = PERIOD_START + (PERIOD_END - PERIOD_START) / 2
    assert aim.at(middle) == pytest.approx(96, abs=0.1)


def test_the_records_aim_wins_over_the_plans_words() -> None:
    plan = small_plan()
    record = attrs.evolve(record_of(plan, "sam.toml"), aims=(Aim(goal="written-expression", baseline=1, target=3),))
    aim = aim_of(goal(plan, "written-expression"), plan.period, record)
    assert aim is not None and (aim.baseline, aim.target) == (1, 3)


def test_a_goal_without_numbers_has_no_aim_line_and_no_verdict() -> None:
    plan = small_plan()
    vague = attrs.evolve(goal(plan, "reading-fluency"), baseline="reads slowly")
    assert aim_of(vague, plan.period) is None
    assert standing(weekly_points("reading-fluency", 5), None).standing is Standing.NO_AIM


# --- on track -----------------------------------------------------------------------------------


def aim_line():
    plan = small_plan()
    aim = aim_of(goal(plan, "reading-fluency"), plan.period)
    assert aim is not None
    return aim


def test_three_points_at_or_above_the_line_are_on_track() -> None:
    points = weekly_points("reading-fluency", 10, start=84, step=0.6)  # the line rises ~0.54 a week from 82
    verdict = standing(points, aim_line())
    assert verdict.standing is Standing.ON_TRACK
    assert verdict.behind == 0 and verdict.last == 3


def test_the_median_of_the_last_three_decides_not_one_bad_day() -> None:
    points = weekly_points("reading-fluency", 10, start=84, step=0.6)
    points[-1] = points[-1]._replace(value=70)  # one bad probe
    verdict = standing(points, aim_line())
    assert verdict.standing is Standing.ON_TRACK
    assert verdict.behind == 1


def test_two_of_the_last_three_below_the_line_is_behind() -> None:
    points = weekly_points("reading-fluency", 10, start=84, step=0.6)
    points[-1] = points[-1]._replace(value=80)
    points[-2] = points[-2]._replace(value=81)
    verdict = standing(points, aim_line())
    assert verdict.standing is Standing.BEHIND
    assert verdict.behind == 2


def test_fewer_than_three_points_give_no_verdict() -> None:
    assert standing(weekly_points("reading-fluency", 2), aim_line()).standing is Standing.TOO_FEW


def test_a_goal_that_falls_is_on_track_below_the_line() -> None:
    plan = small_plan()
    falling = attrs.evolve(goal(plan, "reading-fluency"), baseline="12 outbursts a week", target="2 outbursts a week")
    aim = aim_of(falling, plan.period)
    assert aim is not None and not aim.rising
    low = [point(PERIOD_START + dt.timedelta(weeks=w), 10) for w in range(3)]
    high = [point(PERIOD_START + dt.timedelta(weeks=w), 14) for w in range(3)]
    assert standing(low, aim).standing is Standing.ON_TRACK
    assert standing(high, aim).standing is Standing.BEHIND


def test_successes_of_attempts_are_read_as_a_percentage() -> None:
    plan = small_plan()
    aim = aim_of(goal(plan, "task-initiation"), plan.period)  # 2 of 10 → 8 of 10: 20 % → 80 %
    points = [point(PERIOD_START + dt.timedelta(weeks=w), 4, "task-initiation", of=5) for w in range(3)]
    assert points[0].measure == 80
    assert standing(points, aim).standing is Standing.ON_TRACK


def test_the_chart_facts_say_from_what_to_what_and_how_many_are_behind() -> None:
    points = [point(dt.date(2026, 4, 1), 62), point(dt.date(2026, 9, 1), 99), point(dt.date(2026, 10, 1), 79)]
    facts = chart_facts(points, aim_line(), PERIOD_END)
    assert (facts.first, facts.last, facts.target, facts.shown) == (62, 79, 110, 3)
    assert (facts.behind, facts.of_last) == (2, 3)  # 62 and 79 are below the line; 99 is above (95 there)


def test_a_goals_points_as_columns_are_its_points() -> None:
    plan = small_plan()
    days = [dt.date(2026, 5, 1), dt.date(2026, 4, 1), dt.date(2026, 4, 15), dt.date(2026, 4, 1), dt.date(2026, 6, 1)]
    points = [
        point(days[0], 90),
        point(days[1], 85),  # before the one recorded first
        DataPoint(goal="reading-fluency", date=days[2], value=3, of=4, by="paraprofessional"),  # another series
        DataPoint(goal="reading-fluency", date=days[3], value=2, of=5, by="paraprofessional"),  # the same day
        point(days[4], 99),
    ]
    series = series_by_goal(record_of(plan, "sam.toml", points))["reading-fluency"]
    for since, until in [(None, None), (dt.date(2026, 4, 10), dt.date(2026, 5, 20)), (dt.date(2026, 7, 1), None)]:
        expected = points_in(series, since, until)
        columns = goal_points(series, since, until)
        assert list(columns.dates) == [p.date for p in expected]
        assert list(columns.measures) == [p.measure for p in expected]
        assert [(one.by, value, of) for one, value, of in zip(columns.series, columns.values, columns.attempts)] == [
            (p.by, p.value, p.of) for p in expected
        ]
        assert {one.by for one in columns.ways} == {p.by for p in expected}
        charted, other = split_points(columns)  # the values (3 of them) on the chart; "3 of 4" and "2 of 5" not
        assert [list(part.dates) for part in (charted, other)] == [
            [p.date for p in part] for part in split_by_measure(expected)
        ]
        assert standing_of(charted.dates, charted.measures, aim_line()) == standing(expected, aim_line())
        if since is not None:
            assert points_since(goal_points(series, None, until), since) == columns


def test_a_goal_is_charted_in_the_measure_most_of_its_points_have() -> None:
    day = [dt.date(2026, 4, 1) + dt.timedelta(weeks=week) for week in range(6)]

    def wcpm(at: int, value: float, unit: str = "words correct per minute") -> DataPoint:
        return DataPoint(goal="reading-fluency", date=day[at], value=value, unit=unit)

    questions = [DataPoint(goal="reading-fluency", date=day[at], value=4, of=5) for at in (1, 3)]
    # Three values to two "of" points: the values are charted; a unit not said, or in other case, is the goal's.
    points = [wcpm(0, 82), questions[0], wcpm(2, 84, ""), questions[1], wcpm(4, 86, "Words correct  per minute")]
    charted, other = split_by_measure(points)
    assert [p.value for p in charted] == [82, 84, 86] and other == questions
    assert main_measure((p.date, p.of, p.unit) for p in points) == (False, "words correct per minute")
    # Values in another unit are another measure too: "rubric points" are not words a minute.
    rubric = DataPoint(goal="reading-fluency", date=day[5], value=3, unit="rubric points")
    assert split_by_measure([*points, rubric])[1] == [questions[0], questions[1], rubric]
    # A tie goes to the latest point's measure: the team measures it that way now.
    assert main_measure([(day[0], None, "wcpm"), (day[1], 5, "")]) == (True, "")
    assert main_measure([(day[1], None, "wcpm"), (day[0], 5, "")]) == (False, "wcpm")
    assert split_by_measure([]) == ([], []) and main_measure([]) is None


def test_the_on_track_rule_reads_the_last_three_points_of_the_goals_measure() -> None:
    on_the_line = [point(PERIOD_START + dt.timedelta(weeks=week), 84 + 0.6 * week) for week in range(5)]
    low_percentages = [point(PERIOD_START + dt.timedelta(weeks=5, days=day), 1, of=5) for day in range(3)]
    verdict = standing(on_the_line + low_percentages, aim_line())  # 20 % three times, after the probes
    assert verdict.standing is Standing.ON_TRACK and verdict.median == on_the_line[3].value


def test_points_of_a_goal_come_in_date_order() -> None:
    plan = small_plan()
    later, earlier = point(dt.date(2026, 5, 1), 90), point(dt.date(2026, 4, 1), 85)
    record = record_of(plan, "sam.toml", [later, point(dt.date(2026, 4, 15), 3, "task-initiation"), earlier])
    assert points_of(record, "reading-fluency") == [earlier, later]


# --- periods and reports ------------------------------------------------------------------------


def test_without_periods_of_its_own_the_record_reports_by_quarter() -> None:
    plan = small_plan()
    ends = [period.end for period in periods_of(None, plan)]
    assert ends == [dt.date(2026, 6, 15), dt.date(2026, 9, 15), dt.date(2026, 12, 15), PERIOD_END]


def test_the_records_periods_are_used_in_date_order() -> None:
    plan = small_plan()
    own = (ReportingPeriod(end=dt.date(2027, 1, 20), name="winter"), ReportingPeriod(end=dt.date(2026, 10, 30)))
    record = attrs.evolve(record_of(plan, "sam.toml"), periods=own)
    assert [p.end for p in periods_of(record, plan)] == [dt.date(2026, 10, 30), dt.date(2027, 1, 20)]


def test_a_period_is_named_by_number_end_date_or_name() -> None:
    periods = (ReportingPeriod(end=dt.date(2026, 6, 15)), ReportingPeriod(end=dt.date(2026, 9, 15), name="Fall"))
    assert period_named(periods, "1") == periods[0]
    assert period_named(periods, "2026-09-15") == periods[1]
    assert period_named(periods, "fall") == periods[1]
    assert period_named(periods, "3") is None


def report(goal_id: str = "reading-fluency", period: dt.date = dt.date(2026, 6, 15), **changes: Any) -> GoalReport:
    made = GoalReport(
        goal=goal_id,
        period=period,
        code=ProgressCode.PARTIAL,
        sufficient=True,
        narrative="Sam reads 90 words correct per minute, on the aim line. Practice goes on.",
    )
    return attrs.evolve(made, **changes) if changes else made


def test_a_later_report_for_the_same_goal_and_period_corrects_the_earlier() -> None:
    plan = small_plan()
    record = with_report(record_of(plan, "sam.toml"), report())
    record = with_report(record, report(code=ProgressCode.SUBSTANTIAL))
    found = report_for(record, "reading-fluency", dt.date(2026, 6, 15))
    assert found is not None and found.code is ProgressCode.SUBSTANTIAL


def test_missing_reports_are_for_periods_that_have_ended() -> None:
    plan = small_plan()
    record = with_report(record_of(plan, "sam.toml"), report())
    missing = missing_reports(record, plan, dt.date(2026, 10, 1))
    assert [(period.end, goals) for period, goals in missing] == [
        (dt.date(2026, 6, 15), ["written-expression", "task-initiation"]),
        (dt.date(2026, 9, 15), ["reading-fluency", "written-expression", "task-initiation"]),
    ]


def test_the_period_a_report_is_about_is_the_latest_reported_else_todays() -> None:
    plan = small_plan()
    periods = periods_of(None, plan)
    empty = record_of(plan, "sam.toml")
    assert current_period(periods, empty, dt.date(2026, 8, 1)).end == dt.date(2026, 9, 15)
    assert current_period(periods, with_report(empty, report()), dt.date(2026, 11, 1)).end == dt.date(2026, 6, 15)


@pytest.mark.parametrize("said", ["In progress", "in progress.", "  Progressing! ", "IP", ""])
def test_in_progress_alone_is_not_a_narrative(said: str) -> None:
    assert narrative_problem(said) is not None


def test_a_narrative_that_says_something_is_taken() -> None:
    assert narrative_problem("In progress: 84 words correct per minute, 4 below the aim line.") is None


def test_not_enough_progress_needs_a_reason() -> None:
    problems = report_problems(report(sufficient=False), small_plan())
    assert problems == ["progress is not enough to meet the goal: say why, and what the team will change"]
    assert report_problems(report(sufficient=False, why_not="Absent 3 weeks; more minutes."), small_plan()) == []


def test_a_report_or_point_on_a_goal_the_plan_does_not_have_is_refused() -> None:
    plan = small_plan()
    assert "no goal 'reading'" in report_problems(report(goal_id="reading"), plan)[0]
    refused = point_problems(point(dt.date(2026, 4, 1), 80, "reading"), goal_ids(plan), plan.period, TODAY)
    assert "no goal 'reading'" in refused[0]


@pytest.mark.parametrize(
    ("made", "words"),
    [
        (point(dt.date(2026, 4, 1), 6, "task-initiation", of=5), "successes are a whole number from 0 to 5"),
        (point(dt.date(2026, 4, 1), 2, "task-initiation", of=0), "expected 1 or more"),
        (point(dt.date(2026, 4, 1), -3), "expected a number of 0 or more"),
        (point(dt.date(2026, 12, 2), 80), "after today"),
        (point(PERIOD_START - dt.timedelta(days=1), 80), "2026-03-15 is before the plan's first day (2026-03-16)"),
    ],
)
def test_a_point_that_cannot_be_a_measurement_is_refused(made: DataPoint, words: str) -> None:
    plan = small_plan()
    problems = point_problems(made, goal_ids(plan), plan.period, TODAY)
    assert len(problems) == 1 and words in problems[0]


def test_a_point_after_the_plan_s_last_day_is_recorded_as_the_plan_stays_in_effect() -> None:
    plan = small_plan()
    late = point(PERIOD_END + dt.timedelta(days=20), 112)
    assert point_problems(late, goal_ids(plan), plan.period, PERIOD_END + dt.timedelta(days=30)) == []


def test_only_appended_accepts_additions_and_nothing_else() -> None:
    plan = small_plan()
    before = record_of(plan, "sam.toml", weekly_points("reading-fluency", 3))
    assert only_appended(before, with_point(before, point(dt.date(2026, 5, 1), 90)))
    (series,) = before.series
    changed = attrs.evolve(before, series=(attrs.evolve(series, values=(1.0, *series.values[1:])),))
    assert not only_appended(before, changed)
    fewer = attrs.evolve(
        series, dates=series.dates[1:], values=series.values[1:], attempts=series.attempts[1:], notes=series.notes[1:]
    )
    assert not only_appended(before, attrs.evolve(before, series=(fewer,)))
    other_goal = with_point(before, point(dt.date(2026, 5, 1), 3, "task-initiation"))
    assert only_appended(before, other_goal) and not only_appended(other_goal, before)
