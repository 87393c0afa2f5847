"""ctrl+q: quit, with everything saved first. Values typed that the plan could
not hold (meeting/unsaved.py) are named and asked about; a save that fails
is said, with F12 to save elsewhere, before anything is lost."""

from __future__ import annotations

from textual.app import App

from iep_meeting.tui.context import keys, session
from iep_meeting.words.phrases import plural

QUIT_WAIT = 2.0  # the longest quitting waits for the first form to be built


class Quitting:
    def __init__(self, app: App[int]) -> None:
        self._app = app
        self._form_built = False
        self._when_built = False
        self._underway = False

    def ask(self) -> None:
        """Quit (the quit key)."""
        if not self._form_built:
            # Quitting while the first form is still being built would pull its
            # widgets away mid-mount: quit as soon as it is (or in a moment anyway).
            self._when_built = True
            self._app.set_timer(QUIT_WAIT, self._quit)
            return
        self._quit()

    def form_built(self) -> None:
        """The first section's form exists: quitting may go ahead."""
        self._form_built = True
        if self._when_built:
            self._quit()

    def _quit(self) -> None:
        if self._underway:
            return
        self._underway = True
        unsaved = session(self._app).unsaved
        if not unsaved:
            session(self._app).when_idle(self._save_and_quit)
            return
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        count = len(unsaved)
        it, these = ("it", "this is") if count == 1 else ("them", "these are")

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                session(self._app).when_idle(self._save_and_quit)
            else:
                self._underway = False

        detail = (
            "\n".join(unsaved.lines()) + f"\n\nGo back to fix {it}, or quit: everything else is saved, {these} not."
        )
        dialog = ConfirmDialog(
            f"{plural(count, 'value')} typed but not in the plan",
            detail,
            confirm=f"Quit without {it}",
            cancel="Go back",
        )
        self._app.push_screen(dialog, answered)

    def _save_and_quit(self) -> None:
        current = session(self._app)
        problem = current.save_now()
        if problem is None:
            self._exit(0)
            return
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        def answered(quit_anyway: bool | None) -> None:
            self._underway = False
            if quit_anyway:
                self._exit(1)

        detail = (
            f"{problem}\n\nCancel, then press {keys(self._app)('save-elsewhere')} to save them to another place — "
            "or quit and lose the changes since the last save."
        )
        dialog = ConfirmDialog(
            "The latest changes could not be saved.", detail, confirm="Quit without saving", cancel="Cancel"
        )
        self._app.push_screen(dialog, answered)

    def _exit(self, code: int) -> None:
        current = session(self._app)
        current.stop()
        current.plan_file.close()
        self._app.exit(return_code=code)
