"""Typing is never misplaced: the paths that put a new facilitator's keys where
nobody saw them go, each closed, each typed the way a fast typist types — all
at once after the move, with no pause for the app to catch up."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Checkbox, Collapsible, Input, OptionList, Select, SelectionList, TextArea

from iep_meeting.model.plan import Attendance
from iep_meeting.tui.widgets.option_row import OptionRow
from iep_meeting.tui.widgets.records import displayed

from .harness import field, make_app, open_section, saved, settled
from .test_type_ahead import burst, pressed, typed

SIZE = (120, 36)
CONCERNS = "homework takes 3 hours a night"


async def test_f6_into_present_levels_types_the_familys_concerns_not_an_areas_name(tmp_path):
    app = make_app(tmp_path)
    area_before = app.session.plan.present_levels.areas[0].area
    concerns_before = app.session.plan.present_levels.parent_concerns
    async with app.run_test(size=SIZE) as pilot:
        burst(app, pressed("f6"), typed(CONCERNS))  # from the start-up, straight on
        await settled(pilot, app)
        plan = app.session.plan
        assert plan.present_levels.areas[0].area == area_before  # not "reading fluencyhomework…"
        assert plan.present_levels.parent_concerns == f"{concerns_before}\n{CONCERNS}"  # on a line of its own
        on_disk = await saved(pilot, app)
    assert on_disk.present_levels.parent_concerns == f"{concerns_before}\n{CONCERNS}"


async def test_keys_typed_in_accommodations_go_to_a_field_whichever_way_the_focus_goes(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "services")
        burst(app, pressed("f6"), typed("read aloud"))
        await settled(pilot, app)
        search = app.screen.query_one("#acc-search", Input)
        assert app.focused is search and search.value == "read aloud"
        # Back from the search box, where the editor's own frame once took the focus unseen, and on again.
        burst(app, pressed("shift+tab"))
        await settled(pilot, app)
        assert is_a_visible_field(app.focused), app.focused
        burst(app, pressed("tab", "ctrl+u"), typed("extended time"))
        await settled(pilot, app)
        assert app.focused is search and search.value == "extended time"


def is_a_visible_field(widget) -> bool:
    """A widget that shows it has the focus and takes keys: an editor, a list, a
    button, or the heading that opens the prompts."""
    kinds = (Input, TextArea, OptionRow, Select, Checkbox, SelectionList, OptionList, Button)
    heading = widget is not None and isinstance(widget.parent, Collapsible)
    return (isinstance(widget, kinds) or heading) and displayed(widget)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
async def test_every_focus_stop_of_every_section_is_a_visible_field(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        for section in app.session.sections:
            await open_section(pilot, app, section.id)
            stops = app.screen.focus_chain
            hidden = [widget for widget in stops if not is_a_visible_field(widget)]
            assert not hidden, f"{section.id}: focus stops nobody sees: {hidden}"


async def test_a_value_the_plan_holds_is_not_extended_by_typing_right_after_the_move(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "start-up")
        app.screen.set_focus(field(app, "student", "eligibility").editor)
        await pilot.pause()
        language = field(app, "student", "home_language")
        burst(app, pressed("tab"), typed("Spanish"))  # Tab to the home language, and type at once
        await settled(pilot, app)
        assert app.focused is language.editor
        assert app.session.plan.student.home_language == "English"  # never "EnglishSpanish"
        note = str(language.query_one(".field-problem").render())
        assert "“Spanish” was not added to “English”" in note and "ctrl+u" in note
        # As the note says: ctrl+u clears it, then the new value is typed.
        burst(app, pressed("ctrl+u"), typed("Spanish"))
        await settled(pilot, app)
        assert app.session.plan.student.home_language == "Spanish"
        assert "was not added" not in str(language.query_one(".field-problem").render())
        # End first adds to a value on purpose; so does a click.
        burst(app, pressed("tab", "shift+tab", "end"), typed(" (Mexico)"))
        await settled(pilot, app)
        assert (await saved(pilot, app)).student.home_language == "Spanish (Mexico)"


async def test_the_next_records_value_is_not_extended_either(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "start-up")
        names = [member.name for member in app.session.plan.team]
        app.screen.set_focus(field(app, "team", 0, "name").editor)
        await pilot.pause()
        burst(app, pressed("ctrl+down"), typed("x"))  # the next member's name, in the same field
        await settled(pilot, app)
        assert [member.name for member in app.session.plan.team] == names


async def test_a_new_team_member_starts_as_not_known_yet(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "start-up")
        burst(app, pressed("ctrl+n"), typed("Ms. Dana Kim"))
        await settled(pilot, app)
        member = app.session.plan.team[-1]
        assert (member.name, member.attendance) == ("Ms. Dana Kim", Attendance.INVITED)
        assert (await saved(pilot, app)).team[-1].attendance is Attendance.INVITED
