"""The always-visible top bar: who the meeting is for, the clock, the save state."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from ..autosave import SaveState
from ..model.clock import ClockReading, format_minutes
from ..model.plan import Plan

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
    MeetingBar > #save { width: auto; }
    MeetingBar > #save.-failed { background: $error; color: $text; text-style: bold; }
    MeetingBar > #save.-pending, MeetingBar > #save.-saving { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="who", markup=False)
        yield Label(id="clock", markup=False)
        yield Label(id="save", markup=False)

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, object] = {}  # what each label shows: repaint only on change

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

    def show_clock(self, reading: ClockReading) -> None:
        text = f"time {format_minutes(reading.elapsed)} · section {reading.section_text()} · {reading.end_text()}"
        if not self._changed("clock", text):
            return
        clock = self.query_one("#clock", Label)
        clock.update(Text(text))
        clock.set_class(reading.section_overrun or reading.past_end > 0, "-over")

    def show_save(self, state: SaveState) -> None:
        if not self._changed("save", state):
            return
        label = self.query_one("#save", Label)
        label.update(Text(SAVE_LABELS[state]))
        label.set_class(state is SaveState.FAILED, "-failed")
        label.set_class(state is SaveState.PENDING, "-pending")
        label.set_class(state is SaveState.SAVING, "-saving")
