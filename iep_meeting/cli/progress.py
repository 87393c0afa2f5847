"""`iep-meeting progress`: progress on a final plan's goals between meetings.

    iep-meeting progress PLAN                       the screen (tui/progress/)
    iep-meeting progress add PLAN --goal ID --value N [--of N] [--date …] [--unit …] [--how …] [--by …] [--note …]
    iep-meeting progress import PLAN data.csv       a data sheet (store/progress_sheet.py)

Every point goes into the progress file beside the plan
(store/progress_file.py); the plan is never touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from iep_meeting.cli.output import say
from iep_meeting.model.goal_progress import DataPoint, Method, aim_of, points_of, standing
from iep_meeting.store.errors import StoreError
from iep_meeting.store.progress_file import ProgressFile
from iep_meeting.store.progress_sheet import read_sheet
from iep_meeting.words.labels import ENGLISH

ACTIONS = ("add", "import")
USAGE = "iep-meeting progress PLAN | progress add PLAN --goal ID --value N … | progress import PLAN SHEET.csv"


def register(commands: Any, date_type: Any) -> None:
    """Add the `progress` command to the command line's subcommands."""
    progress = commands.add_parser(
        "progress",
        usage=USAGE,
        help="progress on a final plan's goals between meetings: the screen, add a point, import a data sheet",
        description="Record progress on each goal of a final plan, beside it in <plan>.progress.toml.",
    )
    progress.add_argument(
        "words",
        nargs="+",
        metavar="[add|import] PLAN [SHEET]",
        help="PLAN: open the screen; add PLAN: one point (--goal, --value); import PLAN SHEET.csv: a data sheet",
    )
    point = progress.add_argument_group("a point (progress add)")
    point.add_argument("--goal", metavar="ID", help="the goal's id in the plan")
    point.add_argument("--value", type=float, metavar="N", help="the number measured (or the successes, with --of)")
    point.add_argument("--of", type=int, metavar="N", help="out of how many attempts")
    point.add_argument("--date", type=date_type, metavar="YYYY-MM-DD", help="the day measured (default: today)")
    point.add_argument("--unit", default="", help='e.g. "words correct per minute"')
    point.add_argument("--how", choices=[method.value for method in Method], help="how it was measured")
    point.add_argument("--by", default="", metavar="ROLE", help='who measured, e.g. "paraprofessional"')
    point.add_argument("--note", default="")
    progress.add_argument("--read-only", action="store_true", help="the screen: look without adding")
    progress.add_argument(
        "--keys",
        type=Path,
        default=None,
        metavar="FILE",
        help="the screen: your own keys (default: keys.toml in the user config folder, if there is one)",
    )
    progress.set_defaults(handler=cmd_progress)


POINT_OPTIONS = ("goal", "value", "of", "date", "how")


def cmd_progress(args: argparse.Namespace) -> int:
    words = list(args.words)
    action = words.pop(0) if words[0] in ACTIONS and len(words) > 1 else None
    given = [f"--{name}" for name in POINT_OPTIONS if getattr(args, name) is not None]
    if action != "add" and given:
        raise StoreError(f"{', '.join(given)}: only with progress add PLAN.")
    if action == "import":
        if len(words) != 2:
            raise StoreError(f"progress import needs PLAN and the data sheet: {USAGE}")
        return import_sheet(Path(words[0]), Path(words[1]))
    if len(words) != 1:
        raise StoreError(f"progress takes one plan: {USAGE}")
    if action == "add":
        return add_point(Path(words[0]), args)
    from iep_meeting.tui.progress.launch import run_progress  # Textual loads only for the screen

    return run_progress(Path(words[0]), read_only=args.read_only, keys_file=args.keys)


def add_point(plan_path: Path, args: argparse.Namespace) -> int:
    missing = [f"--{name}" for name in ("goal", "value") if getattr(args, name) is None]
    if missing:
        raise StoreError(f"progress add needs {' and '.join(missing)}.")
    today = dt.date.today()
    point = DataPoint(
        goal=args.goal,
        date=args.date or today,
        value=args.value,
        of=args.of,
        unit=args.unit,
        how=Method(args.how) if args.how else None,
        by=args.by,
        note=args.note,
    )
    with ProgressFile.open(plan_path) as progress:
        record = progress.add_points([point], today)
        goal = progress.final.goal(point.goal)
        assert goal is not None  # a point on no goal of the plan is refused above
        verdict = standing(points_of(record, goal.id), aim_of(goal, progress.final.period, record))
        say(f"Added to {progress.path}: {goal.id}, {point.date}, {_amount(point)}.")
    say(f"{goal.id}: {ENGLISH.mark(verdict.standing)}.")
    return 0


def _amount(point: DataPoint) -> str:
    value = f"{point.value:g}"
    amount = f"{value} of {point.of}" if point.of else value
    return f"{amount} {point.unit}".strip()


def import_sheet(plan_path: Path, sheet: Path) -> int:
    rows = read_sheet(sheet)
    where = [f"{sheet}, line {line}" for line, _ in rows]
    with ProgressFile.open(plan_path) as progress:
        progress.add_points([point for _, point in rows], dt.date.today(), where)
        say(f"Imported {len(rows)} point(s) from {sheet} into {progress.path}.")
    return 0
