"""A value that cannot be saved is never dropped in silence: it stays in its
field with the reason, the bar says something is not saved, quitting asks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Input

from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.meeting_bar import MeetingBar

from .harness import editor_as, field, make_app, open_section, saved, settled

SIZE = (120, 36)


def bar_text(app: IEPMeetingApp) -> str:
    """The save state at the right of the top bar."""
    return str(app.screen.query_one(MeetingBar).query_one("#save").render())


async def retype(pilot: Pilot[Any], app: IEPMeetingApp, path: tuple[str | int, ...], text: str) -> None:
    """Click into the field at `path`, clear it and type `text`."""
    app.screen.set_focus(field(app, *path).editor)
    await pilot.press("end", "ctrl+u", *text)
    await settled(pilot, app)


def problem_text(app: IEPMeetingApp, path: tuple[str | int, ...]) -> str:
    return str(field(app, *path).query_one(".field-problem").render())


async def test_a_bad_date_stays_with_its_reason_and_quitting_asks_first(tmp_path):
    app = make_app(tmp_path)
    date_path = ("meeting", "date")
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "start-up")
        before = app.session.plan.meeting.date
        assert before is not None
        await retype(pilot, app, date_path, "2026-13-45")

        assert editor_as(Input, field(app, *date_path)).value == "2026-13-45"
        assert f"the plan keeps {before.isoformat()}" in problem_text(app, date_path)
        assert "1 value not saved" in bar_text(app)
        assert (await saved(pilot, app)).meeting.date == before  # nothing invented on disk

        # Away and back: the typed text and its reason are still there.
        await open_section(pilot, app, "present-levels")
        await open_section(pilot, app, "start-up")
        assert editor_as(Input, field(app, *date_path)).value == "2026-13-45"
        assert problem_text(app, date_path)

        await pilot.press("ctrl+q")
        await settled(pilot, app)
        assert isinstance(app.screen, ConfirmDialog), "quitting with an unsaved value must ask first"
        assert "Date of this meeting" in str(app.screen.query_one(".dialog-detail").render())
        app.screen.query_one("#cancel", Button).press()  # "Go back"
        await settled(pilot, app)
        assert isinstance(app.screen, MeetingScreen) and app.is_running

        await retype(pilot, app, date_path, "2026-12-04")
        assert "not saved" not in bar_text(app)
        assert (await saved(pilot, app)).meeting.date == dt.date(2026, 12, 4)
        await pilot.press("ctrl+q")
        await settled(pilot, app)
    assert not app.is_running  # nothing unsaved: quits without asking


async def test_minutes_beyond_the_range_are_refused_with_the_range(tmp_path):
    app = make_app(tmp_path)
    minutes = ("services", 0, "minutes")
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "services")
        await retype(pilot, app, minutes, "99999999999999999999")
        message = problem_text(app, minutes)
        assert "whole number from 1 to" in message and "150" in message, message
        assert "not saved" in bar_text(app)
    plan = load_plan(app.session.plan_file.path)
    assert plan.services[0].minutes == 150  # the plan keeps what the team agreed
