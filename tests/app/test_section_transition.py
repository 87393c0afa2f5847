"""Transition: only for a student turning 16 in the plan period; its fields are saved."""

from __future__ import annotations

import datetime as dt

import attrs

from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from tests.app.harness import field, make_app, open_section, saved

SIZE = (120, 36)


def born(year: int, month: int, day: int):
    """The sample plan (period 2026-12-08 to 2027-12-07) for a student born on that day."""
    sample = load_plan(sample_plan_path())
    return attrs.evolve(sample, student=attrs.evolve(sample.student, date_of_birth=dt.date(year, month, day)))


def test_transition_is_on_the_agenda_only_for_a_student_turning_16_in_the_plan(tmp_path):
    cases = [
        (born(2013, 3, 14), False),  # the sample: 13
        (born(2011, 12, 8), False),  # turns 16 the day after the plan ends
        (born(2011, 12, 7), True),  # turns 16 on the last day of the plan
    ]
    for number, (plan, due) in enumerate(cases):
        folder = tmp_path / str(number)
        folder.mkdir()
        app = make_app(folder, plan)  # the session is opened; the screen is not needed for this
        assert ("transition" in [s.id for s in app.session.sections]) is due, plan.student.date_of_birth
        app.session.plan_file.close()


async def test_transition_fields_are_saved_and_the_dates_explained(tmp_path):
    app = make_app(tmp_path, born(2011, 6, 1))  # 15 at the start, 16 on 2027-06-01
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "transition")
        timeline = str(app.screen.query_one("#timeline").render())
        assert "(2026-12-08): 15 years" in timeline
        assert "✓ Transition is due: the student turns 16 on 2027-06-01, during this plan" in timeline
        assert "○ The transfer-of-rights notice is not due yet" in timeline and "2029-06-01" in timeline

        invited = field(app, "transition", "student_invited").editor
        assert "✓" not in str(invited.render())
        invited.focus()
        await pilot.press("space")
        assert "✓" in str(invited.render())  # ticked shows a mark, not only a colour
        field(app, "transition", "education_goal").editor.focus()
        await pilot.press(*"[i]college")
        field(app, "transition", "services").editor.focus()
        await pilot.press(*"job", "enter", *"bus")
        field(app, "transition", "rights_transfer_informed").editor.focus()
        await pilot.press(*"2026-12-03")

        plan = await saved(pilot, app)
        transition = plan.transition
        assert transition.student_invited is True
        assert transition.education_goal == "[i]college"
        assert transition.services == ("job", "bus")
        assert transition.rights_transfer_informed == dt.date(2026, 12, 3)


async def test_transfer_of_rights_notice_is_flagged_until_recorded(tmp_path):
    app = make_app(tmp_path, born(2010, 5, 20))  # 17 on 2027-05-20: one year before 18
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "transition")
        timeline = app.screen.query_one("#timeline")
        assert "! Transfer of rights is due: at 18 (on 2028-05-20)" in str(timeline.render())
        assert timeline.has_class("-attention")
        field(app, "transition", "rights_transfer_informed").editor.focus()
        await pilot.press(*"2026-12-03")
        await pilot.pause()
        assert "The student was told on 2026-12-03." in str(timeline.render())
        assert not timeline.has_class("-attention")
        assert (await saved(pilot, app)).transition.rights_transfer_informed == dt.date(2026, 12, 3)
