"""The caseload's rows (model/caseload.py): what is due, overdue and open, from
the facts of each plan, with the thresholds of the plan's rule profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from iep_meeting.model.caseload import (
    CaseItem,
    Caseload,
    CaseRow,
    PlanFacts,
    ProgressFacts,
    Unreadable,
    Urgency,
    caseload,
    group_by_student,
)
from iep_meeting.model.goal_progress import ReportingPeriod
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, ParkingLotState, Status
from iep_meeting.model.rules import (
    FEDERAL,
    MajorityRule,
    Profile,
    ProgressReportRule,
    TimelineRule,
    TransitionRule,
)
from iep_meeting.words.labels import label

LAST = dt.date(2025, 9, 1)


def facts(**changes: Any) -> PlanFacts:
    values: dict[str, Any] = {
        "path": "/plans/sam/2025.iep.toml",
        "student_name": "Sam Example",
        "student_id": "FAKE-1",
        "birth_date": dt.date(2013, 5, 4),
        "kind": MeetingKind.ANNUAL_REVIEW,
        "status": Status.FINAL,
        "meeting_date": LAST,
        "period_start": LAST,
        "period_end": dt.date(2026, 8, 31),
        "last_evaluation_date": dt.date(2024, 2, 20),
        "family_copy": True,
    }
    values.update(changes)
    return PlanFacts(**values)


def rows_of(
    *plans: PlanFacts,
    as_of: dt.date = dt.date(2026, 9, 15),
    profile: Profile = FEDERAL,
    unreadable: tuple[Unreadable, ...] = (),
    missing: frozenset[str] = frozenset(),
    progress: dict[str, ProgressFacts | None] | None = None,
) -> Caseload:
    return caseload(plans, unreadable, as_of, lambda _facts: profile, missing, progress)


def only(result: Caseload, item: CaseItem) -> CaseRow:
    found = [row for row in result.rows if row.item is item]
    assert len(found) == 1, found
    return found[0]


def items(result: Caseload) -> set[CaseItem]:
    return {row.item for row in result.rows}


# --- the annual review and the re-evaluation -------------------------------------------


@pytest.mark.parametrize(
    ("days_after", "state", "days_left"),
    [
        (300, Urgency.OK, 65),
        (335, Urgency.OK, 30),  # caution is *past* 335 days
        (336, Urgency.DUE_SOON, 29),
        (357, Urgency.DUE_SOON, 8),
        (358, Urgency.DUE_VERY_SOON, 7),
        (365, Urgency.DUE_VERY_SOON, 0),  # the last day
        (366, Urgency.OVERDUE, -1),
    ],
)
def test_the_annual_review_counts_days_since_the_last_iep_as_district_systems_do(
    days_after: int, state: Urgency, days_left: int
) -> None:
    row = only(rows_of(facts(), as_of=LAST + dt.timedelta(days=days_after)), CaseItem.ANNUAL_REVIEW)
    assert (row.state, row.days_left, row.due) == (state, days_left, LAST + dt.timedelta(days=365))


@pytest.mark.parametrize(
    ("days_after", "state"),
    [(1035, Urgency.OK), (1036, Urgency.DUE_SOON), (1088, Urgency.DUE_VERY_SOON), (1096, Urgency.OVERDUE)],
)
def test_the_re_evaluation_is_due_every_three_years(days_after: int, state: Urgency) -> None:
    evaluated = dt.date(2023, 1, 10)
    as_of = evaluated + dt.timedelta(days=days_after)
    plan = facts(last_evaluation_date=evaluated, meeting_date=as_of - dt.timedelta(days=10))
    row = only(rows_of(plan, as_of=as_of), CaseItem.REEVALUATION)
    assert row.state is state and row.due == evaluated + dt.timedelta(days=1095)


def test_the_thresholds_come_from_the_rule_profile() -> None:
    stricter = attrs.evolve(
        FEDERAL, timelines=TimelineRule(annual_review_days=300, annual_review_caution_days=250, urgent_days=10)
    )
    as_of = LAST + dt.timedelta(days=260)
    assert only(rows_of(facts(), as_of=as_of), CaseItem.ANNUAL_REVIEW).state is Urgency.OK
    row = only(rows_of(facts(), as_of=as_of, profile=stricter), CaseItem.ANNUAL_REVIEW)
    assert row.state is Urgency.DUE_SOON and row.due == LAST + dt.timedelta(days=300)


def test_the_annual_review_counts_from_the_latest_final_plan_not_an_amendment_or_a_draft() -> None:
    older = facts(path="/p/2024.iep.toml", meeting_date=dt.date(2024, 9, 1), period_start=dt.date(2024, 9, 1))
    amendment = facts(path="/p/amend.iep.toml", kind=MeetingKind.AMENDMENT, meeting_date=dt.date(2026, 2, 1))
    draft = facts(path="/p/2026.iep.toml", status=Status.DRAFT, meeting_date=dt.date(2026, 9, 20))
    result = rows_of(older, facts(), amendment, draft)
    row = only(result, CaseItem.ANNUAL_REVIEW)
    assert row.due == LAST + dt.timedelta(days=365) and row.plan == facts().path
    (student,) = result.students
    assert student.current == facts() and student.amendments == (amendment,)
    assert only(result, CaseItem.DRAFT).state is Urgency.IN_PROGRESS


def test_a_draft_alone_counts_from_the_previous_iep_it_names() -> None:
    draft = facts(status=Status.DRAFT, meeting_date=dt.date(2026, 9, 20), previous_iep_date=dt.date(2025, 9, 22))
    row = only(rows_of(draft), CaseItem.ANNUAL_REVIEW)
    assert row.due == dt.date(2026, 9, 22) and row.state is Urgency.DUE_VERY_SOON


def test_an_unknown_evaluation_date_is_asked_for() -> None:
    row = only(rows_of(facts(last_evaluation_date=None)), CaseItem.REEVALUATION)
    assert row.state is Urgency.NEEDS_ATTENTION and "last evaluation date" in row.detail


def test_a_re_evaluation_meeting_counts_as_the_last_evaluation() -> None:
    reeval = facts(kind=MeetingKind.REEVALUATION, last_evaluation_date=None)
    assert only(rows_of(reeval), CaseItem.REEVALUATION).due == LAST + dt.timedelta(days=1095)


# --- transition and the transfer of rights --------------------------------------------------


def test_transition_is_due_at_the_annual_review_before_the_plan_in_which_the_student_turns_16() -> None:
    plan = facts(birth_date=dt.date(2011, 1, 15))  # turns 16 on 2027-01-15: during the next plan
    row = only(rows_of(plan), CaseItem.TRANSITION)
    assert row.due == LAST + dt.timedelta(days=365) and "turns 16 on 2027-01-15" in row.detail
    assert CaseItem.TRANSITION not in items(rows_of(plan._replace(transition_planned=True)))
    assert CaseItem.TRANSITION not in items(rows_of(plan._replace(birth_date=dt.date(2012, 1, 15))))


def test_transition_missing_from_the_plan_in_force_when_the_student_turns_16_is_overdue() -> None:
    row = only(rows_of(facts(birth_date=dt.date(2010, 3, 1))), CaseItem.TRANSITION)
    assert row.state is Urgency.OVERDUE and "amend" in row.detail


def test_the_transition_age_comes_from_the_rule_profile() -> None:
    plan = facts(birth_date=dt.date(2013, 1, 15))  # 14 on 2027-01-15
    at_14 = attrs.evolve(FEDERAL, transition=TransitionRule(age=14, cite="State rule 14"))
    assert CaseItem.TRANSITION not in items(rows_of(plan))
    row = only(rows_of(plan, profile=at_14), CaseItem.TRANSITION)
    assert "turns 14" in row.detail and "State rule 14" in row.detail


def test_the_transfer_of_rights_is_due_a_year_before_the_age_of_majority() -> None:
    plan = facts(birth_date=dt.date(2009, 11, 1))  # 17 on 2026-11-01, 18 on 2027-11-01
    row = only(rows_of(plan), CaseItem.RIGHTS_TRANSFER)
    assert row.due == dt.date(2026, 11, 1) and row.state is Urgency.OK and "turns 18" in row.detail
    assert CaseItem.RIGHTS_TRANSFER not in items(rows_of(plan._replace(rights_transfer_informed=dt.date(2026, 1, 5))))
    no_transfer = attrs.evolve(FEDERAL, majority=MajorityRule(rights_transfer=False))
    assert CaseItem.RIGHTS_TRANSFER not in items(rows_of(plan, profile=no_transfer))
    at_21 = attrs.evolve(FEDERAL, majority=MajorityRule(age=21))
    assert CaseItem.RIGHTS_TRANSFER not in items(rows_of(plan, profile=at_21))  # 20 in 2029: beyond the next plan


# --- open items ---------------------------------------------------------------------------------


def test_action_items_past_due_in_the_plan_in_force_are_overdue() -> None:
    past = ActionItem(owner="Casey Fixture", what="Send the probes home", due=dt.date(2025, 10, 1))
    later = ActionItem(owner="Casey Fixture", what="Schedule the review", due=dt.date(2026, 12, 1))
    row = only(rows_of(facts(action_items=(past, later))), CaseItem.ACTION_ITEM)
    assert (row.owner, row.due, row.state) == ("Casey Fixture", dt.date(2025, 10, 1), Urgency.OVERDUE)
    assert "Send the probes home" in row.detail
    # A plan replaced by a newer final one is not followed up.
    older = facts(path="/p/2024.iep.toml", meeting_date=dt.date(2024, 9, 1), action_items=(past,))
    assert CaseItem.ACTION_ITEM not in items(rows_of(older, facts()))


def test_open_and_follow_up_parking_lot_topics_are_listed_resolved_ones_are_not() -> None:
    topics = (
        ParkingLotItem(topic="Band schedule", raised_by="Alex Example", state=ParkingLotState.FOLLOW_UP),
        ParkingLotItem(topic="Bus", state=ParkingLotState.OPEN),
    )
    result = rows_of(facts(open_topics=topics))
    listed = [row.detail for row in result.rows if row.item is CaseItem.PARKING_LOT]
    assert len(listed) == 2 and "Band schedule (raised by Alex Example)" in listed[0]


def test_a_topic_next_years_draft_carried_over_is_listed_once_in_the_draft() -> None:
    bus = ParkingLotItem(topic="Bus pickup time", state=ParkingLotState.OPEN)
    band = ParkingLotItem(topic="Band schedule", state=ParkingLotState.OPEN)
    final = facts(open_topics=(bus, band))
    draft = facts(
        path="/plans/sam/2026.iep.toml",
        status=Status.DRAFT,
        meeting_date=dt.date(2026, 9, 1),
        open_topics=(ParkingLotItem(topic="bus  pickup time", state=ParkingLotState.OPEN),),
    )
    listed = [(row.plan, row.detail) for row in rows_of(final, draft).rows if row.item is CaseItem.PARKING_LOT]
    assert sorted(listed) == [
        ("/plans/sam/2025.iep.toml", "Band schedule: open: not answered yet"),  # not carried: the final plan's
        ("/plans/sam/2026.iep.toml", "bus  pickup time: open: not answered yet"),
    ]


def test_a_draft_whose_meeting_is_more_than_30_days_ago_was_never_finalized() -> None:
    draft = facts(status=Status.DRAFT, meeting_date=dt.date(2026, 8, 1))
    row = only(rows_of(draft), CaseItem.OLD_DRAFT)
    assert row.state is Urgency.NEEDS_ATTENTION and "45 days ago" in row.detail
    recent = draft._replace(meeting_date=dt.date(2026, 8, 20))
    assert only(rows_of(recent), CaseItem.DRAFT).state is Urgency.IN_PROGRESS


def test_records_with_a_problem_need_attention() -> None:
    no_copy = facts(family_copy=False)
    changed = facts(path="/p/old.iep.toml", meeting_date=dt.date(2024, 9, 1), seal_intact=False)
    amendment = facts(
        path="/p/amend.iep.toml",
        kind=MeetingKind.AMENDMENT,
        meeting_date=dt.date(2026, 1, 1),
        amends="/p/gone.iep.toml",
    )
    result = rows_of(no_copy, changed, amendment, missing=frozenset({"/p/gone.iep.toml"}))
    assert only(result, CaseItem.NO_FAMILY_COPY).plan == no_copy.path
    assert only(result, CaseItem.CHANGED_AFTER_FINAL).plan == changed.path
    assert "gone.iep.toml" in only(result, CaseItem.ORIGINAL_MISSING).detail


def test_a_file_that_cannot_be_read_is_a_row_with_its_reason() -> None:
    result = rows_of(facts(), unreadable=(Unreadable("/p/broken.iep.toml", "line 2: this is not valid TOML"),))
    row = only(result, CaseItem.UNREADABLE)
    assert row.student is None and row.detail == "line 2: this is not valid TOML"
    assert (result.unreadable_count, result.plan_count) == (1, 1)


# --- students and order -------------------------------------------------------------------------


def test_plans_are_grouped_by_student_id_else_by_name_and_date_of_birth() -> None:
    plans = [
        facts(path="/a", student_id="FAKE-1"),
        facts(path="/b", student_id="", student_name="sam  example"),  # joins FAKE-1 by name and birth
        facts(path="/c", student_id="FAKE-2", birth_date=dt.date(2014, 2, 2)),  # another Sam
        facts(path="/d", student_id="", student_name="Ana Sample", birth_date=dt.date(2012, 1, 1)),
        facts(path="/e", student_id="", student_name="Ana Sample", birth_date=dt.date(2014, 1, 1)),
    ]
    students = group_by_student(plans)
    assert sorted(tuple(p.path for p in s.plans) for s in students) == [("/a", "/b"), ("/c",), ("/d",), ("/e",)]
    # Two ids with the same name and birth date: a plan without an id joins neither.
    twins = group_by_student([*plans[:2], facts(path="/f", student_id="FAKE-3")])
    assert sorted(tuple(p.path for p in s.plans) for s in twins) == [("/a",), ("/b",), ("/f",)]


def test_rows_come_most_urgent_first() -> None:
    sam = facts(action_items=(ActionItem(owner="X", what="Y", due=dt.date(2026, 1, 1)),), family_copy=False)
    ana = facts(path="/ana", student_id="FAKE-2", student_name="Ana Sample", meeting_date=dt.date(2025, 9, 20))
    result = rows_of(sam, ana)
    states = [row.state for row in result.rows]
    assert states == sorted(states, key=list(Urgency).index)
    assert result.rows[0].item is CaseItem.ACTION_ITEM  # overdue by the most days
    assert [r.item for r in result.rows[:2]] == [CaseItem.ACTION_ITEM, CaseItem.ANNUAL_REVIEW]


# --- progress reports due ---------------------------------------------------------------------

GOALS = ("reading", "math")
# The default reporting periods of a plan from LAST: four quarters.
Q1, Q2, Q3 = dt.date(2025, 11, 30), dt.date(2026, 2, 28), dt.date(2026, 5, 31)


def progress(
    *reported: tuple[str, dt.date], plan: str = "/plans/sam/2025.iep.toml", periods: tuple[ReportingPeriod, ...] = ()
) -> dict[str, ProgressFacts | None]:
    """The progress file beside `plan`, with a report for each (goal, end of the period) of `reported`."""
    record = ProgressFacts(
        path=plan.removesuffix(".toml") + ".progress.toml",
        plan_name=plan.rpartition("/")[2],
        plan_sha256="ab" * 32,
        periods=periods,
        reported=frozenset(reported),
    )
    return {plan: record}


def progress_rows(result: Caseload) -> list[CaseRow]:
    return [row for row in result.rows if row.item is CaseItem.PROGRESS_REPORT]


def test_a_reporting_period_that_ended_with_goals_unreported_is_an_overdue_progress_report() -> None:
    plan = facts(goal_ids=GOALS)
    reported = progress(("reading", Q1), ("math", Q1), ("reading", Q2))
    result = rows_of(plan, as_of=dt.date(2026, 3, 10), progress=reported)
    (row,) = progress_rows(result)  # Q1 is reported in full; Q3 is months away
    assert (row.state, row.due, row.days_left) == (Urgency.OVERDUE, Q2, -10)
    assert row.plan == plan.path and row.student is not None and row.student.name == "Sam Example"
    assert "ended on 2026-02-28" in row.detail and "1 of 2 goals (math;" in row.detail
    assert "iep-meeting progress 2025.iep.toml" in row.detail
    assert label(row.item) == "progress report due"


def test_every_report_written_leaves_no_row() -> None:
    reported = progress(*((goal, end) for goal in GOALS for end in (Q1, Q2)))
    assert progress_rows(rows_of(facts(goal_ids=GOALS), as_of=dt.date(2026, 3, 10), progress=reported)) == []


@pytest.mark.parametrize(
    ("as_of", "state"),
    [
        (dt.date(2026, 5, 2), Urgency.DUE_SOON),  # 29 days before the period ends
        (dt.date(2026, 5, 25), Urgency.DUE_VERY_SOON),
        (dt.date(2026, 4, 30), None),  # 31 days before: not yet
    ],
)
def test_a_period_ending_within_30_days_is_due_soon(as_of: dt.date, state: Urgency | None) -> None:
    reported = progress(*((goal, end) for goal in GOALS for end in (Q1, Q2)))
    rows = progress_rows(rows_of(facts(goal_ids=GOALS), as_of=as_of, progress=reported))
    assert [(row.state, row.due) for row in rows] == ([(state, Q3)] if state else [])


def test_the_record_s_own_reporting_periods_are_used() -> None:
    spring = ReportingPeriod(end=dt.date(2026, 3, 20), name="Spring")
    reported = progress(("reading", dt.date(2026, 3, 20)), periods=(spring, ReportingPeriod(end=dt.date(2026, 8, 31))))
    (row,) = progress_rows(rows_of(facts(goal_ids=GOALS), as_of=dt.date(2026, 4, 1), progress=reported))
    assert row.due == dt.date(2026, 3, 20) and "“Spring”" in row.detail and "(math;" in row.detail


def test_without_a_progress_file_reports_are_due_only_where_the_profile_requires_them() -> None:
    plan = facts(goal_ids=GOALS)
    as_of = dt.date(2026, 3, 10)
    assert progress_rows(rows_of(plan, as_of=as_of)) == []  # they may be kept elsewhere
    required = attrs.evolve(FEDERAL, progress_reports=ProgressReportRule(required=True))
    rows = progress_rows(rows_of(plan, as_of=as_of, profile=required))
    assert [row.due for row in rows] == [Q1, Q2]
    assert all("2 of 2 goals" in row.detail and "no progress file yet" in row.detail for row in rows)


def test_a_progress_file_that_cannot_be_used_gives_no_rows() -> None:
    # It is listed among the files that cannot be read (store/caseload_scan.py); no row guesses.
    required = attrs.evolve(FEDERAL, progress_reports=ProgressReportRule(required=True))
    unusable: dict[str, ProgressFacts | None] = {"/plans/sam/2025.iep.toml": None}
    result = rows_of(facts(goal_ids=GOALS), as_of=dt.date(2026, 3, 10), profile=required, progress=unusable)
    assert progress_rows(result) == []


def test_a_plan_without_goals_or_a_draft_has_no_progress_reports() -> None:
    assert progress_rows(rows_of(facts(), as_of=dt.date(2026, 3, 10), progress=progress())) == []
    draft = facts(goal_ids=GOALS, status=Status.DRAFT)
    assert progress_rows(rows_of(draft, as_of=dt.date(2026, 3, 10), progress=progress())) == []


def test_after_an_amendment_its_own_progress_file_counts() -> None:
    amendment_path = "/plans/sam/2026-amendment.iep.toml"
    amendment = facts(
        path=amendment_path,
        kind=MeetingKind.AMENDMENT,
        meeting_date=dt.date(2026, 1, 10),
        period_start=dt.date(2026, 1, 10),
        period_end=dt.date(2026, 8, 31),
        goal_ids=("reading", "writing"),
        amends="/plans/sam/2025.iep.toml",
    )
    records = {**progress(("reading", Q1)), **progress(plan=amendment_path)}
    result = rows_of(facts(goal_ids=GOALS), amendment, as_of=dt.date(2026, 5, 1), progress=records)
    rows = [(row.plan, row.due) for row in progress_rows(result)]
    # Q1 is the original plan's (math not reported); the periods after January are the amendment's.
    amendment_q1 = dt.date(2026, 4, 9)
    assert rows == [("/plans/sam/2025.iep.toml", Q1), (amendment_path, amendment_q1)]
