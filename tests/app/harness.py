"""Build the meeting app for Pilot and snapshot tests: a plan in tmp_path,
a fixed clock, a fixed theme and no cursor blink."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any, TypeVar

from textual.pilot import Pilot
from textual.widget import Widget

from iep_meeting.meeting.autosave import SaveState
from iep_meeting.meeting.session import open_session
from iep_meeting.model.plan import Plan
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan, plan_to_text
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.commands import KeyNames
from iep_meeting.tui.progress.app import ProgressApp
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.fields import BoundField

FIXED_NOW = dt.datetime(2026, 12, 3, 15, 42, 0)

W = TypeVar("W", bound=Widget)


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: dt.datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def write_plan(folder: Path, plan: Plan | None = None, name: str = "plan.toml") -> Path:
    path = folder / name
    if plan is None:
        shutil.copyfile(sample_plan_path(), path)
    else:
        path.write_text(plan_to_text(plan), encoding="utf-8")
    path.chmod(0o600)
    return path


def make_app(
    folder: Path,
    plan: Plan | None = None,
    *,
    clock: FakeClock | None = None,
    read_only: bool = False,
    theme: str = "iep-dark",
    keys: KeyNames | None = None,
) -> IEPMeetingApp:
    """The app on a copy of `plan` (default: the bundled sample) in `folder`."""
    path = write_plan(folder, plan)
    session = open_session(path, read_only=read_only, now=clock or FakeClock())
    return IEPMeetingApp(session, theme_name=theme, cursor_blink=False, keys=keys)


def field(app: IEPMeetingApp, *path: str | int) -> BoundField:
    """The field bound to the plan value at `path` on the current screen."""
    return next(f for f in app.screen.query(BoundField) if f.path == tuple(path))


def editor_as(kind: type[W], bound: BoundField) -> W:
    """The field's editor as the widget it must be (the test fails if it is another)."""
    widget = bound.editor
    assert isinstance(widget, kind), f"{bound.path}: {widget!r} is not a {kind.__name__}"
    return widget


async def wait_for_save_state(pilot: Pilot[Any], app: IEPMeetingApp, state: SaveState, limit: float = 5.0) -> None:
    """Wait until the save state is `state` (bounded: fails loudly after `limit` seconds)."""
    waited = 0.0
    while app.session.autosave.state is not state:
        await pilot.pause(0.05)
        waited += 0.05
        assert waited < limit, f"not {state.value} after {limit} s: {app.session.autosave.state}"


async def wait_saved(pilot: Pilot[Any], app: IEPMeetingApp, limit: float = 5.0) -> None:
    """Wait until autosave has written everything (bounded; fails loudly)."""
    await wait_for_save_state(pilot, app, SaveState.SAVED, limit)


async def saved(pilot: Pilot[Any], app: IEPMeetingApp) -> Plan:
    """The plan as it is on disk, once everything typed is saved (bounded wait, no sleep)."""
    await wait_saved(pilot, app)
    return load_plan(app.session.plan_file.path)


def _recorded(app: IEPMeetingApp | ProgressApp) -> object:
    """What the app has recorded so far: the meeting's plan, or the progress record."""
    return app.session.plan if isinstance(app, IEPMeetingApp) else app.record


async def settled(pilot: Pilot[Any], app: IEPMeetingApp | ProgressApp, limit: int = 400) -> None:
    """Wait (bounded) until every key sent has been delivered and handled: the
    type-ahead holds nothing, and a few frames in a row change nothing (not the
    plan, not the focus, not the screen)."""
    still, last = 0, None
    for _ in range(limit):
        await pilot.pause()
        now = (_recorded(app), app.focused, app.screen)
        if app.type_ahead.idle and last is not None and all(a is b for a, b in zip(now, last)):
            still += 1
            if still == 3:
                return
        else:
            still = 0
        last = now
    raise AssertionError("the keys sent were not all delivered")


async def scrolled_into_view(pilot: Pilot[Any], container: Widget, widget: Widget, frames: int = 20) -> bool:
    """Whether `widget` comes into view in `container`. Focus scrolls a field
    into view a refresh later; on a loaded machine that can take a few frames
    (bounded: no fixed sleep)."""
    for _ in range(frames):
        await pilot.pause()
        if container.region.contains_region(widget.region):
            return True
    return False


async def open_section(pilot: Pilot[Any], app: IEPMeetingApp, section_id: str) -> None:
    """Go to a section as F6 or the agenda does, and wait (bounded) until its
    form is built, has given its first field the focus and scrolled to it, so
    that whatever the test focuses next keeps it."""
    screen = app.screen
    assert isinstance(screen, MeetingScreen)
    screen.go_to(section_id)
    for _ in range(100):
        await pilot.pause()
        focused = app.focused
        arrived = focused is not None and any(w.id == f"editor-{section_id}" for w in focused.ancestors)
        if arrived and not screen.arriving:  # and scrolled to, or a focus taken next cancels that scroll
            return
    raise AssertionError(f"nothing in {section_id} got the focus")


async def pick(pilot: Pilot[Any], editor: Widget, label: str) -> None:
    """Choose the option whose words start with `label`, as a user would: its key
    in an option row, or open the drop-down and move to it."""
    from textual.widgets import Select

    from iep_meeting.tui.widgets.option_row import OptionRow
    from iep_meeting.words.labels import NOT_CHOSEN

    editor.focus()
    await pilot.pause()
    if isinstance(editor, OptionRow):
        labels = [text for text, _ in editor.options]
        if label == "":
            await pilot.press("backspace")
        else:
            index = labels.index(next(text for text in labels if text.startswith(label)))
            await pilot.press(editor.keys[index])
    else:
        assert isinstance(editor, Select)
        spec = next(a for a in editor.ancestors if isinstance(a, BoundField)).spec
        options = [NOT_CHOSEN] * spec.optional + [text for text, _ in spec.choices]  # as the drop-down lists them
        await pilot.press("enter")
        await pilot.pause()
        position = options.index(next(o for o in options if o.startswith(label)))
        await pilot.press("home", *["down"] * position, "enter")
    await pilot.pause()


async def back_to_the_meeting(pilot: Pilot[int], app: IEPMeetingApp, limit: int = 200) -> None:
    """Close the time boxes' offers (a section's time is up, the end is near)
    with Escape, as a facilitator who keeps going would, until the meeting
    screen stays on top for a few frames in a row, with no offer waiting (an
    offer that waited for another to close comes a frame later). The clock
    gives one notice a second, so each of those frames is a second of the
    clock's (`tick`), given at once rather than waited for: the notices still
    to come come now, not after this returns. Bounded: fails loudly."""
    still = 0
    for _ in range(limit):
        await pilot.pause()
        if app.screen is app.meeting_screen and not app.time_offers.waiting:
            notices = app.session.time_notice
            app.session.tick()
            still = still + 1 if app.session.time_notice is notices else 0
            if still == 3:
                return
            continue
        still = 0
        if app.screen is not app.meeting_screen:
            await pilot.press("escape")
    raise AssertionError(f"still not back at the meeting: {app.screen}")
