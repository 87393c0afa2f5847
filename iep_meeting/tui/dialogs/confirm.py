"""Small dialogs every screen uses: confirm before something that cannot be
undone, and ask for a file path."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet


class ConfirmDialog(Dialog[bool]):
    """Ask before doing something that cannot be undone. Escape or Cancel says no.

    With `warning=False` it offers something harmless instead ("Open it now?"):
    the usual frame, and the offer is the default."""

    DEFAULT_CSS = stylesheet("confirm-dialog")

    def __init__(
        self, title: str, detail: str = "", *, confirm: str = "Yes", cancel: str = "Cancel", warning: bool = True
    ) -> None:
        super().__init__(warning=warning)
        self.title_text, self.detail, self.confirm, self.cancel = title, detail, confirm, cancel
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.detail:
                yield Label(self.detail, classes="dialog-detail", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.cancel, id="cancel")
                yield Button(self.confirm, id="confirm", variant="warning" if self.warning else "primary")

    def on_mount(self) -> None:
        # The safe choice is the default; for a harmless offer, the offer is.
        self.query_one("#cancel" if self.warning else "#confirm").focus()

    def action_cancel(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")


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
