"""F3 on the progress screen: a period's report went to the family: the period,
the day, how (one key), in which language (the family's, to start with).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label

from iep_meeting.model.goal_progress import SentReport
from iep_meeting.model.plan import CopyMethod
from iep_meeting.tui.progress.entry_dialog import EntryDialog

METHOD_KEYS = {"i": CopyMethod.IN_PERSON, "m": CopyMethod.MAIL, "e": CopyMethod.EMAIL, "p": CopyMethod.PORTAL}


class SentDialog(EntryDialog[SentReport]):
    """When and how a period's report went to the family; dismissed with the `SentReport`, or None."""

    def compose(self) -> ComposeResult:
        guardians = [g.language.strip() for g in self.plan.student.guardians if g.language.strip()]
        language = guardians[0] if guardians else self.plan.student.home_language
        with Vertical(classes="dialog-frame"):
            yield Label("The period's report went to the family", classes="dialog-title")
            yield from self.period_field()
            yield Label("On (date)", markup=False)
            yield Input(self.today.isoformat(), id="date", compact=True)
            yield from self.choice_field("How", "method", METHOD_KEYS)
            yield Label("In which language", markup=False)
            yield Input(language, id="language", compact=True)
            yield from self.closing_lines()

    def on_mount(self) -> None:
        self.query_one("#method", Input).focus()

    def action_record(self) -> None:
        problems: list[str] = []
        period = self.period(problems)
        method = self.choice("method", METHOD_KEYS, "how", problems)
        try:
            day = dt.date.fromisoformat(self.value("date"))
        except ValueError:
            day = None
            problems.append(f"date '{self.value('date')}' is not a date like 2026-06-16")
        if problems or period is None or method is None or day is None:
            self.refused(problems)
            return
        self.dismiss(SentReport(period=period.end, date=day, method=method, language=self.value("language")))
