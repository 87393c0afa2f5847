"""The always-visible top bar: who the meeting is for, the clock, the checklist
count, the save state. It repaints itself from the session whenever the
session publishes a change or the clock ticks (tui/context.py).

On a narrow screen (80 columns) not every word fits, and the save state must
never be pushed off the line. The bar then gives up words in a fixed order
(`STEPS`): the checklist's first ("! 19 open"), then the clock's "section",
the checklist's "open", sharing's "sharing ·" ("3 watching"), then the clock's
fewer words for an overrun ("PAST END by 5:00", "OVER"); the clock always
keeps "time", so the elapsed time never reads like a time of day
(meeting/clock.py, `ClockReading.texts`). Who the meeting is for takes what is
left, in whole words (`who_texts`): the meeting's kind goes first, then the
plan's status; only a name longer than the room left is cut with "…".
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

# Cells of the line that are not the clock's, the checklist's or sharing's words
# (meeting-bar.tcss): the margins around #clock (2 + 2) and after #checklist (2).
MARGINS = 2 + 2 + 2
WHO_MIN = 16  # the room the others leave #who while they can; it gives up the rest
# (its min-width: 6) before the save state is pushed off the line
SHARING_MARGIN = 2  # after #sharing, while it shows
# The save state's room: the widest of the marks it shows while typing, so the
# words do not come and go with every save; a failure is measured as it is.
SAVE_ROOM = max(cell_len(mark(state)) for state in (SaveState.SAVED, SaveState.PENDING, SaveState.SAVING))

# (clock form, checklist form, sharing form) from the fullest to the shortest:
# ClockReading.texts() gives the clock's forms, checklist_texts() the checklist's,
# tui/sharing.py's bar_words() sharing's.
STEPS = ((0, 0, 0), (0, 1, 0), (1, 1, 0), (1, 2, 0), (1, 2, 1), (2, 2, 1), (3, 2, 2))


def checklist_texts(required: int | None) -> tuple[str, ...]:
    """The checklist count from the fullest form to the shortest (None: not counted yet)."""
    if required is None:
        return ("",)
    if required:
        return (f"! checklist: {required} open", f"! {required} open", f"! {required}")
    return ("✓ checklist done", "✓ done")


def who_texts(plan: Plan, readonly_reason: str | None) -> tuple[str, ...]:
    """Who the meeting is for, from the fullest to the shortest, each in whole
    words: the meeting's kind is given up first, then the plan's status; the
    name stays, and READ-ONLY while there is room for it."""
    name = plan.student.name
    end = " · READ-ONLY" if readonly_reason else ""
    kind, status = label(plan.meeting.kind), label(plan.status)
    return tuple(dict.fromkeys((f"{name} · {kind} · {status}{end}", f"{name} · {status}{end}", f"{name}{end}", name)))


def fitting(
    clock: tuple[str, ...], checklist: tuple[str, ...], sharing: tuple[str, ...], room: int
) -> tuple[str, str, str]:
    """The fullest clock, checklist and sharing texts that fit in `room` cells
    together, giving up words in the order of `STEPS` (the shortest when even they
    do not fit). Once the clock has given up some, the checklist takes back what now fits."""

    def fits(*texts: str) -> bool:
        return sum(map(cell_len, texts)) <= room

    for steps in STEPS:
        chosen = [forms[min(step, len(forms) - 1)] for forms, step in zip((clock, checklist, sharing), steps)]
        if fits(*chosen):
            break
    clock_text, _, sharing_text = chosen
    return (
        clock_text,
        next((text for text in checklist if fits(clock_text, text, sharing_text)), checklist[-1]),
        sharing_text,
    )


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
        self._sharing: tuple[str, ...] = ("",)  # its forms (bar_words), ("",) while not shared
        self._who: tuple[str, ...] = ("",)

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
        self._who = who_texts(plan, readonly_reason)
        self._show_words()

    @property
    def _room(self) -> int:
        """Cells for the clock's and the checklist's words together."""
        width = self.size.width or self.app.size.width - 2  # before the first layout: the screen's, less padding
        save = max(SAVE_ROOM, cell_len(self._save_text))
        sharing = SHARING_MARGIN if self._sharing[0] else 0
        return width - MARGINS - WHO_MIN - save - sharing

    def _texts(self) -> tuple[str, str, str]:
        clock = self._reading.texts() if self._reading is not None else ("",)
        return fitting(clock, checklist_texts(self._required), self._sharing, self._room)

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
        clock_text, checklist_text, sharing_text = self._texts()
        room = self._room + WHO_MIN - cell_len(clock_text) - cell_len(checklist_text) - cell_len(sharing_text)
        who = next((text for text in self._who if cell_len(text) <= room), self._who[-1])  # what is left
        if self._changed("who", who):
            self.query_one("#who", Label).update(Text(who))
        if self._changed("sharing", sharing_text):
            sharing = self.query_one("#sharing", Label)
            sharing.update(Text(sharing_text))
            sharing.display = bool(sharing_text)
        if self._reading is None:
            return
        if self._changed("clock", clock_text):
            clock = self.query_one("#clock", Label)
            clock.update(Text(clock_text))
            clock.set_class(self._reading.alarm, "-over")
        if self._changed("checklist", checklist_text):
            checklist = self.query_one("#checklist", Label)
            checklist.update(Text(checklist_text))
            checklist.set_class(bool(self._required), "-open")

    def show_sharing(self, forms: tuple[str, ...]) -> None:
        """Whether the meeting is shared in a browser and how many are watching, from
        the fullest words to the shortest (tui/sharing.py's bar_words; ("",) hides it)."""
        self._sharing = forms or ("",)
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
