"""What the progress screen's two dialogs share (report_dialog.py, sent_dialog.py):
a frame of labelled fields, keyboard only (Tab between fields; the dialog-save
key, ctrl+s, records; the dialog-cancel key, Escape, cancels: keys.toml moves
both), a line for what is wrong, and the reporting period typed as its number.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from textual.widgets import Input, Label

from iep_meeting.model.goal_progress import ProgressRecord, ReportingPeriod, period_named, periods_of
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import BY_ID, KeyNames, bindings
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.words.labels import ENGLISH

Result = TypeVar("Result")

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


class EntryDialog(Dialog[Result]):
    """A frame of labelled fields and a line for what is wrong; `action_record`
    dismisses it with what it records, or says what is missing."""

    DEFAULT_CSS = CSS
    BINDINGS = bindings([BY_ID["dialog-save"]])

    def __init__(self, plan: Plan, record: ProgressRecord, today: dt.date, keys: KeyNames) -> None:
        super().__init__()
        self.plan, self.record, self.today, self.keys = plan, record, today, keys
        self.periods = periods_of(record, plan)

    def keys_line(self) -> Label:
        """How the dialog is used, with the user's keys."""
        save, cancel = self.keys("dialog-save"), self.keys("dialog-cancel")
        return Label(f"{save} records · {cancel} cancels · Tab to the next field", markup=False)

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
