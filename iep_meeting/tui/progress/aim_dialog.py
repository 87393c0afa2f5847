"""F5 on the progress screen: set the goal's aim line in numbers, when its
baseline and target texts do not give the right ones ("1 paragraph …" to
"3 of 4 on the rubric …" reads as 1 to 75). The line now drawn is there to start
with. The aim line set before stays in the progress file, which is only added
to; the last one set counts (model/goal_progress.py: `Aim`).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from iep_meeting.model.goal_progress import Aim, ProgressRecord, aim_of, aim_problems, aim_source, exact_number
from iep_meeting.model.plan import Goal, Plan
from iep_meeting.store.progress_sheet import typed_number
from iep_meeting.tui.commands import KeyNames
from iep_meeting.tui.progress.entry_dialog import EntryDialog


class AimDialog(EntryDialog[Aim]):
    """The numbers of `goal`'s aim line; dismissed with the `Aim`, or None."""

    def __init__(self, plan: Plan, record: ProgressRecord, goal: Goal, today: dt.date, keys: KeyNames) -> None:
        super().__init__(plan, record, today, keys)
        self.goal = goal

    def compose(self) -> ComposeResult:
        goal, period = self.goal, self.plan.period
        now = aim_of(goal, period, self.record)
        drawn = (
            f"Now {exact_number(now.baseline)} to {exact_number(now.target)}, {aim_source(goal.id, self.record)}."
            if now is not None
            else "The baseline and target hold no number: there is no aim line yet."
        )
        with Vertical(classes="dialog-frame"):
            yield Label(f"The aim line of {goal.id}", classes="dialog-title", markup=False)
            yield Label(f"Baseline: {goal.baseline.strip()}\nTarget: {goal.target.strip()}\n{drawn}", markup=False)
            yield Label(f"Baseline, as a number: where the line starts on {period.start}", markup=False)
            yield Input(exact_number(now.baseline) if now else "", id="baseline", compact=True)
            yield Label(f"Target, as a number: where it ends on {period.end}", markup=False)
            yield Input(exact_number(now.target) if now else "", id="target", compact=True)
            yield from self.closing_lines()

    def on_mount(self) -> None:
        self.query_one("#baseline", Input).focus()

    def action_record(self) -> None:
        problems: list[str] = []
        numbers: dict[str, float] = {}
        for name in ("baseline", "target"):
            try:
                numbers[name] = typed_number(self.value(name))
            except ValueError:
                problems.append(f"{name} '{self.value(name)}' is not a number")
        if problems:
            self.refused(problems)
            return
        aim = Aim(goal=self.goal.id, **numbers)
        refused = aim_problems(aim, self.plan, self.record)
        if refused:
            self.refused(refused)
            return
        self.dismiss(aim)
