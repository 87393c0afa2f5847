"""Ask for a file path: where to save the plan instead (F12), where to create a plan."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet


class PathDialog(Dialog[str | None]):
    """Ask for a file path (e.g. to save a copy elsewhere). Escape cancels."""

    DEFAULT_CSS = stylesheet("path-dialog")

    def __init__(self, title: str, suggestion: str = "", problem: str = "", confirm: str = "Save here") -> None:
        super().__init__()
        self.title_text, self.suggestion, self.problem, self.confirm = title, suggestion, problem, confirm

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.suggestion, id="path")
            yield Label(self.problem, classes="dialog-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.confirm, id="confirm", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if path:
            self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
