"""The completeness checklist screen (F10), and the dialog that closes a meeting
as "to be continued".

Both show the same findings as the close section and `iep-meeting check`.
"""

from __future__ import annotations

import datetime as dt

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from ..model.agenda import Section
from ..model.findings import Finding
from ..widgets.checklist_view import ChecklistView, counts_text
from ..widgets.fields import Unclear, parse_date


class ChecklistScreen(ModalScreen[Finding | None]):
    """Every finding, grouped by section. Enter jumps to where it is fixed."""

    DEFAULT_CSS = """
    ChecklistScreen { align: center middle; }
    ChecklistScreen > Vertical {
        width: 100; max-width: 96%; height: 90%; padding: 0 1;
        border: thick $primary; background: $surface;
    }
    ChecklistScreen.-refused > Vertical { border: thick $error; }
    ChecklistScreen .dialog-title { text-style: bold; width: 100%; }
    ChecklistScreen .dialog-detail { color: $text-muted; width: 100%; margin-bottom: 1; }
    ChecklistScreen ChecklistView { height: 1fr; }
    ChecklistScreen Horizontal { height: auto; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Close"), Binding("f10", "dismiss(None)", "Close", show=False)]

    def __init__(self, findings: tuple[Finding, ...], sections: tuple[Section, ...], *, refused: bool = False) -> None:
        super().__init__(classes="-refused" if refused else "")
        self.findings, self.sections, self.refused = findings, sections, refused

    def compose(self) -> ComposeResult:
        with Vertical():
            if self.refused:
                required = sum(f.required for f in self.findings)
                title = f"Not finalized: {required} required item{'s are' if required != 1 else ' is'} still open"
            else:
                title = f"Completeness checklist: {counts_text(self.findings)}"
            yield Label(title, classes="dialog-title", markup=False)
            yield Label(
                "Enter goes to the place that fixes the item; Escape closes. Required items must be done "
                "before the plan is final; recommended ones are advice.",
                classes="dialog-detail",
                markup=False,
            )
            if self.findings:
                yield ChecklistView(id="findings")
            else:
                yield Label("✓ Nothing is missing.", markup=False)
            with Horizontal():
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        if self.findings:
            view = self.query_one(ChecklistView)
            view.show(self.findings, self.sections)
            view.focus()

    @on(ChecklistView.Jump)
    def _jump(self, event: ChecklistView.Jump) -> None:
        event.stop()
        self.dismiss(event.finding)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


class ContinueLaterDialog(ModalScreen[tuple[dt.date | None] | None]):
    """Close the meeting without finalizing: the plan stays a draft, and the open
    items are written down for the follow-up meeting. Dismisses with
    (follow-up date or None,), or None when cancelled."""

    DEFAULT_CSS = """
    ContinueLaterDialog { align: center middle; }
    ContinueLaterDialog > Vertical {
        width: 90; max-width: 96%; height: auto; max-height: 90%; padding: 1 2;
        border: thick $warning; background: $surface;
    }
    ContinueLaterDialog .dialog-title { text-style: bold; margin-bottom: 1; }
    ContinueLaterDialog .dialog-detail { margin-bottom: 1; width: 100%; }
    ContinueLaterDialog #open-items-scroll { height: auto; max-height: 12; margin-bottom: 1; }
    ContinueLaterDialog #open-items { width: 100%; }
    ContinueLaterDialog .dialog-problem { color: $error; }
    ContinueLaterDialog Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    ContinueLaterDialog Button { margin-left: 2; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, open_items: tuple[str, ...], suggested: dt.date | None = None) -> None:
        super().__init__()
        self.open_items, self.suggested = open_items, suggested

    def compose(self) -> ComposeResult:
        count = len(self.open_items)
        with Vertical():
            yield Label("Close this meeting as “to be continued”?", classes="dialog-title", markup=False)
            yield Label(
                "The plan stays a draft: nothing is final and nobody signs today. "
                + (f"These {count} open items are written into the plan for the follow-up meeting:"
                   if count else "No required item is open; you could also finalize instead."),
                classes="dialog-detail",
                markup=False,
            )
            if count:
                with VerticalScroll(id="open-items-scroll"):
                    yield Label("\n".join(f"• {item}" for item in self.open_items), id="open-items", markup=False)
            yield Label("Date of the follow-up meeting (YYYY-MM-DD, may be left blank)", markup=False)
            yield Input(self.suggested.isoformat() if self.suggested else "", placeholder="YYYY-MM-DD", id="date")
            yield Label("", classes="dialog-problem", markup=False)
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Close as to be continued", id="confirm", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        try:
            date = parse_date(self.query_one("#date", Input).value)
        except Unclear as problem:
            self.query_one(".dialog-problem", Label).update(str(problem))
            return
        self.dismiss((date,))

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
