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
from textual.widgets import Button, Input, Label

from iep_meeting.model.agenda import Section
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import BY_ID
from iep_meeting.tui.context import keys, type_ahead
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.type_ahead import Hold
from iep_meeting.tui.widgets.checklist_view import ChecklistView, counts_text
from iep_meeting.tui.widgets.fields import Unclear, parse_date


class ChecklistScreen(Dialog[Finding | None]):
    """Every finding, grouped by section. Enter jumps to where it is fixed."""

    DEFAULT_CSS = stylesheet("checklist-screen")

    # The checklist's own key closes it again.
    BINDINGS = [Binding(BY_ID["checklist"].key, "cancel", "Close", show=False, id="checklist")]

    def __init__(
        self,
        findings: tuple[Finding, ...],
        sections: tuple[Section, ...],
        plan: Plan,
        rules: str,
        *,
        refused: bool = False,
    ) -> None:
        """`rules`: the title of the rule profile the checklist follows."""
        super().__init__(classes="-refused" if refused else "")
        self.findings, self.sections, self.plan, self.refused = findings, sections, plan, refused
        self.rules = rules

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            if self.refused:
                required = sum(f.required for f in self.findings)
                title = f"Not finalized: {required} required item{'s are' if required != 1 else ' is'} still open"
            else:
                title = f"Completeness checklist: {counts_text(self.findings)}"
            yield Label(title, classes="dialog-title", markup=False)
            yield Label(
                f"Enter goes to the place that fixes the item; {keys(self)('dialog-cancel')} closes. "
                "Required items must be done "
                f"before the plan is final; advice may be left open. Rules: {self.rules}.",
                classes="dialog-detail",
                markup=False,
            )
            if self.findings:
                yield ChecklistView(id="findings")
            else:
                yield Label("✓ Nothing is missing.", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close")

    def on_mount(self) -> None:
        if self.findings:
            view = self.query_one(ChecklistView)
            view.show(self.findings, self.sections, self.plan)
            view.focus()

    @on(ChecklistView.Jump)
    def _jump(self, event: ChecklistView.Jump) -> None:
        event.stop()
        # Held from now, not only once the meeting screen starts the jump:
        # keys typed after Enter belong in the field the jump leads to.
        type_ahead(self).hold(Hold.MOVE)
        self.dismiss(event.finding)

    @on(Button.Pressed, "#close")
    def _close(self) -> None:
        self.dismiss(None)


class ContinueLaterDialog(Dialog[tuple[dt.date | None] | None]):
    """Close the meeting without finalizing: the plan stays a draft, and the open
    items are written down for the follow-up meeting. Dismisses with
    (follow-up date or None,), or None when cancelled."""

    DEFAULT_CSS = stylesheet("continue-later-dialog")

    def __init__(self, open_items: tuple[str, ...], suggested: dt.date | None = None) -> None:
        super().__init__(warning=True)
        self.open_items, self.suggested = open_items, suggested

    def compose(self) -> ComposeResult:
        count = len(self.open_items)
        with Vertical(classes="dialog-frame"):
            yield Label("Close this meeting as “to be continued”?", classes="dialog-title", markup=False)
            yield Label(
                "The plan stays a draft: nothing is final and nobody signs today. "
                + (
                    f"These {count} open items are written into the plan for the follow-up meeting:"
                    if count
                    else "No required item is open; you could also finalize instead."
                ),
                classes="dialog-detail",
                markup=False,
            )
            if count:
                with VerticalScroll(id="open-items-scroll"):
                    yield Label("\n".join(f"• {item}" for item in self.open_items), id="open-items", markup=False)
            yield Label("Date of the follow-up meeting (YYYY-MM-DD, may be left blank)", markup=False)
            yield Input(self.suggested.isoformat() if self.suggested else "", placeholder="YYYY-MM-DD", id="date")
            yield Label("", classes="dialog-problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
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
