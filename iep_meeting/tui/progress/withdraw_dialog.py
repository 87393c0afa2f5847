"""F4 on the progress screen: take back a point of the goal recorded by mistake
(1050 typed for 105, a point of another goal). The point is named by its day,
value and attempts, the goal's last point's to start with; why is asked for.
The point stays in the progress file, which is only added to, and counts
nowhere (model/goal_progress.py: `Withdrawal`).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from iep_meeting.model.goal_progress import ProgressRecord, Withdrawal, exact_number, points_of, withdrawal_problems
from iep_meeting.model.plan import Goal, Plan
from iep_meeting.store.progress_sheet import point_from_cells
from iep_meeting.tui.commands import KeyNames
from iep_meeting.tui.progress.entry_dialog import EntryDialog


class WithdrawDialog(EntryDialog[Withdrawal]):
    """Which point of `goal` to take back, and why; dismissed with the `Withdrawal`, or None."""

    def __init__(self, plan: Plan, record: ProgressRecord, goal: Goal, today: dt.date, keys: KeyNames) -> None:
        super().__init__(plan, record, today, keys)
        self.goal = goal

    def compose(self) -> ComposeResult:
        points = points_of(self.record, self.goal.id)
        last = points[-1] if points else None
        with Vertical(classes="dialog-frame"):
            yield Label(f"Take back a point of {self.goal.id}", classes="dialog-title", markup=False)
            yield Label(
                "The point stays in the progress file, marked as taken back, and counts nowhere: "
                "not on the chart, in the family's report or in the on-track rule.",
                markup=False,
            )
            yield Label("Its day", markup=False)
            yield Input(last.date.isoformat() if last else "", id="date", compact=True)
            yield Label("Its value", markup=False)
            yield Input(exact_number(last.value) if last else "", id="value", compact=True)
            yield Label("Of (attempts), if it has them", markup=False)
            yield Input(str(last.of) if last and last.of else "", id="of", type="integer", compact=True)
            yield Label('Why: what was wrong with it ("typed 1050 for 105", "the wrong goal")', markup=False)
            yield Input(id="why", compact=True)
            yield from self.closing_lines()

    def on_mount(self) -> None:
        self.query_one("#why", Input).focus()

    def action_record(self) -> None:
        # The point is named as the add row and a data sheet name one (store/progress_sheet.py).
        cells = {"goal": self.goal.id, **{name: self.value(name) for name in ("date", "value", "of")}}
        point, problems = point_from_cells(cells)
        if point is None:
            self.refused(problems)
            return
        withdrawal = Withdrawal(
            goal=point.goal, date=point.date, value=point.value, of=point.of, why=self.value("why"), on=self.today
        )
        refused = withdrawal_problems(withdrawal, self.record, [goal.id for goal in self.plan.goals])
        if refused:
            self.refused(refused)
            return
        self.dismiss(withdrawal)
