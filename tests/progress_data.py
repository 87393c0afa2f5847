"""Progress records for the tests and bench/progress.py: a final plan on disk and
points on its goals, as a teacher records them week by week (fictional data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iep_meeting.model.edits import finalize
from iep_meeting.model.goal_progress import DataPoint, Method, PlanRef, ProgressRecord, with_points
from iep_meeting.model.plan import Plan
from iep_meeting.store.progress_file import ProgressFile
from iep_meeting.store.seal import content_hash, sealed
from tests.factories import MEETING_DATE, PERIOD_START, small_plan
from tests.plan_files import files_under, run_cli, write


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


def refused_from_the_command_line(
    progress: ProgressFile, capsys: pytest.CaptureFixture[str], action: str, *args: object
) -> str:
    """What `iep-meeting progress ACTION PLAN ARGS` says on the plan of `progress`
    (closed first, as another program would find it), when it refuses: exit code 2,
    and not a file under the plan's folder written, made or removed."""
    plan_path = progress.plan_path
    progress.close()
    before = files_under(plan_path.parent)
    code, _, err = run_cli("progress", action, plan_path, *args, capsys=capsys)
    assert code == 2, err
    assert files_under(plan_path.parent) == before
    return err
