"""The always-visible top bar: who the meeting is for, the clock, the checklist
count, the save state. It repaints itself from the session whenever the app
publishes a change or the clock ticks (tui/context.py)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from iep_meeting.meeting.autosave import SaveState
from iep_meeting.meeting.clock import ClockReading
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan
from iep_meeting.tui.context import meeting, session
from iep_meeting.tui.styles import stylesheet
from iep_meeting.words.labels import label, mark

NARROW_BELOW = 100  # columns


class MeetingBar(Horizontal):
    DEFAULT_CSS = stylesheet("meeting-bar")

    def compose(self) -> ComposeResult:
        yield Label(id="who", markup=False)
        yield Label(id="clock", markup=False)
        yield Label(id="checklist", markup=False)
        yield Label(id="save", markup=False)

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, object] = {}  # what each label shows: repaint only on change
        self._reading: ClockReading | None = None
        self._required: int | None = None

    def on_mount(self) -> None:
        owner = meeting(self)
        owner.plan_changed.subscribe(self, lambda _plan: self.show_session(), immediate=True)
        owner.status_changed.subscribe(self, lambda _: self.show_session(), immediate=True)
        self.show_session()

    def show_session(self) -> None:
        current = session(self)
        self.show_plan(current.plan, current.readonly_reason)
        self.show_checklist(current.findings)
        self.show_clock(current.clock_reading())
        self.show_save(current.save_state)

    def _changed(self, label_id: str, value: object) -> bool:
        if self._shown.get(label_id) == value:
            return False
        self._shown[label_id] = value
        return True

    def show_plan(self, plan: Plan, readonly_reason: str | None) -> None:
        text = f"{plan.student.name} · {label(plan.meeting.kind)} · {label(plan.status)}"
        if readonly_reason:
            text += " · READ-ONLY"
        if self._changed("who", text):
            self.query_one("#who", Label).update(Text(text))

    @property
    def _narrow(self) -> bool:
        """On a narrow screen the words go and the figures stay: the save state must fit."""
        return self.app.size.width < NARROW_BELOW

    def on_resize(self) -> None:
        self._shown.pop("clock", None)
        self._shown.pop("checklist", None)
        if self._reading is not None:
            self.show_clock(self._reading)
        if self._required is not None:
            self.show_checklist_count(self._required)

    def show_clock(self, reading: ClockReading) -> None:
        self._reading = reading
        forms = reading.texts()
        text = forms[min(1, len(forms) - 1)] if self._narrow else forms[0]
        if not self._changed("clock", text):
            return
        clock = self.query_one("#clock", Label)
        clock.update(Text(text))
        clock.set_class(reading.alarm, "-over")

    def show_checklist(self, findings: tuple[Finding, ...]) -> None:
        """How many required checklist items are open: the same count at every moment."""
        self.show_checklist_count(sum(f.required for f in findings))

    def show_checklist_count(self, required: int) -> None:
        self._required = required
        if required:
            text = f"! {required} open" if self._narrow else f"! checklist: {required} open"
        else:
            text = "✓ done" if self._narrow else "✓ checklist done"
        if not self._changed("checklist", text):
            return
        label = self.query_one("#checklist", Label)
        label.update(Text(text))
        label.set_class(bool(required), "-open")

    def show_save(self, state: SaveState) -> None:
        if not self._changed("save", state):
            return
        label = self.query_one("#save", Label)
        label.update(Text(mark(state)))
        label.set_class(state is SaveState.FAILED, "-failed")
        label.set_class(state is SaveState.PENDING, "-pending")
        label.set_class(state is SaveState.SAVING, "-saving")
