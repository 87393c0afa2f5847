"""Next year's plan from last year's final one, and what of it is still to review.

`next_year_of` starts the next annual review (or a re-evaluation) from last
year's final plan: the people carry over, last year's goals become the
previous goals whose progress this meeting records, and the rest of the plan
(present levels, services, accommodations, assessment, placement, special
factors, transition) carries over as a starting draft. Last year's progress
record fills in the previous goals' progress (`previous_goal`), and what last
year left open (a tabled decision, a topic for a follow-up) comes over as an
open topic of the parking lot (`unsettled`). Each carried part or
record is listed in `follows.to_review` by its *review key* until the team
changes it or confirms it as it is; the app marks those "from last year —
review", and the checklist gives advice for each.

Review keys are text, so the file says them plainly:

- a part of the plan: "present_levels.parent_concerns", "assessment", "lre",
  "student.grade" (a fact that changes every year), ...
- a record of a list, by what names it: "services:service-2",
  "accommodations:accommodation-1", "present_levels.areas:reading fluency"
  (an area has no id: its name; renaming it is a change).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from iep_meeting.model import dates
from iep_meeting.model.agenda import Agenda
from iep_meeting.model.edits import invited_again
from iep_meeting.model.goal_progress import (
    CODE_TO_PROGRESS,
    FROM_THE_RECORD,
    ProgressRecord,
    aim_of,
    amount_of,
    last_report,
    points_of,
    split_by_measure,
    standing,
)
from iep_meeting.model.paths import get_in
from iep_meeting.model.plan import (
    Facilitation,
    Follows,
    Goal,
    Meeting,
    Outcome,
    ParkingLotItem,
    ParkingLotState,
    Period,
    Plan,
    PresentLevels,
    PreviousGoal,
    SignOff,
    Status,
    Student,
)
from iep_meeting.model.translations import carried_translations
from iep_meeting.words.labels import ENGLISH

Path = tuple[str | int, ...]

# Parts carried as one: (review key, plan path, words, where in it the checklist's advice points).
PARTS: tuple[tuple[str, Path, str, Path], ...] = (
    ("student.grade", ("student", "grade"), "The student's grade (it changes every year)", ()),
    ("present_levels.parent_concerns", ("present_levels", "parent_concerns"), "The family's concerns", ()),
    ("present_levels.evaluation_summary", ("present_levels", "evaluation_summary"), "The evaluation summary", ()),
    ("assessment", ("assessment",), "How the student takes state and district tests", ("participation",)),
    ("lre", ("lre",), "The placement (time in general education)", ("general_education_percent",)),
    ("special_factors", ("special_factors",), "The special factors", ("behavior", "needed")),
    ("transition", ("transition",), "The transition plan", ("education_goal",)),
)
# Lists whose records are carried one by one: (list key, plan path, words, where in a record the advice points).
LISTS: tuple[tuple[str, Path, str, Path], ...] = (
    ("present_levels.areas", ("present_levels", "areas"), "Present levels area", ("area",)),
    ("services", ("services",), "Service", ("description",)),
    ("accommodations", ("accommodations",), "Accommodation", ("description",)),
    # Only those filled in from the progress record (`previous_goal`): the rest are this meeting's to fill.
    ("present_levels.previous_goals", ("present_levels", "previous_goals"), "Previous goal", ("progress",)),
)


def record_name(list_key: str, record: Any) -> str:
    """What names a record of a carried list in its review key."""
    return str(record.area) if list_key == "present_levels.areas" else str(record.id)


def review_keys(plan: Plan) -> Iterator[str]:
    """The review key of every part and record of `plan` that holds something."""
    empty = Plan(student=Student(name=plan.student.name), meeting=plan.meeting, period=plan.period)
    for key, path, _, _ in PARTS:
        if get_in(plan, path) != get_in(empty, path):
            yield key
    for key, path, _, _ in LISTS:
        for record in get_in(plan, path):
            if isinstance(record, PreviousGoal) and record.progress is None and not record.evidence:
                continue  # nothing carried: this meeting records its progress
            yield f"{key}:{record_name(key, record)}"


def _split(entry: str) -> tuple[str, str | None]:
    key, colon, name = entry.partition(":")
    return key, (name if colon else None)


def locate(plan: Plan, entry: str) -> Path | None:
    """Where the part or record a review key names is in `plan` (None: not there any more)."""
    key, name = _split(entry)
    if name is None:
        return next((path for part, path, _, _ in PARTS if part == key), None)
    for list_key, path, _, _ in LISTS:
        if list_key == key:
            for index, record in enumerate(get_in(plan, path)):
                if record_name(key, record) == name:
                    return (*path, index)
    return None


def entry_at(plan: Plan, path: Path) -> str | None:
    """The review key of the carried part or record that plan path `path` is in."""
    for key, part_path, _, _ in PARTS:
        if path[: len(part_path)] == part_path:
            return key
    for key, list_path, _, _ in LISTS:
        size = len(list_path)
        if path[:size] == list_path and len(path) > size and isinstance(path[size], int):
            records = get_in(plan, list_path)
            index = path[size]
            if isinstance(index, int) and 0 <= index < len(records):
                return f"{key}:{record_name(key, records[index])}"
    return None


def to_review(plan: Plan) -> tuple[str, ...]:
    """What was carried over from last year and nobody has reviewed yet."""
    return plan.follows.to_review if plan.follows is not None else ()


def is_marked(plan: Plan, path: Path) -> bool:
    """Whether the part or record at `path` is still marked "from last year — review"."""
    pending = to_review(plan)
    return bool(pending) and entry_at(plan, path) in pending


def entry_words(plan: Plan, entry: str) -> str:
    """A review key in the app's words: "Service 2 (Speech therapy)", "The special factors"."""
    key, name = _split(entry)
    if name is None:
        return next((words for part, _, words, _ in PARTS if part == key), key)
    path = locate(plan, entry)
    words = next((words for list_key, _, words, _ in LISTS if list_key == key), key)
    if path is None:
        return f"{words} {name}"
    record, index = get_in(plan, path), path[-1]
    number = f"{words} {int(index) + 1}"
    if isinstance(record, PreviousGoal):
        return f"{number} ({record.id}), {FROM_THE_RECORD[0].lower()}{FROM_THE_RECORD[1:]}"
    about = record.area if key == "present_levels.areas" else record.description
    return f"{number} ({about.strip()})" if about.strip() else number


def finding_path(plan: Plan, entry: str) -> Path:
    """The field of a carried part or record where the checklist's advice on it points."""
    path = locate(plan, entry)
    if path is None:
        return ()
    key, _ = _split(entry)
    return (*path, *next(field for k, _, _, field in PARTS + LISTS if k == key))


def confirm(plan: Plan, *entries: str) -> Plan:
    """`plan` with `entries` reviewed as they are: their marks cleared, nothing else changed."""
    follows = plan.follows
    if follows is None or not set(entries) & set(follows.to_review):
        return plan
    left = tuple(entry for entry in follows.to_review if entry not in entries)
    return attrs.evolve(plan, follows=attrs.evolve(follows, to_review=left))


def clear_changed(before: Plan, after: Plan) -> Plan:
    """`after` without the marks of the carried parts and records a change from
    `before` edited (or removed): editing one is reviewing it."""
    pending = to_review(after)
    if not pending:
        return after
    changed = []
    for entry in pending:
        now = locate(after, entry)
        if now is None:
            changed.append(entry)
            continue
        then = locate(before, entry)
        if then is None:
            continue  # not in the plan before (a hand-edited file): nothing was edited
        old, new = get_in(before, then), get_in(after, now)
        if old is not new and old != new:
            changed.append(entry)
    return confirm(after, *changed) if changed else after


def previous_goal(goal: Goal, record: ProgressRecord | None, period: Period) -> PreviousGoal:
    """Last year's goal as this year's previous goal: with its progress filled in
    from the progress record (the last point of the goal's measure and where the
    goal stood by the on-track rule over last year's plan `period`, the last
    report's code and narrative), marked "from the progress record — review";
    else to be recorded."""
    points = points_of(record, goal.id) if record is not None else []
    report = last_report(record, goal.id) if record is not None else None
    if not points and report is None:
        return PreviousGoal(id=goal.id, statement=goal.statement)
    said = []
    charted = split_by_measure(points)[0]
    if charted:
        point, verdict = charted[-1], standing(points, aim_of(goal, period, record))
        said.append(
            f"last point {amount_of(point.value, point.of)} {point.unit}".rstrip()
            + f" on {point.date.isoformat()} ({ENGLISH.label(verdict.standing)})"
        )
    if report is not None:
        said.append(f"report for the period to {report.period.isoformat()}: {ENGLISH.label(report.code)}")
    evidence = f"{FROM_THE_RECORD}: " + "; ".join(said) + "."
    if report is not None and report.narrative.strip():
        evidence += "\n" + report.narrative.strip()
    return PreviousGoal(
        id=goal.id,
        statement=goal.statement,
        progress=CODE_TO_PROGRESS[report.code] if report is not None else None,
        evidence=evidence,
    )


def unsettled(last: Plan) -> tuple[ParkingLotItem, ...]:
    """What last year's meeting left open, as open topics of this one: each
    decision it tabled, and each parking-lot topic it did not resolve (a
    follow-up included)."""
    when = last.meeting.date.isoformat() if last.meeting.date else "last year's meeting"
    tabled = tuple(
        ParkingLotItem(topic=f"Tabled at the meeting of {when}: {decision.what.strip()}", section=decision.section)
        for decision in last.decisions
        if decision.outcome is Outcome.TABLED
    )
    unresolved = tuple(
        attrs.evolve(item, state=ParkingLotState.OPEN)
        for item in last.parking_lot
        if item.state is not ParkingLotState.RESOLVED
    )
    return tabled + unresolved


def next_year_of(
    last: Plan, follows: Follows, agenda: Agenda, meeting_date: dt.date, progress: ProgressRecord | None = None
) -> Plan:
    """Next year's draft from last year's final plan `last`, for a meeting on
    `meeting_date` (the plan period starts that day and runs a year). `follows`
    names `last`; its `to_review` is filled in here. `progress`, last year's
    progress record, fills in the previous goals' progress."""
    start, end = meeting_date, dates.plan_end(meeting_date)
    old = last.period

    def moved(day: dt.date | None, old_bound: dt.date, new_bound: dt.date) -> dt.date | None:
        return new_bound if day == old_bound else day

    services = tuple(
        attrs.evolve(
            service,
            start=moved(service.start, old.start, start),
            end=moved(service.end, old.end, end),
            goals=(),  # last year's goals are this year's previous goals: this year's are written anew
        )
        for service in last.services
    )
    levels = last.present_levels
    plan = Plan(
        student=last.student,
        meeting=Meeting(
            kind=agenda.meeting_kind,
            date=meeting_date,
            interpreter_status=last.meeting.interpreter_status,
            previous_iep_date=last.meeting.date,
            last_evaluation_date=last.meeting.last_evaluation_date,
        ),
        period=attrs.evolve(old, start=start, end=end),
        status=Status.DRAFT,
        agenda=agenda.id,
        profile=last.profile,
        team=invited_again(last.team),
        facilitation=Facilitation(),
        present_levels=PresentLevels(
            areas=levels.areas,
            parent_concerns=levels.parent_concerns,
            evaluation_summary=levels.evaluation_summary,
            previous_goals=tuple(previous_goal(goal, progress, last.period) for goal in last.goals),
        ),
        services=services,
        accommodations=last.accommodations,
        assessment=last.assessment,
        lre=last.lre,
        special_factors=last.special_factors,
        # Whether the student is invited is a fact of each meeting.
        transition=attrs.evolve(last.transition, student_invited=False),
        parking_lot=unsettled(last),
        sign_off=SignOff(),
    )
    return attrs.evolve(
        plan,
        follows=attrs.evolve(follows, to_review=tuple(review_keys(plan))),
        translations=carried_translations(last.translations, plan),
    )
