"""Progress records for the tests and bench/progress.py: a final plan on disk and
points on its goals, as a teacher records them week by week (fictional data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from iep_meeting.model.edits import finalize
from iep_meeting.model.goal_progress import DataPoint, Method, PlanRef, ProgressRecord, with_points
from iep_meeting.model.plan import Plan
from iep_meeting.store.seal import content_hash, sealed
from tests.factories import MEETING_DATE, PERIOD_START, small_plan
from tests.plan_files import write


def final_plan(plan: Plan | None = None) -> Plan:
    """`plan` (the small sample plan by default) as the team agreed it: final and sealed."""
    return sealed(finalize(plan or small_plan(), MEETING_DATE))


def final_plan_file(path: Path, plan: Plan | None = None) -> Path:
    return write(path, final_plan(plan))


def weekly_points(goal: str, weeks: int, start: float = 82, step: float = 0.6) -> list[DataPoint]:
    """A point every week from the plan's start: `start`, rising by `step` a week."""
    return [
        DataPoint(
            goal=goal,
            date=PERIOD_START + dt.timedelta(weeks=week),
            value=round(start + step * week, 1),
            unit="words correct per minute",
            how=Method.PROBE,
            by="special education teacher",
        )
        for week in range(weeks)
    ]


def record_of(plan: Plan, plan_name: str, points: list[DataPoint] | tuple[DataPoint, ...] = ()) -> ProgressRecord:
    """A progress record of `plan` (saved as `plan_name`) holding `points`."""
    return with_points(ProgressRecord(plan=PlanRef(path=plan_name, sha256=content_hash(plan))), points)
