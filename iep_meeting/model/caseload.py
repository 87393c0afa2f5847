"""The caseload: what is due, overdue and open across every plan a case manager keeps.

Pure functions over the facts the store read from each plan file (`PlanFacts`,
store/plan_facts.py): the plans are grouped by student, each student's current
plan is found (the latest final plan, with its amendments; a newer draft is
"in progress"), and every date and open item becomes a `CaseRow`, most urgent
first. Due dates count days as district systems do, with the thresholds of
the plan's rule profile (`Profile.timelines`; docs/caseload.md lists every row).
Progress reports due come from each plan's progress file (`ProgressFacts`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import PurePath
from typing import NamedTuple

import attrs

from iep_meeting.model import dates
from iep_meeting.model.goal_progress import (
    ProgressRecord,
    ReportingPeriod,
    reported_goals,
    reporting_periods,
    unreported,
)
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, ParkingLotState, Plan, Status
from iep_meeting.model.rules import Profile
from iep_meeting.words.labels import label


class PlanFacts(NamedTuple):
    """What the caseload needs to know of one plan file. (A NamedTuple: the
    caseload makes one for each of thousands of files, and a tuple is made in
    a fraction of the time a frozen attrs class takes.)"""

    path: str  # the file, as an absolute path
    student_name: str
    kind: MeetingKind
    status: Status
    period_start: dt.date
    period_end: dt.date
    student_id: str = ""
    birth_date: dt.date | None = None
    meeting_date: dt.date | None = None
    previous_iep_date: dt.date | None = None
    last_evaluation_date: dt.date | None = None
    finalized: dt.date | None = None
    agenda: str = ""
    profile: str = ""  # the plan's own rule profile ("": its agenda's, else federal)
    seal_intact: bool = True  # a final plan still says what the team agreed (store/seal.py)
    family_copy: bool = False  # a copy given to the family is recorded, at the meeting or after
    transition_planned: bool = False  # post-secondary goals are written
    rights_transfer_informed: dt.date | None = None
    action_items: tuple[ActionItem, ...] = ()  # those not done
    open_topics: tuple[ParkingLotItem, ...] = ()  # parking-lot topics open or carried to a follow-up
    amends: str = ""  # in an amendment: the plan it changes, as an absolute path
    seal: str = ""  # a final plan's content hash as recorded when it was finalized (what a progress file names)
    goal_ids: tuple[str, ...] = ()  # the ids of its goals, in order

    @property
    def final(self) -> bool:
        return self.status is Status.FINAL

    @property
    def date(self) -> dt.date:
        """When the plan's meeting is (or was): its date, else the start of its period."""
        return self.meeting_date or self.period_start


def facts_of(path: str, plan: Plan, *, seal_intact: bool = True, amends: str = "") -> PlanFacts:
    """The facts of a plan read whole (the store reads only these parts when it can:
    store/plan_facts.py, which a test keeps equal to this). `amends`: the path of
    the plan an amendment changes, as the store resolves it."""
    copies = plan.family_copies + plan.copies_after_final
    transition = plan.transition
    return PlanFacts(
        path=path,
        student_name=plan.student.name,
        student_id=plan.student.id,
        birth_date=plan.student.date_of_birth,
        kind=plan.meeting.kind,
        status=plan.status,
        meeting_date=plan.meeting.date,
        previous_iep_date=plan.meeting.previous_iep_date,
        last_evaluation_date=plan.meeting.last_evaluation_date,
        period_start=plan.period.start,
        period_end=plan.period.end,
        finalized=plan.sign_off.finalized,
        agenda=plan.agenda,
        profile=plan.profile,
        seal_intact=seal_intact,
        family_copy=bool(copies),
        transition_planned=bool(transition.education_goal.strip() or transition.employment_goal.strip()),
        rights_transfer_informed=transition.rights_transfer_informed,
        action_items=tuple(action for action in plan.action_items if not action.done),
        open_topics=tuple(topic for topic in plan.parking_lot if topic.state in OPEN_TOPICS),
        amends=amends,
        seal=plan.sign_off.content_sha256 or "",
        goal_ids=tuple(goal.id for goal in plan.goals),
    )


class ProgressFacts(NamedTuple):
    """What the caseload needs to know of a plan's progress file (`<plan>.progress.toml`)."""

    path: str  # the progress file, as an absolute path
    plan_name: str  # the plan it is the record of, as the record names it (a file name)
    plan_sha256: str  # that plan's content hash, as the record names it
    periods: tuple[ReportingPeriod, ...] = ()  # the record's own reporting periods (none: four quarters)
    reported: frozenset[tuple[str, dt.date]] = frozenset()  # (goal id, end of the period) of each report


def progress_facts_of(path: str, record: ProgressRecord) -> ProgressFacts:
    return ProgressFacts(
        path=path,
        plan_name=record.plan.path,
        plan_sha256=record.plan.sha256,
        periods=record.periods,
        reported=reported_goals(record),
    )


# A plan's progress facts by the plan's path; None: its progress file cannot be
# used (it cannot be read, or is another plan's: listed with the files that cannot be read).
ProgressOf = Mapping[str, ProgressFacts | None]


# Parking-lot topics the caseload lists: not resolved.
OPEN_TOPICS = frozenset({ParkingLotState.OPEN, ParkingLotState.FOLLOW_UP})


@attrs.frozen
class Unreadable:
    """A file the scan could not read as a plan, with the store's reason."""

    path: str
    reason: str


class Urgency(StrEnum):
    """How soon a row needs someone, most urgent first."""

    OVERDUE = "overdue"
    DUE_VERY_SOON = "due-very-soon"  # within the profile's urgent days (7)
    NEEDS_ATTENTION = "needs-attention"  # no date, but something is wrong or missing
    DUE_SOON = "due-soon"  # past the profile's caution threshold (30 days before an annual review)
    IN_PROGRESS = "in-progress"  # a draft being prepared
    OK = "ok"


class CaseItem(StrEnum):
    """What a row is about."""

    ANNUAL_REVIEW = "annual-review"
    REEVALUATION = "re-evaluation"
    TRANSITION = "transition"
    RIGHTS_TRANSFER = "rights-transfer"
    PROGRESS_REPORT = "progress-report"
    ACTION_ITEM = "action-item"
    PARKING_LOT = "parking-lot"
    OLD_DRAFT = "old-draft"
    DRAFT = "draft"
    NO_FAMILY_COPY = "no-family-copy"
    CHANGED_AFTER_FINAL = "changed-after-final"
    ORIGINAL_MISSING = "original-missing"
    UNREADABLE = "unreadable"


URGENCY_ORDER = {urgency: rank for rank, urgency in enumerate(Urgency)}
ITEM_ORDER = {item: rank for rank, item in enumerate(CaseItem)}


@attrs.frozen(kw_only=True)
class CaseStudent:
    """One student of the caseload and the plans that are theirs."""

    name: str
    id: str = ""
    birth_date: dt.date | None = None
    plans: tuple[PlanFacts, ...] = ()  # oldest first
    current: PlanFacts | None = None  # the latest final plan that is not an amendment
    amendments: tuple[PlanFacts, ...] = ()  # final amendments of the current plan
    last_iep: dt.date | None = None  # the last IEP meeting: what the annual review counts from
    last_evaluation: dt.date | None = None


@attrs.frozen(kw_only=True)
class CaseRow:
    """One thing due or open, for one student and one plan file."""

    state: Urgency
    item: CaseItem
    plan: str  # the file the row is about
    student: CaseStudent | None = None  # None for a file that cannot be read
    due: dt.date | None = None
    days_left: int | None = None  # negative: overdue by that many days
    detail: str = ""  # in plain words
    owner: str = ""  # who has to do it, for an action item

    @property
    def sort_key(self) -> tuple[int, int, str, int, str]:
        days = self.days_left if self.days_left is not None else 10**6
        name = self.student.name.casefold() if self.student is not None else ""
        return (URGENCY_ORDER[self.state], days, name, ITEM_ORDER[self.item], self.plan)


@attrs.frozen(kw_only=True)
class Caseload:
    as_of: dt.date
    rows: tuple[CaseRow, ...]
    students: tuple[CaseStudent, ...]
    plan_count: int
    unreadable_count: int


ProfileOf = Callable[[PlanFacts], Profile]


def caseload(
    plans: Iterable[PlanFacts],
    unreadable: Iterable[Unreadable],
    as_of: dt.date,
    profile_of: ProfileOf,
    missing_originals: frozenset[str] = frozenset(),
    progress: ProgressOf | None = None,
) -> Caseload:
    """Every row due or open on `as_of`, most urgent first. `profile_of` gives
    a plan's rule profile; `missing_originals` are the files amendments name
    that are not there; `progress` the plans' progress files."""
    plans = tuple(plans)
    students = group_by_student(plans)
    progress = progress or {}
    rows = [
        row for student in students for row in student_rows(student, as_of, profile_of, missing_originals, progress)
    ]
    rows += [
        CaseRow(state=Urgency.NEEDS_ATTENTION, item=CaseItem.UNREADABLE, plan=file.path, detail=file.reason)
        for file in unreadable
    ]
    rows.sort(key=lambda row: row.sort_key)
    return Caseload(
        as_of=as_of,
        rows=tuple(rows),
        students=students,
        plan_count=len(plans),
        unreadable_count=sum(1 for row in rows if row.item is CaseItem.UNREADABLE),
    )


# --- who is who ---------------------------------------------------------------------------


def _name_key(facts: PlanFacts) -> tuple[str, dt.date | None]:
    return (" ".join(facts.student_name.split()).casefold(), facts.birth_date)


def group_by_student(plans: Sequence[PlanFacts]) -> tuple[CaseStudent, ...]:
    """The plans of each student, by student id, else by name and date of birth
    (a plan without an id joins the one student whose plans with an id have
    that name and date of birth)."""
    ids_of_name: dict[tuple[str, dt.date | None], set[str]] = {}
    for facts in plans:
        if facts.student_id.strip():
            ids_of_name.setdefault(_name_key(facts), set()).add(facts.student_id.strip())
    # A name and birth date that two ids share says nothing about a plan without an id.
    id_of_name = {key: ids.pop() for key, ids in ids_of_name.items() if len(ids) == 1}
    groups: dict[str, list[PlanFacts]] = {}
    for facts in plans:
        student_id = facts.student_id.strip() or id_of_name.get(_name_key(facts), "")
        name, birth = _name_key(facts)
        key = f"id:{student_id}" if student_id else f"name:{name}:{birth}"
        groups.setdefault(key, []).append(facts)
    students = [_student(sorted(group, key=lambda facts: (facts.date, facts.path))) for group in groups.values()]
    return tuple(sorted(students, key=lambda student: (student.name.casefold(), student.id)))


def _student(plans: list[PlanFacts]) -> CaseStudent:
    finals = [facts for facts in plans if facts.final]
    bases = [facts for facts in finals if facts.kind is not MeetingKind.AMENDMENT]
    current = max(bases, key=lambda facts: (facts.date, facts.finalized or facts.date)) if bases else None
    if current is None and finals:  # only amendments: the plan they amend is not here
        current = finals[-1]
    amendments = tuple(
        facts
        for facts in finals
        if current is not None
        and facts is not current
        and facts.kind is MeetingKind.AMENDMENT
        and facts.date >= current.date
    )
    iep_dates = [facts.date for facts in bases] + [p.previous_iep_date for p in plans if p.previous_iep_date]
    evaluations = [facts.last_evaluation_date for facts in plans if facts.last_evaluation_date] + [
        facts.date for facts in bases if facts.kind is MeetingKind.REEVALUATION
    ]
    named = current or plans[-1]
    return CaseStudent(
        name=named.student_name,
        id=next((facts.student_id for facts in reversed(plans) if facts.student_id.strip()), ""),
        birth_date=named.birth_date or next((p.birth_date for p in reversed(plans) if p.birth_date), None),
        plans=tuple(plans),
        current=current,
        amendments=amendments,
        last_iep=max(iep_dates, default=None),
        last_evaluation=max(evaluations, default=None),
    )


# --- what is due ------------------------------------------------------------------------------


def student_rows(
    student: CaseStudent,
    as_of: dt.date,
    profile_of: ProfileOf,
    missing_originals: frozenset[str] = frozenset(),
    progress: ProgressOf | None = None,
) -> Iterator[CaseRow]:
    """Every row of one student, in no particular order."""
    rules = profile_of(student.current or student.plans[-1])
    yield from _annual_review(student, as_of, rules)
    yield from _reevaluation(student, as_of, rules)
    yield from _transition(student, as_of, rules)
    yield from _rights_transfer(student, as_of, rules)
    yield from _open_items(student, as_of, rules)
    yield from _drafts(student, as_of, rules)
    yield from _records(student, missing_originals)
    yield from progress_reports_due(student, as_of, rules, progress or {})


def _row(
    student: CaseStudent,
    item: CaseItem,
    plan: PlanFacts,
    state: Urgency,
    *,
    due: dt.date | None = None,
    days_left: int | None = None,
    detail: str = "",
    owner: str = "",
) -> CaseRow:
    return CaseRow(
        student=student,
        item=item,
        plan=plan.path,
        state=state,
        due=due,
        days_left=days_left,
        detail=detail,
        owner=owner,
    )


def _dated_state(days_left: int, rules: Profile, soon_days: int | None = None) -> Urgency:
    """The state of a deadline `days_left` days away."""
    timelines = rules.timelines
    if soon_days is None:
        soon_days = timelines.annual_review_days - timelines.annual_review_caution_days
    if days_left < 0:
        return Urgency.OVERDUE
    if days_left <= timelines.urgent_days:
        return Urgency.DUE_VERY_SOON
    return Urgency.DUE_SOON if days_left < soon_days else Urgency.OK


def _deadline(
    since: dt.date, as_of: dt.date, overdue_days: int, caution_days: int, rules: Profile
) -> tuple[dt.date, int, Urgency]:
    """Due date, days left and state of a deadline `overdue_days` after `since`."""
    due = since + dt.timedelta(days=overdue_days)
    days_left = (due - as_of).days
    return due, days_left, _dated_state(days_left, rules, soon_days=overdue_days - caution_days)


def _annual_review(student: CaseStudent, as_of: dt.date, rules: Profile) -> Iterator[CaseRow]:
    if student.last_iep is None:
        return
    timelines = rules.timelines
    due, days_left, state = _deadline(
        student.last_iep, as_of, timelines.annual_review_days, timelines.annual_review_caution_days, rules
    )
    plan = student.current or student.plans[-1]
    detail = f"last IEP meeting {student.last_iep}; at least every {timelines.annual_review_days} days"
    yield _row(student, CaseItem.ANNUAL_REVIEW, plan, state=state, due=due, days_left=days_left, detail=detail)


def _reevaluation(student: CaseStudent, as_of: dt.date, rules: Profile) -> Iterator[CaseRow]:
    plan = student.current or student.plans[-1]
    timelines = rules.timelines
    if student.last_evaluation is None:
        if student.current is not None:
            yield _row(
                student,
                CaseItem.REEVALUATION,
                plan,
                state=Urgency.NEEDS_ATTENTION,
                detail="no plan records the last evaluation (Meeting › last evaluation date): "
                "record it in the next plan",
            )
        return
    due, days_left, state = _deadline(
        student.last_evaluation, as_of, timelines.reevaluation_days, timelines.reevaluation_caution_days, rules
    )
    detail = f"last evaluation {student.last_evaluation}; at least every {timelines.reevaluation_days} days"
    yield _row(student, CaseItem.REEVALUATION, plan, state=state, due=due, days_left=days_left, detail=detail)


def _in_force(student: CaseStudent) -> tuple[PlanFacts, ...]:
    """The current plan and its amendments: what binds the school now."""
    return (student.current, *student.amendments) if student.current is not None else ()


def _next_plan_end(current: PlanFacts) -> dt.date:
    """When the plan after the current one ends, if it starts the day the current one ends."""
    return dates.plan_end(current.period_end + dt.timedelta(days=1))


def _annual_due(student: CaseStudent, rules: Profile) -> dt.date | None:
    if student.last_iep is None:
        return None
    return student.last_iep + dt.timedelta(days=rules.timelines.annual_review_days)


def _transition(student: CaseStudent, as_of: dt.date, rules: Profile) -> Iterator[CaseRow]:
    current, birth = student.current, student.birth_date
    if current is None or birth is None or any(facts.transition_planned for facts in _in_force(student)):
        return
    age = rules.transition_age
    turns = dates.birthday_at_age(birth, age)
    if turns <= current.period_end:
        detail = (
            f"turns {age} on {turns}, while the current plan is in effect, and it has no transition plan "
            f"({rules.transition.cite}): amend it"
        )
        due = current.period_start
    elif turns <= _next_plan_end(current):
        detail = (
            f"turns {age} on {turns}: the next plan needs post-secondary goals and transition services "
            f"({rules.transition.cite})"
        )
        due = _annual_due(student, rules) or current.period_end
    else:
        return
    days_left = (due - as_of).days
    state = _dated_state(days_left, rules)
    yield _row(student, CaseItem.TRANSITION, current, state=state, due=due, days_left=days_left, detail=detail)


def _rights_transfer(student: CaseStudent, as_of: dt.date, rules: Profile) -> Iterator[CaseRow]:
    current, birth = student.current, student.birth_date
    if current is None or birth is None or not rules.majority.rights_transfer:
        return
    if any(facts.rights_transfer_informed for facts in _in_force(student)):
        return
    majority = rules.age_of_majority
    due = dates.birthday_at_age(birth, majority - 1)
    if due > _next_plan_end(current):
        return
    days_left = (due - as_of).days
    detail = (
        f"turns {majority} on {dates.birthday_at_age(birth, majority)}: tell the student, a year before, "
        f"which rights transfer ({rules.majority.cite})"
    )
    state = _dated_state(days_left, rules)
    yield _row(student, CaseItem.RIGHTS_TRANSFER, current, state=state, due=due, days_left=days_left, detail=detail)


def _same_topic(topic: ParkingLotItem) -> str:
    """What makes two parking-lot topics one: their words, ignoring case and spacing."""
    return " ".join(topic.topic.split()).casefold()


def _recent(student: CaseStudent) -> tuple[PlanFacts, ...]:
    """The plans whose open items still matter: the plan in force, its
    amendments, and drafts newer than it (an older draft is not followed up)."""
    current = student.current
    drafts = tuple(p for p in student.plans if not p.final and (current is None or p.date >= current.date))
    return _in_force(student) + drafts


def _open_items(student: CaseStudent, as_of: dt.date, rules: Profile) -> Iterator[CaseRow]:
    recent = _recent(student)
    # A topic next year's draft carried over is listed once, in the draft, where the team takes it up.
    carried = {_same_topic(topic) for plan in recent if not plan.final for topic in plan.open_topics}
    for plan in recent:
        for action in plan.action_items:
            if action.due is not None and action.due < as_of:
                yield _row(
                    student,
                    CaseItem.ACTION_ITEM,
                    plan,
                    state=Urgency.OVERDUE,
                    due=action.due,
                    days_left=(action.due - as_of).days,
                    detail=f"{action.owner}: {action.what}",
                    owner=action.owner,
                )
        for topic in plan.open_topics:
            if plan.final and _same_topic(topic) in carried:
                continue
            raised = f" (raised by {topic.raised_by})" if topic.raised_by.strip() else ""
            detail = f"{topic.topic}{raised}: {label(topic.state)}"
            if topic.resolution.strip():
                detail += f"; {topic.resolution}"
            yield _row(student, CaseItem.PARKING_LOT, plan, state=Urgency.NEEDS_ATTENTION, detail=detail)


def _drafts(student: CaseStudent, as_of: dt.date, rules: Profile) -> Iterator[CaseRow]:
    days = rules.timelines.draft_days
    for plan in student.plans:
        if plan.final:
            continue
        kind = label(plan.kind).lower()
        age = (as_of - plan.date).days
        if age > days:
            detail = f"the {kind} meeting was on {plan.date}, {age} days ago; the plan is still a draft"
            yield _row(
                student,
                CaseItem.OLD_DRAFT,
                plan,
                state=Urgency.NEEDS_ATTENTION,
                due=plan.date,
                days_left=-age,
                detail=detail,
            )
        else:
            when = "was" if plan.date < as_of else "is"
            detail = f"the {kind} meeting {when} on {plan.date}"
            yield _row(
                student, CaseItem.DRAFT, plan, state=Urgency.IN_PROGRESS, due=plan.date, days_left=-age, detail=detail
            )


def _records(student: CaseStudent, missing_originals: frozenset[str]) -> Iterator[CaseRow]:
    """What is wrong with the records themselves."""
    attention = Urgency.NEEDS_ATTENTION
    for plan in _in_force(student):
        if not plan.family_copy:
            detail = "no copy given to the family is recorded (34 CFR 300.322(f)): make it in the app, or record it"
            yield _row(student, CaseItem.NO_FAMILY_COPY, plan, state=attention, detail=detail)
    for plan in student.plans:
        if plan.final and not plan.seal_intact:
            detail = (
                "the final plan was changed after it was finalized: it is not what the team agreed "
                "(iep-meeting check says more)"
            )
            yield _row(student, CaseItem.CHANGED_AFTER_FINAL, plan, state=attention, detail=detail)
        if plan.amends and plan.amends in missing_originals:
            detail = f"the plan this amendment changes ({PurePath(plan.amends).name}) is not there"
            yield _row(student, CaseItem.ORIGINAL_MISSING, plan, state=attention, detail=detail)


# --- progress reports -----------------------------------------------------------------------------


def progress_reports_due(
    student: CaseStudent, as_of: dt.date, rules: Profile, progress: ProgressOf
) -> Iterator[CaseRow]:
    """Progress reports due to the family (34 CFR 300.320(a)(3)(ii)): the
    reporting periods that ended, or end within the due-soon window, with goals
    that have no report in the progress file beside the plan. Each period is the
    business of the plan in force when it ends: the current plan, then each
    amendment from its meeting on. A plan without a progress file has these rows
    only when its rule profile requires progress to be reported in this program
    (`[progress_reports] required`: else the reports may be kept elsewhere, and
    `iep-meeting check` advises); one whose progress file cannot be used has none
    (the file is listed among those that cannot be read)."""
    in_force = _in_force(student)
    timelines = rules.timelines
    until = as_of + dt.timedelta(days=timelines.annual_review_days - timelines.annual_review_caution_days)
    for index, plan in enumerate(in_force):
        record = progress.get(plan.path)
        if not plan.goal_ids or (record is None and (plan.path in progress or not rules.progress_reports.required)):
            continue
        since = plan.date if index else None  # an amendment's periods start at its meeting
        before = in_force[index + 1].date if index + 1 < len(in_force) else None  # then the next one's
        periods = reporting_periods(record.periods if record else (), plan.period_start, plan.period_end)
        reported = record.reported if record is not None else frozenset()
        for period, goals in unreported(periods, plan.goal_ids, reported, until):
            if (since is None or period.end >= since) and (before is None or period.end < before):
                yield _progress_row(student, plan, period, goals, as_of, rules, has_file=record is not None)


def _progress_row(
    student: CaseStudent,
    plan: PlanFacts,
    period: ReportingPeriod,
    goals: Sequence[str],
    as_of: dt.date,
    rules: Profile,
    *,
    has_file: bool,
) -> CaseRow:
    days_left = (period.end - as_of).days
    named = f"“{period.name}”, the reporting period" if period.name else "the reporting period"
    ends = "ended" if days_left < 0 else "ends"
    detail = (
        f"{named} that {ends} on {period.end}: no progress report for {len(goals)} of {len(plan.goal_ids)} "
        f"goals ({', '.join(goals)}; {rules.progress_reports.cite})"
    )
    name = PurePath(plan.path).name
    detail += f": iep-meeting progress {name}" if has_file else f"; no progress file yet: iep-meeting progress {name}"
    state = _dated_state(days_left, rules)
    return _row(
        student, CaseItem.PROGRESS_REPORT, plan, state=state, due=period.end, days_left=days_left, detail=detail
    )
