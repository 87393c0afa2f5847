"""The Textual app: a thin shell over the running meeting (meeting/session.py).

It composes the screens, routes each command to what carries it out (the
session, or a flow of dialogs in tui/flows/), and shows the meeting's news:
it subscribes to the session like any other subscriber and hands each change
on to its screens (`plan_changed`, `status_changed`, tui/context.py). The
session's saves and clock run on the app's event loop (`LoopScheduler`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import SystemCommand
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.screen import Screen
from textual.signal import Signal

from iep_meeting.meeting.publish import Change, StatusKind, Subscription
from iep_meeting.meeting.scheduling import LoopScheduler
from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model.plan import Plan, Status
from iep_meeting.tui.commands import (
    APP_COMMANDS,
    MEETING_COMMANDS,
    PALETTE_COMMANDS,
    Command,
    KeyNames,
    Needs,
    bindings,
)
from iep_meeting.tui.context import Question
from iep_meeting.tui.flows import concerns, family_copy, finish, recording, saving, share
from iep_meeting.tui.flows.quitting import Quitting
from iep_meeting.tui.flows.time_boxes import TimeOffers
from iep_meeting.tui.messages import ConcernToAdd, ConcernToLink, EditorBuilt
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.themes import DEFAULT_THEME, ThemedApp
from iep_meeting.tui.type_ahead import TypeAheadApp
from iep_meeting.tui.visible_output import VisibleControls

if TYPE_CHECKING:
    from iep_meeting.share.live import Sharing

# The command a Textual action belongs to ("record_decision" -> record-decision).
_COMMAND_OF_ACTION = {command.action.removeprefix("app."): command for command in MEETING_COMMANDS}


class IEPMeetingApp(TypeAheadApp[int], ThemedApp[int]):
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
        self.plan_changed: Signal[Change[Plan]] = Signal(self, "plan-changed")
        self.status_changed: Signal[StatusKind] = Signal(self, "status-changed")
        self.meeting_screen = MeetingScreen()
        self.quitting = Quitting(self)
        self.time_offers = TimeOffers(self)  # time boxes: notices and offers (flows/time_boxes.py)
        self._visible_controls = VisibleControls()  # text from a plan never sends terminal controls
        self._subscription: Subscription | None = None
        self._scheduler: LoopScheduler | None = None
        self.sharing: Sharing | None = None  # while the meeting is shared in a browser (tui/flows/share.py)
        self._after_first_form: list[Callable[[], object]] | None = []  # None once the first form is built
        self.theme_problems = self.use_themes(theme_name, theme_dir)

    def on_mount(self) -> None:
        self.set_keymap(self.keys.keymap())
        self.start_type_ahead()  # keys typed while the focus moves (tui/type_ahead.py)
        self.push_screen(self.meeting_screen)
        self.tell_theme_problems(self.theme_problems)
        previous = self.session.plan_file.taken_over_from
        if previous is not None:
            self.notify(previous.takeover_text(), title="Lock taken over", severity="warning", markup=False, timeout=20)
        # The app is one subscriber of the meeting among any others; its screens hear it through the signals.
        self._subscription = self.session.subscribe(self.plan_changed.publish, self.status_changed.publish)
        self.status_changed.subscribe(self, self.time_offers.heard, immediate=True)
        self._scheduler = LoopScheduler(asyncio.get_running_loop())
        self.session.start(self._scheduler)

    async def on_unmount(self) -> None:
        """The app is closing: the meeting runs on no more (a save being written is finished),
        and no longer shared (every viewer's stream closed)."""
        await share.stop(self, quitting=True)
        self.session.stop()
        if self._subscription is not None:
            self._subscription.cancel()
        if self._scheduler is not None:
            self._scheduler.close()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._visible_controls]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Snapshots and screen recordings need a still cursor: the focused field's, on any screen.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    # what widgets ask of the app (tui/context.py)

    def ask(self, question: Question, answered: Callable[[bool], None]) -> None:
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        dialog = ConfirmDialog(question.title, question.detail, confirm=question.confirm, cancel=question.cancel)
        self.push_screen(dialog, lambda yes: answered(bool(yes)))

    def open_file(self, path: Path) -> bool:
        return family_copy.open_file(path)

    # which commands apply now

    def applies(self, command: Command) -> bool:
        if command.needs is Needs.SHAREABLE:
            return self.sharing is None and self.session.plan.status is not Status.FINAL
        if command.needs is Needs.SHARED:
            return self.sharing is not None
        return command.needs is not Needs.EDITABLE or not self.session.readonly

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        command = _COMMAND_OF_ACTION.get(action)
        if command is not None and not self.applies(command):
            return None  # shown greyed out: nothing can be recorded in a read-only plan
        return True

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
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
        for command in PALETTE_COMMANDS:
            if self.applies(command):
                action = command.action.removeprefix("app.")
                yield SystemCommand(command.title, command.help, lambda action=action: self.run_action(action))
        for section in self.session.sections:
            yield SystemCommand(
                f"Go to section: {section.title}",
                f"{self.session.budget(section.id)} min in this meeting",
                lambda section_id=section.id: meeting.go_to(section_id),
            )

    # the commands

    def action_record_decision(self) -> None:
        recording.record_decision(self)

    def action_park_topic(self) -> None:
        recording.park_topic(self)

    def action_add_action_item(self) -> None:
        recording.add_action_item(self)

    def action_confirm_carried(self) -> None:
        recording.confirm_carried(self)

    def action_decision_log(self) -> None:
        from iep_meeting.tui.screens.decision_log import DecisionLogScreen

        if not isinstance(self.screen, DecisionLogScreen):  # F8 from the palette while it is open
            self.push_screen(DecisionLogScreen())

    def action_translations(self) -> None:
        from iep_meeting.tui.screens.translations import TranslationScreen

        if not isinstance(self.screen, TranslationScreen):
            self.push_screen(TranslationScreen())

    def action_help(self) -> None:
        from iep_meeting.tui.dialogs.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_glossary(self) -> None:
        from iep_meeting.tui.dialogs.glossary import GlossaryDialog
        from iep_meeting.tui.widgets.presentation import screen_words

        if not isinstance(self.screen, GlossaryDialog):
            self.push_screen(GlossaryDialog(self.screen, screen_words(self)))

    def action_checklist(self) -> None:
        finish.checklist(self)

    def action_finalize(self) -> None:
        finish.finalize(self)

    def action_continue_later(self) -> None:
        finish.continue_later(self)

    def action_family_copy(self) -> None:
        family_copy.family_copy(self, self.agenda_dir)

    def action_share(self, where: str) -> None:
        share.share(self, lan=where == "lan")

    async def action_stop_sharing(self) -> None:
        await share.stop(self)

    def action_save_now(self) -> None:
        saving.save_now(self)

    def action_save_elsewhere(self) -> None:
        saving.save_elsewhere(self)

    async def action_quit(self) -> None:
        self.quitting.ask()

    @on(ConcernToLink)
    def _link_concern(self, event: ConcernToLink) -> None:
        concerns.link_answers(self, event.index)

    @on(ConcernToAdd)
    def _add_concern(self, event: ConcernToAdd) -> None:
        concerns.raise_concern(self)

    def after_first_form(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the first section's form is built (at once if it is): what
        can wait, such as serving the audience view, waits for the facilitator's screen."""
        if self._after_first_form is None:
            self.call_later(callback)
        else:
            self._after_first_form.append(callback)

    @on(EditorBuilt)
    def _editor_built(self, event: EditorBuilt) -> None:
        self.quitting.form_built()
        waiting, self._after_first_form = self._after_first_form or [], None
        for callback in waiting:
            self.call_later(callback)
