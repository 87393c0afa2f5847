"""The presentation view (ctrl+b) and the words on screen explained (ctrl+t):
what the room reads on the shared screen, at 120x36 and 80x24."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Static, TextArea

from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.dialogs.glossary import GlossaryDialog
from iep_meeting.tui.widgets.key_bar import KeyBar
from iep_meeting.tui.widgets.meeting_bar import MeetingBar
from iep_meeting.tui.widgets.presentation import PresentationView
from iep_meeting.tui.widgets.prompts import Prompts
from tests.app.harness import editor_as, field, make_app, open_section, saved, settled
from tests.app.test_snapshots import settle


def meeting_app(pilot: Pilot[int]) -> IEPMeetingApp:
    app = pilot.app
    assert isinstance(app, IEPMeetingApp)
    return app


def shown(app: Any, selector: str) -> str:
    return str(app.meeting_screen.query_one(selector, Static).render())


async def present(pilot: Pilot[int]) -> None:
    await pilot.press("ctrl+b")
    await settled(pilot, meeting_app(pilot))
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_the_presentation_view(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def go(pilot: Pilot[int]) -> None:
        await open_section(pilot, meeting_app(pilot), "goals")
        await present(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=go)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
def test_the_facilitator_s_view_after_presenting(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def go(pilot: Pilot[int]) -> None:
        await open_section(pilot, meeting_app(pilot), "goals")
        await present(pilot)
        await present(pilot)  # and back
        pilot.app.set_focus(None)
        await settle(pilot)

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=go)


async def test_presenting_hides_the_facilitator_s_machinery_and_shows_the_section_in_plain_words(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "goals")
        screen = app.meeting_screen
        await pilot.press("ctrl+b")
        await settled(pilot, app)
        for machinery in (Prompts, KeyBar, MeetingBar):
            assert not screen.query_one(machinery).region.area  # not on screen
        view = screen.query_one(PresentationView)
        assert view.region.area
        assert shown(app, "#presenting-title").startswith("Annual goals")
        content = shown(app, "#presenting-content")
        goal = app.session.plan.goals[0]
        assert goal.target.strip()[:30] in content  # the goal, as the family's copy says it
        assert "Say" not in content and "Ask" not in content
        assert screen.query_one("#presenting-clock", Digits).value == "21:00"  # the fitted minutes, large
        assert "Annual goals · 21 min" in shown(app, "#presenting-agenda")

        await pilot.press("f2")  # the meeting's keys still work: a decision, recorded
        await settled(pilot, app)
        await pilot.press(*"Two reading goals")
        await pilot.press("ctrl+s")
        await settled(pilot, app)
        assert "New decision: Two reading goals (agreed)" in shown(app, "#presenting-content")

        await pilot.press("ctrl+b")  # back: the form, where the cursor was
        await settled(pilot, app)
        assert not view.region.area
        assert screen.query_one(Prompts).region.area


async def test_the_glossary_explains_the_words_on_screen_first(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "placement")
        await pilot.press("ctrl+t")
        await settled(pilot, app)
        dialog = app.screen
        assert isinstance(dialog, GlossaryDialog)
        on_screen = str(dialog.query_one("#glossary-on-screen", Static).render())
        # The placement's words, in the family's copy's glossary words.
        assert "LRE: The least restrictive environment." in on_screen  # the placement's form asks about LRE
        assert "extended school year: School help in the summer" in on_screen
        assert "wcpm" not in on_screen  # not on this screen: among the others
        others = str(dialog.query_one("#glossary-others", Static).render())
        assert "wcpm: Words correct per minute" in others
        await pilot.press("escape")
        await settled(pilot, app)
        assert app.screen is app.meeting_screen


async def test_in_a_text_field_ctrl_e_and_ctrl_k_still_edit_the_line(tmp_path: Path) -> None:
    """The view and the glossary keys are none a text field edits with: typing the
    family's concerns, ctrl+e goes to the end of the line and ctrl+k deletes to it."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "present-levels")
        concerns = editor_as(TextArea, field(app, "present_levels", "parent_concerns"))
        first_line = concerns.text.splitlines()[0]
        concerns.focus()
        concerns.move_cursor((0, 0))
        await pilot.press("ctrl+e", "!")
        await settled(pilot, app)
        assert concerns.text.splitlines()[0] == first_line + "!"
        concerns.move_cursor((0, 0))
        await pilot.press("ctrl+k")
        plan = await saved(pilot, app)
        assert plan.present_levels.parent_concerns.splitlines()[0] == ""
        assert app.screen is app.meeting_screen  # no glossary
        assert app.meeting_screen.query_one(Prompts).region.area  # the facilitator's view, not the presentation
