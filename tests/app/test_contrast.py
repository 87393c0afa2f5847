"""Every run of text the shared screen draws is readable: WCAG contrast of its
colour against the colour behind it, measured on what Textual really draws
(its exported SVG, tests/contrast.py), in every theme, on a few screens with
placeholders, drop-downs, the checklist's "Fix in", the help, a dialog and the
status colours (an overrun clock, open checklist items, a failed save).

At least 4.5:1 in the normal themes (WCAG 1.4.3, AA) and 7:1 in the
high-contrast one (1.4.6, AAA). Behind a modal dialog the screen is dimmed on
purpose, to say it is out of reach for now: only the dialog's own text is
measured there (WCAG exempts text that is part of an inactive component).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.screen import ModalScreen

from iep_meeting.meeting.autosave import SaveState
from iep_meeting.tui.app import IEPMeetingApp
from tests.app.harness import FakeClock, back_to_the_meeting, make_app, open_section, settled
from tests.contrast import Run, text_runs

THEMES = {"iep-dark": 4.5, "iep-light": 4.5, "iep-high-contrast": 7.0}

Step = Callable[[Any, IEPMeetingApp], Awaitable[None]]


async def start_up(pilot: Any, app: IEPMeetingApp) -> None:
    await open_section(pilot, app, "start-up")


async def goals(pilot: Any, app: IEPMeetingApp) -> None:
    await open_section(pilot, app, "goals")


async def services(pilot: Any, app: IEPMeetingApp) -> None:
    await open_section(pilot, app, "services")


async def placement(pilot: Any, app: IEPMeetingApp) -> None:
    await open_section(pilot, app, "placement")


async def checklist(pilot: Any, app: IEPMeetingApp) -> None:
    await open_section(pilot, app, "start-up")
    await pilot.press("f10")


async def help_keys(pilot: Any, app: IEPMeetingApp) -> None:
    await pilot.press("f1")


async def decision(pilot: Any, app: IEPMeetingApp) -> None:
    await open_section(pilot, app, "goals")
    await pilot.press("f2")


async def overrun(pilot: Any, app: IEPMeetingApp) -> None:
    """The clock past the section's time and the meeting's end, and a save that failed."""
    await open_section(pilot, app, "start-up")
    clock = app.session.now
    assert isinstance(clock, FakeClock)
    clock.advance(hours=3)
    for _ in range(3):  # one notice a tick (nearly up, up, the end near): all made now, not at a later second
        app.session.tick()
    await back_to_the_meeting(pilot, app)  # the time boxes' offers, kept going past: the bar's colours are measured
    app.meeting_screen.query_one("MeetingBar").show_save(SaveState.FAILED)  # type: ignore[attr-defined]


SCREENS: dict[str, Step] = {
    "start-up": start_up,
    "goals": goals,
    "services": services,
    "placement": placement,
    "checklist": checklist,
    "help": help_keys,
    "decision": decision,
    "overrun": overrun,
}


def measured(app: IEPMeetingApp, runs: list[Run]) -> list[Run]:
    """The runs that are read now: on a modal screen, only those inside the dialog."""
    screen = app.screen
    if not isinstance(screen, ModalScreen):
        return runs
    frame = screen.query_one(".dialog-frame").region
    return [run for run in runs if frame.overlaps(Region(run.column, run.line, len(run.text), 1))]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("theme", THEMES)
async def test_every_text_on_screen_has_enough_contrast(tmp_path: Path, theme: str, screen: str) -> None:
    app = make_app(tmp_path, theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await SCREENS[screen](pilot, app)
        await settled(pilot, app)
        runs = measured(app, text_runs(app.export_screenshot()))
    assert len(runs) > 20  # the screen was read
    least = THEMES[theme]
    low = sorted(
        {(round(run.ratio, 2), run.text.strip(), run.color, run.background) for run in runs if run.ratio < least}
    )
    assert not low, f"{theme}, {screen}: text under {least}:1 —\n" + "\n".join(map(str, low))
