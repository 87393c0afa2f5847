"""The places the state rules added are edited where the section already builds its
form: Texas's transition items and guardianship date in Transition, the recess and
an adult student's consent at the close, written or audio for each family copy;
shown where the profile (or the plan) needs them, and saved."""

from __future__ import annotations

import datetime as dt

import attrs
from textual.widgets import Button

from iep_meeting.model.plan import AdultDecisions, CopyForm, Plan, RecessAnswer
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import field, make_app, open_section, pick, saved, settled

SIZE = (120, 36)


def sample(profile: str = "", born: dt.date | None = None) -> Plan:
    """The sample plan (period 2026-12-08 to 2027-12-07) under `profile`, for a student born on `born`."""
    plan = load_plan(sample_plan_path())
    student = attrs.evolve(plan.student, date_of_birth=born or plan.student.date_of_birth)
    return attrs.evolve(plan, profile=profile, student=student)


def shown(app: IEPMeetingApp, selector: str) -> bool:
    return bool(app.screen.query_one(selector).display)


async def test_texas_items_are_considered_in_the_transition_section(tmp_path) -> None:
    app = make_app(tmp_path, sample("texas", born=dt.date(2013, 6, 1)))  # turns 14 during the plan
    async with app.run_test(size=SIZE) as pilot:
        assert "transition" in [s.id for s in app.session.sections]
        await open_section(pilot, app, "transition")
        assert shown(app, "#considered") and shown(app, "#planning-title")
        timeline = str(app.screen.query_one("#timeline").render())
        assert "state's transition planning is due from 14" in timeline
        app.screen.query_one("#considered", RecordList).query_one("#add", Button).press()
        await settled(pilot, app)
        field(app, "transition", "considered", 0, "note").editor.focus()
        await pilot.press(*"He leads this part from now on.")
        plan = await saved(pilot, app)
        [record] = plan.transition.considered
        assert record.item == "student-involvement" and record.note == "He leads this part from now on."
        cited = {f.citation for f in app.session.findings if f.rule == "transition-considered"}
        assert "Tex. Educ. Code §29.011(a)(1)" not in cited and "Tex. Educ. Code §29.011(a)(2)" in cited


async def test_the_federal_transition_section_shows_no_state_items(tmp_path) -> None:
    app = make_app(tmp_path, sample(born=dt.date(2011, 6, 1)))  # 16 during the plan
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "transition")
        assert not shown(app, "#considered")
        guardianship = field(app, "transition", "guardianship_informed")
        assert not guardianship.display
        await pick(pilot, field(app, "transition", "adult_decisions").editor, "the student shares")
        assert (await saved(pilot, app)).transition.adult_decisions is AdultDecisions.SHARED


async def test_a_texas_recess_and_its_continued_meeting_are_recorded_at_the_close(tmp_path) -> None:
    app = make_app(tmp_path, sample("texas"))
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        assert shown(app, "#recess") and not shown(app, "#student-consent")
        await pick(pilot, field(app, "sign_off", "recess").editor, "offered and taken")
        field(app, "sign_off", "recess_date").editor.focus()
        await pilot.press(*"2026-12-10")
        field(app, "sign_off", "recess_time").editor.focus()
        await pilot.press(*"15:30")
        field(app, "sign_off", "recess_place").editor.focus()
        await pilot.press(*"Room 114")
        sign_off = (await saved(pilot, app)).sign_off
        assert sign_off.recess is RecessAnswer.TAKEN
        assert (sign_off.recess_date, sign_off.recess_time) == (dt.date(2026, 12, 10), dt.time(15, 30))
        assert sign_off.recess_place == "Room 114"


async def test_the_federal_close_shows_no_recess_and_an_adult_students_consent_when_due(tmp_path) -> None:
    app = make_app(tmp_path, sample(born=dt.date(2008, 1, 10)))  # 18 before the meeting
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        assert not shown(app, "#recess") and shown(app, "#student-consent")
        await pick(pilot, field(app, "sign_off", "student_consent").editor, "yes")
        assert (await saved(pilot, app)).sign_off.student_consent is True


async def test_each_family_copy_says_written_or_audio(tmp_path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        copies = app.screen.query_one("#family-copies", RecordList)
        if not app.session.plan.family_copies:
            copies.query_one("#add", Button).press()
            await settled(pilot, app)
        await pick(pilot, field(app, "family_copies", 0, "form").editor, "an audio recording")
        assert (await saved(pilot, app)).family_copies[0].form is CopyForm.AUDIO
