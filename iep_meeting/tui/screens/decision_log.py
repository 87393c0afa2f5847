"""F8: every decision recorded so far, to read back to the team and to correct.

The log shows the session's plan and makes every change through the session
(`apply`), which saves it and tells everyone like any other. User text is
shown literally (rich `Text`, never markup).
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Label, Static

from iep_meeting.meeting.publish import Change
from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model.plan import Decision, Outcome, Plan
from iep_meeting.model.records import delete_decision, replace_decision
from iep_meeting.tui.commands import BY_ID, LOG_COMMANDS, Needs, bindings
from iep_meeting.tui.context import keys, meeting, session
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.dialogs.record.decision import DecisionDialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.key_bar import KeyBar
from iep_meeting.tui.widgets.meeting_bar import MeetingBar
from iep_meeting.words.labels import mark
from iep_meeting.words.phrases import options_text, plural

# The log's actions that need a decision to act on.
_NEED_DECISIONS = {c.action for c in LOG_COMMANDS if c.needs is Needs.DECISIONS}


def outcome_text(outcome: Outcome) -> Text:
    return Text(mark(outcome), style="" if outcome is Outcome.AGREED else "bold")


class DecisionLogScreen(Screen[None]):
    """Every decision: time, section, outcome, what, who disagreed; the selected one in full below."""

    DEFAULT_CSS = stylesheet("decision-log-screen")

    BINDINGS = [
        *bindings(LOG_COMMANDS),
        # The log's own key closes it again.
        Binding(BY_ID["decision-log"].key, "close", show=False, priority=True, id="decision-log"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[Decision, ...] | None = None
        self._width = 0

    @property
    def session(self) -> MeetingSession:
        return session(self)

    @property
    def decisions(self) -> tuple[Decision, ...]:
        return self.session.plan.decisions

    # layout

    def compose(self) -> ComposeResult:
        yield MeetingBar()
        yield Label("", id="log-title", markup=False)
        yield Label("", id="log-readonly", markup=False)
        yield Label("", id="log-empty", markup=False)
        yield DataTable(cursor_type="row", zebra_stripes=True, id="log-table")
        yield Static("", id="log-detail", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#log-empty", Label).update(
            "No decisions are recorded in this plan."
            if self.session.readonly
            else f"No decisions recorded yet. Go back to the meeting ({keys(self)('log-close')}) and press "
            f"{keys(self)('record-decision')} when the team decides something."
        )
        if self.session.readonly:
            note = self.query_one("#log-readonly", Label)
            note.update(f"Read-only: {self.session.readonly_reason}. Decisions can be read here, not changed.")
            note.add_class("-shown")
        meeting(self).plan_changed.subscribe(self, self._plan_changed, immediate=True)
        self.refresh_log()
        self.query_one(DataTable).focus()

    def _plan_changed(self, change: Change[Plan]) -> None:
        if change.touches(("decisions",)):
            self.refresh_log()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._width:
            self._shown = None  # column widths follow the window
            self.refresh_log()

    # showing the decisions

    def _column_widths(self) -> tuple[int, int, int, int, int]:
        width = self.size.width or self.app.size.width  # the table is as wide as the screen
        self._width = width
        time_w, outcome_w = 5, 12
        section_w = 18 if width >= 110 else 12
        # each column has one cell of padding either side; leave room for the scrollbar
        rest = max(20, width - 2 * 5 - 2 - time_w - outcome_w - section_w)
        what_w = rest * 11 // 20
        return time_w, section_w, outcome_w, what_w, rest - what_w

    def refresh_log(self) -> None:
        decisions = self.decisions
        count = len(decisions)
        names = keys(self)
        what = "read-only" if self.session.readonly else f"{names('log-edit')} edits · {names('log-delete')} deletes"
        self.query_one("#log-title", Label).update(
            f"Decision log · {plural(count, 'decision')} · {what} · {names('log-close')} goes back"
        )
        self.refresh_bindings()
        self.query_one("#log-empty").set_class(not decisions, "-shown")
        table = self.query_one(DataTable)
        table.display = bool(decisions)
        if decisions != self._shown:
            self._shown = decisions
            row = table.cursor_row
            table.clear(columns=True)
            widths = self._column_widths()
            for label, width in zip(("Time", "Section", "Outcome", "What was decided", "Who disagreed, why"), widths):
                table.add_column(label, width=width)
            for index, decision in enumerate(decisions):
                table.add_row(
                    Text(decision.time.strftime("%H:%M")),
                    Text(self.session.section_title(decision.section)),
                    outcome_text(decision.outcome),
                    Text(decision.what),
                    Text(decision.disagreed or "—"),
                    height=None,
                    key=str(index),
                )
            if decisions:
                table.move_cursor(row=max(0, min(row, count - 1)))
        self._show_detail()

    def _selected(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.decisions or not table.row_count:
            return None
        return max(0, min(table.cursor_row, len(self.decisions) - 1))

    def _show_detail(self) -> None:
        detail = self.query_one("#log-detail", Static)
        index = self._selected()
        detail.display = index is not None
        if index is None:
            return
        decision = self.decisions[index]
        text = Text()
        text.append(f"{decision.time:%H:%M} · {self.session.section_title(decision.section)} · ", style="bold")
        text.append_text(outcome_text(decision.outcome))
        text.append("\n")
        text.append(decision.what)
        for heading, body in (
            ("Who disagreed, and why", decision.disagreed),
            ("Other options considered", options_text([(o.option, o.why_rejected) for o in decision.options])),
        ):
            if body:
                text.append(f"\n{heading}: ", style="bold")
                text.append(body)
        detail.update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected_by_mouse(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # changing them

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _NEED_DECISIONS and not self.decisions:
            return None  # greyed: nothing to edit
        return True

    def _refuse_if_readonly(self) -> bool:
        if self.session.readonly:
            self.notify(
                f"This plan is read-only ({self.session.readonly_reason}): decisions cannot be changed.",
                severity="warning",
                markup=False,
            )
            return True
        return False

    def action_edit(self) -> None:
        index = self._selected()
        if index is None or self._refuse_if_readonly():
            return
        old = self.decisions[index]

        def edited(new: Decision | None) -> None:
            if new is not None and new != old:
                self.session.apply(lambda plan: replace_decision(plan, old, new), "edited a decision", by=self)
                self.notify("Decision changed.", timeout=2)

        self.app.push_screen(DecisionDialog(old, self.session.section_title(old.section), editing=True), edited)

    def action_delete(self) -> None:
        index = self._selected()
        if index is None or self._refuse_if_readonly():
            return
        old = self.decisions[index]

        def answered(yes: bool | None) -> None:
            if yes:
                self.session.apply(lambda plan: delete_decision(plan, old), "deleted a decision", by=self)
                self.notify("Decision deleted.", timeout=2)

        summary = f"{old.time:%H:%M} · {self.session.section_title(old.section)} · {mark(old.outcome)}\n{old.what}"
        self.app.push_screen(
            ConfirmDialog("Delete this decision from the record?", summary, confirm="Delete", cancel="Keep it"),
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(None)
