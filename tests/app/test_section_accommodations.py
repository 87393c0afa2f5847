"""Accommodations: found in the bank or typed, added once, shown literally."""

from __future__ import annotations

from textual.widgets import Button, Input, OptionList, Static

from iep_meeting.model.plan import AppliesTo
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import make_app, open_section, saved

SIZE = (120, 36)
BANK_ITEM = "Extended time (1.5x) on tests and quizzes"
SAMPLE_COUNT = 6


async def open_accommodations(pilot, app) -> None:
    await open_section(pilot, app, "accommodations")


def results(app) -> list[str]:
    options = app.screen.query_one("#acc-results", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def message(app) -> str:
    return str(app.screen.query_one("#acc-message", Static).render())


async def test_search_finds_extended_time_and_adds_it_once(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodations(pilot, app)
        app.screen.query_one("#acc-search", Input).focus()
        await pilot.press(*"extended time")
        assert results(app)[0] == f"{BANK_ITEM} · both: in class and on tests"
        assert len(results(app)) == 2  # and extended time on assignments
        assert "timing" in str(app.screen.query_one("#acc-result-note", Static).render())
        await pilot.press("enter")

        plan = await saved(pilot, app)
        added = [a for a in plan.accommodations if a.description == BANK_ITEM]
        assert [(a.applies_to, a.note) for a in added] == [(AppliesTo.BOTH, "")]
        assert len(plan.accommodations) == SAMPLE_COUNT + 1
        assert results(app)[0] == f"✓ {BANK_ITEM} · both: in class and on tests (added)"
        assert not results(app)[1].endswith("(added)")
        listed = app.screen.query_one("#accommodation-list", RecordList)
        assert listed.selected == SAMPLE_COUNT  # the new one is open for editing below

        await pilot.press("enter")  # again: not added twice
        await pilot.pause()
        assert message(app) == f"Already in the plan: {BANK_ITEM}"
        assert len(app.session.plan.accommodations) == SAMPLE_COUNT + 1


async def test_the_results_are_reachable_by_keyboard(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodations(pilot, app)
        search = app.screen.query_one("#acc-search", Input)
        search.focus()
        await pilot.press(*"read aloud")
        assert len(results(app)) == 2
        await pilot.press("down")  # ↓ in the search box moves through the results
        assert app.screen.query_one("#acc-results", OptionList).highlighted == 1
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#acc-results")
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#acc-add-bank", Button)
        await pilot.press("enter")  # the button adds the highlighted one
        await pilot.press("tab")
        assert app.screen.focused is app.screen.query_one("#acc-new", Input)
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#acc-add-new", Button)

        plan = await saved(pilot, app)
        assert plan.accommodations[-1].description == "Test items read aloud (human reader or text-to-speech)"


async def test_a_typed_accommodation_is_added_for_the_classroom_and_shown_literally(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodations(pilot, app)
        new = app.screen.query_one("#acc-new", Input)
        new.focus()
        await pilot.press("enter")
        assert message(app).startswith("Type the accommodation first")
        await pilot.press(*"[b]Fidget tool", "enter")

        plan = await saved(pilot, app)
        assert plan.accommodations[-1].description == "[b]Fidget tool"
        assert plan.accommodations[-1].applies_to is AppliesTo.CLASSROOM
        assert new.value == ""  # ready for the next one
        listed = app.screen.query_one("#accommodation-list", RecordList).query_one(OptionList)
        assert str(listed.get_option_at_index(SAMPLE_COUNT).prompt) == f"{SAMPLE_COUNT + 1}. [b]Fidget tool · in class"

        new.focus()
        await pilot.press(*"[B]fidget  TOOL", "enter")  # the same words again
        await pilot.pause()
        assert len(app.session.plan.accommodations) == SAMPLE_COUNT + 1
        assert message(app) == "Already in the plan: [B]fidget TOOL"


async def test_nothing_found_says_what_to_do(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodations(pilot, app)
        app.screen.query_one("#acc-search", Input).focus()
        await pilot.press(*"zzz", "enter")
        assert results(app) == []
        assert "Type it below" in str(app.screen.query_one("#acc-result-note", Static).render())
        assert message(app).startswith("Nothing highlighted")
        assert app.session.autosave.version == 0


async def test_accommodations_section_fits_a_small_terminal(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_accommodations(pilot, app)
        editor = app.screen.query_one("#editor-accommodations")
        for widget_id in ("#acc-search", "#acc-add-new"):
            widget = app.screen.query_one(widget_id)
            widget.focus()
            await pilot.pause()
            assert editor.region.contains_region(widget.region), widget_id
        assert app.screen.query_one("#acc-new", Input).region.width >= 20


async def test_opening_the_section_changes_nothing(tmp_path):
    # A choice that may not be blank must show the plan's answer, not its first option.
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_accommodations(pilot, app)
        await pilot.pause()
        assert app.session.plan.accommodations[0].applies_to is AppliesTo.BOTH
        assert app.session.autosave.version == 0
