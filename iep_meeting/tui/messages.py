"""What the editors tell the meeting screen. Kept apart from the form widgets
so the screen can paint its first frame before any form is imported."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message
from textual.widget import Widget

from iep_meeting.model.paths import Path
from iep_meeting.model.plan import Plan


class FieldEdited(Message):
    """The user changed the value at `path` in the plan."""

    def __init__(self, path: Path, value: Any) -> None:
        super().__init__()
        self.path = path
        self.value = value


class PlanChange(Message):
    """Replace the plan by `change(plan)`; `what` says in words what changed."""

    def __init__(self, change: Callable[[Plan], Plan], what: str) -> None:
        super().__init__()
        self.change = change
        self.what = what


class EditorBuilt(Message):
    """A section's editor and everything it composed exist: its fields can take the focus."""

    def __init__(self, editor: Widget, section_id: str) -> None:
        super().__init__()
        self.editor = editor
        self.section_id = section_id
