"""Finishing the meeting: F10's checklist, ctrl+f finalize (refused while a
required item is open: the checklist shows which), F11 close it as "to be
continued"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import App

from iep_meeting.model.findings import Finding
from iep_meeting.store.errors import StoreError
from iep_meeting.tui.context import meeting, session
from iep_meeting.tui.screens.meeting import MeetingScreen


def checklist(app: App[Any], *, refused: bool = False) -> None:
    """The checklist (F10); Enter on an item goes to where it is fixed."""
    from iep_meeting.tui.dialogs.checklist import ChecklistScreen

    current = session(app)

    def chosen(finding: Finding | None) -> None:
        screen = meeting(app).meeting_screen
        if finding is not None and isinstance(screen, MeetingScreen):
            screen.jump_to(finding)

    if not isinstance(app.screen, ChecklistScreen):  # F10 from the palette while it is open
        dialog = ChecklistScreen(
            current.findings, current.sections, current.plan, current.profile.title, refused=refused
        )
        app.push_screen(dialog, chosen)


def finalize(app: App[Any]) -> None:
    current = session(app)
    if current.readonly:
        app.notify(f"Not finalized: {current.readonly_reason}.", severity="warning", markup=False)
        return
    if current.open_required():
        checklist(app, refused=True)
        return
    from iep_meeting.tui.dialogs.confirm import ConfirmDialog

    def confirmed(yes: bool | None) -> None:
        if yes:
            current.when_idle(lambda: _finalize_now(app))  # after an autosave of the draft being written

    app.push_screen(
        ConfirmDialog(
            "Finalize this IEP?",
            "Every required item is done. The plan becomes final today and is locked: it can no longer "
            "be changed here, and any later change is made as an amendment.",
            confirm="Finalize",
        ),
        confirmed,
    )


def _finalize_now(app: App[Any]) -> None:
    current = session(app)
    try:
        current.finalize(current.now().date())  # the session's clock, like the meeting clock
    except StoreError as error:
        app.notify(
            f"Not finalized, because the plan could not be saved: {error}",
            title="Not finalized",
            severity="error",
            markup=False,
            timeout=10,
        )
        return
    app.notify("The plan is final and saved. Give the family its copy.", title="Finalized", timeout=8)


def continue_later(app: App[Any]) -> None:
    current = session(app)
    if current.readonly:
        app.notify(f"Nothing to continue: {current.readonly_reason}.", severity="warning", markup=False)
        return
    from iep_meeting.tui.dialogs.continue_later import ContinueLaterDialog

    def chosen(answer: tuple[dt.date | None] | None) -> None:
        if answer is not None:
            current.when_idle(lambda: _continue_later_now(app, answer[0]))

    open_items = tuple(f.message for f in current.open_required())
    follow_up = current.plan.follow_up.date if current.plan.follow_up else None
    app.push_screen(ContinueLaterDialog(open_items, follow_up), chosen)


def _continue_later_now(app: App[Any], follow_up: dt.date | None) -> None:
    current = session(app)
    if current.continue_later(current.now().date(), follow_up) is None:
        app.notify(
            "The plan stays a draft; the open items are written down for the follow-up meeting.",
            title="To be continued",
            timeout=8,
        )
