"""The audience view in a real headless Chromium (tests/cdp.py), with the page's own
Content-Security-Policy in force: axe-core finds nothing at a projector's width, a
phone's, 320 px and 400% zoom, in English and Spanish; the page never scrolls
sideways; an edit in the meeting shows in the open page within a second; the
language picked is kept; without scripts it still shows the meeting.

Each test opens Chromium before it starts the server's thread: tests/cdp.py starts
Chromium with a preexec_fn, which is safe only while the test runs no other thread."""

from __future__ import annotations

import time
from pathlib import Path

import attrs
import pytest

from iep_meeting.model.plan import ParkingLotItem, Plan
from iep_meeting.share.live import page_languages
from tests.browser import find_chromium, png_size
from tests.cdp import Page, axe_available
from tests.live_meeting import FakeMeeting
from tests.served_in_thread import ServedInThread

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="needs chromium (.ci/run installs it)"),
]

SIZES = {  # CSS pixels, and device pixels per CSS pixel
    "projector": (1280, 900, 1.0),
    "phone": (390, 844, 1.0),
    "narrow": (320, 640, 1.0),
    "zoom-400": (320, 256, 4.0),  # a 1280 x 1024 screen at 400% zoom
}


def live_page(width: int, height: int, scale: float = 1.0) -> Page:
    return Page(width=width, height=height, scale=scale, loopback=True, bypass_csp=False)


def serve(language: str = "en", current: str = "goals") -> ServedInThread:
    return ServedInThread(FakeMeeting(language=language, current=current), page_languages())


@pytest.mark.skipif(not axe_available(), reason="needs axe-core: npm ci --prefix tests/browser_tools (.ci/run does)")
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("language", "current"), [("en", "goals"), ("es", "services"), ("es", "close")])
def test_axe_finds_nothing_and_the_page_reflows(size: str, language: str, current: str) -> None:
    width, height, scale = SIZES[size]
    with live_page(width, height, scale) as page:
        served = serve(language, current)
        try:
            page.open(served.server.url)
            assert page.evaluate("document.documentElement.lang") == language
            assert page.axe_violations() == []
            assert page.sideways_overflow() == []
        finally:
            served.close()


def test_an_edit_in_the_meeting_shows_in_the_open_page_within_a_second() -> None:
    with live_page(1280, 900) as page:
        served = serve()
        try:
            page.open(served.server.url)
            served.wait_for_viewers(1)  # the page's script is allowed (its hash), and connected

            def park(plan: Plan) -> Plan:
                topic = ParkingLotItem(topic="Bus to the new school")
                return attrs.evolve(plan, parking_lot=(*plan.parking_lot, topic))

            meeting = served.meeting
            assert isinstance(meeting, FakeMeeting)
            served.later(0.2, lambda: meeting.edit(park))
            started = time.monotonic()
            shown = page.evaluate(
                """new Promise((resolve) => {
                     const parking = document.getElementById("parking");
                     const found = () => parking.textContent.includes("Bus to the new school");
                     new MutationObserver(() => found() && resolve(document.getElementById("announce").textContent))
                       .observe(parking, {childList: true, subtree: true, characterData: true});
                   })"""
            )
            assert time.monotonic() - started - 0.2 < 1.0
            assert shown == "New topic to come back to: (the team's words) Bus to the new school"
        finally:
            served.close()


def test_the_language_picked_in_the_page_is_kept() -> None:
    with live_page(390, 844) as page:
        served = serve("en")
        try:
            page.open(served.server.url)
            page.evaluate("document.querySelector('a[hreflang=es]').click()")
            page.wait_for_load()
            assert page.evaluate("[location.pathname + location.search, document.documentElement.lang]") == ["/", "es"]
            page.open(f"http://{served.server.address}/")
            assert page.evaluate("document.querySelector('h1').textContent") == "Reunión del IEP de Sam Example"
        finally:
            served.close()


def test_without_scripts_the_page_still_shows_the_meeting() -> None:
    with live_page(1280, 900) as page:
        served = serve()
        try:
            page.call("Emulation.setScriptExecutionDisabled", {"value": True})
            page.open(served.server.url)
            text = page.call("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True})
            words = str(text["result"]["value"])
            assert "Now: Goals" in words and "Band schedule next year" in words
            assert "Reload it to see what is new." in words  # the page says how to see more
        finally:
            served.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_screenshots_of_the_page(tmp_path: Path, width: int, height: int) -> None:
    with live_page(width, height) as page:
        served = serve("es", "services")
        try:
            page.open(served.server.url)
            png = page.screenshot(tmp_path / f"share-{width}.png")
        finally:
            served.close()
    shot_width, shot_height = png_size(png)
    assert shot_width == width and shot_height >= height
