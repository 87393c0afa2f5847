"""What the shared screen looks like, by feature: every section at 120x36 and
80x24, every dialog, the decision log, the banners a facilitator must not miss
(read-only, not saved) and the light and high-contrast themes.

Fixed clock, fixed theme, no cursor blink (tests/app/harness.py). Look at each
SVG before accepting a change: `pytest tests/app/test_snapshots.py --snapshot-update`
writes them to tests/app/__snapshots__/test_snapshots/.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from iep_meeting.meeting.autosave import SaveState
from iep_meeting.model.plan import Plan
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from tests.app.harness import field, make_app, open_section, wait_for_save_state
from tests.app.test_recording import plan_with_decisions
from tests.complete_plans import annual_review

SECTIONS = ["start-up", "present-levels", "goals", "services", "accommodations", "placement", "transition", "close"]
BIG, SMALL = (120, 36), (80, 24)

Steps = Callable[[Pilot[Any]], Awaitable[None]]


def teenager() -> Plan:
    """The sample plan for a student of 16, so that the transition section is on the agenda."""
    plan = load_plan(sample_plan_path())
    return attrs.evolve(plan, student=attrs.evolve(plan.student, date_of_birth=dt.date(2010, 9, 2), grade="10"))


def app_at(folder: Path, section_id: str, *, theme: str = "iep-dark") -> IEPMeetingApp:
    return make_app(folder, teenager() if section_id == "transition" else None, theme=theme)


def meeting_app(pilot: Pilot[Any]) -> IEPMeetingApp:
    app = pilot.app
    assert isinstance(app, IEPMeetingApp)
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until two screens in a row are the same: lists filled, focus moved."""
    previous = None
    for _ in range(50):
        await pilot.pause()
        current = pilot.app.export_screenshot()
        if current == previous:
            return
        previous = current
    raise AssertionError("the screen never settled")


def at_section(section_id: str) -> Steps:
    """Go to the section and wait until it is built (its first field takes the
    focus, as after F6) and the screen stops changing."""

    async def go(pilot: Pilot[Any]) -> None:
        await open_section(pilot, meeting_app(pilot), section_id)
        # A text cursor is drawn or not depending on the order focus events
        # arrive in; with nothing focused every run paints the same screen.
        for _ in range(50):  # a list may take the focus back as it finishes building
            pilot.app.set_focus(None)
            await settle(pilot)
            if pilot.app.focused is None:
                break
        assert pilot.app.focused is None, pilot.app.focused

    return go


def then_press(*keys: str, section_id: str = "start-up") -> Steps:
    """At the section, press `keys` (a dialog opens with its first field focused) and settle."""

    async def go(pilot: Pilot[Any]) -> None:
        await at_section(section_id)(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return go


class TestSections:
    @pytest.mark.parametrize("section_id", SECTIONS)
    def test_section_at_120x36(self, snap_compare: Any, tmp_path: Path, section_id: str) -> None:
        assert snap_compare(app_at(tmp_path, section_id), terminal_size=BIG, run_before=at_section(section_id))

    @pytest.mark.parametrize("section_id", SECTIONS)
    def test_section_at_80x24(self, snap_compare: Any, tmp_path: Path, section_id: str) -> None:
        assert snap_compare(app_at(tmp_path, section_id), terminal_size=SMALL, run_before=at_section(section_id))


class TestRecording:
    """F2, F3, F4: what was decided, a topic for later, who does what by when."""

    @pytest.mark.parametrize("key", ["f2", "f3", "f4"], ids=["decision", "parking-lot", "action-item"])
    def test_dialog_at_120x36(self, snap_compare: Any, tmp_path: Path, key: str) -> None:
        assert snap_compare(make_app(tmp_path), terminal_size=BIG, run_before=then_press(key))

    def test_decision_dialog_at_80x24(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(make_app(tmp_path), terminal_size=SMALL, run_before=then_press("f2"))

    def test_decision_log(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(make_app(tmp_path, plan_with_decisions()), terminal_size=BIG, run_before=then_press("f8"))


class TestFindingYourWay:
    def test_help_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(make_app(tmp_path), terminal_size=BIG, press=["f1"])

    def test_section_picker(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(make_app(tmp_path), terminal_size=BIG, run_before=then_press("f7"))


class TestFinishing:
    def test_checklist_screen(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(make_app(tmp_path), terminal_size=BIG, run_before=then_press("f10"))

    def test_sign_off_panel(self, snap_compare: Any, tmp_path: Path) -> None:
        async def show_sign_off(pilot: Pilot[Any]) -> None:
            await at_section("close")(pilot)
            pilot.app.screen.query_one("#signoff").scroll_visible(top=True, animate=False)
            await settle(pilot)

        assert snap_compare(make_app(tmp_path), terminal_size=BIG, run_before=show_sign_off)

    def test_finalize_asks_first(self, snap_compare: Any, tmp_path: Path) -> None:
        app = make_app(tmp_path, annual_review())
        assert snap_compare(app, terminal_size=BIG, run_before=then_press("ctrl+f", section_id="close"))

    def test_continue_later(self, snap_compare: Any, tmp_path: Path) -> None:
        assert snap_compare(make_app(tmp_path), terminal_size=BIG, run_before=then_press("f11", section_id="close"))

    def test_save_elsewhere(self, snap_compare: Any, tmp_path: Path) -> None:
        async def ask_for_a_path(pilot: Pilot[Any]) -> None:
            await then_press("f12")(pilot)
            # The suggestion names the plan's own folder; a fixed one keeps the picture the same.
            path = pilot.app.screen.query_one("#path", Input)
            path.value = path.value.replace(str(tmp_path), "/home/facilitator/plans")
            await settle(pilot)

        assert snap_compare(make_app(tmp_path), terminal_size=BIG, run_before=ask_for_a_path)


class TestBanners:
    def test_read_only(self, snap_compare: Any, tmp_path: Path) -> None:
        app = make_app(tmp_path, read_only=True)  # its fields are disabled: nothing takes the focus
        assert snap_compare(app, terminal_size=BIG, run_before=settle)

    def test_not_saved(self, snap_compare: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        def disk_full(source: str, target: str) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        async def fail_a_save(pilot: Pilot[Any]) -> None:
            app = meeting_app(pilot)
            await at_section("start-up")(pilot)
            monkeypatch.setattr(os, "replace", disk_full)
            app.session.edit(field(app, "facilitation", "timekeeper").path, "Dev Okafor")
            await wait_for_save_state(pilot, app, SaveState.FAILED)
            await settle(pilot)

        assert snap_compare(make_app(tmp_path), terminal_size=BIG, run_before=fail_a_save)


class TestThemes:
    @pytest.mark.parametrize("theme", ["iep-light", "iep-high-contrast"])
    @pytest.mark.parametrize("section_id", ["start-up", "close"])
    def test_theme(self, snap_compare: Any, tmp_path: Path, theme: str, section_id: str) -> None:
        app = app_at(tmp_path, section_id, theme=theme)
        assert snap_compare(app, terminal_size=BIG, run_before=at_section(section_id))
