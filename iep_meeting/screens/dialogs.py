"""Small modal dialogs shared by the screens."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class ConfirmDialog(ModalScreen[bool]):
    """Ask before doing something that cannot be undone. Escape or Cancel says no."""

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical {
        width: 70; max-width: 90%; height: auto; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ConfirmDialog .dialog-title { text-style: bold; margin-bottom: 1; }
    ConfirmDialog .dialog-detail { margin-bottom: 1; width: 100%; }  /* long text wraps instead of being cut */
    ConfirmDialog Horizontal { height: auto; align-horizontal: right; }
    ConfirmDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "dismiss(False)", "Cancel")]

    def __init__(self, title: str, detail: str = "", *, confirm: str = "Yes", cancel: str = "Cancel") -> None:
        super().__init__()
        self.title_text, self.detail, self.confirm, self.cancel = title, detail, confirm, cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title", markup=False)
            if self.detail:
                yield Label(self.detail, classes="dialog-detail", markup=False)
            with Horizontal():
                yield Button(self.cancel, id="cancel")
                yield Button(self.confirm, id="confirm", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#cancel").focus()  # the safe choice is the default

    @on(Button.Pressed)
    def _answer(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "confirm")


class PathDialog(ModalScreen[str | None]):
    """Ask for a file path (e.g. to save a copy elsewhere). Escape cancels."""

    DEFAULT_CSS = """
    PathDialog { align: center middle; }
    PathDialog > Vertical {
        width: 80; max-width: 95%; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    PathDialog .dialog-title { text-style: bold; margin-bottom: 1; }
    PathDialog .dialog-problem { color: $error; }
    PathDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    PathDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, suggestion: str = "", problem: str = "") -> None:
        super().__init__()
        self.title_text, self.suggestion, self.problem = title, suggestion, problem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title", markup=False)
            yield Input(self.suggestion, id="path")
            yield Label(self.problem, classes="dialog-problem", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Save here", id="confirm", variant="primary")

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        path = self.query_one("#path", Input).value.strip()
        if path:
            self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
