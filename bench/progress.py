"""A year of weekly progress points on a 200-goal plan: reading the progress
file, making the family's report, adding one point from the command line.

- `progress-load ratio`: `load_progress` of the progress file (52 points a
  goal, 10,400 in all, each goal's values its own, and a report per goal and
  quarter) against `load_plan`
  of the plan itself. Target <= 1.0.
- `progress-html ratio`: the progress report of the last quarter as HTML
  (`progress_report` + `document_html`, every goal's chart and table) against
  the same `load_plan`. Target <= 1.0.
- `progress-add ratio`: `iep-meeting progress add PLAN --goal … --value …` as a
  whole process (it reads the plan and the progress file, appends the point
  and writes the file atomically) against `iep-meeting --version`. Each add
  gets a fresh copy of the progress file, so every one writes the same size.
  Target <= 1.2.

Each pair runs interleaved in the same run and is compared by its medians, so
machine noise hits both alike. The processes run from compiled bytecode in a
temporary folder (PYTHONPYCACHEPREFIX), as an installed program does. The same
runs are also timed in CPU time (a line `(cpu time) …` under each ratio): on a
machine shared with other work the wall clock also counts the waits for a CPU,
and for `progress add` the waits for the disk (fsync).

Run: python bench/progress.py [--rounds N] [--goals N]
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import attrs

from iep_meeting.documents.html import document_html
from iep_meeting.documents.progress_report import progress_report
from iep_meeting.model.goal_progress import (
    DataPoint,
    GoalReport,
    ProgressCode,
    periods_of,
)
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import load_plan
from iep_meeting.store.progress_file import load_progress, progress_path
from iep_meeting.store.progress_text import record_to_text
from tests.factories import big_plan
from tests.progress_data import final_plan, final_plan_file, record_of, weekly_points

WEEKS = 52
ROOT = Path(_harness.ROOT)


def varied_points(goal: str, rng: random.Random) -> list[DataPoint]:
    """A year of weekly points of one goal, as real ones vary: each goal its own start
    and pace, each week a little up or down. (Every goal measured the same would let
    each value's words be made once for the whole report, which real data never does.)"""
    start, step = rng.uniform(20, 90), rng.uniform(0.1, 1.3)
    return [
        point._replace(value=round(point.value + rng.uniform(-3, 3), 1))
        for point in weekly_points(goal, WEEKS, start=round(start, 1), step=round(step, 2))
    ]


def year_of_progress(goals: int, folder: Path) -> Path:
    """A final 200-goal plan and its progress file: a point a week for every goal, a report a quarter."""
    plan = final_plan(big_plan(goals))
    path = final_plan_file(folder / "big.iep.toml", big_plan(goals))
    rng = random.Random(2026)  # the same varied year in every run
    points = [point for goal in plan.goals for point in varied_points(goal.id, rng)]
    record = record_of(plan, path.name, sorted(points, key=lambda p: p.date))
    reports = tuple(
        GoalReport(
            goal=goal.id,
            period=period.end,
            code=ProgressCode.SUBSTANTIAL,
            sufficient=True,
            narrative="Reads 90 words correct per minute, on the aim line.\nPractice goes on.",
        )
        for period in periods_of(record, plan)
        for goal in plan.goals
    )
    progress_path(path).write_text(record_to_text(attrs.evolve(record, reports=reports)), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--goals", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        plan_path = year_of_progress(args.goals, folder)
        progress = progress_path(plan_path)
        pristine = folder / "pristine.progress.toml"
        shutil.copyfile(progress, pristine)
        plan = load_plan(plan_path)
        record = load_progress(progress)
        assert record is not None
        spanish = locale_strings("es")
        last_quarter = periods_of(record, plan)[-1]

        def load_record() -> None:
            load_progress(progress)

        def load() -> None:
            load_plan(plan_path)

        def html() -> None:
            document_html(progress_report(plan, record, spanish, last_quarter))

        (load_time, load_cpu), (record_time, record_cpu), (html_time, html_cpu) = _harness.interleaved_cpu_medians(
            args.rounds, load, load_record, html
        )

        env = {**os.environ, "PYTHONPYCACHEPREFIX": str(folder / "pycache"), "PYTHONPATH": str(ROOT)}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, "-m", "iep_meeting"]
        today = dt.date.today().isoformat()

        def version() -> None:
            subprocess.run([*command, "--version"], check=True, env=env, capture_output=True)

        def add() -> None:
            shutil.copyfile(pristine, progress)
            subprocess.run(
                [*command, "progress", "add", str(plan_path), "--goal", plan.goals[-1].id, "--value", "95",
                 "--date", today],
                check=True, env=env, capture_output=True,
            )  # fmt: skip

        (version_time, version_cpu), (add_time, add_cpu) = _harness.interleaved_cpu_medians(args.rounds, version, add)
        size = pristine.stat().st_size

    print(f"plan: {args.goals} goals; progress: {len(record.points)} points, {len(record.reports)} reports, "
          f"{size / 1024:.0f} KiB; {args.rounds} rounds")  # fmt: skip
    print(f"load_plan (median): {load_time * 1000:.1f} ms")
    print(f"load_progress (median): {record_time * 1000:.1f} ms")
    print(f"progress report as HTML (median): {html_time * 1000:.1f} ms")
    print(f"iep-meeting --version (median): {version_time * 1000:.1f} ms")
    print(f"iep-meeting progress add (median): {add_time * 1000:.1f} ms")
    print(f"progress-load ratio {record_time / load_time:.3f}")
    print(f"(cpu time) progress-load {record_cpu / load_cpu:.3f}")
    print(f"progress-html ratio {html_time / load_time:.3f}")
    print(f"(cpu time) progress-html {html_cpu / load_cpu:.3f}")
    print(f"progress-add ratio {add_time / version_time:.3f}")
    print(f"(cpu time) progress-add {add_cpu / version_cpu:.3f}")


if __name__ == "__main__":
    main()
