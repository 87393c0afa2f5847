"""`iep-meeting run`: read the user's keys, open the plan (lock, agenda), run the app, release."""

from __future__ import annotations

import gc
from pathlib import Path

from iep_meeting.meeting.session import MeetingSession, open_session
from iep_meeting.store.errors import StoreError
from iep_meeting.store.lock import PlanLockedError
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.commands import load_keys


def run_meeting(
    path: Path,
    *,
    read_only: bool = False,
    agenda_dir: Path | None = None,
    theme: str | None = None,
    theme_dir: Path | None = None,
    keys_file: Path | None = None,
    headless: bool = False,
    share: str | None = None,  # "here" (this computer) or "lan" (the local network): iep-meeting run --share
) -> int:
    keys = load_keys(keys_file)  # a bad keys file is reported before the plan is locked
    # Python's cycle collector waits until the first form is built: opening the
    # plan and building the screen make tens of thousands of objects that live as
    # long as the app, and it would walk them again and again (7 ms of the first
    # frame of a 200-goal plan: bench/startup.py). They hold no garbage to find.
    collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            session = open_session(path, read_only=read_only, agenda_dir=agenda_dir)
        except PlanLockedError as error:
            raise StoreError(f"{error}\nTo look without editing: iep-meeting run --read-only {path}") from None
        app = IEPMeetingApp(
            session, theme_name=theme or "iep-dark", theme_dir=theme_dir, keys=keys, agenda_dir=agenda_dir
        )
        # What is loaded so far (the plan, the agenda, the code) lives as long as the
        # app: the collector never walks it again, at any full collection.
        gc.freeze()
        if collecting:
            app.after_first_form(gc.enable)
        return _run(app, session, agenda_dir=agenda_dir, headless=headless, share=share)
    finally:
        gc.unfreeze()  # the caseload screen may come back after it (tui/caseload/launch.py)
        if collecting:
            gc.enable()


def _run(
    app: IEPMeetingApp, session: MeetingSession, *, agenda_dir: Path | None, headless: bool, share: str | None
) -> int:
    try:
        if share is None:
            app.run(headless=headless)
        else:
            from iep_meeting.tui.flows import share as sharing
            from iep_meeting.tui.sharing import run_shared  # the server loads only when sharing

            run_shared(
                app,
                session,
                lan=share == "lan",
                agenda_dir=agenda_dir,
                started=lambda shared: sharing.started(app, shared),
                on_status=lambda now: sharing.status(app, now),
                when_shown=app.after_first_form,
                headless=headless,
            )
    finally:
        session.plan_file.close()
    return app.return_code or 0
