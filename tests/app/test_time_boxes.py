"""Time boxes in the app, on a clock the test moves: the fitted minutes in the
agenda and the section's title, the notice at 80%, the offer when a section's
time is up (each once), five more minutes taken from the sections that follow,
and "to be continued" offered when the end is near with required items open."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
from textual.pilot import Pilot
from textual.widgets import Button, Label
from textual.widgets._toast import Toast

from iep_meeting.model.plan import Plan
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.dialogs.continue_later import ContinueLaterDialog
from iep_meeting.tui.dialogs.time_up import TimeUpDialog
from iep_meeting.tui.widgets.agenda_list import AgendaList
from tests.app.harness import FakeClock, make_app, settled

START = dt.datetime(2026, 12, 3, 15, 30)


def sample(end: dt.time) -> Plan:
    """The sample (its meeting on 2026-12-03 at 15:30), ending at `end`."""
    plan = load_plan(sample_plan_path())
    return attrs.evolve(plan, meeting=attrs.evolve(plan.meeting, planned_end=end))


def agenda_text(app: IEPMeetingApp) -> str:
    agenda = app.meeting_screen.query_one(AgendaList)
    return "\n".join(str(agenda.get_option_at_index(i).prompt) for i in range(agenda.option_count))


def title_text(app: IEPMeetingApp) -> str:
    return str(app.meeting_screen.query_one("#section-title", Label).render())


def toasts(app: IEPMeetingApp) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query(Toast))


async def choose(pilot: Pilot[int], app: IEPMeetingApp, button: str) -> None:
    """Take a button of the dialog on top, from the keyboard."""
    app.screen.query_one(f"#{button}", Button).focus()
    await pilot.press("enter")


async def minutes_go_by(pilot: Pilot[int], app: IEPMeetingApp, clock: FakeClock, minutes: float) -> None:
    """The clock moves on, ticking every 30 seconds as the session's would every second."""
    for _ in range(round(minutes * 2)):
        clock.advance(seconds=30)
        app.session.tick()
    await pilot.pause()


async def test_the_agenda_and_the_title_show_the_minutes_fitted_to_the_meeting(tmp_path: Path) -> None:
    app = make_app(tmp_path, sample(dt.time(16, 30)), clock=FakeClock(START))  # 60 minutes for an 85-minute agenda
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        fitted = app.session.budget("start-up")
        assert fitted < 10  # the agenda gives it 10
        assert title_text(app).endswith(f"·  {fitted} min")
        lines = agenda_text(app).splitlines()
        assert lines[1].endswith(f"· {fitted} min")  # under the first title
        assert sum(app.session.budget(s.id) for s in app.session.sections) == 60


async def test_nearly_up_is_a_notice_and_up_is_an_offer_made_once(tmp_path: Path) -> None:
    clock = FakeClock(START)
    app = make_app(tmp_path, clock=clock)  # 15:30 to 17:00: the end is not near
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        budget = app.session.budget("start-up")
        await minutes_go_by(pilot, app, clock, budget * 0.8)
        assert "Time nearly up" in toasts(app)
        assert app.screen is app.meeting_screen  # a notice, not a dialog
        await minutes_go_by(pilot, app, clock, budget * 0.2)
        assert isinstance(app.screen, TimeUpDialog)
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Move on", "Park the topic", "Five more minutes", "Plan a follow-up", "Keep going"]
        await pilot.press("escape")  # keep going
        await settled(pilot, app)
        await minutes_go_by(pilot, app, clock, 3)
        assert app.screen is app.meeting_screen  # not offered again at every tick


async def test_five_more_minutes_come_from_the_next_sections_shown_in_the_agenda(tmp_path: Path) -> None:
    clock = FakeClock(START)
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        before = {s.id: app.session.budget(s.id) for s in app.session.sections}
        await minutes_go_by(pilot, app, clock, before["start-up"])
        dialog = app.screen
        assert isinstance(dialog, TimeUpDialog)
        assert "would come from Present levels" in str(dialog.query_one(".dialog-detail", Label).render())
        await choose(pilot, app, "more-time")
        await settled(pilot, app)
        assert app.screen is app.meeting_screen
        assert title_text(app).endswith(f"·  {before['start-up'] + 5} min")
        after = {s.id: app.session.budget(s.id) for s in app.session.sections}
        assert sum(after.values()) == sum(before.values())
        assert after["present-levels"] < before["present-levels"]
        assert f"{after['present-levels']} min" in agenda_text(app)
        assert "Five more minutes" in toasts(app)
        await minutes_go_by(pilot, app, clock, 5)  # the new end is offered again
        assert isinstance(app.screen, TimeUpDialog)


async def test_move_on_goes_to_the_next_section(tmp_path: Path) -> None:
    clock = FakeClock(START)
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        await minutes_go_by(pilot, app, clock, app.session.budget("start-up"))
        await choose(pilot, app, "move-on")
        await settled(pilot, app)
        assert app.session.current.id == "present-levels"


async def test_near_the_end_with_required_items_open_it_offers_to_be_continued(tmp_path: Path) -> None:
    clock = FakeClock(START + dt.timedelta(minutes=79))  # 16:49, the end at 17:00
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await pilot.pause()
        open_items = len(app.session.open_required())
        await minutes_go_by(pilot, app, clock, 1)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert f"{open_items} required items still open" == dialog.title_text
        assert "rush" in dialog.detail
        await choose(pilot, app, "confirm")
        await settled(pilot, app)
        assert isinstance(app.screen, ContinueLaterDialog)  # F11's dialog: the plan stays a draft
