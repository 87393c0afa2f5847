"""What the caseload screen shows of a caseload: the filters and the sort order
the user chose, and the rows they keep, in order. No Textual here: the screen
(app.py) keeps a `CaseloadView` and draws `visible_rows`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum

import attrs

from iep_meeting.model.caseload import ITEM_ORDER, CaseRow, PlanFacts, Urgency


class SortOrder(Enum):
    """The orders F4 goes through, each with the words the screen says."""

    URGENCY = "most urgent first"
    DUE = "by due date"
    STUDENT = "by student"
    WHAT = "by what"


_FAR = 10**6  # rows without a date come after every dated one


def _student(row: CaseRow) -> str:
    return row.student.name.casefold() if row.student is not None else ""


SORT_KEYS: dict[SortOrder, Callable[[CaseRow], tuple[object, ...]]] = {
    SortOrder.URGENCY: lambda row: row.sort_key,
    SortOrder.DUE: lambda row: (row.due is None, row.due.toordinal() if row.due else _FAR, row.sort_key),
    SortOrder.STUDENT: lambda row: (_student(row), row.sort_key),
    SortOrder.WHAT: lambda row: (ITEM_ORDER[row.item], row.sort_key),
}


@attrs.define
class CaseloadView:
    """What the user chose on the caseload screen; kept while a plan is open in
    the meeting app, so the screen comes back as it was left."""

    student: str = ""  # any part of a name or student id
    within: str = ""  # a number of days, as typed
    overdue_only: bool = False
    sort: SortOrder = SortOrder.URGENCY
    selected: tuple[str, str] | None = None  # (plan, item) of the row under the cursor

    def within_days(self) -> int | None:
        """The "due within" filter as a number of days, or None (empty, or not a number)."""
        text = self.within.strip()
        return int(text) if text.isdigit() else None

    def next_sort(self) -> SortOrder:
        orders = list(SortOrder)
        return orders[(orders.index(self.sort) + 1) % len(orders)]


def keeps(view: CaseloadView, row: CaseRow) -> bool:
    """Whether the filters keep `row`."""
    wanted = view.student.strip().casefold()
    if wanted:
        student = row.student
        if student is None or (wanted not in student.name.casefold() and wanted not in student.id.casefold()):
            return False
    if view.overdue_only and row.state is not Urgency.OVERDUE:
        return False
    days = view.within_days()
    return days is None or (row.days_left is not None and row.days_left <= days and row.due is not None)


def visible_rows(view: CaseloadView, rows: Sequence[CaseRow]) -> list[CaseRow]:
    """The rows the filters keep, in the chosen order."""
    return sorted((row for row in rows if keeps(view, row)), key=SORT_KEYS[view.sort])


def row_plan(row: CaseRow) -> PlanFacts | None:
    """The facts of the plan a row is about (None for a file that cannot be read)."""
    if row.student is None:
        return None
    return next((plan for plan in row.student.plans if plan.path == row.plan), None)


def filters_text(view: CaseloadView, shown: int, total: int) -> str:
    """ "12 of 40 rows, most urgent first" (and the filters that hide the others)."""
    text = f"{shown} of {total} rows, {view.sort.value}"
    if view.within.strip() and view.within_days() is None:
        text += "; due within: type a number of days"
    return text
