"""Ask before something that cannot be undone (or offer something harmless): a
yes or a no."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

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
