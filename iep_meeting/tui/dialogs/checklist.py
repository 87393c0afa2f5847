"""The completeness checklist (F10): the same findings as the close section and
`iep-meeting check`, grouped by section; Enter goes to where one is fixed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label

from iep_meeting.model.agenda import Section
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import BY_ID
from iep_meeting.tui.context import keys, type_ahead
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.type_ahead import Hold
from iep_meeting.tui.widgets.checklist_view import ChecklistView, counts_text


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
