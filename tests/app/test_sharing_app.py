"""Sharing the meeting from inside it (tui/flows/share.py): the palette's commands,
each only when it applies; the top bar's "sharing · N watching"; the link in a
notice and in F1; the local network only after its warning; and the app that
quits with viewers connected, closing every stream at once. The viewers are
real HTTP clients (tests/share_client.py) on the app's own loop."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.widgets import Label

from iep_meeting.share import listener as share_listener
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.widgets.meeting_bar import who_texts
from tests.app.harness import make_app
from tests.share_client import EventStream, sign_in

SHARE = "Share the meeting in a browser"
SHARE_LAN = "Share the meeting in a browser on the local network…"
STOP = "Stop sharing"


def palette(app: IEPMeetingApp) -> set[str]:
    """The palette's sharing commands offered now."""
    titles = {command.title for command in app.get_system_commands(app.screen)}
    return titles & {SHARE, SHARE_LAN, STOP}


def bar(app: IEPMeetingApp) -> str:
    label = app.meeting_screen.query_one("#sharing", Label)
    return str(label.render()) if label.display else ""


def notices(app: IEPMeetingApp) -> str:
    return "\n".join(notification.message for notification in app._notifications)


async def share_here(app: IEPMeetingApp, pilot: Any) -> None:
    await app.run_action("share('here')")
    await pilot.pause()
    assert app.sharing is not None


async def test_share_from_the_palette_shows_the_link_and_who_is_watching(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert palette(app) == {SHARE, SHARE_LAN}  # nothing to stop yet
        assert bar(app) == ""
        await share_here(app, pilot)
        assert app.sharing is not None
        url = app.sharing.status.url
        assert palette(app) == {STOP}
        assert f"Open this link in a browser: {url}" in notices(app)
        assert bar(app) == "sharing · 0 watching"
        who = app.meeting_screen.query_one("#who", Label)  # gave up words for it, whole ones
        assert str(who.render()) in who_texts(app.session.plan, None)[1:]
        assert cell_len(str(who.render())) <= who.region.width  # not "Jordan Vance · an…"

        cookie = await sign_in(url)
        stream = await EventStream.open(url, cookie)
        await stream.next()
        assert bar(app) == "sharing · 1 watching"

        await pilot.press("f1")
        await pilot.pause()
        help_text = str(app.screen.query_one("#help-sharing", Label).render())
        assert url in help_text and "Stop sharing" in help_text
        await pilot.press("escape")

        await app.run_action("stop_sharing")
        await pilot.pause()
        assert (await stream.next(timeout=1)).kind == "end"
        assert await stream.closed(timeout=1)
        assert app.sharing is None and bar(app) == "" and palette(app) == {SHARE, SHARE_LAN}
        assert "Sharing has stopped" in notices(app)


async def test_f1_says_how_to_share_when_the_meeting_is_not_shared(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        help_text = str(app.screen.query_one("#help-sharing", Label).render())
        assert '(ctrl+p), "Share the meeting in a browser"' in help_text and "video call" in help_text


async def test_the_app_quits_in_under_a_second_with_viewers_connected(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await share_here(app, pilot)
        assert app.sharing is not None
        url = app.sharing.status.url
        cookie = await sign_in(url)
        streams = [await EventStream.open(url, cookie) for _ in range(3)]
        for stream in streams:
            await stream.next()
        assert bar(app) == "sharing · 3 watching"
        started = time.perf_counter()
        app.exit()
    took = time.perf_counter() - started
    assert took < 1.0, f"the app took {took:.2f} s to quit"
    for stream in streams:  # each was told, then closed by the app
        assert (await stream.next(timeout=1)).kind == "end"
        assert await stream.closed(timeout=1)


async def test_the_local_network_only_after_its_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share_listener, "lan_address", lambda: "127.0.0.2")  # this computer's address, here
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.run_action("share('lan')")
        await pilot.pause()
        assert app.sharing is None  # asked first
        asked = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "anyone on this network who has the link can watch" in asked
        await pilot.press("escape")  # no
        await pilot.pause()
        assert app.sharing is None and palette(app) == {SHARE, SHARE_LAN}

        await app.run_action("share('lan')")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert app.sharing is not None and app.sharing.status.lan
        assert app.sharing.status.url.startswith("http://127.0.0.2:")
        assert bar(app) == "sharing on the network · 0 watching"
        assert "Student records are private" in notices(app)


async def test_no_network_is_said_in_words_and_nothing_is_shared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share_listener, "lan_address", lambda: None)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await app.run_action("share('lan')")
        await pilot.pause()
        await pilot.click("#confirm")
        await pilot.pause()
        assert app.sharing is None and bar(app) == ""
        assert "this computer is on no local network" in notices(app)


async def test_finalizing_ends_the_share_and_it_is_offered_no_more(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await share_here(app, pilot)
        assert app.sharing is not None
        server = app.sharing.server
        app.session.finalize(dt.date(2026, 12, 3))
        await server.stop()  # waits for the stop the final plan began
        await pilot.pause()
        assert app.sharing is None and bar(app) == ""
        assert palette(app) == set()  # a final plan is not shared again


@pytest.mark.parametrize("on_the_network", [False, True], ids=["here", "on the network"])
async def test_shared_at_every_width_the_bar_keeps_its_save_state_and_whole_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_the_network: bool
) -> None:
    """Two hours in, over time and past the end, with viewers: at 80 columns the bar
    once pushed the save state off the line for "sharing · 3 watching"."""
    from tests.app.harness import FakeClock
    from tests.app.test_meeting_app import assert_whole_on_the_line

    monkeypatch.setattr(share_listener, "lan_address", lambda: "127.0.0.2")
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(160, 24)) as pilot:
        if on_the_network:
            await app.run_action("share('lan')")
            await pilot.pause()
            await pilot.click("#confirm")  # past its warning
        else:
            await app.run_action("share('here')")
        await pilot.pause()
        assert app.sharing is not None
        cookie = await sign_in(app.sharing.status.url)
        streams = [await EventStream.open(app.sharing.status.url, cookie) for _ in range(3)]
        for stream in streams:
            await stream.next()
        clock.advance(minutes=120)
        full = "sharing on the network · 3 watching" if on_the_network else "sharing · 3 watching"
        shorter = ("network · 3 watching", "network · 3") if on_the_network else ("3 watching",)
        for width in range(160, 79, -5):
            await pilot.resize_terminal(width, 24)
            app.session.tick()
            await pilot.pause()
            assert_whole_on_the_line(app)
            said = bar(app)
            assert said == full or said in shorter
        assert bar(app) != full  # at 80 columns it gave up words
