"""The audience view in a real headless Chromium: axe-core finds nothing at a
projector's width, a phone's, 320 px and 400% zoom, in English and Spanish; the
page never scrolls sideways; an edit in the meeting shows in the open page within
a second; the language picked is kept; without scripts it still shows the meeting."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from iep_meeting.model.plan import ParkingLotItem, Plan
from iep_meeting.share.live import page_languages
from tests.axe import find_axe
from tests.browser import LiveBrowser, LivePage, find_chromium, png_size
from tests.live_meeting import FakeMeeting
from tests.share_client import ServedInThread

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


@pytest.fixture(scope="module")
def browser() -> Iterator[LiveBrowser]:
    with LiveBrowser() as opened:
        yield opened


def serve(language: str = "en", current: str = "goals") -> ServedInThread:
    return ServedInThread(FakeMeeting(language=language, current=current), page_languages())


def sideways(page: LivePage) -> int:
    """How far the page scrolls sideways, in CSS pixels (0: it reflows)."""
    scrolled = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert isinstance(scrolled, int)
    return scrolled


@pytest.mark.skipif(find_axe() is None, reason="needs axe-core (npm install -g axe-core@4; .ci/run does)")
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("language", "current"), [("en", "goals"), ("es", "services"), ("es", "close")])
def test_axe_finds_nothing_and_the_page_reflows(browser: LiveBrowser, size: str, language: str, current: str) -> None:
    served = serve(language, current)
    try:
        width, height, scale = SIZES[size]
        page = browser.open(served.server.url, width, height, scale)
        assert page.evaluate("document.documentElement.lang") == language
        axe = find_axe()
        assert axe is not None
        assert page.axe_violations(axe) == []
        assert sideways(page) == 0
    finally:
        served.close()


def test_an_edit_in_the_meeting_shows_in_the_open_page_within_a_second(browser: LiveBrowser) -> None:
    served = serve()
    try:
        page = browser.open(served.server.url, 1280, 900)
        served.wait_for_viewers(1)  # the page's script is allowed (its hash), and connected

        def park(plan: Plan) -> Plan:
            return attrs.evolve(plan, parking_lot=(*plan.parking_lot, ParkingLotItem(topic="Bus to the new school")))

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
               })""",
            await_promise=True,
        )
        assert time.monotonic() - started - 0.2 < 1.0
        assert shown == "New topic to come back to: (the team's words) Bus to the new school"
    finally:
        served.close()


def test_the_language_picked_in_the_page_is_kept(browser: LiveBrowser) -> None:
    served = serve("en")
    try:
        page = browser.open(served.server.url, 390, 844)
        page.evaluate("document.querySelector('a[hreflang=es]').click()")
        page.browser.wait_for_event("Page.loadEventFired", page.session)
        assert page.evaluate("[location.pathname + location.search, document.documentElement.lang]") == ["/", "es"]
        page.go(f"http://{served.server.address}/")
        assert page.evaluate("document.querySelector('h1').textContent") == "Reunión del IEP de Sam Example"
    finally:
        served.close()


def test_without_scripts_the_page_still_shows_the_meeting(browser: LiveBrowser) -> None:
    served = serve()
    try:
        page = browser.open("about:blank", 1280, 900)
        page.browser.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=page.session)
        page.go(served.server.url)
        text = page.browser.send(
            "Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True}, session=page.session
        )
        words = str(text.get("result", {}))
        assert "Now: Goals" in words and "Band schedule next year" in words
        assert "Reload it to see what is new." in words  # the page says how to see more
    finally:
        served.close()


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_screenshots_of_the_page(browser: LiveBrowser, tmp_path: Path, width: int, height: int) -> None:
    served = serve("es", "services")
    try:
        page = browser.open(served.server.url, width, height)
        png = page.screenshot(tmp_path / f"share-{width}.png")
        shot_width, shot_height = png_size(png)
        assert shot_width == width and shot_height >= height
    finally:
        served.close()
