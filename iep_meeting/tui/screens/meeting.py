"""The meeting screen: agenda on the left, the current section in the middle,
clock and save state on top, keys at the bottom.

It shows what the session holds and moves through the agenda; the section
editors change the plan through the session, and the screen shows each
change the session publishes (tui/context.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, ContentSwitcher, Label, OptionList, Select

from iep_meeting.meeting.autosave import SaveState
from iep_meeting.meeting.publish import Change, StatusKind
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import Plan, Status
from iep_meeting.tui.commands import MEETING_COMMANDS, bindings
from iep_meeting.tui.context import keys, meeting, session, type_ahead
from iep_meeting.tui.messages import EditorBuilt
from iep_meeting.tui.sections import editor_for
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.type_ahead import FORM_BUILD_SECONDS, Hold
from iep_meeting.tui.widgets.agenda_list import AgendaList
from iep_meeting.tui.widgets.checklist_view import ChecklistView
from iep_meeting.tui.widgets.key_bar import KeyBar
from iep_meeting.tui.widgets.meeting_bar import MeetingBar
from iep_meeting.tui.widgets.prompts import Prompts

if TYPE_CHECKING:
    from iep_meeting.tui.sections.base import SectionEditor


def _fields_in(root: Widget) -> Iterator[Widget]:
    """The displayed widgets under `root` that take typing, in focus order: not a
    list of records, a button, a drop-down or a checkbox, which would drop the
    letters typed right after a move."""
    for child in root.children:
        if not child.display:
            continue
        if child.focusable and not isinstance(child, (Button, OptionList, Select, Checkbox)):
            yield child
        yield from _fields_in(child)


class MeetingScreen(Screen[None]):
    DEFAULT_CSS = stylesheet("meeting-screen")
    BINDINGS = bindings(MEETING_COMMANDS)

    def __init__(self) -> None:
        super().__init__()
        self._editors: dict[str, SectionEditor] = {}
        self._starting: Widget | None = None  # the start field focused, until it is scrolled to
        self._start_field: Widget | None = None  # ... and until the focus leaves it
        self._save_shown: tuple[SaveState, str | None] | None = None
        self._readonly_shown = False
        self._reveal: Finding | None = None  # a checklist item to show once the section's form is up
        self._focus_before: Widget | None = None  # where the cursor was before the presentation view

    # layout

    def compose(self) -> ComposeResult:
        yield MeetingBar()
        yield Label("", id="save-problem", markup=False)
        yield Label("", id="readonly-note", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="agenda-column"):
                yield Label(f"Agenda · {keys(self)('go-to-section')} go to", id="agenda-title")
                yield AgendaList(id="agenda")
            with Vertical(id="main"):
                yield Label("", id="section-title", markup=False)
                yield Prompts(keys(self)("toggle-prompts"))
                yield ContentSwitcher(id="editors")
        yield KeyBar()

    def on_mount(self) -> None:
        owner = meeting(self)
        owner.plan_changed.subscribe(self, self._plan_changed, immediate=True)
        owner.status_changed.subscribe(self, self._status_changed, immediate=True)
        if self.app.size.height < 30:  # a small window: the form needs the room
            self.query_one(Prompts).collapsed = True
        type_ahead(self).hold(Hold.MOVE, patience=FORM_BUILD_SECONDS)  # typing at once goes into the first field
        self._show_section()
        # The first frame shows the agenda without statuses and the bar without
        # the checklist count; the first checklist runs (and its rules load)
        # right after it is painted, and both show their count a frame later.
        self._show_agenda(statuses=False)
        self.call_after_refresh(self._show_checklist)
        self._status_changed(StatusKind.SAVE)

    def _show_checklist(self) -> None:
        """The first checklist's statuses and count (the form already shows the plan)."""
        self._show_agenda()
        self.query_one(MeetingBar).show_checklist(session(self).findings)

    # showing the plan

    def _editor(self) -> SectionEditor:
        section = session(self).current
        editor = self._editors.get(section.id)
        if editor is None:  # built on first visit: start-up stays fast with big plans
            editor = editor_for(section)
            editor.disabled = session(self).readonly
            self._editors[section.id] = editor
            self.query_one("#editors", ContentSwitcher).mount(editor)
        return editor

    def _show_section(self) -> None:
        section = session(self).current
        self._show_title()
        self.query_one(Prompts).show_section(section)
        if not self._editors:
            # Opening the meeting: paint the agenda, clock and prompts first,
            # then build the form (the slowest part of starting) a frame later.
            self.call_after_refresh(self._show_editor)
        else:
            self._show_editor()

    def _show_title(self) -> None:
        current = session(self)
        section = current.current
        self.query_one("#section-title", Label).update(f"{section.title}  ·  {current.budget(section.id)} min")

    def _show_editor(self) -> None:
        editor = self._editor()
        self.query_one("#editors", ContentSwitcher).current = editor.id
        self.call_after_refresh(editor.show_plan, session(self).plan)
        if editor.built:
            self.call_after_refresh(self._focus_in, editor)
        # else _editor_built focuses it, once everything in it exists

    @on(EditorBuilt)
    def _editor_built(self, event: EditorBuilt) -> None:
        # Not stopped: the app waits for the first form before it may quit.
        if event.section_id == session(self).current.id:  # not left meanwhile
            self.call_after_refresh(self._focus_in, event.editor)  # once laid out: scrolls right

    def _focus_in(self, editor: SectionEditor) -> None:
        """The note-taker can type at once after moving to a section (or, after a
        jump from the checklist, in the field that fixes the item): the keys
        typed on the way are delivered once the focus is there."""
        self._take_focus(editor)
        type_ahead(self).release(Hold.MOVE)

    def _take_focus(self, editor: SectionEditor) -> None:
        if self._reveal is not None:
            finding, self._reveal = self._reveal, None
            if editor.reveal(session(self).plan, finding.path):
                return
        else:
            focused = self.focused
            if focused is not None and editor in focused.ancestors:
                return  # the user got there first (a click): leave the cursor
        # Where the section's discussion starts; else a field that takes typing
        # first; else (a section of lists) the first list.
        widget = (
            editor.start_field()
            or next(_fields_in(editor), None)
            or next((w for w in editor.walk_children(Widget) if w.focusable and w.display), None)
        )
        if widget is not None:
            # Scrolled to once the form is laid out: the focus's own scroll
            # can run while lists are still filling and overshoot.
            self._starting = self._start_field = widget
            self.set_focus(widget, scroll_visible=False)
            self.call_after_refresh(self._scroll_to_start, widget)

    @property
    def arriving(self) -> bool:
        """Still bringing the section's start field into view (it has the focus,
        the scroll to it waits for the form's layout)."""
        return self._starting is not None

    def _scroll_to_start(self, widget: Widget) -> None:
        """Bring the start field into view once the form is laid out, unless a key or a
        click has moved on from it meanwhile (then that focus scrolled to its field)."""
        self._starting = None
        if self.focused is widget:
            widget.scroll_visible(animate=False)

    @on(events.DescendantFocus)
    def _focus_moved(self, event: events.DescendantFocus) -> None:
        if event.widget is not self._start_field:
            self._start_field = None
        self.call_after_refresh(self._keep_in_view, event.widget)

    def _keep_in_view(self, widget: Widget) -> None:
        """The field being typed in is on screen: when the focus's own scroll left it
        outside its section's visible area (the form still settling), scroll there."""
        from iep_meeting.tui.sections.base import SectionEditor  # loaded with the first form

        if self.focused is not widget or self.app.screen is not self:
            return  # moved on; or a dialog over the form
        editor = next((node for node in widget.ancestors if isinstance(node, SectionEditor)), None)
        if editor is None or not widget.region.area or editor.region.contains_region(widget.region):
            return
        # As the scroll this one backs up would: just into view for the start field
        # (_scroll_to_start), centred for a field focused by a key or a click (the
        # focus's own scroll). Whichever of the two runs first, the form ends alike.
        if widget is self._start_field:
            editor.scroll_to_widget(widget, animate=False)
        else:
            editor.scroll_to_center(widget, animate=False, origin_visible=True)

    def _plan_changed(self, change: Change[Plan]) -> None:
        self._refresh_all(change)

    def _show_agenda(self, *, statuses: bool = True) -> None:
        current = session(self)
        minutes = {section.id: current.budget(section.id) for section in current.sections}
        rows = current.statuses() if statuses else [(section, None) for section in current.sections]
        self.query_one(AgendaList).show(rows, current.current.id, minutes)

    def _refresh_all(self, change: Change[Plan] | None = None) -> None:
        current = session(self)
        self._show_agenda()
        editor = self._editors.get(current.current.id)
        if editor is not None and editor.is_mounted:
            editor.show_plan(current.plan, change)

    def _status_changed(self, kind: StatusKind) -> None:
        """The save state or the read-only state may have changed: say so in words."""
        if kind is StatusKind.TIME_BOXES:  # minutes moved between sections: the agenda and the title show them
            self._show_title()
            self._refresh_all()
            return
        if kind in (StatusKind.CLOCK, StatusKind.UNSAVED, StatusKind.TIME_NOTICE):
            return  # the top bar shows those; the app offers what to do when time is up (flows/time_boxes.py)
        current = session(self)
        if current.readonly and not self._readonly_shown:
            self._readonly_shown = True
            for editor in self._editors.values():
                editor.disabled = True
            note = self.query_one("#readonly-note", Label)
            after = (
                "Only the family's copy (ctrl+g) is recorded in it, outside its seal."
                if current.plan.status is Status.FINAL and current.writable_file
                else "Nothing you do here changes the file."
            )
            note.update(f"Read-only: {current.readonly_reason}. {after}")
            note.add_class("-shown")
        state, error = current.save_state, current.autosave.error
        if (state, error) == self._save_shown:
            return
        self._save_shown = (state, error)
        problem = self.query_one("#save-problem", Label)
        if state is SaveState.FAILED:
            problem.update(
                f"NOT SAVED: {error}. Your changes are kept here and saving is retried; "
                f"{keys(self)('save-elsewhere')} saves to another place."
            )
        problem.set_class(state is SaveState.FAILED, "-shown")

    # moving through the agenda

    def go_to(self, section_id: str) -> None:
        if session(self).go_to(section_id):
            self._moved()

    def action_step(self, offset: int) -> None:
        if session(self).step(offset):
            self._moved()

    def _moved(self) -> None:
        """The team is on another section now: its form, the agenda, and the section clock."""
        type_ahead(self).hold(Hold.MOVE, patience=FORM_BUILD_SECONDS)  # until _focus_in: the form may not exist yet
        self._show_section()
        self._refresh_all()

    @on(AgendaList.Jump)
    def _jump(self, event: AgendaList.Jump) -> None:
        self.go_to(event.section_id)

    def action_pick_section(self) -> None:
        from iep_meeting.tui.dialogs.section_picker import SectionPicker

        def picked(section_id: str | None) -> None:
            if section_id:
                self.go_to(section_id)

        current = session(self)
        self.app.push_screen(SectionPicker(current.statuses(), current.current.id), picked)

    # the presentation view

    @property
    def presenting(self) -> bool:
        return self.has_class("-presenting")

    def action_toggle_presentation(self) -> None:
        """Switch between the facilitator's view and the presentation view (for the shared screen)."""
        from iep_meeting.tui.widgets.presentation import PresentationView, screen_words

        views = self.query(PresentationView)
        if not views:  # built on first use: starting the meeting does not load the family's words
            view = PresentationView(screen_words(self))
            self.mount(view, before=self.query_one(KeyBar))
        else:
            view = views.first()
        presenting = not self.presenting
        if presenting:
            self._focus_before = self.focused
        self.set_class(presenting, "-presenting")
        if presenting:
            if view.is_mounted:  # hidden until now, it showed nothing new (a new one shows all when mounted)
                view.show_meeting()
            self.call_after_refresh(lambda: self.set_focus(view.query_one("#presenting-now")))
        elif self._focus_before is not None and self._focus_before.is_attached:
            self.set_focus(self._focus_before)

    def action_toggle_prompts(self) -> None:
        prompts = self.query_one(Prompts)
        prompts.collapsed = not prompts.collapsed

    # the checklist

    @on(ChecklistView.Jump)
    def _checklist_jump(self, event: ChecklistView.Jump) -> None:
        event.stop()
        self.jump_to(event.finding)

    def jump_to(self, finding: Finding) -> None:
        """Go to the section and the field where `finding` is fixed."""
        current = session(self)
        if current.section(finding.section) is None:
            type_ahead(self).release(Hold.MOVE)  # the checklist held the keys for the jump
            self.notify(
                f"This is not edited on the meeting screens: it is “{finding.location}” in the plan file.",
                title="Where to fix it",
                markup=False,
                timeout=8,
            )
            return
        self._reveal = finding  # shown instead of focusing the form's first field
        if current.go_to(finding.section):
            self._moved()
        else:
            type_ahead(self).hold(Hold.MOVE)
            editor = self._editors.get(finding.section)
            if editor is not None and editor.built:
                self._focus_in(editor)
            # else the form is still being built: _editor_built shows it
