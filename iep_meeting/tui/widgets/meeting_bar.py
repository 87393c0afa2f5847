"""The always-visible top bar: who the meeting is for, the clock, the checklist
count, the save state. It repaints itself from the session whenever the
session publishes a change or the clock ticks (tui/context.py).

On a narrow screen (80 columns) not every word fits, and the save state must
never be pushed off the line. The bar then gives up words in a fixed order
(`STEPS`): the checklist's first ("! 19 open"), then the clock's "section",
then its fewer words for an overrun ("PAST END by 5:00", "OVER"); the clock
always keeps "time", so the elapsed time never reads like a time of day
(meeting/clock.py, `ClockReading.texts`). The student's name takes what is
left, cut with "…".
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from iep_meeting.meeting.autosave import SaveState
from iep_meeting.meeting.clock import ClockReading
from iep_meeting.meeting.publish import Change, StatusKind
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan
from iep_meeting.tui.context import meeting, session
from iep_meeting.tui.styles import stylesheet
from iep_meeting.words.labels import label, mark
from iep_meeting.words.phrases import plural

# Cells of the line that are not the clock's or the checklist's words (meeting-bar.tcss):
# the margins around #clock (2 + 2) and after #checklist (2), and #who at its min-width.
MARGINS = 2 + 2 + 2
WHO_MIN = 16
SHARING_MARGIN = 2  # after #sharing, while it shows
# The save state's room: the widest of the marks it shows while typing, so the
# words do not come and go with every save; a failure is measured as it is.
SAVE_ROOM = max(cell_len(mark(state)) for state in (SaveState.SAVED, SaveState.PENDING, SaveState.SAVING))

# (clock form, checklist form) from the fullest to the shortest: ClockReading.texts()
# gives the clock's forms, checklist_texts() the checklist's.
STEPS = ((0, 0), (0, 1), (1, 1), (1, 2), (2, 2), (3, 2))


def checklist_texts(required: int | None) -> tuple[str, ...]:
    """The checklist count from the fullest form to the shortest (None: not counted yet)."""
    if required is None:
        return ("",)
    if required:
        return (f"! checklist: {required} open", f"! {required} open", f"! {required}")
    return ("✓ checklist done", "✓ done")


def fitting(clock: tuple[str, ...], checklist: tuple[str, ...], room: int) -> tuple[str, str]:
    """The fullest clock and checklist texts that fit in `room` cells together,
    giving up words in the order of `STEPS` (the shortest when even they do not
    fit). Once the clock has given up some, the checklist takes back what now fits."""

    def fits(clock_text: str, checklist_text: str) -> bool:
        return cell_len(clock_text) + cell_len(checklist_text) <= room

    for clock_step, checklist_step in STEPS:
        clock_text = clock[min(clock_step, len(clock) - 1)]
        if fits(clock_text, checklist[min(checklist_step, len(checklist) - 1)]):
            break
    return clock_text, next((text for text in checklist if fits(clock_text, text)), checklist[-1])


class MeetingBar(Horizontal):
    DEFAULT_CSS = stylesheet("meeting-bar")

    def compose(self) -> ComposeResult:
        yield Label(id="who", markup=False)
        yield Label(id="clock", markup=False)
        yield Label(id="sharing", markup=False)  # "sharing · 2 watching", only while the meeting is shared
        yield Label(id="checklist", markup=False)
        save = Label(id="save", markup=False)
        save.styles.min_width = SAVE_ROOM  # see show_save
        yield save

    def __init__(self) -> None:
        super().__init__()
        self._shown: dict[str, object] = {}  # what each label shows: repaint only on change
        self._reading: ClockReading | None = None
        self._required: int | None = None
        self._save_text = mark(SaveState.SAVED)
        self._sharing_text = ""

    def on_mount(self) -> None:
        owner = meeting(self)
        owner.plan_changed.subscribe(self, self._plan_changed, immediate=True)
        owner.status_changed.subscribe(self, self._status_changed, immediate=True)
        # At the start the checklist count follows a frame later: the meeting screen
        # runs the first checklist once its first frame is painted (screens/meeting.py).
        self.show_session(checklist=session(self).checked)

    def _plan_changed(self, change: Change[Plan]) -> None:
        current = session(self)
        self.show_plan(current.plan, current.readonly_reason)
        self.show_checklist(current.findings)

    def _status_changed(self, kind: StatusKind) -> None:
        current = session(self)
        if kind is StatusKind.SAVE or kind is StatusKind.UNSAVED:
            self.show_save(current.save_state, len(current.unsaved))
        elif kind is StatusKind.READ_ONLY:
            self.show_session()
        else:  # the clock ticked, or the team is on another section: the section's time left
            self.show_clock(current.clock_reading())

    def show_session(self, *, checklist: bool = True) -> None:
        current = session(self)
        self.show_plan(current.plan, current.readonly_reason)
        self.show_save(current.save_state, len(current.unsaved))
        if checklist:
            self.show_checklist(current.findings)
        self.show_clock(current.clock_reading())

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
    def _room(self) -> int:
        """Cells for the clock's and the checklist's words together."""
        width = self.size.width or self.app.size.width - 2  # before the first layout: the screen's, less padding
        save = max(SAVE_ROOM, cell_len(self._save_text))
        sharing = cell_len(self._sharing_text) + SHARING_MARGIN if self._sharing_text else 0
        return width - MARGINS - WHO_MIN - save - sharing

    def _texts(self) -> tuple[str, str]:
        clock = self._reading.texts() if self._reading is not None else ("",)
        return fitting(clock, checklist_texts(self._required), self._room)

    def on_resize(self) -> None:
        self._show_words()

    def show_clock(self, reading: ClockReading) -> None:
        self._reading = reading
        self._show_words()

    def show_checklist(self, findings: tuple[Finding, ...]) -> None:
        """How many required checklist items are open: the same count at every moment."""
        self.show_checklist_count(sum(f.required for f in findings))

    def show_checklist_count(self, required: int) -> None:
        self._required = required
        self._show_words()

    def _show_words(self) -> None:
        if self._reading is None:
            return
        clock_text, checklist_text = self._texts()
        if self._changed("clock", clock_text):
            clock = self.query_one("#clock", Label)
            clock.update(Text(clock_text))
            clock.set_class(self._reading.alarm, "-over")
        if self._changed("checklist", checklist_text):
            checklist = self.query_one("#checklist", Label)
            checklist.update(Text(checklist_text))
            checklist.set_class(bool(self._required), "-open")

    def show_sharing(self, text: str) -> None:
        """Whether the meeting is shared in a browser and how many are watching ("" hides it)."""
        if not self._changed("sharing", text):
            return
        self._sharing_text = text
        sharing = self.query_one("#sharing", Label)
        sharing.update(Text(text))
        sharing.display = bool(text)
        self._show_words()  # the clock and the checklist may have to give up words for it

    def show_save(self, state: SaveState, unsaved: int = 0) -> None:
        """The save state; or, while a field holds text the plan cannot take
        (a bad date), that something typed is not saved, whatever autosave did."""
        before = self._save_text
        self._save_text = f"! {plural(unsaved, 'value')} not saved" if unsaved else mark(state)
        if not self._changed("save", self._save_text):
            return
        label = self.query_one("#save", Label)
        # Saved, saving, unsaved: all as wide as the widest (SAVE_ROOM), so the bar
        # keeps its layout while typing; only a longer message lays it out again.
        same_width = max(SAVE_ROOM, cell_len(before)) == max(SAVE_ROOM, cell_len(self._save_text))
        label.update(Text(self._save_text), layout=not same_width)
        label.set_class(state is SaveState.FAILED or unsaved > 0, "-failed")
        label.set_class(state is SaveState.PENDING, "-pending")
        label.set_class(state is SaveState.SAVING, "-saving")
        self._show_words()  # a failure's words are longer: the others may have to give some up
