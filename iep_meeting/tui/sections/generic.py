"""The page for agenda sections without an editor of their own (e.g. a district's own section)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from iep_meeting.tui.context import keys
from iep_meeting.tui.sections.base import SectionEditor


class GenericEditor(SectionEditor):
    """For agenda sections this version has no dedicated editor (e.g. a district's own)."""

    def compose(self) -> ComposeResult:
        names = keys(self)
        yield Label(
            f"Talk this part through with the team; record each decision with {names('record-decision')}, "
            f"topics for later with {names('park-topic')} and next steps with {names('add-action-item')}.",
            classes="section-note",
            markup=False,
        )
