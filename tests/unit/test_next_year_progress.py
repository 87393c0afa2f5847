"""What the year between meetings leaves for the next one: `new NEXT --from LAST`
fills the previous goals from the progress record, keeps what last year left
open, marks the grade for review, never shows a carried part as complete until
reviewed; `check` names goals with no report for a period that has ended; an
amendment and next year's plan keep the goal ids, so progress keeps its goal."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import attrs
import pytest

from iep_meeting.model import next_year
from iep_meeting.model.agenda import Section
from iep_meeting.model.goal_progress import DataPoint, GoalReport, ProgressCode, with_report
from iep_meeting.model.plan import Decision, Outcome, ParkingLotState, Plan, Progress
from iep_meeting.model.progress import SectionStatus, section_status
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.plan_file import load_plan
from iep_meeting.store.progress_file import ProgressFile, progress_path
from iep_meeting.store.progress_text import record_to_text
from tests.factories import MEETING_DATE, small_plan
from tests.plan_files import run_cli
from tests.progress_data import final_plan, final_plan_file, record_of, weekly_points

NARRATIVE = "Sam reads 98 words a minute on 7th grade passages.\nEcho reading goes on."


def tabled() -> Plan:
    """Last year's plan with the speech decision tabled, as the issue's sample had it."""
    plan = small_plan()
    decision = Decision(
        time=dt.datetime(2026, 3, 12, 16, 30),
        section="services",
        what="Whether to add speech therapy.",
        outcome=Outcome.TABLED,
    )
    return attrs.evolve(plan, decisions=(*plan.decisions, decision))


@pytest.fixture
def last_path(tmp_path: Path) -> Path:
    path = final_plan_file(tmp_path / "2026" / "sam-2026.iep.toml", tabled())
    with ProgressFile.open(path) as progress:
        progress.add_points(weekly_points("reading-fluency", 40, start=84, step=0.4), dt.date(2027, 2, 1))
        report = GoalReport(
            goal="reading-fluency",
            period=dt.date(2026, 12, 15),
            code=ProgressCode.SUBSTANTIAL,
            sufficient=True,
            narrative=NARRATIVE,
        )
        progress.add_report(report)
    return path


def start(last_path: Path, tmp_path: Path, capsys) -> Plan:
    next_path = tmp_path / "2027" / "sam-2027.iep.toml"
    next_path.parent.mkdir()
    code, _, err = run_cli("new", next_path, "--from", last_path, "--date", "2027-03-04", capsys=capsys)
    assert code == 0, err
    return load_plan(next_path)


def test_previous_goals_come_from_the_progress_record_marked_for_review(last_path, tmp_path, capsys) -> None:
    plan = start(last_path, tmp_path, capsys)
    reading = next(goal for goal in plan.present_levels.previous_goals if goal.id == "reading-fluency")
    assert reading.progress is Progress.PROGRESSING  # substantial progress, not met yet
    assert reading.evidence.startswith("From the progress record — review: last point 99.6 words correct per minute")
    # Where it stood, by the on-track rule: 99.6 on December 14 is under the line from 82 to 110 (103 there).
    assert "on 2026-12-14 (behind the aim line: at this rate the goal is not met by the end of the plan)" in (
        reading.evidence
    )
    assert "report for the period to 2026-12-15: substantial progress." in reading.evidence
    assert reading.evidence.endswith(NARRATIVE)  # the team's words, verbatim
    assert plan.follows is not None
    assert "present_levels.previous_goals:reading-fluency" in plan.follows.to_review
    words = next_year.entry_words(plan, "present_levels.previous_goals:reading-fluency")
    assert words == "Previous goal 1 (reading-fluency), from the progress record — review"


def test_a_goal_without_progress_is_left_for_the_meeting_to_record(last_path, tmp_path, capsys) -> None:
    plan = start(last_path, tmp_path, capsys)
    writing = next(goal for goal in plan.present_levels.previous_goals if goal.id == "written-expression")
    assert (writing.progress, writing.evidence) == (None, "")
    assert plan.follows is not None
    assert "present_levels.previous_goals:written-expression" not in plan.follows.to_review


def test_what_last_year_left_open_comes_over_as_open_topics(last_path, tmp_path, capsys) -> None:
    plan = start(last_path, tmp_path, capsys)
    topics = [(item.topic, item.state) for item in plan.parking_lot]
    assert ("Tabled at the meeting of 2026-03-12: Whether to add speech therapy.", ParkingLotState.OPEN) in topics
    assert ("Band schedule next year", ParkingLotState.OPEN) in topics  # last year's follow-up
    _, out, _ = run_cli("check", "--format", "json", tmp_path / "2027" / "sam-2027.iep.toml", capsys=capsys)
    rules = [finding["rule"] for finding in json.loads(out)["plans"][0]["findings"]]
    assert rules.count("parking-lot-open") == 2


def test_the_grade_is_marked_for_review(last_path, tmp_path, capsys) -> None:
    plan = start(last_path, tmp_path, capsys)
    assert plan.follows is not None and "student.grade" in plan.follows.to_review
    assert next_year.finding_path(plan, "student.grade") == ("student", "grade")
    changed = attrs.evolve(plan, student=attrs.evolve(plan.student, grade="8"))
    reviewed = next_year.clear_changed(plan, changed)
    assert reviewed.follows is not None and "student.grade" not in reviewed.follows.to_review


def test_a_carried_section_is_not_complete_until_reviewed(last_path, tmp_path, capsys) -> None:
    plan = start(last_path, tmp_path, capsys)
    placement = Section(id="placement", title="Placement", minutes=10, covers=("lre", "assessment"))
    assert section_status(placement, plan, True, []) is SectionStatus.IN_PROGRESS
    reviewed = next_year.confirm(plan, "lre", "assessment")
    assert section_status(placement, reviewed, True, []) is SectionStatus.COMPLETE


# --- check: reports due ---------------------------------------------------------------------------------------------


def test_check_lists_goals_with_no_report_for_a_period_that_ended(last_path) -> None:
    report = check_plan_file(last_path, today=dt.date(2027, 1, 10))
    advice = [f for f in report.findings if f.rule == "progress-reported"]
    ends = [f.message.split("ended on ")[1][:10] for f in advice]
    assert ends == ["2026-06-15", "2026-09-15", "2026-12-15"]
    december = advice[-1]
    assert "2 goal(s): written-expression, task-initiation" in december.message  # reading-fluency has one
    assert december.citation == "34 CFR 300.320(a)(3)(ii)"
    assert report.required_findings == ()  # advice, never a failure


def test_a_district_profile_makes_the_missing_reports_required(tmp_path: Path) -> None:
    profiles = tmp_path / "agendas" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "district.toml").write_text(
        'id = "district"\ntitle = "A district that asks for every report"\n\n[progress_reports]\n'
        'required = true\ncite = "District policy 6.4"\nsource = "Board policy 6.4, progress reports"\n',
        encoding="utf-8",
    )
    path = final_plan_file(tmp_path / "sam.iep.toml", attrs.evolve(small_plan(), profile="district"))
    report = check_plan_file(path, agenda_dir=tmp_path / "agendas", today=dt.date(2026, 7, 1))
    (missing,) = [f for f in report.findings if f.rule == "progress-reported"]
    assert missing.required and missing.citation == "34 CFR 300.320(a)(3)(ii); District policy 6.4"
    assert "2026-06-15" in missing.message
    assert missing in report.required_findings  # `check` fails until the report is written


def test_check_says_nothing_before_the_first_period_ends(last_path) -> None:
    report = check_plan_file(last_path, today=dt.date(2026, 6, 1))
    assert not [f for f in report.findings if f.rule.startswith("progress")]


def test_check_names_a_broken_progress_file(last_path) -> None:
    path = progress_path(last_path)
    path.write_text(path.read_text().replace('"2026-03-16", 84]', '"2026-03-16", "84"]'), encoding="utf-8")
    report = check_plan_file(last_path, today=dt.date(2027, 1, 10))
    (broken,) = [f for f in report.findings if f.rule == "progress-file"]
    assert "line 14, at series[0].points[0].value" in broken.message


def test_a_draft_is_not_asked_for_reports(tmp_path: Path) -> None:
    from tests.plan_files import write

    path = write(tmp_path / "draft.iep.toml", small_plan())
    assert not [f for f in check_plan_file(path, today=dt.date(2027, 1, 10)).findings if f.rule.startswith("progress")]


# --- goal ids carry forward -----------------------------------------------------------------------------------------


def test_an_amendment_keeps_the_goal_ids(tmp_path: Path, capsys) -> None:
    last = final_plan_file(tmp_path / "sam.iep.toml")
    new = tmp_path / "sam-amendment.iep.toml"
    code, _, err = run_cli("amend", last, new, "--date", "2026-10-01", capsys=capsys)
    assert code == 0, err
    assert [g.id for g in load_plan(new).goals] == [g.id for g in load_plan(last).goals]


def test_next_years_previous_goals_keep_the_goal_ids(last_path, tmp_path, capsys) -> None:
    plan = start(last_path, tmp_path, capsys)
    assert [g.id for g in plan.present_levels.previous_goals] == [g.id for g in load_plan(last_path).goals]


def test_the_last_point_carried_is_of_the_goals_own_measure() -> None:
    last = final_plan()
    probes = weekly_points("reading-fluency", 12, start=84, step=0.6)  # on the aim line
    questions = DataPoint(goal="reading-fluency", date=dt.date(2026, 6, 10), value=1, of=5)  # after the probes
    previous = next_year.previous_goal(last.goals[0], record_of(last, "sam.toml", [*probes, questions]), last.period)
    assert "last point 90.6 words correct per minute on 2026-06-01 (on track:" in previous.evidence
    assert "1 of 5" not in previous.evidence


def test_a_record_with_reports_only_still_fills_the_code() -> None:
    last = final_plan()
    record = with_report(
        record_of(last, "sam.toml"),
        GoalReport(goal="task-initiation", period=dt.date(2026, 6, 15), code=ProgressCode.MET, sufficient=True),
    )
    previous = next_year.previous_goal(last.goals[2], record, last.period)
    assert previous.progress is Progress.MET
    assert previous.evidence == "From the progress record — review: report for the period to 2026-06-15: goal met."
    assert record_to_text(record)  # a record that can be written
    assert dt.date(2026, 6, 15) > MEETING_DATE
