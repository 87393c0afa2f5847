"""Services: new services run for the plan period, link to goals, and add up per week."""

from __future__ import annotations

from typing import Any

import attrs
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList, Static

from iep_meeting.model.plan import Frequency, Service, ServiceKind
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.sections.services import ServiceList, minutes_per_week, weekly_totals
from tests.app.harness import editor_as, field, make_app, open_section, saved, scrolled_into_view

SIZE = (120, 36)


async def open_services(pilot: Pilot[Any], app: IEPMeetingApp) -> ServiceList:
    await open_section(pilot, app, "services")
    services = app.screen.query_one(ServiceList)
    services.query_one(OptionList).focus()
    await pilot.pause()
    return services


def totals_line(app) -> str:
    return str(app.screen.query_one("#service-totals", Static).render())


def test_monthly_minutes_count_as_minutes_per_week_divided_by_4_33():
    def service(minutes, per):
        return Service(id="service-1", kind=ServiceKind.RELATED_SERVICE, description="x", minutes=minutes, per=per)

    assert minutes_per_week(service(60, Frequency.MONTHLY)) == 14  # 13.86
    assert minutes_per_week(service(30, Frequency.WEEKLY)) == 30
    assert minutes_per_week(service(None, Frequency.WEEKLY)) is None
    plan = load_plan(sample_plan_path())  # 150 + 120 + 90 special education, 60 a month of speech
    assert (
        "special education 360 + related services 14 = 374 (minutes per month ÷ 4.33 weeks, rounded)"
        in weekly_totals(plan).plain
    )
    one_without = attrs.evolve(plan, services=(*plan.services, service(None, Frequency.WEEKLY)))
    assert weekly_totals(one_without).plain.endswith("· ! 1 without minutes, not counted")


async def test_a_new_service_runs_for_the_plan_period_and_serves_the_goals_ticked(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        services = await open_services(pilot, app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        field(app, "services", 5, "description").editor.focus()
        await pilot.press(*"Speech", "right")  # → takes the bank's "Speech-language therapy"
        await pilot.pause()
        provider = editor_as(Input, field(app, "services", 5, "provider"))
        assert provider.placeholder == "usually: speech-language pathologist (SLP)"  # a hint, not a value
        field(app, "services", 5, "kind").editor.focus()
        await pilot.press("enter", "down", "enter")  # related service
        field(app, "services", 5, "minutes").editor.focus()
        await pilot.press(*"60")
        field(app, "services", 5, "per").editor.focus()
        await pilot.press("m")  # per month: its key
        field(app, "services", 5, "setting").editor.focus()
        await pilot.press(*"therapy room")
        goals = field(app, "services", 5, "goals").editor
        assert isinstance(goals, SelectionList)
        goals.focus()
        await pilot.press("home", "down", "space")  # goal-2

        plan = await saved(pilot, app)
        service = plan.services[5]
        assert (service.start, service.end) == (plan.period.start, plan.period.end)
        assert service.kind is ServiceKind.RELATED_SERVICE
        assert service.description == "Speech-language therapy"
        assert service.provider == ""
        assert (service.minutes, service.per) == (60, Frequency.MONTHLY)
        assert service.goals == ("goal-2",)
        summary = str(services.query_one(OptionList).get_option_at_index(5).prompt)
        assert summary == "6. Speech-language therapy · 60 min/month · therapy room · serves goal-2"
        assert "related services 28 = 388" in totals_line(app)  # two services of 60 a month


async def test_the_plan_period_of_a_changed_plan_is_used(tmp_path):
    sample = load_plan(sample_plan_path())
    period = attrs.evolve(sample.period, start=sample.period.start.replace(day=15))
    app = make_app(tmp_path, attrs.evolve(sample, period=period, services=()))
    async with app.run_test(size=SIZE) as pilot:
        await open_services(pilot, app)
        assert "special education 0 + related services 0 = 0" in totals_line(app)
        await pilot.press("ctrl+n")
        plan = await saved(pilot, app)
        assert [(s.start, s.end) for s in plan.services] == [(period.start, period.end)]


async def test_minutes_in_words_and_a_short_date_say_so_and_change_nothing(tmp_path):
    app = make_app(tmp_path)
    before = sample_plan_path().read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await open_services(pilot, app)
        minutes = field(app, "services", 0, "minutes")
        minutes.editor.focus()
        await pilot.press("end", "shift+home", *"ten")
        start = field(app, "services", 0, "start")
        start.editor.focus()
        await pilot.press("end", "shift+home", *"12/3")
        await pilot.pause()
        assert "whole number" in str(minutes.query_one(".field-problem").render())
        assert "year-month-day" in str(start.query_one(".field-problem").render())
        assert app.session.autosave.version == 0
        await saved(pilot, app)
        assert app.session.plan_file.path.read_bytes() == before
        assert "= 374 " in totals_line(app)


async def test_dates_outside_the_plan_period_are_pointed_out(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_services(pilot, app)
        problems = app.screen.query_one("#service-problems", Static)
        assert not problems.display
        end = field(app, "services", 0, "end")
        end.editor.focus()
        await pilot.press("end", "shift+home", *"2028-01-31")
        await pilot.pause()
        assert problems.display
        assert "! Service 1 ends after the plan period (2027-12-07)." in str(problems.render())


async def test_services_section_fits_a_small_terminal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_services(pilot, app)
        editor = app.screen.query_one("#editor-services")
        goals = field(app, "services", 0, "goals").editor
        goals.focus()
        assert await scrolled_into_view(pilot, editor, goals)
        assert editor.max_scroll_y > 0
