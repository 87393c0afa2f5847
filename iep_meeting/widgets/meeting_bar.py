"""The always-visible top bar: who the meeting is for, the clock, the save state."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from ..autosave import SaveState
from ..model.clock import ClockReading, format_minutes
from ..model.findings import Finding
from ..model.plan import Plan

NARROW_BELOW = 100  # columns

SAVE_LABELS = {
    SaveState.SAVED: "✓ saved",
    SaveState.PENDING: "… unsaved",
    SaveState.SAVING: "↻ saving",
    SaveState.FAILED: "✗ NOT SAVED",
}


class MeetingBar(Horizontal):
    DEFAULT_CSS = """
    MeetingBar { height: 1; background: $panel; padding: 0 1; }
    MeetingBar > Label { height: 1; }
    MeetingBar > #who { width: 1fr; min-width: 20; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    MeetingBar > #clock { width: auto; margin: 0 2; }
    MeetingBar > #clock.-over { color: $error; text-style: bold; }
    MeetingBar > #checklist { width: auto; margin-right: 2; }
    MeetingBar > #checklist.-open { color: $warning; }
    MeetingBar > #save { width: auto; }
    MeetingBar > #save.-failed { background: $error; color: $text; text-style: bold; }
    MeetingBar > #save.-pending, MeetingBar > #save.-saving { color: $text-muted; }
    """

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

    def _changed(self, label_id: str, value: object) -> bool:
        if self._shown.get(label_id) == value:
            return False
        self._shown[label_id] = value
        return True

    def show_plan(self, plan: Plan, readonly_reason: str | None) -> None:
        kind = plan.meeting.kind.value.replace("-", " ")
        text = f"{plan.student.name} · {kind} · {plan.status.value}"
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
        elapsed, section, end = format_minutes(reading.elapsed), reading.section_text(), reading.end_text()
        text = f"{elapsed} · {section} · {end}" if self._narrow else f"time {elapsed} · section {section} · {end}"
        if not self._changed("clock", text):
            return
        clock = self.query_one("#clock", Label)
        clock.update(Text(text))
        clock.set_class(reading.section_overrun or reading.past_end > 0, "-over")

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
        label.update(Text(SAVE_LABELS[state]))
        label.set_class(state is SaveState.FAILED, "-failed")
        label.set_class(state is SaveState.PENDING, "-pending")
        label.set_class(state is SaveState.SAVING, "-saving")
