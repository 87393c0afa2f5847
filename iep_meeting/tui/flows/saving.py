"""ctrl+s: save now; F12: save to another file and keep saving there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from iep_meeting.store.errors import StoreError
from iep_meeting.tui.context import session


def save_now(app: App[Any]) -> None:
    current = session(app)

    def save() -> None:
        if current.save_now() is None:
            app.notify("Saved.", timeout=2)

    current.when_idle(save)  # right after an autosave being written, not over it


def save_elsewhere(app: App[Any]) -> None:
    from iep_meeting.tui.dialogs.path import PathDialog

    current = session(app)
    here = current.plan_file.path
    suggestion = str(here.with_name(here.stem + "-copy" + here.suffix))

    def save_there(path: Path) -> None:
        try:
            current.save_as(path)
        except StoreError as error:
            app.notify(str(error), title="Not saved there", severity="error", markup=False, timeout=10)
            return
        app.notify(f"Saved to {current.plan_file.path}; saving there from now on.", markup=False)

    def chosen(path: str | None) -> None:
        if path:
            current.when_idle(lambda: save_there(Path(path).expanduser()))

    app.push_screen(PathDialog("Save this plan to another file", suggestion), chosen)
