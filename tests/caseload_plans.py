"""Folders of fictional plans for the caseload's tests, its screen and bench/caseload.py.

`student_plan` turns the complete plan of tests/factories.py into another
student's plan of another year; `write_caseload` writes a small caseload that
has one of every kind of row on `AS_OF`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs

from iep_meeting.model import dates
from iep_meeting.model.plan import (
    ActionItem,
    Amends,
    FamilyCopy,
    MeetingKind,
    ParkingLotItem,
    ParkingLotState,
    Period,
    Plan,
    Status,
)
from iep_meeting.store.plan_file import plan_to_text
from iep_meeting.store.seal import file_content_hash, sealed
from tests.factories import small_plan

AS_OF = dt.date(2026, 9, 15)


def student_plan(
    name: str,
    student_id: str,
    birth: dt.date,
    meeting_date: dt.date,
    *,
    status: Status = Status.FINAL,
    kind: MeetingKind = MeetingKind.ANNUAL_REVIEW,
    last_evaluation: dt.date | None = None,
    action_items: tuple[ActionItem, ...] = (),
    parking_lot: tuple[ParkingLotItem, ...] = (),
    family_copy: bool = True,
    transition_planned: bool = False,
    amends: Amends | None = None,
) -> Plan:
    """A plan of `name` whose meeting is on `meeting_date` (its period starts that
    day and runs a year); a final one is sealed, as the app seals it."""
    plan = small_plan()
    start = meeting_date
    plan = attrs.evolve(
        plan,
        student=attrs.evolve(plan.student, name=name, id=student_id, date_of_birth=birth),
        meeting=attrs.evolve(
            plan.meeting,
            kind=kind,
            date=meeting_date,
            previous_iep_date=None,
            last_evaluation_date=last_evaluation,
        ),
        period=Period(start=start, end=dates.plan_end(start)),
        action_items=action_items,
        parking_lot=parking_lot,
        family_copies=plan.family_copies if family_copy else (),
        transition=attrs.evolve(
            plan.transition,
            education_goal="A two-year college program in graphic design." if transition_planned else "",
        ),
        amends=amends,
    )
    if status is Status.FINAL:
        plan = attrs.evolve(plan, status=Status.FINAL, sign_off=attrs.evolve(plan.sign_off, finalized=meeting_date))
        return sealed(plan)
    return plan


def write(path: Path, plan: Plan) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(plan_to_text(plan), encoding="utf-8")
    path.chmod(0o600)
    return path


def amends(original: Path) -> Amends:
    """What an amendment next to `original` records of it (as `iep-meeting amend` does)."""
    from iep_meeting.store.plan_file import load_plan_file

    return Amends(path=original.name, sha256=file_content_hash(load_plan_file(original)))


def write_caseload(folder: Path) -> dict[str, Path]:
    """Four students and a broken file, in `folder` (a subfolder a student):

    - Sam Example: last annual review 2025-09-01 (overdue on AS_OF), an action
      item past due, a parking-lot topic carried to a follow-up meeting;
    - Ana Sample: reviewed 2025-10-05 (due within 30 days), amended in January;
      the amendment records no family copy;
    - Lee Placeholder: turns 16 on 2027-01-15, in the next plan, and has no
      transition plan; next year's draft is in progress;
    - Kim Fixture: only a draft, whose meeting was in June (never finalized);
    - broken.iep.toml: not TOML.
    """
    paths: dict[str, Path] = {}
    paths["sam"] = write(
        folder / "sam" / "2025-annual.iep.toml",
        student_plan(
            "Sam Example",
            "FAKE-0001",
            dt.date(2013, 5, 4),
            dt.date(2025, 9, 1),
            last_evaluation=dt.date(2024, 2, 20),
            action_items=(
                ActionItem(owner="Casey Fixture", what="Send the reading probes home", due=dt.date(2025, 10, 1)),
                ActionItem(owner="Morgan Mockwell", what="Book the room", due=dt.date(2025, 9, 5), done=True),
            ),
            parking_lot=(
                ParkingLotItem(topic="Band schedule", raised_by="Alex Example", state=ParkingLotState.FOLLOW_UP),
                ParkingLotItem(topic="Bus route", state=ParkingLotState.RESOLVED, resolution="Fixed."),
            ),
        ),
    )
    ana = ("Ana Sample", "FAKE-0002", dt.date(2012, 1, 9))
    paths["ana"] = write(
        folder / "ana" / "2025-annual.iep.toml",
        student_plan(*ana, dt.date(2025, 10, 5), last_evaluation=dt.date(2023, 11, 1)),
    )
    amendment = student_plan(
        *ana, dt.date(2026, 1, 20), kind=MeetingKind.AMENDMENT, family_copy=False, amends=amends(paths["ana"])
    )
    paths["ana-amendment"] = write(folder / "ana" / "2026-amendment.iep.toml", amendment)
    lee = ("Lee Placeholder", "FAKE-0003", dt.date(2011, 1, 15))
    paths["lee"] = write(
        folder / "lee" / "2025-annual.iep.toml",
        student_plan(*lee, dt.date(2025, 12, 1), last_evaluation=dt.date(2025, 12, 1)),
    )
    paths["lee-draft"] = write(
        folder / "lee" / "2026-annual.iep.toml", student_plan(*lee, dt.date(2026, 11, 24), status=Status.DRAFT)
    )
    paths["kim"] = write(
        folder / "kim" / "2026-initial.iep.toml",
        student_plan(
            "Kim Fixture",
            "FAKE-0004",
            dt.date(2016, 2, 29),
            dt.date(2026, 6, 2),
            status=Status.DRAFT,
            kind=MeetingKind.INITIAL,
        ),
    )
    paths["broken"] = folder / "broken.iep.toml"
    paths["broken"].write_text("schema = 2\n[student\nname = 'x'\n", encoding="utf-8")
    return paths


def copy_after_final(plan: Plan, on: dt.date) -> Plan:
    """A final plan with a copy for the family recorded after finalizing (outside its seal)."""
    return attrs.evolve(plan, copies_after_final=(FamilyCopy(date=on, language="English", document="family"),))
