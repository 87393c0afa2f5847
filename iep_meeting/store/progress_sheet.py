"""A data sheet of progress points (`iep-meeting progress import PLAN data.csv`).

A paraprofessional keeps points in a spreadsheet and saves it as CSV (UTF-8,
comma-separated, the first row naming the columns, in any order):

| column | needed | what |
|---|---|---|
| `goal` | yes | the goal's id in the plan (`reading-fluency`) |
| `date` | yes | the day measured, `2026-04-03` |
| `value` | yes | the number measured, or the successes when `of` is given |
| `of` | no | the attempts, for "4 of 5" |
| `unit` | no | "words correct per minute" (empty: the unit of the goal's last point of its kind) |
| `how` | no | test, probe, work-samples, observation, other |
| `by` | no | who measured, by role |
| `note` | no | anything else |

Each row that cannot be a point is named by its line, and then nothing is
imported (documented in docs/plan-format.md, "The progress file").
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import math
from pathlib import Path

from iep_meeting.model.goal_progress import DataPoint, Method
from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.reader import read_text

WHAT = "data sheet"
NEEDED = ("goal", "date", "value")
COLUMNS = (*NEEDED, "of", "unit", "how", "by", "note")


def typed_number(text: str) -> float:
    """A number as a sheet or the progress screen has it: "82.5", "82,5". ValueError if it is none."""
    value = float(text.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def point_from_cells(row: dict[str, str]) -> tuple[DataPoint | None, list[str]]:
    """A point from one row's cells (a sheet's, or the progress screen's row), or the reasons it is none."""
    problems = []
    cell = {column: (row.get(column) or "").strip() for column in COLUMNS}
    for column in NEEDED:
        if not cell[column]:
            problems.append(f"{column} is empty")
    day = value = of = how = None
    if cell["date"]:
        try:
            day = dt.date.fromisoformat(cell["date"])
        except ValueError:
            problems.append(f"date '{cell['date']}' is not a date like 2026-04-03")
    if cell["value"]:
        try:
            value = typed_number(cell["value"])
        except ValueError:
            problems.append(f"value '{cell['value']}' is not a number")
    if cell["of"]:
        try:
            of = int(cell["of"])
        except ValueError:
            problems.append(f"of '{cell['of']}' is not a whole number of attempts")
    if cell["how"]:
        try:
            how = Method(cell["how"].lower())
        except ValueError:
            choices = ", ".join(method.value for method in Method)
            problems.append(f"how '{cell['how']}' is not one of {choices}")
    if problems or day is None or value is None:
        return None, problems
    point = DataPoint(
        goal=cell["goal"], date=day, value=value, of=of, unit=cell["unit"], how=how, by=cell["by"], note=cell["note"]
    )
    return point, []


def read_sheet(path: Path) -> list[tuple[int, DataPoint]]:
    """(line, point) for every row of the sheet at `path`; FileProblemError naming
    every bad row by its line (and the header's unknown or missing columns)."""
    path = Path(path)
    text = read_text(path, WHAT)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    reader.fieldnames = header
    problems = []
    missing = [column for column in NEEDED if column not in header]
    if missing:
        problems.append(codec.Problem(f"no column {', '.join(missing)}: the first row names the columns", (), 1))
    for name in header:
        if name not in COLUMNS:
            close = difflib.get_close_matches(name, COLUMNS, n=1)
            hint = f" — did you mean '{close[0]}'?" if close else f" (columns: {', '.join(COLUMNS)})"
            problems.append(codec.Problem(f"unknown column '{name}'{hint}", (), 1))
    if problems:
        raise FileProblemError(path, problems, WHAT)
    points = []
    try:
        for row in reader:
            line = reader.line_num
            if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
                continue  # an empty row
            if None in row:
                problems.append(codec.Problem("more cells than the first row names columns", (), line))
                continue
            point, why = point_from_cells(row)
            problems += [codec.Problem(reason, (), line) for reason in why]
            if point is not None:
                points.append((line, point))
    except csv.Error as error:
        problems.append(codec.Problem(f"this is not a CSV sheet: {error}", (), reader.line_num))
    if problems:
        raise FileProblemError(path, problems, WHAT)
    if not points:
        raise FileProblemError(path, [codec.Problem("the sheet has no rows of points under its first row")], WHAT)
    return points
