"""The page for agenda sections without an editor of their own (e.g. a district's own section)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Label

from .base import SectionEditor


class GenericEditor(SectionEditor):
    """For agenda sections this version has no dedicated editor (e.g. a district's own)."""

    def compose(self) -> ComposeResult:
        yield Label(
            "Talk this part through with the team; record each decision with F2, "
            "topics for later with F3 and next steps with F4.",
            classes="section-note",
            markup=False,
        )
