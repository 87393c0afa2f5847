"""What `iep-meeting caseload` prints: the rows of a caseload as a table that
fits 80 columns, as JSON or as CSV. JSON and CSV have the same columns
(`COLUMNS`), named after the Ed-Fi data standard where it has a name for one
(docs/caseload.md describes each).

States are written in words with a symbol ("✗ overdue"), never as colour.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Callable
from typing import Any

from iep_meeting.model.caseload import Caseload, CaseRow, Urgency
from iep_meeting.words.labels import ENGLISH, Vocabulary
from iep_meeting.words.phrases import plural

# A file's path as the reader should see it (relative to where they are, when it is there).
Shown = Callable[[str], str]

WIDTH = 80
# The first line of a row: state, due date, days left, student, what.
STATE_WIDTH, DUE_WIDTH, DAYS_WIDTH, STUDENT_WIDTH = 17, 10, 5, 18
INDENT = "    "  # the lines under a row: what it is about, and the plan's file

COLUMNS = (
    "asOfDate",
    "state",
    "item",
    "dueDate",
    "daysLeft",
    "studentUniqueId",
    "studentName",
    "birthDate",
    "owner",
    "detail",
    "plan",
    "iepBeginDate",
    "iepEndDate",
    "iepReviewDate",
    "lastEvaluationDate",
)


def _date(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def row_record(caseload: Caseload, row: CaseRow, shown: Shown) -> dict[str, Any]:
    """One row as JSON and CSV have it: `COLUMNS`, in order (None: no value)."""
    student = row.student
    current = student.current if student is not None else None
    return {
        "asOfDate": caseload.as_of.isoformat(),
        "state": row.state.value,
        "item": row.item.value,
        "dueDate": _date(row.due),
        "daysLeft": row.days_left,
        "studentUniqueId": (student.id or None) if student is not None else None,
        "studentName": student.name if student is not None else None,
        "birthDate": _date(student.birth_date) if student is not None else None,
        "owner": row.owner or None,
        "detail": row.detail,
        "plan": shown(row.plan),
        "iepBeginDate": _date(current.period_start) if current is not None else None,
        "iepEndDate": _date(current.period_end) if current is not None else None,
        "iepReviewDate": _date(student.last_iep) if student is not None else None,
        "lastEvaluationDate": _date(student.last_evaluation) if student is not None else None,
    }


def caseload_json(caseload: Caseload, shown: Shown) -> dict[str, Any]:
    return {
        "asOfDate": caseload.as_of.isoformat(),
        "students": len(caseload.students),
        "plans": caseload.plan_count,
        "unreadable": caseload.unreadable_count,
        "rows": [row_record(caseload, row, shown) for row in caseload.rows],
    }


def caseload_csv(caseload: Caseload, shown: Shown) -> str:
    """A header line of `COLUMNS`, then a line a row; an empty value is an empty field."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in caseload.rows:
        record = row_record(caseload, row, shown)
        writer.writerow(_cell(record[column]) for column in COLUMNS)
    return out.getvalue()


# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV field. Text that a spreadsheet would run as a formula (a name typed
    as "=HYPERLINK(...)") gets a leading apostrophe, so it stays text there."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def summary_line(caseload: Caseload) -> str:
    """ "Caseload on 2026-09-01: 12 students, 31 plans; 1 file cannot be read." """
    text = (
        f"Caseload on {caseload.as_of}: {plural(len(caseload.students), 'student')}, "
        f"{plural(caseload.plan_count, 'plan')}"
    )
    if caseload.unreadable_count:
        text += f"; {plural(caseload.unreadable_count, 'file')} cannot be read"
    return text + "."


def fit(text: str, width: int) -> str:
    """`text` in at most `width` characters, its end cut with "…" when longer."""
    return text if len(text) <= width else text[: width - 1] + "…"


def days_text(row: CaseRow) -> str:
    return "" if row.days_left is None else str(row.days_left)


def state_text(state: Urgency, words: Vocabulary = ENGLISH) -> str:
    return words.mark(state)


def caseload_table(caseload: Caseload, shown: Shown, words: Vocabulary = ENGLISH) -> str:
    """The rows for a person: a line each with state, due date, days left,
    student and what, then what it is about and the plan's file, indented."""
    lines = [summary_line(caseload)]
    if not caseload.rows:
        # No plan at all is not "nothing due": a folder mistyped or empty must not read as all clear.
        lines.append("Nothing is due or open." if caseload.plan_count else "No plans were found there.")
        return "\n".join(lines)
    what_width = WIDTH - STATE_WIDTH - DUE_WIDTH - DAYS_WIDTH - STUDENT_WIDTH - 5
    lines += ["", _line("state", "due", "days", "student", "what", what_width)]
    for row in caseload.rows:
        student = row.student.name if row.student is not None else ""
        due = row.due.isoformat() if row.due is not None else ""
        lines.append(
            _line(state_text(row.state, words), due, days_text(row), student, words.label(row.item), what_width)
        )
        if row.detail:
            lines += textwrap.wrap(
                row.detail, WIDTH, initial_indent=INDENT, subsequent_indent=INDENT, break_on_hyphens=False
            )
        lines.append(INDENT + _left_cut(shown(row.plan), WIDTH - len(INDENT)))
    return "\n".join(lines)


def _line(state: str, due: str, days: str, student: str, what: str, what_width: int) -> str:
    return (
        f"{fit(state, STATE_WIDTH):<{STATE_WIDTH}} {due:<{DUE_WIDTH}} {days:>{DAYS_WIDTH}}  "
        f"{fit(student, STUDENT_WIDTH):<{STUDENT_WIDTH}} {fit(what, what_width)}"
    ).rstrip()


def _left_cut(path: str, width: int) -> str:
    """A long path keeps its end (the file's name): "…/sam/2026-annual.iep.toml"."""
    return path if len(path) <= width else "…" + path[-(width - 1) :]
