"""Open a plan in the meeting app: lock it, find its agenda, run, release."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

from .app import IEPMeetingApp
from .meeting import MeetingSession
from .model.agenda import agenda_id_for
from .model.plan import Plan
from .store.agenda_files import AgendaSource, find_agenda
from .store.errors import StoreError
from .store.lock import PlanLockedError
from .store.plan_file import PlanFile

def agenda_for(plan: Plan, agenda_dir: Path | None) -> AgendaSource:
    return find_agenda(agenda_id_for(plan), agenda_dir)


def open_session(
    path: Path, *, read_only: bool = False, agenda_dir: Path | None = None, now=dt.datetime.now
) -> MeetingSession:
    """Everything the app needs; raises StoreError with a clear message, writing nothing."""
    plan_file = PlanFile.open(path, readonly=read_only)
    try:
        source = agenda_for(plan_file.plan, agenda_dir)
    except StoreError:
        plan_file.close()
        raise
    # A broken bank file of the district's is skipped (the built-in items stay).
    return MeetingSession(plan_file, source.agenda, lambda: _banks(agenda_dir), now=now)


def _banks(agenda_dir: Path | None):
    from .store.bank_files import load_banks  # read when a section first offers choices

    return load_banks(agenda_dir, on_error=lambda _: None)


def run_meeting(
    path: Path,
    *,
    read_only: bool = False,
    agenda_dir: Path | None = None,
    theme: str | None = None,
    theme_dir: Path | None = None,
    headless: bool = False,
) -> int:
    try:
        session = open_session(path, read_only=read_only, agenda_dir=agenda_dir)
    except PlanLockedError as error:
        raise StoreError(f"{error}\nTo look without editing: iep-meeting run --read-only {path}") from None
    app = IEPMeetingApp(session, theme_name=theme or "iep-dark", theme_dir=theme_dir)
    # Everything loaded so far (the plan, the agenda, the code) lives as long
    # as the app: keep the cyclic garbage collector from walking those tens of
    # thousands of objects again at every full collection.
    gc.freeze()
    try:
        app.run(headless=headless)
    finally:
        session.plan_file.close()
    return app.return_code or 0
