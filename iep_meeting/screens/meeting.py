"""The meeting screen: agenda on the left, the current section in the middle,
clock and save state on top, keys at the bottom."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Label

from ..autosave import SaveState
from ..commands import MEETING_COMMANDS, bindings
from ..meeting import MeetingSession, final_reason
from ..model.findings import Finding
from ..model.paths import get_in, set_in
from ..sections import editor_for
from ..store.errors import StoreError
from ..widgets.agenda_list import AgendaList
from ..widgets.checklist_view import ChecklistView
from ..widgets.key_bar import KeyBar
from ..widgets.meeting_bar import MeetingBar
from ..widgets.prompts import Prompts
from ..widgets.messages import EditorBuilt, FieldEdited, PlanChange

if TYPE_CHECKING:
    from ..sections.base import SectionEditor

SAVE_TICK = 0.1  # seconds between checks whether a save is due
CLOCK_TICK = 1.0


class MeetingScreen(Screen):
    BINDINGS = bindings(MEETING_COMMANDS)

    DEFAULT_CSS = """
    MeetingScreen #body { height: 1fr; }
    MeetingScreen #agenda-column { width: 30; border-right: vkey $panel; }
    MeetingScreen #agenda-title { text-style: bold; padding: 0 1; background: $panel; width: 100%; }
    MeetingScreen #main { width: 1fr; }
    MeetingScreen #section-title { text-style: bold; padding: 0 1; background: $primary 30%; width: 100%; }
    MeetingScreen #save-problem { display: none; background: $error; color: $text; padding: 0 1; width: 100%; }
    MeetingScreen #save-problem.-shown { display: block; }
    MeetingScreen #readonly-note { display: none; background: $warning 40%; padding: 0 1; width: 100%; }
    MeetingScreen #readonly-note.-shown { display: block; }
    """

    def __init__(self, session: MeetingSession) -> None:
        super().__init__()
        self.session = session
        self._editors: dict[str, SectionEditor] = {}
        self._saving = False
        self._save_shown: tuple | None = None
        self._reveal: Finding | None = None  # a checklist item to show once the section's form is up

    # layout

    def compose(self) -> ComposeResult:
        yield MeetingBar()
        yield Label("", id="save-problem", markup=False)
        yield Label("", id="readonly-note", markup=False)
        with Horizontal(id="body"):
            with Vertical(id="agenda-column"):
                yield Label("Agenda · F7 go to", id="agenda-title")
                yield AgendaList(id="agenda")
            with Vertical(id="main"):
                yield Label("", id="section-title", markup=False)
                yield Prompts()
                yield ContentSwitcher(id="editors")
        yield KeyBar()

    def on_mount(self) -> None:
        session = self.session
        if session.readonly_reason:
            self._show_readonly_note()
        if self.app.size.height < 30:  # a small window: the form needs the room
            self.query_one(Prompts).collapsed = True
        self._show_section()
        self._refresh_all()
        self.set_interval(SAVE_TICK, self._save_if_due)
        self.set_interval(CLOCK_TICK, self._refresh_clock)

    def _show_readonly_note(self) -> None:
        note = self.query_one("#readonly-note", Label)
        note.update(f"Read-only: {self.session.readonly_reason}. Nothing you do here changes the file.")
        note.add_class("-shown")

    # showing the plan

    def _editor(self) -> SectionEditor:
        section = self.session.current
        editor = self._editors.get(section.id)
        if editor is None:  # built on first visit: start-up stays fast with big plans
            editor = editor_for(section)
            editor.disabled = self.session.readonly
            self._editors[section.id] = editor
            self.query_one("#editors", ContentSwitcher).mount(editor)
        return editor

    def _show_section(self) -> None:
        section = self.session.current
        self.query_one("#section-title", Label).update(f"{section.title}  ·  {section.minutes} min")
        self.query_one(Prompts).show_section(section)
        if not self._editors:
            # Opening the meeting: paint the agenda, clock and prompts first,
            # then build the form (the slowest part of starting) a frame later.
            self.call_after_refresh(self._show_editor)
        else:
            self._show_editor()

    def _show_editor(self) -> None:
        editor = self._editor()
        self.query_one("#editors", ContentSwitcher).current = editor.id
        self.call_after_refresh(editor.show_plan, self.session.plan)
        if editor.built:
            self.call_after_refresh(self._focus_in, editor)
        # else _editor_built focuses it, once everything in it exists

    @on(EditorBuilt)
    def _editor_built(self, event: EditorBuilt) -> None:
        event.stop()
        if event.editor.section.id == self.session.current.id:  # not left meanwhile
            self.call_after_refresh(self._focus_in, event.editor)  # once laid out: scrolls right

    def _focus_in(self, editor: SectionEditor) -> None:
        """The note-taker can type at once after moving to a section (or, after a
        jump from the checklist, in the field that fixes the item)."""
        if self._reveal is not None:
            finding, self._reveal = self._reveal, None
            if not editor.reveal(self.session.plan, finding.path):
                editor.focus()
            return
        focused = self.app.focused
        if focused is not None and editor in focused.ancestors:
            return  # the user got there first (a click, a key): leave the cursor
        for widget in editor.walk_children():
            if widget.focusable and widget.display:
                # Scrolled to once the form is laid out: the focus's own scroll
                # can run while lists are still filling and overshoot.
                widget.focus(scroll_visible=False)
                self.call_after_refresh(widget.scroll_visible, animate=False)
                return

    def _refresh_all(self) -> None:
        session = self.session
        bar = self.query_one(MeetingBar)
        bar.show_plan(session.plan, session.readonly_reason)
        bar.show_checklist(session.findings)
        self.query_one(AgendaList).show(session.statuses(), session.current.id)
        self._refresh_clock()
        self._refresh_save_state()
        editor = self._editors.get(session.current.id)
        if editor is not None and editor.is_mounted:
            editor.show_plan(session.plan)

    def _refresh_clock(self) -> None:
        self.query_one(MeetingBar).show_clock(self.session.clock_reading())

    def _refresh_save_state(self) -> None:
        autosave = self.session.autosave
        state = SaveState.SAVED if self.session.readonly else autosave.state
        self.query_one(MeetingBar).show_save(state)
        shown = (state, autosave.error)
        if shown == self._save_shown:
            return
        self._save_shown = shown
        problem = self.query_one("#save-problem", Label)
        if state is SaveState.FAILED:
            problem.update(
                f"NOT SAVED: {autosave.error}. Your changes are kept here and saving is retried; "
                "F12 saves to another place."
            )
        problem.set_class(state is SaveState.FAILED, "-shown")

    # changes from the editors

    def apply(self, change, what: str = "") -> None:
        if self.session.apply(change, time.monotonic()):
            self._refresh_all()

    @on(FieldEdited)
    def _field_edited(self, event: FieldEdited) -> None:
        event.stop()
        path, value = event.path, event.value
        try:
            if get_in(self.session.plan, path) == value:
                return
        except (IndexError, AttributeError):
            return  # the record was removed meanwhile
        self.apply(lambda plan: set_in(plan, path, value), "edited")

    @on(PlanChange)
    def _plan_change(self, event: PlanChange) -> None:
        event.stop()
        self.apply(event.change, event.what)

    # moving through the agenda

    def go_to(self, section_id: str) -> None:
        if self.session.go_to(section_id):
            self._show_section()
            self._refresh_all()

    def action_step(self, offset: int) -> None:
        if self.session.step(offset):
            self._show_section()
            self._refresh_all()

    @on(AgendaList.Jump)
    def _jump(self, event: AgendaList.Jump) -> None:
        self.go_to(event.section_id)

    def action_pick_section(self) -> None:
        from .pickers import SectionPicker

        def picked(section_id: str | None) -> None:
            if section_id:
                self.go_to(section_id)

        self.app.push_screen(SectionPicker(self.session.statuses(), self.session.current.id), picked)

    # the checklist

    def action_checklist(self, refused: bool = False) -> None:
        from .checklist import ChecklistScreen

        def chosen(finding: Finding | None) -> None:
            if finding is not None:
                self.jump_to(finding)

        if not isinstance(self.app.screen, ChecklistScreen):
            self.app.push_screen(ChecklistScreen(self.session.findings, self.session.sections, refused=refused), chosen)

    @on(ChecklistView.Jump)
    def _checklist_jump(self, event: ChecklistView.Jump) -> None:
        event.stop()
        self.jump_to(event.finding)

    def jump_to(self, finding: Finding) -> None:
        """Go to the section and the field where `finding` is fixed."""
        if self.session.section(finding.section) is None:
            self.notify(f"This is not edited on the meeting screens: it is “{finding.location}” in the plan file.",
                        title="Where to fix it", markup=False, timeout=8)
            return
        self._reveal = finding  # shown instead of focusing the form's first field
        if self.session.go_to(finding.section):
            self._show_section()
            self._refresh_all()
        else:
            editor = self._editors.get(finding.section)
            if editor is not None and editor.built:
                self._focus_in(editor)
            # else the form is still being built: _editor_built shows it

    # finishing the meeting

    def action_finalize(self) -> None:
        session = self.session
        if session.readonly:
            self.notify(f"Not finalized: {session.readonly_reason}.", severity="warning", markup=False)
            return
        if session.open_required():
            self.action_checklist(refused=True)
            return
        from .dialogs import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finalize_when_idle()

        self.app.push_screen(
            ConfirmDialog(
                "Finalize this IEP?",
                "Every required item is done. The plan becomes final today and is locked: it can no longer "
                "be changed here, and any later change is made as an amendment.",
                confirm="Finalize",
            ),
            confirmed,
        )

    def _finalize_when_idle(self) -> None:
        from ..model.edits import finalize
        from ..store.seal import sealed

        if self._saving:  # an autosave of the draft is being written: finalize right after it
            self.set_timer(SAVE_TICK, self._finalize_when_idle)
            return
        session = self.session
        final = sealed(finalize(session.plan, dt.date.today()))
        try:
            session.plan_file.save(final)
        except StoreError as error:
            self.notify(f"Not finalized, because the plan could not be saved: {error}", title="Not finalized",
                        severity="error", markup=False, timeout=10)
            return
        session.apply(lambda plan: final, time.monotonic())
        session.autosave.saved_version = session.autosave.version
        session.finished(final_reason(final, session.plan_file.path))
        for editor in self._editors.values():
            editor.disabled = True
        self._show_readonly_note()
        self._refresh_all()
        self.notify("The plan is final and saved. Give the family its copy.", title="Finalized", timeout=8)

    def action_continue_later(self) -> None:
        session = self.session
        if session.readonly:
            self.notify(f"Nothing to continue: {session.readonly_reason}.", severity="warning", markup=False)
            return
        from ..model.edits import continue_later
        from .checklist import ContinueLaterDialog

        open_items = tuple(f.message for f in session.open_required())

        def chosen(answer: tuple[dt.date | None] | None) -> None:
            if answer is None:
                return
            today = dt.date.today()
            self.apply(lambda plan: continue_later(plan, today, open_items, answer[0]), "to be continued")
            if self.save_now() is None:
                self.notify("The plan stays a draft; the open items are written down for the follow-up meeting.",
                            title="To be continued", timeout=8)

        self.app.push_screen(ContinueLaterDialog(open_items, session.plan.follow_up.date if session.plan.follow_up else None), chosen)

    def action_toggle_prompts(self) -> None:
        prompts = self.query_one(Prompts)
        prompts.collapsed = not prompts.collapsed

    # saving

    def _save_if_due(self) -> None:
        if not self._saving and self.session.autosave.due(time.monotonic()):
            self._start_save()
        self._refresh_save_state()

    def _start_save(self) -> None:
        self._saving = True
        self.session.autosave.started()
        self._save_in_thread(self.session.plan)

    @work(thread=True, exclusive=True, group="save")
    def _save_in_thread(self, plan) -> None:
        try:
            self.session.plan_file.save(plan)
        except StoreError as error:
            self.app.call_from_thread(self._save_finished, str(error))
        else:
            self.app.call_from_thread(self._save_finished, None)

    def _save_finished(self, error: str | None) -> None:
        self._saving = False
        if error is None:
            self.session.autosave.succeeded()
        else:
            self.session.autosave.failed(_short_reason(error), time.monotonic())
        if self.is_attached and self.query(MeetingBar):  # not when the app is closing
            self._refresh_save_state()

    def save_now(self) -> str | None:
        """Save in this thread (on quit and ctrl+s). Returns the problem, if any."""
        if self.session.readonly:
            return None
        try:
            self.session.plan_file.save(self.session.plan)
        except StoreError as error:
            self.session.autosave.failed(_short_reason(str(error)), time.monotonic())
            self._refresh_save_state()
            return str(error)
        self.session.autosave.saved_version = self.session.autosave.version
        self.session.autosave.error = None
        self._refresh_save_state()
        return None

    def action_save_now(self) -> None:
        if self._saving:
            return  # the running save will be followed by another if needed
        problem = self.save_now()
        if problem is None:
            self.notify("Saved.", timeout=2)

    def action_save_elsewhere(self) -> None:
        from .dialogs import PathDialog

        current = self.session.plan_file.path
        suggestion = str(current.with_name(current.stem + "-copy" + current.suffix))

        def chosen(path: str | None) -> None:
            if not path:
                return
            try:
                self.session.plan_file.save_as(Path(path).expanduser(), self.session.plan)
            except StoreError as error:
                self.notify(str(error), title="Not saved there", severity="error", markup=False, timeout=10)
                return
            self.session.autosave.saved_version = self.session.autosave.version
            self.session.autosave.error = None
            self._refresh_save_state()
            self.notify(f"Saved to {self.session.plan_file.path}; saving there from now on.", markup=False)

        self.app.push_screen(PathDialog("Save this plan to another file", suggestion), chosen)

    # recording (dialogs come from screens.record_dialogs)

    def _record(self, dialog, list_name: str, done: str) -> None:
        """Push `dialog`; its result is added to the plan list `list_name`, then `done` is shown."""
        from ..model.paths import append_in

        if self.session.readonly:
            self.notify("This plan is read-only: nothing can be recorded.", severity="warning", markup=False)
            return

        def recorded(item) -> None:
            if item is not None:
                self.apply(lambda plan: append_in(plan, (list_name,), item), done)
                self.notify(done, timeout=3, markup=False)

        self.app.push_screen(dialog, recorded)

    def action_record_decision(self) -> None:
        from .record_dialogs import DecisionDialog, new_decision

        section = self.session.current.title
        dialog = DecisionDialog(new_decision(self.session), section, session=self.session)
        self._record(dialog, "decisions", f"Decision recorded in {section}")

    def action_park_topic(self) -> None:
        from .record_dialogs import ParkingLotDialog, new_parking_lot_item, team_names

        session = self.session
        dialog = ParkingLotDialog(
            new_parking_lot_item(session), session.current.title, names=team_names(session.plan), session=session
        )
        self._record(dialog, "parking_lot", "Topic parked; it comes back at the close")

    def action_add_action_item(self) -> None:
        from .record_dialogs import ActionItemDialog, new_action_item, team_names

        dialog = ActionItemDialog(new_action_item(), names=team_names(self.session.plan), session=self.session)
        self._record(dialog, "action_items", "Action item added")

    def action_decision_log(self) -> None:
        from .decision_log import DecisionLogScreen

        if not isinstance(self.app.screen, DecisionLogScreen):  # F8 from the palette while it is open
            self.app.push_screen(DecisionLogScreen(self))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if self.session.readonly and action in (
            "record_decision", "park_topic", "add_action_item", "save_now", "finalize", "continue_later"
        ):
            return None  # shown greyed out: nothing can be recorded in a read-only plan
        return True


def _short_reason(message: str) -> str:
    return message.split(": ", 1)[-1] if message.startswith("could not save") else message
