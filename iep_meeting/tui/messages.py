"""What the editors tell the meeting screen. Kept apart from the form widgets
so the screen can paint its first frame before any form is imported."""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget


class EditorBuilt(Message):
    """A section's editor and everything it composed exist: its fields can take the focus."""

    def __init__(self, editor: Widget, section_id: str) -> None:
        super().__init__()
        self.editor = editor
        self.section_id = section_id


class ConcernToLink(Message):
    """Enter on a family's concern: choose what answers it (tui/flows/concerns.py)."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class ConcernToAdd(Message):
    """The family raises a concern in the meeting: take it in their words (tui/flows/concerns.py)."""
