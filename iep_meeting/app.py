"""The Textual app: themes, the meeting screen, help, quitting safely. Thin on purpose."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from .commands import MEETING_COMMANDS
from .meeting import MeetingSession
from .screens.meeting import MeetingScreen
from .theme_files import DEFAULT_THEME, available_themes


class IEPMeetingApp(App):
    TITLE = "iep-meeting"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        session: MeetingSession,
        *,
        theme_name: str = DEFAULT_THEME,
        theme_dir: Path | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.cursor_blink = cursor_blink
        themes, self.theme_problems = available_themes(theme_dir)
        for theme in themes:
            self.register_theme(theme)
        names = {theme.name for theme in themes}
        self.theme = theme_name if theme_name in names else DEFAULT_THEME if DEFAULT_THEME in names else "textual-dark"

    def on_mount(self) -> None:
        self.push_screen(MeetingScreen(self.session))
        for problem in self.theme_problems:
            self.notify(str(problem), title="Theme skipped", severity="warning", markup=False)

    def on_descendant_mount(self, event) -> None:
        # Snapshots and screen recordings need a still cursor.
        if not self.cursor_blink and hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = False

    @property
    def meeting_screen(self) -> MeetingScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, MeetingScreen)), None)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        meeting = self.meeting_screen
        if meeting is None:
            return
        for command in MEETING_COMMANDS:
            yield SystemCommand(
                f"{command.title} ({command.key})",
                command.help,
                lambda action=command.action: self.run_action(action, meeting),
            )
        for section in self.session.sections:
            yield SystemCommand(
                f"Go to section: {section.title}",
                f"{section.minutes} min on the agenda",
                lambda section_id=section.id: meeting.go_to(section_id),
            )

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        meeting = self.meeting_screen
        problem = meeting.save_now() if meeting is not None else None
        if problem is None:
            self.session.plan_file.close()
            self.exit()
            return

        from .screens.dialogs import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.session.plan_file.close()
                self.exit(return_code=1)

        await self.push_screen(
            ConfirmDialog(
                "The latest changes could not be saved.",
                f"{problem}\n\nCancel, then press F12 to save them to another place — "
                "or quit and lose the changes since the last save.",
                confirm="Quit without saving",
                cancel="Cancel",
            ),
            answered,
        )
