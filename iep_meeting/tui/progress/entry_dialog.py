"""What the progress screen's two dialogs share (report_dialog.py, sent_dialog.py):
a frame of labelled fields, keyboard only (Tab between fields; the dialog-save
key, ctrl+s, records; the dialog-cancel key, Escape, cancels: keys.toml moves
both), a line for what is wrong, and the reporting period typed as its number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from enum import Enum
from typing import TypeVar

from textual.widget import Widget
from textual.widgets import Input, Label

from iep_meeting.model.goal_progress import (
    ProgressRecord,
    ReportingPeriod,
    current_period,
    period_named,
    periods_of,
)
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import BY_ID, KeyNames, bindings
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.words.labels import ENGLISH

Result = TypeVar("Result")
Choice = TypeVar("Choice", bound=Enum)

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


def choice_words(keys: Mapping[str, Enum]) -> str:
    return ", ".join(f"{key} = {ENGLISH.label(value)}" for key, value in keys.items())


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

    def period_field(self) -> Iterator[Widget]:
        """The period, typed as its number: the current one to start with."""
        current = current_period(self.periods, self.record, self.today)
        yield Label(f"Period ({periods_words(self.periods)})", markup=False)
        yield Input(str(self.periods.index(current) + 1), id="period", compact=True)

    def choice_field(self, label: str, name: str, keys: Mapping[str, Enum]) -> Iterator[Widget]:
        """A choice typed as one key, the keys named in its label."""
        yield Label(f"{label} ({choice_words(keys)})", markup=False)
        yield Input(id=name, max_length=1, compact=True)

    def closing_lines(self) -> Iterator[Widget]:
        """The line for what is wrong, then how the dialog is used."""
        yield Label("", id="problem", classes="dialog-problem", markup=False)
        yield self.keys_line()

    def refused(self, problems: list[str]) -> None:
        """Says what is wrong; nothing is recorded."""
        self.query_one("#problem", Label).update("Not recorded: " + "; ".join(problems))

    def value(self, name: str) -> str:
        return self.query_one(f"#{name}", Input).value.strip()

    def period(self, problems: list[str]) -> ReportingPeriod | None:
        chosen = period_named(self.periods, self.value("period"))
        if chosen is None:
            problems.append(f"period '{self.value('period')}': one of {periods_words(self.periods)}")
        return chosen

    def choice(self, name: str, keys: Mapping[str, Choice], what: str, problems: list[str]) -> Choice | None:
        """The value of the key typed in the field `name`; else None, and a problem saying the keys."""
        chosen = keys.get(self.value(name).lower())
        if chosen is None:
            problems.append(f"{what}: {choice_words(keys)}")
        return chosen

    def action_record(self) -> None:
        raise NotImplementedError
