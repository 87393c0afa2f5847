"""F2 on the progress screen: a goal's report for one period: the period, the
progress code (one key: n, p, s or m), whether progress is enough to meet the
goal by the end of the plan (y or n) and why not, and the team's narrative,
kept verbatim. "In progress" alone is refused as a narrative, with the reason
(model/goal_progress.py); nothing is recorded until the report can be.
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, TextArea

from iep_meeting.model.goal_progress import GoalReport, ProgressCode, ProgressRecord, report_problems
from iep_meeting.model.plan import Goal, Plan
from iep_meeting.tui.commands import KeyNames
from iep_meeting.tui.progress.entry_dialog import EntryDialog

CODE_KEYS = {
    "n": ProgressCode.NO_PROGRESS,
    "p": ProgressCode.PARTIAL,
    "s": ProgressCode.SUBSTANTIAL,
    "m": ProgressCode.MET,
}


class ReportDialog(EntryDialog[GoalReport]):
    """A goal's report for one period; dismissed with the `GoalReport`, or None."""

    def __init__(self, plan: Plan, record: ProgressRecord, goal: Goal, today: dt.date, keys: KeyNames) -> None:
        super().__init__(plan, record, today, keys)
        self.goal = goal

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label(f"Period report: {self.goal.id}", classes="dialog-title", markup=False)
            yield from self.period_field()
            yield from self.choice_field("Progress code", "code", CODE_KEYS)
            yield Label("Enough to meet the goal by the end of the plan? (y or n)", markup=False)
            yield Input(id="sufficient", max_length=1, compact=True)
            yield Label("If not: why, and what the team will change", markup=False)
            yield Input(id="why_not", compact=True)
            yield Label("The team's narrative, as the family will read it", markup=False)
            yield TextArea(id="narrative", soft_wrap=True, compact=True)
            yield from self.closing_lines()

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    def action_record(self) -> None:
        problems: list[str] = []
        period = self.period(problems)
        code = self.choice("code", CODE_KEYS, "progress code", problems)
        answer = self.value("sufficient").lower()
        if answer not in ("y", "n"):
            problems.append("enough to meet the goal: y or n")
        if problems or period is None or code is None:
            self.refused(problems)
            return
        report = GoalReport(
            goal=self.goal.id,
            period=period.end,
            code=code,
            sufficient=answer == "y",
            why_not=self.value("why_not"),
            narrative=self.query_one("#narrative", TextArea).text.strip(),
            written=self.today,
        )
        refused = report_problems(report, self.plan)
        if refused:
            self.refused(refused)
            return
        self.dismiss(report)
