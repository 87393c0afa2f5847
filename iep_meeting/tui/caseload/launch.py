"""`iep-meeting` with no command: the caseload screen, and what the user chooses
from it. Enter runs the meeting app on a plan (tui/launch.py, as `iep-meeting
run` does); when it exits, the caseload opens again as it was left, its plans
read again (the cache makes that quick). Another command (the progress key)
runs in the terminal, then the caseload comes back."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from iep_meeting.store.errors import StoreError
from iep_meeting.tui.caseload.app import CaseloadApp, OpenPlan, Outcome, RunCommand
from iep_meeting.tui.caseload.view import CaseloadView
from iep_meeting.tui.commands import load_keys
from iep_meeting.tui.launch import run_meeting

MeetingRunner = Callable[[OpenPlan], int]
CommandRunner = Callable[[RunCommand], None]


def run_caseload(
    folder: Path,
    *,
    agenda_dir: Path | None = None,
    as_of: dt.date | None = None,
    open_app: Callable[[CaseloadApp], Outcome | None] | None = None,
    run_plan: MeetingRunner | None = None,
    run_command: CommandRunner | None = None,
) -> int:
    """Show the caseload of `folder` until the user quits it. Raises StoreError
    for a keys file (keys.toml) that cannot be used, before anything opens."""
    keys = load_keys()
    view, notice = CaseloadView(), ""
    open_app = open_app or (lambda app: app.run())
    run_plan = run_plan or (lambda chosen: run_meeting(chosen.path, read_only=chosen.read_only, agenda_dir=agenda_dir))
    run_command = run_command or _in_the_terminal
    while True:
        app = CaseloadApp(folder, as_of=as_of, agenda_dir=agenda_dir, view=view, notice=notice, keys=keys)
        outcome = open_app(app)
        view, notice = app.view, ""
        if outcome is None:
            return 0
        if isinstance(outcome, OpenPlan):
            try:
                run_plan(outcome)
            except StoreError as error:  # open elsewhere, changed meanwhile: said on the caseload
                notice = str(error)
        else:
            run_command(outcome)


def _in_the_terminal(command: RunCommand) -> None:
    """Run the command (a screen of its own: the progress); when it could not run, its
    message stays on the terminal until Enter, else the caseload comes straight back."""
    done = subprocess.run([sys.executable, "-m", "iep_meeting", *command.args], check=False)
    if done.returncode == 0:
        return
    try:
        input("\nPress Enter to go back to the caseload. ")
    except EOFError:
        pass
