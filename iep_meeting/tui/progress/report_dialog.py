"""The two dialogs of the progress screen, keyboard only (Tab between fields,
ctrl+s records, Escape cancels):

- F2, a goal's period report: the period, the progress code (one key: n, p, s
  or m), whether progress is enough to meet the goal by the end of the plan (y
  or n) and why not, and the team's narrative, kept verbatim. "In progress"
  alone is refused as a narrative, with the reason (model/goal_progress.py);
  nothing is recorded until the report can be.
- F3, the report sent to the family: the period, the day, how, in which language.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, TextArea

from iep_meeting.model.goal_progress import (
    GoalReport,
    ProgressCode,
    ProgressRecord,
    ReportingPeriod,
    SentReport,
    current_period,
    period_named,
    periods_of,
    report_problems,
)
from iep_meeting.model.plan import CopyMethod, Goal, Plan
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.words.labels import ENGLISH

Result = TypeVar("Result")

CODE_KEYS = {
    "n": ProgressCode.NO_PROGRESS,
    "p": ProgressCode.PARTIAL,
    "s": ProgressCode.SUBSTANTIAL,
    "m": ProgressCode.MET,
}
METHOD_KEYS = {"i": CopyMethod.IN_PERSON, "m": CopyMethod.MAIL, "e": CopyMethod.EMAIL, "p": CopyMethod.PORTAL}

CSS = """
.dialog-frame { width: 90; }
.dialog-frame Label { margin-top: 1; width: 100%; }
.dialog-frame TextArea { height: 5; }
.dialog-frame Input, .dialog-frame TextArea { background: $panel; }
"""


def periods_words(periods: tuple[ReportingPeriod, ...]) -> str:
    return ", ".join(
        f"{number}: to {p.end}" + (f" ({p.name})" if p.name else "") for number, p in enumerate(periods, 1)
    )


def choice_words(keys: dict[str, object]) -> str:
    return ", ".join(f"{key} = {ENGLISH.label(value)}" for key, value in keys.items())  # type: ignore[arg-type]


class _EntryDialog(Dialog[Result]):
    """What both dialogs share: a frame of labelled fields and a line for what is wrong."""

    DEFAULT_CSS = CSS
    BINDINGS = [Binding("ctrl+s", "record", "Record", priority=True)]

    def __init__(self, plan: Plan, record: ProgressRecord, today: dt.date) -> None:
        super().__init__()
        self.plan, self.record, self.today = plan, record, today
        self.periods = periods_of(record, plan)

    def problem(self, text: str) -> None:
        self.query_one("#problem", Label).update(text)

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def period(self, problems: list[str]) -> ReportingPeriod | None:
        chosen = period_named(self.periods, self.value("period"))
        if chosen is None:
            problems.append(f"period '{self.value('period')}': one of {periods_words(self.periods)}")
        return chosen

    def action_record(self) -> None:
        raise NotImplementedError


class ReportDialog(_EntryDialog[GoalReport]):
    """A goal's report for one period; dismissed with the `GoalReport`, or None."""

    def __init__(self, plan: Plan, record: ProgressRecord, goal: Goal, today: dt.date) -> None:
        super().__init__(plan, record, today)
        self.goal = goal

    def compose(self) -> ComposeResult:
        number = current_period(self.periods, self.record, self.today)
        with Vertical(classes="dialog-frame"):
            yield Label(f"Period report: {self.goal.id}", classes="dialog-title", markup=False)
            yield Label(f"Period ({periods_words(self.periods)})", markup=False)
            yield Input(str(self.periods.index(number) + 1), id="period", compact=True)
            yield Label(f"Progress code ({choice_words(CODE_KEYS)})", markup=False)  # type: ignore[arg-type]
            yield Input(id="code", max_length=1, compact=True)
            yield Label("Enough to meet the goal by the end of the plan? (y or n)", markup=False)
            yield Input(id="sufficient", max_length=1, compact=True)
            yield Label("If not: why, and what the team will change", markup=False)
            yield Input(id="why_not", compact=True)
            yield Label("The team's narrative, as the family will read it", markup=False)
            yield TextArea(id="narrative", soft_wrap=True, compact=True)
            yield Label("", id="problem", classes="dialog-problem", markup=False)
            yield Label("ctrl+s records · Escape cancels · Tab to the next field", markup=False)

    def on_mount(self) -> None:
        self.query_one("#code", Input).focus()

    def action_record(self) -> None:
        problems: list[str] = []
        period = self.period(problems)
        code = CODE_KEYS.get(self.value("code").lower())
        if code is None:
            problems.append(f"progress code: {choice_words(CODE_KEYS)}")  # type: ignore[arg-type]
        answer = self.value("sufficient").lower()
        if answer not in ("y", "n"):
            problems.append("enough to meet the goal: y or n")
        if problems or period is None or code is None:
            self.problem("Not recorded: " + "; ".join(problems))
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
            self.problem("Not recorded: " + "; ".join(refused))
            return
        self.dismiss(report)


class SentDialog(_EntryDialog[SentReport]):
    """When and how a period's report went to the family; dismissed with the `SentReport`, or None."""

    def compose(self) -> ComposeResult:
        current = current_period(self.periods, self.record, self.today)
        guardians = [g.language.strip() for g in self.plan.student.guardians if g.language.strip()]
        language = guardians[0] if guardians else self.plan.student.home_language
        with Vertical(classes="dialog-frame"):
            yield Label("The period's report went to the family", classes="dialog-title")
            yield Label(f"Period ({periods_words(self.periods)})", markup=False)
            yield Input(str(self.periods.index(current) + 1), id="period", compact=True)
            yield Label("On (date)", markup=False)
            yield Input(self.today.isoformat(), id="date", compact=True)
            yield Label(f"How ({choice_words(METHOD_KEYS)})", markup=False)  # type: ignore[arg-type]
            yield Input(id="method", max_length=1, compact=True)
            yield Label("In which language", markup=False)
            yield Input(language, id="language", compact=True)
            yield Label("", id="problem", classes="dialog-problem", markup=False)
            yield Label("ctrl+s records · Escape cancels · Tab to the next field", markup=False)

    def on_mount(self) -> None:
        self.query_one("#method", Input).focus()

    def action_record(self) -> None:
        problems: list[str] = []
        period = self.period(problems)
        method = METHOD_KEYS.get(self.value("method").lower())
        if method is None:
            problems.append(f"how: {choice_words(METHOD_KEYS)}")  # type: ignore[arg-type]
        try:
            day = dt.date.fromisoformat(self.value("date"))
        except ValueError:
            day = None
            problems.append(f"date '{self.value('date')}' is not a date like 2026-06-16")
        if problems or period is None or method is None or day is None:
            self.problem("Not recorded: " + "; ".join(problems))
            return
        self.dismiss(SentReport(period=period.end, date=day, method=method, language=self.value("language")))
