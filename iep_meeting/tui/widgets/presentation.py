"""The presentation view: what the room reads while the facilitator's screen is
shared (its key switches the meeting screen between the facilitator's view and
this one). No prompts for the facilitator, no form: the section the team is on
and its content in plain words — the family's copy's words
(documents/meeting_parts.py) —, what was just written down, the agenda and the
time, the time left in large digits."""

from __future__ import annotations

import math

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Digits, Static

from iep_meeting.documents.meeting_parts import ALWAYS_SHOWN, now_parts, part_of, part_section, shown_part
from iep_meeting.documents.text import section_lines
from iep_meeting.meeting.clock import ClockReading, Phase, format_minutes
from iep_meeting.meeting.publish import Change, StatusKind
from iep_meeting.model.plan import Plan
from iep_meeting.tui.context import meeting, session
from iep_meeting.tui.styles import stylesheet
from iep_meeting.words.labels import label, symbol
from iep_meeting.words.locale import Strings


def screen_words(node: DOMNode) -> Strings:
    """The family's copy's English words for the screen: with the district's over them
    (--agenda-dir), or, when its file cannot be used, the built-in ones (and why, in a notice)."""
    from iep_meeting.store.errors import StoreError
    from iep_meeting.store.locale_files import locale_strings

    try:
        return locale_strings("en", meeting(node).agenda_dir)
    except StoreError as problem:
        node.app.notify(f"The district's words are not used: {problem}", severity="warning", markup=False)
        return locale_strings("en")


RECORDED_SHOWN = 3  # the newest things written down that the view keeps


def just_recorded(old: Plan, new: Plan, s: Strings) -> list[str]:
    """What was written down between two plans, in the audience's words: a decision
    (with its outcome), a topic for the parking lot, a next step."""
    found = [
        f"{s.text('share.new_decision')}: {d.what.strip()} ({label(d.outcome)})"
        for d in new.decisions[len(old.decisions) :]
    ]
    found += [f"{s.text('share.new_topic')}: {item.topic.strip()}" for item in new.parking_lot[len(old.parking_lot) :]]
    found += [f"{s.text('share.new_step')}: {item.what.strip()}" for item in new.action_items[len(old.action_items) :]]
    return found


def time_words(reading: ClockReading, s: Strings) -> list[str]:
    """The section's time left and the meeting's end, in sentences."""
    if reading.phase is Phase.FINAL:
        return [s.text("share.final")]
    if reading.phase is Phase.BEFORE_START and reading.starts is not None:
        return [s.text("share.starts", time=reading.starts.strftime("%H:%M"))]
    if reading.phase is Phase.ANOTHER_DAY and reading.meeting_date is not None:
        return [s.text("share.on_day", date=s.date(reading.meeting_date))]
    left = math.ceil(abs(reading.section_left) / 60)
    words = [s.count("share.left", left) if reading.section_left >= 0 else s.count("share.over", left)]
    if reading.past_end:
        words.append(s.count("share.past_end", math.ceil(reading.past_end / 60)))
    elif reading.planned_end is not None:
        words.append(s.text("share.ends", time=reading.planned_end.strftime("%H:%M")) + ".")
    return words


class PresentationView(Vertical):
    DEFAULT_CSS = stylesheet("presentation-view")

    def __init__(self, strings: Strings) -> None:
        super().__init__()
        self.s = strings
        self.recorded: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="presenting-title", markup=False)
        with Horizontal(id="presenting-body"):
            with VerticalScroll(id="presenting-now", can_focus=True):
                yield Static(id="presenting-content", markup=False)
            with Vertical(id="presenting-side"):
                yield Digits(id="presenting-clock")
                yield Static(id="presenting-time", markup=False)
                yield Static(id="presenting-agenda", markup=False)

    def on_mount(self) -> None:
        owner = meeting(self)
        owner.plan_changed.subscribe(self, self._plan_changed, immediate=True)
        owner.status_changed.subscribe(self, self._status_changed, immediate=True)
        self.show_meeting()

    def _plan_changed(self, change: Change[Plan]) -> None:
        added = just_recorded(change.previous, change.value, self.s)
        self.recorded = (list(reversed(added)) + self.recorded)[:RECORDED_SHOWN]
        if self.display:
            self.show_meeting()

    def _status_changed(self, kind: StatusKind) -> None:
        if not self.display:
            return
        if kind is StatusKind.CLOCK:
            self.show_time()
        elif kind in (StatusKind.SECTION, StatusKind.TIME_BOXES, StatusKind.READ_ONLY):
            self.show_meeting()

    def show_meeting(self) -> None:
        current = session(self)
        section = current.current
        ids = [s.id for s in current.sections]
        where = f"{ids.index(section.id) + 1} / {len(ids)}"
        self.query_one("#presenting-title", Static).update(Text(f"{section.title}  ({where})", style="bold"))
        self.query_one("#presenting-content", Static).update(self._content())
        agenda = Text()
        for listed, status in current.statuses():
            here = listed.id == section.id
            line = f"{'▶' if here else symbol(status)} {listed.title} · {current.budget(listed.id)} min\n"
            agenda.append(line, style="bold" if here else "")
        agenda.rstrip()
        self.query_one("#presenting-agenda", Static).update(agenda)
        self.show_time()

    def _content(self) -> Text:
        current = session(self)
        section = current.current
        text = Text()
        if self.recorded:  # what was just written down comes first, while it is new
            text.append(f"{self.s.text('share.recorded')}\n", style="bold underline")
            text.append("\n".join(f"• {line}" for line in self.recorded) + "\n\n")
        # The parts of the plan the section covers; in a section of the decisions and next
        # steps (the close), those.
        covered = [part_of(path) for path in section.covers]
        parts = now_parts(section.covers) or [p for p in dict.fromkeys(covered) if p in ALWAYS_SHOWN and shown_part(p)]
        for part in parts:
            written = part_section(part, current.plan, self.s)
            text.append(f"{written.heading}\n", style="bold underline")
            text.append("\n".join(section_lines(written)) + "\n\n")
        if not parts:
            text.append(self.s.text("share.talk") + "\n\n")
        text.rstrip()
        return text

    def show_time(self) -> None:
        reading = session(self).clock_reading()
        running = reading.running
        clock = self.query_one("#presenting-clock", Digits)
        clock.display = running
        if running:
            clock.update(("-" if reading.section_left < 0 else "") + format_minutes(reading.section_left))
            clock.set_class(reading.section_overrun, "-over")
        self.query_one("#presenting-time", Static).update(" ".join(time_words(reading, self.s)))
