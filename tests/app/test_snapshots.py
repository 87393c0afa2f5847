"""What the shared screen looks like: every section at 120x36 and start-up at 80x24.

Fixed clock, fixed theme, no cursor blink (tests/app_harness.py). Look at each
SVG before accepting a change: `pytest tests/test_snapshots.py --snapshot-update`
writes them to tests/__snapshots__/.
"""

from __future__ import annotations

import pytest

from tests.app.harness import make_app, open_section

SECTIONS = ["start-up", "present-levels", "goals", "services", "accommodations", "placement", "close"]


def at_section(section_id: str):
    """Go to the section and wait until it is built (its first field takes the
    focus, as after F6) and the screen stops changing."""

    async def go(pilot) -> None:
        await open_section(pilot, pilot.app, section_id)
        # A text cursor is drawn or not depending on the order focus events
        # arrive in; with nothing focused every run paints the same screen.
        for _ in range(50):  # a list may take the focus back as it finishes building
            pilot.app.set_focus(None)
            await settle(pilot)
            if pilot.app.focused is None:
                break
        assert pilot.app.focused is None, pilot.app.focused

    return go


async def settle(pilot) -> None:
    """Wait until two screens in a row are the same: lists filled, focus moved."""
    previous = None
    for _ in range(50):
        await pilot.pause()
        current = pilot.app.export_screenshot()
        if current == previous:
            return
        previous = current
    raise AssertionError("the screen never settled")


class TestSections:
    @pytest.mark.parametrize("section_id", SECTIONS)
    def test_section_at_120x36(self, snap_compare, tmp_path, section_id):
        assert snap_compare(make_app(tmp_path), terminal_size=(120, 36), run_before=at_section(section_id))

    def test_transition_at_120x36(self, snap_compare, tmp_path):
        import datetime as dt

        import attrs

        from iep_meeting.store.folders import sample_plan_path
        from iep_meeting.store.plan_file import load_plan

        plan = load_plan(sample_plan_path())
        plan = attrs.evolve(plan, student=attrs.evolve(plan.student, date_of_birth=dt.date(2010, 9, 2), grade="10"))
        assert snap_compare(make_app(tmp_path, plan), terminal_size=(120, 36), run_before=at_section("transition"))

    def test_start_up_at_80x24(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=at_section("start-up"))


class TestRecording:
    def test_help_screen(self, snap_compare, tmp_path):
        assert snap_compare(make_app(tmp_path), terminal_size=(120, 36), press=["f1"])


class TestFinishing:
    def test_checklist_screen(self, snap_compare, tmp_path):
        async def open_checklist(pilot) -> None:
            await at_section("start-up")(pilot)
            await pilot.press("f10")
            await settle(pilot)

        assert snap_compare(make_app(tmp_path), terminal_size=(120, 36), run_before=open_checklist)

    def test_sign_off_panel(self, snap_compare, tmp_path):
        async def show_sign_off(pilot) -> None:
            await at_section("close")(pilot)
            pilot.app.screen.query_one("#signoff").scroll_visible(top=True, animate=False)
            await settle(pilot)

        assert snap_compare(make_app(tmp_path), terminal_size=(120, 36), run_before=show_sign_off)
