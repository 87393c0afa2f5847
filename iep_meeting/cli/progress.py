"""`iep-meeting progress`: progress on a final plan's goals between meetings.

    iep-meeting progress PLAN                       the screen (tui/progress/)
    iep-meeting progress add PLAN --goal ID --value N [--of N] [--date …] [--unit …] [--how …] [--by …] [--note …]
    iep-meeting progress import PLAN data.csv       a data sheet (store/progress_sheet.py)
    iep-meeting progress withdraw PLAN --goal ID --value N [--of N] [--date …] --why …
                                                    take back a point recorded by mistake
    iep-meeting progress aim PLAN --goal ID --baseline N --target N
                                                    set a goal's aim line in numbers

Every point goes into the progress file beside the plan
(store/progress_file.py); the plan is never touched. The file is only added
to: a point taken back stays in it, and counts nowhere; an aim line set again
replaces the one before for the on-track rule, and both stay in the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from iep_meeting.cli.output import say
from iep_meeting.model.goal_progress import (
    Aim,
    DataPoint,
    Method,
    ProgressRecord,
    Withdrawal,
    aim_line_words,
    aim_of,
    aim_source,
    exact_amount,
    in_goal_units,
    points_of,
    split_by_measure,
    standing,
)
from iep_meeting.store.errors import StoreError
from iep_meeting.store.progress_file import ProgressFile
from iep_meeting.store.progress_sheet import read_sheet
from iep_meeting.words.labels import ENGLISH
from iep_meeting.words.phrases import plural

ACTIONS = ("add", "import", "withdraw", "aim")
USAGE = (
    "iep-meeting progress PLAN | progress add PLAN --goal ID --value N … | progress import PLAN SHEET.csv | "
    "progress withdraw PLAN --goal ID --value N [--of N] [--date …] --why … | "
    "progress aim PLAN --goal ID --baseline N --target N"
)


def register(commands: Any, date_type: Any) -> None:
    """Add the `progress` command to the command line's subcommands."""
    progress = commands.add_parser(
        "progress",
        usage=USAGE,
        help="progress on a final plan's goals between meetings: the screen, add a point, import a data sheet, "
        "take back a point recorded by mistake, set a goal's aim line",
        description="Record progress on each goal of a final plan, beside it in <plan>.progress.toml.",
    )
    progress.add_argument(
        "words",
        nargs="+",
        metavar="[add|import|withdraw|aim] PLAN [SHEET]",
        help="PLAN: open the screen; add PLAN: one point (--goal, --value); import PLAN SHEET.csv: a data sheet; "
        "withdraw PLAN: take back a point (--goal, --value, --of and --date as it was recorded, --why); "
        "aim PLAN: a goal's aim line in numbers (--goal, --baseline, --target)",
    )
    point = progress.add_argument_group("a point (progress add; progress withdraw: the point taken back)")
    point.add_argument("--goal", metavar="ID", help="the goal's id in the plan")
    point.add_argument("--value", type=float, metavar="N", help="the number measured (or the successes, with --of)")
    point.add_argument("--of", type=int, metavar="N", help="out of how many attempts")
    point.add_argument("--date", type=date_type, metavar="YYYY-MM-DD", help="the day measured (default: today)")
    point.add_argument(
        "--unit",
        default="",
        help='e.g. "words correct per minute" (default: the unit of the goal\'s last point of its kind)',
    )
    point.add_argument("--how", choices=[method.value for method in Method], help="how it was measured")
    point.add_argument("--by", default="", metavar="ROLE", help='who measured, e.g. "paraprofessional"')
    point.add_argument("--note", default="")
    point.add_argument("--why", metavar="TEXT", help='progress withdraw: what was wrong, e.g. "typed 1050 for 105"')
    aim = progress.add_argument_group(
        "an aim line (progress aim, with --goal), when the goal's baseline and target texts do not give the right "
        "numbers"
    )
    aim.add_argument("--baseline", type=float, metavar="N", help="where the line starts, on the plan's first day")
    aim.add_argument("--target", type=float, metavar="N", help="where it ends, on the plan's last day")
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
CHECKED_OPTIONS = (*POINT_OPTIONS, "why", "baseline", "target")
# What each action takes of them; the screen and import, none.
TAKEN = {
    "add": set(POINT_OPTIONS),
    "withdraw": {"goal", "value", "of", "date", "why"},
    "aim": {"goal", "baseline", "target"},
}


def cmd_progress(args: argparse.Namespace) -> int:
    words = list(args.words)
    action = words.pop(0) if words[0] in ACTIONS and len(words) > 1 else None
    taken = TAKEN.get(action or "", set())
    given = [name for name in CHECKED_OPTIONS if getattr(args, name) is not None and name not in taken]
    if given:
        where = " or ".join(f"progress {other} PLAN" for other, names in TAKEN.items() if given[0] in names)
        raise StoreError(f"{', '.join(f'--{name}' for name in given)}: only with {where}.")
    if action == "import":
        if len(words) != 2:
            raise StoreError(f"progress import needs PLAN and the data sheet: {USAGE}")
        return import_sheet(Path(words[0]), Path(words[1]))
    if len(words) != 1:
        raise StoreError(f"progress takes one plan: {USAGE}")
    if action == "add":
        return add_point(Path(words[0]), args)
    if action == "withdraw":
        return withdraw_point(Path(words[0]), args)
    if action == "aim":
        return set_aim(Path(words[0]), args)
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
        point = in_goal_units([point], progress.record)[0]  # no --unit: the goal's
        record = progress.add_points([point], today)
        say(f"Added to {progress.path}: {point.goal}, {point.date}, {_amount(point)}.")
        say(where_it_stands(progress, record, point.goal))
    return 0


def withdraw_point(plan_path: Path, args: argparse.Namespace) -> int:
    missing = [f"--{name}" for name in ("goal", "value", "why") if getattr(args, name) is None]
    if missing:
        raise StoreError(
            f"progress withdraw needs {' and '.join(missing)} (and --of and --date as the point has them)."
        )
    today = dt.date.today()
    withdrawal = Withdrawal(
        goal=args.goal, date=args.date or today, value=args.value, of=args.of, why=args.why, on=today
    )
    with ProgressFile.open(plan_path) as progress:
        record = progress.withdraw(withdrawal)
        amount = exact_amount(withdrawal.value, withdrawal.of)
        say(
            f"Took back {withdrawal.goal}'s point of {amount} on {withdrawal.date} "
            f"in {progress.path}: its line stays in the file, and it counts nowhere."
        )
        say(where_it_stands(progress, record, withdrawal.goal))
    return 0


def set_aim(plan_path: Path, args: argparse.Namespace) -> int:
    missing = [f"--{name}" for name in ("goal", "baseline", "target") if getattr(args, name) is None]
    if missing:
        raise StoreError(f"progress aim needs {' and '.join(missing)}.")
    aim = Aim(goal=args.goal, baseline=args.baseline, target=args.target)
    with ProgressFile.open(plan_path) as progress:
        goal = progress.final.goal(aim.goal)
        before = aim_of(goal, progress.final.period, progress.record) if goal is not None else None
        was = f"{aim_line_words(before)}, {aim_source(aim.goal, progress.record)}" if before else "no aim line"
        record = progress.set_aim(aim)
        assert goal is not None  # an aim on no goal of the plan is refused before it is written
        now = aim_of(goal, progress.final.period, record)
        assert now is not None  # the numbers just set
        say(f"Set {aim.goal}'s aim line in {progress.path}: {aim_line_words(now)} (it was {was}).")
        say(where_it_stands(progress, record, aim.goal))
    return 0


def where_it_stands(progress: ProgressFile, record: ProgressRecord, goal_id: str) -> str:
    """The goal's verdict now, in words: "reading-fluency: ✓ on track.", and its
    points measured another way than its chart's, which it does not count."""
    goal = progress.final.goal(goal_id)
    assert goal is not None  # an entry on no goal of the plan is refused before it is written
    points = points_of(record, goal.id)
    verdict = standing(points, aim_of(goal, progress.final.period, record))
    said = f"{goal.id}: {ENGLISH.mark(verdict.standing)}."
    other = split_by_measure(points)[1]
    if other:
        said += (
            f" Not counted: {plural(len(other), 'point')} measured another way than its chart's (the last: "
            f"{_amount(other[-1])} on {other[-1].date})."
        )
    return said


def _amount(point: DataPoint) -> str:
    return f"{exact_amount(point.value, point.of)} {point.unit}".strip()


def import_sheet(plan_path: Path, sheet: Path) -> int:
    rows = read_sheet(sheet)
    where = [f"{sheet}, line {line}" for line, _ in rows]
    with ProgressFile.open(plan_path) as progress:
        points = in_goal_units([point for _, point in rows], progress.record)  # a row with no unit: its goal's
        record = progress.add_points(points, dt.date.today(), where)
        say(f"Imported {plural(len(rows), 'point')} from {sheet} into {progress.path}.")
        for goal_id in dict.fromkeys(point.goal for _, point in rows):  # each goal of the sheet, in its order
            say(where_it_stands(progress, record, goal_id))
    return 0
