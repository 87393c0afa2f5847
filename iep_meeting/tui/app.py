"""The Textual app: the owner of the running meeting on screen.

It holds the session (the one current plan, clock and save state), applies
every change the screens ask for (`PlanChange`, `FieldEdited`), runs the one
clock tick and the background saves, and carries out the meeting's commands
(recording, the checklist, finalizing, saving). Screens and widgets reach it
through tui/context.py and refresh when it publishes `plan_changed` or
`status_changed`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import SystemCommand
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.screen import Screen
from textual.signal import Signal
from textual.widget import Widget

from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model import next_year
from iep_meeting.model.findings import Finding
from iep_meeting.model.paths import append_in, get_in, set_in
from iep_meeting.model.plan import FamilyCopy, Plan, Status, team_names
from iep_meeting.store.errors import StoreError
from iep_meeting.tui.commands import APP_COMMANDS, MEETING_COMMANDS, Command, KeyNames, Needs, bindings
from iep_meeting.tui.messages import EditorBuilt, FieldEdited, PlanChange
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.themes import DEFAULT_THEME, available_themes
from iep_meeting.tui.type_ahead import TypeAheadApp
from iep_meeting.tui.unsaved import UnsavedValues
from iep_meeting.tui.visible_output import VisibleControls
from iep_meeting.tui.widgets.fields import BoundField
from iep_meeting.tui.widgets.records import RecordList
from iep_meeting.words.phrases import plural

SAVE_TICK = 0.1  # seconds between checks whether a save is due
CLOCK_TICK = 1.0
QUIT_WAIT = 2.0  # the longest quitting waits for the first form to be built

# Browsers that run in the terminal: never started over the meeting (see open_file).
_TEXT_BROWSERS = frozenset({"www-browser", "links", "elinks", "lynx", "w3m"})

# The command a Textual action belongs to ("record_decision" -> record-decision).
_COMMAND_OF_ACTION = {command.action.removeprefix("app."): command for command in MEETING_COMMANDS}


class IEPMeetingApp(TypeAheadApp[int]):
    TITLE = "iep-meeting"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = bindings(APP_COMMANDS)

    def __init__(
        self,
        session: MeetingSession,
        *,
        theme_name: str = DEFAULT_THEME,
        theme_dir: Path | None = None,
        cursor_blink: bool = True,
        keys: KeyNames | None = None,
        agenda_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.agenda_dir = agenda_dir  # the district's folder (--agenda-dir): its locales make the family's copy
        self.keys = keys or KeyNames()
        self.cursor_blink = cursor_blink
        self.plan_changed: Signal[Plan] = Signal(self, "plan-changed")
        self.status_changed: Signal[None] = Signal(self, "status-changed")
        self.meeting_screen = MeetingScreen()
        self.unsaved = UnsavedValues()
        self._visible_controls = VisibleControls()  # text from a plan never sends terminal controls
        self._form_built = self._quit_when_built = self._quitting = False
        themes, self.theme_problems = available_themes(theme_dir)
        for theme in themes:
            self.register_theme(theme)
        names = {theme.name for theme in themes}
        self.theme = theme_name if theme_name in names else DEFAULT_THEME if DEFAULT_THEME in names else "textual-dark"

    def on_mount(self) -> None:
        self.set_keymap(self.keys.keymap())
        self.start_type_ahead()  # keys typed while the focus moves (tui/type_ahead.py)
        self.push_screen(self.meeting_screen)
        for problem in self.theme_problems:
            self.notify(str(problem), title="Theme skipped", severity="warning", markup=False)
        previous = self.session.plan_file.taken_over_from
        if previous is not None:
            self.notify(previous.takeover_text(), title="Lock taken over", severity="warning", markup=False, timeout=20)
        self.set_interval(SAVE_TICK, self._save_if_due)
        self.set_interval(CLOCK_TICK, self._tick)

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._visible_controls]

    def on_descendant_mount(self, event: Any) -> None:
        # Snapshots and screen recordings need a still cursor.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    def _tick(self) -> None:
        """The one clock tick: every top bar shows the time from the session."""
        self.status_changed.publish(None)

    # changes of the plan, from any screen

    def apply(self, change: Callable[[Plan], Plan]) -> None:
        if self.session.apply(change):
            self.plan_changed.publish(self.session.plan)
            self.status_changed.publish(None)

    @on(FieldEdited)
    def _field_edited(self, event: FieldEdited) -> None:
        path, value = event.path, event.value
        try:
            if get_in(self.session.plan, path) == value:
                return
        except (IndexError, AttributeError):
            return  # the record was removed meanwhile
        self.apply(lambda plan: set_in(plan, path, value))

    @on(PlanChange)
    def _plan_change(self, event: PlanChange) -> None:
        self.apply(event.change)

    # which commands apply now

    def applies(self, command: Command) -> bool:
        return command.needs is not Needs.EDITABLE or not self.session.readonly

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        command = _COMMAND_OF_ACTION.get(action)
        if command is not None and not self.applies(command):
            return None  # shown greyed out: nothing can be recorded in a read-only plan
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        meeting = self.meeting_screen
        if not meeting.is_attached:
            return
        for command in MEETING_COMMANDS:
            if command.palette and self.applies(command):
                target: DOMNode = self if command.action.startswith("app.") else meeting
                action = command.action.removeprefix("app.")
                yield SystemCommand(
                    f"{command.title} ({self.keys(command.id)})",
                    command.help,
                    lambda action=action, target=target: self.run_action(action, target),
                )
        for section in self.session.sections:
            yield SystemCommand(
                f"Go to section: {section.title}",
                f"{section.minutes} min on the agenda",
                lambda section_id=section.id: meeting.go_to(section_id),
            )

    # saving

    def _save_if_due(self) -> None:
        plan = self.session.save_due()
        if plan is not None:
            self.status_changed.publish(None)
            self._save_in_thread(plan)

    @work(thread=True, exclusive=True, group="save")
    def _save_in_thread(self, plan: Plan) -> None:
        problem = self.session.write(plan)
        self.call_from_thread(self._save_finished, problem)

    def _save_finished(self, problem: str | None) -> None:
        self.session.save_finished(problem)
        self.status_changed.publish(None)

    def save_now(self) -> str | None:
        problem = self.session.save_now()
        self.status_changed.publish(None)
        return problem

    def action_save_now(self) -> None:
        if self.session.saving:
            return  # the running save will be followed by another if needed
        if self.save_now() is None:
            self.notify("Saved.", timeout=2)

    def action_save_elsewhere(self) -> None:
        from iep_meeting.tui.dialogs.confirm import PathDialog

        current = self.session.plan_file.path
        suggestion = str(current.with_name(current.stem + "-copy" + current.suffix))

        def chosen(path: str | None) -> None:
            if not path:
                return
            try:
                self.session.save_as(Path(path).expanduser())
            except StoreError as error:
                self.notify(str(error), title="Not saved there", severity="error", markup=False, timeout=10)
                return
            self.status_changed.publish(None)
            self.notify(f"Saved to {self.session.plan_file.path}; saving there from now on.", markup=False)

        self.push_screen(PathDialog("Save this plan to another file", suggestion), chosen)

    async def action_quit(self) -> None:
        if not self._form_built:
            # Quitting while the first form is still being built would pull its
            # widgets away mid-mount: quit as soon as it is (or in a moment anyway).
            self._quit_when_built = True
            self.set_timer(QUIT_WAIT, self._quit)
            return
        await self._quit()

    @on(EditorBuilt)
    async def _editor_built(self, event: EditorBuilt) -> None:
        self._form_built = True
        if self._quit_when_built:
            await self._quit()

    async def _quit(self) -> None:
        if self._quitting:
            return
        self._quitting = True
        if self.unsaved:
            await self._ask_about_unsaved()
            return
        await self._save_and_quit()

    async def _ask_about_unsaved(self) -> None:
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        count = len(self.unsaved)

        async def answered(quit_anyway: bool | None) -> None:
            self._quitting = False
            if quit_anyway:
                self._quitting = True
                await self._save_and_quit()

        await self.push_screen(
            ConfirmDialog(
                f"{plural(count, 'value')} typed but not in the plan",
                "\n".join(self.unsaved.lines())
                + "\n\nGo back to fix "
                + ("it" if count == 1 else "them")
                + ", or quit: everything else is saved, "
                + ("this is" if count == 1 else "these are")
                + " not.",
                confirm="Quit without " + ("it" if count == 1 else "them"),
                cancel="Go back",
            ),
            answered,
        )

    async def _save_and_quit(self) -> None:
        problem = self.save_now()
        if problem is None:
            self.session.plan_file.close()
            self.exit()
            return

        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            self._quitting = False
            if quit_anyway:
                self.session.plan_file.close()
                self.exit(return_code=1)

        await self.push_screen(
            ConfirmDialog(
                "The latest changes could not be saved.",
                f"{problem}\n\nCancel, then press {self.keys('save-elsewhere')} to save them to another place — "
                "or quit and lose the changes since the last save.",
                confirm="Quit without saving",
                cancel="Cancel",
            ),
            answered,
        )

    # recording: decisions, parking-lot topics, action items

    def _refuse_if_readonly(self, what: str) -> bool:
        if self.session.readonly:
            self.notify(f"This plan is read-only: {what}.", severity="warning", markup=False)
            return True
        return False

    def _record(self, dialog: Screen[Any], list_name: str, done: str) -> None:
        """Push `dialog`; its result is added to the plan list `list_name`, then `done` is shown."""
        if self._refuse_if_readonly("nothing can be recorded"):
            return

        def recorded(item: object) -> None:
            if item is not None:
                self.apply(lambda plan: append_in(plan, (list_name,), item))
                self.notify(done, timeout=3, markup=False)

        self.push_screen(dialog, recorded)

    def action_confirm_carried(self) -> None:
        """Keep the part or record carried over from last year where the cursor is, as it is."""
        if self._refuse_if_readonly("nothing can be confirmed"):
            return
        plan = self.session.plan
        path = _focused_path(self.screen.focused)
        entry = next_year.entry_at(plan, path) if path is not None else None
        if entry is None or entry not in next_year.to_review(plan):
            left = len(next_year.to_review(plan))
            more = (
                f" {plural(left, 'part')} of last year's plan still to review: each section shows its own."
                if left
                else ""
            )
            self.notify(f"Nothing carried over from last year to confirm where the cursor is.{more}", markup=False)
            return
        self.apply(lambda plan: next_year.confirm(plan, entry))
        self.notify(f"Kept as last year's plan says: {next_year.entry_words(plan, entry)}.", timeout=3, markup=False)

    def action_record_decision(self) -> None:
        from iep_meeting.tui.screens.record import DecisionDialog, new_decision

        section = self.session.current.title
        self._record(
            DecisionDialog(new_decision(self.session), section), "decisions", f"Decision recorded in {section}"
        )

    def action_park_topic(self) -> None:
        from iep_meeting.tui.screens.record import ParkingLotDialog, new_parking_lot_item

        session = self.session
        dialog = ParkingLotDialog(new_parking_lot_item(session), session.current.title, names=team_names(session.plan))
        self._record(dialog, "parking_lot", "Topic parked; it comes back at the close")

    def action_add_action_item(self) -> None:
        from iep_meeting.tui.screens.record import ActionItemDialog, new_action_item

        dialog = ActionItemDialog(new_action_item(), names=team_names(self.session.plan))
        self._record(dialog, "action_items", "Action item added")

    def action_decision_log(self) -> None:
        from iep_meeting.tui.screens.decision_log import DecisionLogScreen

        if not isinstance(self.screen, DecisionLogScreen):  # F8 from the palette while it is open
            self.push_screen(DecisionLogScreen())

    def action_help(self) -> None:
        from iep_meeting.tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    # the checklist and finishing the meeting

    def action_checklist(self, refused: bool = False) -> None:
        from iep_meeting.tui.screens.checklist import ChecklistScreen

        def chosen(finding: Finding | None) -> None:
            if finding is not None:
                self.meeting_screen.jump_to(finding)

        if not isinstance(self.screen, ChecklistScreen):
            self.push_screen(
                ChecklistScreen(
                    self.session.findings,
                    self.session.sections,
                    self.session.plan,
                    self.session.profile.title,
                    refused=refused,
                ),
                chosen,
            )

    def action_finalize(self) -> None:
        session = self.session
        if session.readonly:
            self.notify(f"Not finalized: {session.readonly_reason}.", severity="warning", markup=False)
            return
        if session.open_required():
            self.action_checklist(refused=True)
            return
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._finalize_when_idle()

        self.push_screen(
            ConfirmDialog(
                "Finalize this IEP?",
                "Every required item is done. The plan becomes final today and is locked: it can no longer "
                "be changed here, and any later change is made as an amendment.",
                confirm="Finalize",
            ),
            confirmed,
        )

    def _finalize_when_idle(self) -> None:
        if self.session.saving:  # an autosave of the draft is being written: finalize right after it
            self.set_timer(SAVE_TICK, self._finalize_when_idle)
            return
        try:
            self.session.finalize(self.session.now().date())  # the session's clock, like the meeting clock
        except StoreError as error:
            self.notify(
                f"Not finalized, because the plan could not be saved: {error}",
                title="Not finalized",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.plan_changed.publish(self.session.plan)
        self.status_changed.publish(None)
        self.notify("The plan is final and saved. Give the family its copy.", title="Finalized", timeout=8)

    def action_continue_later(self) -> None:
        session = self.session
        if session.readonly:
            self.notify(f"Nothing to continue: {session.readonly_reason}.", severity="warning", markup=False)
            return
        from iep_meeting.tui.screens.checklist import ContinueLaterDialog

        def chosen(answer: tuple[dt.date | None] | None) -> None:
            if answer is None:
                return
            problem = session.continue_later(session.now().date(), answer[0])
            self.plan_changed.publish(session.plan)
            self.status_changed.publish(None)
            if problem is None:
                self.notify(
                    "The plan stays a draft; the open items are written down for the follow-up meeting.",
                    title="To be continued",
                    timeout=8,
                )

        open_items = tuple(f.message for f in session.open_required())
        follow_up = session.plan.follow_up.date if session.plan.follow_up else None
        self.push_screen(ContinueLaterDialog(open_items, follow_up), chosen)

    # the family's copy

    def action_family_copy(self) -> None:
        """Make the family's copy: save first, write the file (asking before one is
        replaced), record which copy it was, and offer to open it."""
        if self.session.saving:  # an autosave is being written: make the copy right after it
            self.set_timer(SAVE_TICK, self.action_family_copy)
            return
        problem = self.save_now()  # the file on disk says what the copy says (nothing to do when read-only)
        if problem is not None:
            self._copy_not_made(f"the plan could not be saved first: {problem}")
            return
        from iep_meeting.documents import export

        fmt = export.preferred_format()
        try:
            language = export.family_locale(self.session.plan, self.agenda_dir)
        except StoreError as error:
            self._copy_not_made(str(error))
            return
        target = export.default_output(self.session.plan_file.path, "family", language, fmt)
        if not target.exists():
            self._make_family_copy(target, language, fmt, replace=False)
            return
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        def answered(replace: bool | None) -> None:
            if replace:
                self._make_family_copy(target, language, fmt, replace=True)
            else:
                self.notify(f"Nothing made: {target.name} is kept as it was.", timeout=5, markup=False)

        self.push_screen(
            ConfirmDialog(
                "Replace the family's copy made before?",
                f"{target}\nexists. Replace it with a copy of the plan as it is now? "
                + (
                    "The plan is final: the new file is recorded beside the old one, outside the seal."
                    if self.session.plan.status is Status.FINAL
                    else "The plan's record of the copy then has the new file's SHA-256."
                ),
                confirm="Replace it",
                cancel="Keep it",
            ),
            answered,
        )

    def open_file(self, path: Path) -> bool:
        """Open a file the app made in the computer's browser or PDF viewer; False when
        there is none. A text browser (lynx, w3m) is not used: it would take over this
        terminal, the shared screen."""
        import webbrowser

        try:
            browser = webbrowser.get()
        except webbrowser.Error:
            return False
        if getattr(browser, "name", "") in _TEXT_BROWSERS:
            return False
        return browser.open(path.as_uri())

    def _copy_not_made(self, why: str) -> None:
        self.notify(
            f"The family's copy was not made: {why}",
            title="Not made",
            severity="error",
            markup=False,
            timeout=10,
        )

    def _make_family_copy(self, target: Path, language: str, fmt: str, *, replace: bool) -> None:
        from iep_meeting.documents import export
        from iep_meeting.model.edits import with_family_copy
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog
        from iep_meeting.tui.sections.close import copy_language_name

        session = self.session
        plan, today = session.plan, session.now().date()  # the session's clock, like the meeting clock
        try:
            made = export.export_document(
                "family",
                session.plan_file.path,
                language=language,
                fmt=fmt,
                output=target,
                force=replace,
                user_dir=self.agenda_dir,
                plan=plan,
                made_on=today,
            )
        except StoreError as error:
            self._copy_not_made(str(error))
            return
        name = copy_language_name(plan, made.language, self.agenda_dir)
        lines = [str(made.path), f"In {name}, as {made.format.upper()}; SHA-256 {made.sha256[:12]}…"]
        copy = FamilyCopy(date=today, language=name, document=made.kind, sha256=made.sha256)
        if plan.status is Status.FINAL:
            try:
                session.record_copy_after_final(copy)
            except StoreError as error:
                why = str(error).rstrip(".")
                lines.append(f"{why[:1].upper()}{why[1:]}. Keep the file with the plan; its SHA-256 is {made.sha256}.")
            else:
                self.plan_changed.publish(session.plan)
                lines.append("Recorded in the final plan, under the copies made after finalizing (its seal holds).")
        elif session.readonly:
            lines.append(f"Not recorded in the plan: {session.readonly_reason}. Its SHA-256 is {made.sha256}.")
        else:
            self.apply(lambda plan: with_family_copy(plan, copy))
            lines.append("Recorded in the plan, under the family's copies: record there how the family gets it.")
        if self.unsaved:
            lines.append(f"{plural(len(self.unsaved), 'value')} typed but not in the plan are not in it either.")
        if made.warnings:  # typed text above grade 8: the first, and how many more
            more = len(made.warnings) - 1
            lines.append(f"! {made.warnings[0]}" + (f" And {plural(more, 'more typed text')} like it." if more else ""))
        if made.by_code:  # characters no font here has: shown by their code in the PDF
            lines.append(f"! {export.by_code_note(made.by_code)}")

        def answered(open_it: bool | None) -> None:
            if open_it and not self.open_file(made.path):
                self.notify(
                    f"No browser or viewer to open it with here: open {made.path} on this computer.",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )

        self.push_screen(
            ConfirmDialog(
                "The family's copy is made. Open it now?",
                "\n".join(lines),
                confirm="Open it",
                cancel="Not now",
                warning=False,
            ),
            answered,
        )


def _focused_path(widget: Widget | None) -> tuple[str | int, ...] | None:
    """The plan path the focus is at: the field's, or the selected record's in a list."""
    node: DOMNode | None = widget
    while node is not None:
        if isinstance(node, BoundField):
            return node.path
        if isinstance(node, RecordList):
            return (*node.list_path, node.selected) if node.has_items else node.list_path
        node = node.parent
    return None
