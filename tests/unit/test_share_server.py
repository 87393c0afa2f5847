"""The audience view's server (share/server.py) against real clients on a real
listening socket: safe by default, quick to follow the meeting, never slowed by a
viewer, and closed at once on stop."""

from __future__ import annotations

import asyncio
import base64
import hmac
import http.client
import re
import time
import urllib.request
from collections.abc import AsyncIterator, Callable
from http.cookiejar import CookieJar
from typing import Any

import attrs
import pytest

from iep_meeting.model.plan import ParkingLotItem, Plan, Status
from iep_meeting.share import broadcast as share_broadcast
from iep_meeting.share import http as share_http
from iep_meeting.share import listener as share_listener
from iep_meeting.share import page as share_page
from iep_meeting.share import server as share_server
from iep_meeting.share.listener import ShareError
from iep_meeting.share.live import page_languages
from iep_meeting.share.meeting_source import LiveMeeting
from iep_meeting.share.server import ShareServer, start_sharing
from iep_meeting.words.locale import Strings
from tests.factories import big_plan
from tests.live_meeting import FakeMeeting
from tests.share_client import EventStream, StalledViewer, exchange, request, sign_in, where


@pytest.fixture(scope="module")
def languages() -> dict[str, Strings]:
    return page_languages()


@attrs.frozen
class Shared:
    server: ShareServer
    meeting: FakeMeeting

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def host(self) -> str:
        return self.server.address


@pytest.fixture
async def shared(languages: dict[str, Strings]) -> AsyncIterator[Shared]:
    meeting = FakeMeeting()
    checked: LiveMeeting = meeting  # the fake is a LiveMeeting (mypy checks it here)
    server = await start_sharing(checked, languages)
    yield Shared(server, meeting)
    await server.stop()


def add_topic(topic: str) -> Callable[[Plan], Plan]:
    def change(plan: Plan) -> Plan:
        return attrs.evolve(plan, parking_lot=(*plan.parking_lot, ParkingLotItem(topic=topic, raised_by="Alex")))

    return change


def set_target(target: str) -> Callable[[Plan], Plan]:
    """The first goal's target typed as `target`."""

    def change(plan: Plan) -> Plan:
        return attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], target=target), *plan.goals[1:]))

    return change


# --- where it listens, and who gets in ---------------------------------------------------------------------------


async def test_it_listens_on_loopback_on_a_free_port_with_a_new_128_bit_token_each_time(
    shared: Shared, languages: dict[str, Strings]
) -> None:
    other = await start_sharing(FakeMeeting(), languages)
    try:
        for server in (shared.server, other):
            host, port = where(server.url)
            assert host == "127.0.0.1" and port > 0
            token = server.url.split("?token=", 1)[1]
            assert len(base64.urlsafe_b64decode(token + "==")) == 16
        assert where(other.url)[1] != where(shared.url)[1]
        assert other.url.split("?token=")[1] != shared.url.split("?token=")[1]
        assert shared.server.status.words() == f"sharing on {shared.host} · 0 watching"
    finally:
        await other.stop()


async def test_the_link_is_traded_for_a_strict_cookie_and_dropped_from_the_address(shared: Shared) -> None:
    host, port = where(shared.url)
    path = shared.url.split(shared.host, 1)[1]

    def first_answer() -> tuple[int, str, str]:
        connection = http.client.HTTPConnection(host, port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Location") or "", response.getheader("Set-Cookie") or ""

    status, location, cookie = await asyncio.to_thread(first_answer)
    assert (status, location) == (303, "/")
    assert cookie.endswith("; Path=/; HttpOnly; SameSite=Strict") and "token" not in cookie

    def browse() -> tuple[str, int, str]:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        with opener.open(shared.url, timeout=5) as response:
            return response.geturl(), response.status, response.read().decode("utf-8")

    address, status, page = await asyncio.to_thread(browse)
    assert (address, status) == (f"http://{shared.host}/", 200)  # the token is gone from the address
    assert "Sam Example" in page and "Goals" in page


@pytest.mark.parametrize("ask", ["/", "/?token=", "/?token=wrong", "/events"])
async def test_no_or_a_wrong_token_is_forbidden(shared: Shared, ask: str) -> None:
    answer = await exchange(shared.url, request(ask, shared.host, cookie="iep_share_1=nothing"))
    assert answer.status == 403 and b"Sam" not in answer.body
    assert b"needs the link" in answer.body


async def test_the_token_of_another_share_or_its_cookie_gets_nothing(
    shared: Shared, languages: dict[str, Strings]
) -> None:
    other = await start_sharing(FakeMeeting(), languages)
    try:
        token = other.url.split("?", 1)[1]
        assert (await exchange(shared.url, request(f"/?{token}", shared.host))).status == 403
        cookie = (await sign_in(other.url)).split("=", 1)[1]
        own_name = (await sign_in(shared.url)).split("=", 1)[0]
        stolen = f"{own_name}={cookie}"
        assert (await exchange(shared.url, request("/", shared.host, cookie=stolen))).status == 403
    finally:
        await other.stop()


async def test_tokens_and_cookies_are_compared_in_constant_time(
    shared: Shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    cookie = await sign_in(shared.url)
    assert (await exchange(shared.url, request("/", shared.host, cookie=cookie))).status == 200
    token, value = shared.url.split("?token=")[1].encode(), cookie.split("=", 1)[1].encode()
    assert compared == [(token, token), (value, value)]
    assert (await exchange(shared.url, request("/?token=%C3%A4", shared.host))).status == 403  # not ASCII: no error


@pytest.mark.parametrize("path", ["/favicon.ico", "/events/", "/index.html", "/../plan.toml", "//", "/%2e%2e/"])
async def test_an_unknown_path_is_not_found(shared: Shared, path: str) -> None:
    cookie = await sign_in(shared.url)
    assert (await exchange(shared.url, request(path, shared.host, cookie=cookie))).status == 404


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"])
async def test_any_method_but_get_and_head_is_not_allowed(shared: Shared, method: str) -> None:
    cookie = await sign_in(shared.url)
    answer = await exchange(shared.url, request("/", shared.host, method=method, cookie=cookie))
    assert answer.status == 405 and answer.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("host", ["evil.example", "evil.example:{port}", "127.0.0.1", "127.0.0.1:1", "[::1]:{port}"])
async def test_a_host_other_than_the_address_served_is_misdirected(shared: Shared, host: str) -> None:
    # A page whose name was rebound to this computer's address (DNS rebinding) sends its own name.
    cookie = await sign_in(shared.url)
    named = host.format(port=where(shared.url)[1])
    answer = await exchange(shared.url, request("/", named, cookie=cookie))
    assert answer.status == 421 and b"Sam" not in answer.body
    port = where(shared.url)[1]
    assert (await exchange(shared.url, request("/", f"localhost:{port}", cookie=cookie))).status == 200


async def test_every_answer_forbids_caching_referrers_and_anything_not_its_own(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    token = shared.url.split("?", 1)[1]
    answers = [
        await exchange(shared.url, request("/", shared.host, cookie=cookie)),  # 200
        await exchange(shared.url, request(f"/?{token}", shared.host)),  # 303
        await exchange(shared.url, request("/", shared.host)),  # 403
        await exchange(shared.url, request("/nothing", shared.host, cookie=cookie)),  # 404
        await exchange(shared.url, request("/", shared.host, method="POST", cookie=cookie)),  # 405
        await exchange(shared.url, request("/", "evil.example", cookie=cookie)),  # 421
        await exchange(shared.url, b"NOT HTTP\r\n\r\n"),  # 400
    ]
    assert [answer.status for answer in answers] == [200, 303, 403, 404, 405, 421, 400]
    for answer in answers:
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert answer.headers["x-content-type-options"] == "nosniff"
        policy = answer.headers["content-security-policy"]
        assert policy.startswith("default-src 'none'") and "unsafe" not in policy
        assert "frame-ancestors 'none'" in policy


async def test_the_page_is_the_meeting_s_view_and_nothing_else(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    page = await exchange(shared.url, request("/", shared.host, cookie=cookie))
    assert page.status == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
    text = page.body.decode("utf-8")
    assert "Sam Example" in text and "Band schedule next year" in text
    head = await exchange(shared.url, request("/", shared.host, method="HEAD", cookie=cookie))
    assert head.status == 200 and head.body == b"" and head.headers["content-length"] == str(len(page.body))


async def test_a_language_picked_in_the_page_is_remembered(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    picked = await exchange(shared.url, request("/?lang=es", shared.host, cookie=cookie))
    assert picked.status == 303 and picked.headers["location"] == "/"
    assert picked.headers["set-cookie"] == "iep_lang=es; Path=/; HttpOnly; SameSite=Strict"
    both = f"{cookie}; iep_lang=es"
    page = (await exchange(shared.url, request("/", shared.host, cookie=both))).body.decode("utf-8")
    assert '<html lang="es">' in page and "Lo que decidió el equipo" in page
    unknown = await exchange(shared.url, request("/?lang=xx%0d%0aSet-Cookie:%20a=b", shared.host, cookie=cookie))
    assert unknown.status == 303 and "set-cookie" not in unknown.headers  # only a language there are words for


# --- requests that are too slow, too big or too many ---------------------------------------------------------------


async def test_a_request_that_never_ends_is_cut_off_and_others_are_served_meanwhile(
    shared: Shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share_http, "HEAD_TIMEOUT", 0.3)
    reader, writer = await asyncio.open_connection(*where(shared.url))
    writer.write(b"GET / HTTP/1.1\r\nHost: ")  # and then nothing more (a slowloris)
    await writer.drain()
    cookie = await sign_in(shared.url)
    assert (await exchange(shared.url, request("/", shared.host, cookie=cookie))).status == 200
    started = time.monotonic()
    answer = await asyncio.wait_for(reader.read(), 2)
    assert answer.startswith(b"HTTP/1.1 408 ") and time.monotonic() - started < 1
    writer.close()


async def test_a_head_too_large_is_refused(shared: Shared) -> None:
    huge = request("/", shared.host, extra="X-Pad: " + "a" * (share_http.HEAD_LIMIT + 10) + "\r\n")
    answer = await exchange(shared.url, huge)
    assert answer.status == 431


async def test_viewers_beyond_the_cap_are_turned_away(shared: Shared, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share_server, "MAX_VIEWERS", 2)
    cookie = await sign_in(shared.url)
    streams = [await EventStream.open(shared.url, cookie) for _ in range(2)]
    try:
        assert [stream.answer.status for stream in streams] == [200, 200]
        assert shared.server.status.viewers == 2
        third = await exchange(shared.url, request("/events", shared.host, cookie=cookie))
        assert third.status == 503 and b"Too many people" in third.body
    finally:
        for stream in streams:
            stream.close()


# --- following the meeting ---------------------------------------------------------------------------------------


async def test_an_edit_reaches_every_viewer_at_once_with_only_what_changed(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    version = shared.server.broadcast.version
    streams = [await EventStream.open(shared.url, cookie, since=version) for _ in range(3)]
    assert all(stream.answer.headers["content-type"] == "text/event-stream; charset=utf-8" for stream in streams)
    assert shared.server.status.words().endswith("· 3 watching")
    started = time.monotonic()
    shared.meeting.edit(add_topic("Bus to the new school"))
    for stream in streams:
        event = await stream.next(timeout=1)
        state = event.state()
        assert event.kind == "state" and event.id == str(version + 1)
        regions = state["regions"]
        assert isinstance(regions, dict) and set(regions) == {"parking"}  # only the region that changed
        assert "Bus to the new school" in str(regions["parking"])
        assert "New topic to come back to" in str(state["announce"])
    assert time.monotonic() - started < 1
    for stream in streams:
        stream.close()


async def test_a_viewer_who_opens_the_link_before_it_is_served_is_answered_once_it_is(
    languages: dict[str, Strings],
) -> None:
    listener = share_listener.open_listener()  # as `run --share` does before the app's first frame
    signing_in = asyncio.ensure_future(sign_in(listener.url))
    done, _ = await asyncio.wait({signing_in}, timeout=0.3)
    assert not done  # connected, waiting in the socket's queue: nothing answers yet
    server = await start_sharing(FakeMeeting(), languages, listener=listener)
    try:
        assert server.url == listener.url  # the link said before is the one served
        assert (await asyncio.wait_for(signing_in, 2)).startswith("iep_share_")
    finally:
        await server.stop()


async def test_a_share_stopped_before_it_was_served_closes_the_waiting_viewer_at_once(
    languages: dict[str, Strings],
) -> None:
    listener = share_listener.open_listener()
    reader, writer = await asyncio.open_connection(*where(listener.url))
    writer.write(request("/", listener.address))
    started = time.monotonic()
    listener.close()  # the app quit before its first frame
    try:
        left = await asyncio.wait_for(reader.read(), 1)
    except ConnectionResetError:  # cut: what it sent was never read
        left = b""
    assert left == b"" and time.monotonic() - started < 1
    writer.close()


async def test_a_viewer_that_connects_later_gets_the_newest_state_at_once(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    host, port = where(shared.url)
    page = await exchange(shared.url, request("/", f"{host}:{port}", cookie=cookie))  # loaded before the move
    loaded = re.search(rb'data-version="(\d+)"', page.body)
    assert loaded is not None
    shared.meeting.go_to("services")
    stream = await EventStream.open(
        shared.url, cookie, since=int(loaded.group(1))
    )  # its page was loaded before the move
    state = (await stream.next(timeout=1)).state()
    assert "Special education and related services" in str(state["regions"])
    assert "The team moved on to" in str(state["announce"])
    stranger = await EventStream.open(shared.url, cookie)  # no page: all of it, and no news
    state = (await stranger.next(timeout=1)).state()
    regions = state["regions"]
    assert isinstance(regions, dict) and set(regions) == {"status", "agenda", "now", "decisions", "parking", "next"}
    assert state["announce"] == ""
    stream.close()
    stranger.close()


async def test_a_burst_of_typing_goes_out_at_once_then_together(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    stream = await EventStream.open(shared.url, cookie, since=shared.server.broadcast.version)
    meeting = shared.meeting
    started = time.monotonic()
    for count in range(1, 21):  # twenty keys as fast as they come
        meeting.edit(set_target("x" * count))
    first = await stream.next(timeout=1)
    assert time.monotonic() - started < 0.1 and "x" * 1 in first.data  # the first key went out at once
    rest = await stream.next(timeout=1)
    assert "x" * 20 in rest.data and time.monotonic() - started < 1  # the others together, with the last one
    with pytest.raises(TimeoutError):
        await stream.next(timeout=share_server.HEARTBEAT / 30)
    stream.close()


async def test_while_the_page_is_slow_to_write_changes_wait_longer_but_under_a_second(
    shared: Shared, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = share_page.regions  # what the broadcaster calls, as share/page.py defines it

    def slow(*args: Any, **kwargs: Any) -> dict[str, str]:  # a big plan on a busy computer
        until = time.perf_counter() + 0.06
        while time.perf_counter() < until:
            pass
        return written(*args, **kwargs)

    monkeypatch.setattr(share_broadcast, "regions", slow)
    cookie = await sign_in(shared.url)
    stream = await EventStream.open(shared.url, cookie, since=shared.server.broadcast.version)
    started = time.monotonic()
    shared.meeting.edit(set_target("first"))
    assert "first" in (await stream.next(timeout=1)).data  # at once, as ever
    shared.meeting.edit(set_target("second"))
    assert "second" in (await stream.next(timeout=2)).data
    # writing took 60 ms: the next change waited long enough for writing to be a small part of the time
    assert time.monotonic() - started >= share_broadcast.LONGEST_WAIT
    stream.close()


async def test_a_new_name_for_the_student_reaches_the_page_s_title_and_heading(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    stream = await EventStream.open(shared.url, cookie, since=shared.server.broadcast.version)
    shared.meeting.edit(lambda plan: attrs.evolve(plan, student=attrs.evolve(plan.student, name="Robin Quill")))
    state = (await stream.next(timeout=1)).state()  # nothing else on the page changed
    assert "Robin Quill" in str(state["title"]) and "Robin Quill" in str(state["heading"])
    stream.close()


async def test_the_clock_moves_the_page_once_a_minute(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    stream = await EventStream.open(shared.url, cookie, since=shared.server.broadcast.version)
    shared.meeting.spend(20)  # still "12 minutes"
    with pytest.raises(TimeoutError):
        await stream.next(timeout=0.3)
    await asyncio.sleep(0.25)  # past the burst window (share/broadcast.py COALESCE)
    shared.meeting.spend(60)
    state = (await stream.next(timeout=1)).state()
    assert "11 minutes are left" in str(state["regions"]) and state["announce"] == ""
    stream.close()


async def test_a_slow_viewer_never_slows_the_meeting_or_the_others(
    languages: dict[str, Strings], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share_broadcast, "COALESCE", 0.01)  # each edit its own update: as many as can be
    meeting = FakeMeeting(big_plan(40))  # every update is about 45 kB
    server = await start_sharing(meeting, languages)
    try:
        cookie = await sign_in(server.url)
        slow = StalledViewer(server.url, cookie, since=server.broadcast.version)
        quick = await EventStream.open(server.url, cookie, since=server.broadcast.version)
        longest = 0.0
        for count in range(30):
            started = time.perf_counter()
            meeting.edit(set_target(f"t{count}"))
            longest = max(longest, time.perf_counter() - started)
            # The quick viewer keeps up, whatever the slow one does: each change reaches it
            # within the broadcast's longest wait and the writing (on an idle machine well
            # under LONGEST_WAIT + 1 s; a loaded full test run once took longer); a viewer
            # held up by the slow one would wait for the slow one's WRITE_TIMEOUT (10 s).
            seen = await quick.next(timeout=share_server.WRITE_TIMEOUT / 2)
            assert f"t{count}" in seen.data
        assert longest < 0.05  # the meeting's own call: a snapshot, never a write to a viewer
        # The slow viewer was not sent the 30 states: when it reads at last, it gets the few the
        # network took in before it stalled (share/server.py SEND_BUFFER), then the newest.
        events = await slow.read_until("t29")
        assert "t29" in events[-1].data and len(events) <= 30 // 2
        slow.close()
    finally:
        await server.stop()


# --- stopping ------------------------------------------------------------------------------------------------------


async def test_stop_closes_every_stream_at_once(languages: dict[str, Strings]) -> None:
    meeting = FakeMeeting(big_plan(200))
    server = await start_sharing(meeting, languages)
    cookie = await sign_in(server.url)
    streams = [await EventStream.open(server.url, cookie, since=server.broadcast.version) for _ in range(10)]
    stalled = StalledViewer(server.url, cookie, since=1)  # reads nothing, ever
    meeting.go_to("services")
    for stream in streams:
        await stream.next(timeout=1)
    assert server.status.viewers == 11
    started = time.monotonic()
    await server.stop()
    assert time.monotonic() - started < 1
    for stream in streams:
        end = await stream.next(timeout=1)
        assert (end.kind, end.data) == ("end", "Sharing has stopped. This page will not change any more.")
        assert await stream.closed(timeout=1)
    assert await stalled.closed(timeout=1)
    stalled.close()
    assert not server.running and server.status.words() == "sharing stopped"
    with pytest.raises(OSError):
        await asyncio.open_connection(*where(server.url))  # nobody listens any more


async def test_sharing_stops_once_the_plan_is_final_and_shown(shared: Shared) -> None:
    cookie = await sign_in(shared.url)
    stream = await EventStream.open(shared.url, cookie, since=shared.server.broadcast.version)
    shared.meeting.edit(lambda plan: attrs.evolve(plan, status=Status.FINAL))
    last = await stream.next(timeout=1)
    assert last.kind == "state" and last.state()["announce"] == "The plan is now final."
    assert (await stream.next(timeout=1)).kind == "end"
    assert await stream.closed(timeout=1) and not shared.server.running


async def test_the_viewer_count_follows_viewers_coming_and_going(languages: dict[str, Strings]) -> None:
    seen: list[int] = []
    server = await start_sharing(FakeMeeting(), languages, on_status=lambda status: seen.append(status.viewers))
    try:
        cookie = await sign_in(server.url)
        stream = await EventStream.open(server.url, cookie, since=server.broadcast.version)
        stream.close()
        for _ in range(50):  # the server hears the close on its next turn
            if server.status.viewers == 0:
                break
            await asyncio.sleep(0.01)
        assert seen == [0, 1, 0]
    finally:
        await server.stop()


# --- on the local network, and when it cannot start ---------------------------------------------------------------


async def test_the_local_network_is_an_explicit_choice(
    languages: dict[str, Strings], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share_listener, "lan_address", lambda: "127.0.0.2")  # the machine's address, here
    server = await start_sharing(FakeMeeting(), languages, lan=True)
    try:
        assert where(server.url)[0] == "127.0.0.2" and server.status.lan
        assert server.status.words().startswith("sharing on the local network, 127.0.0.2:")
        cookie = await sign_in(server.url)
        port = where(server.url)[1]
        assert (await exchange(server.url, request("/", f"127.0.0.2:{port}", cookie=cookie))).status == 200
        assert (await exchange(server.url, request("/", f"localhost:{port}", cookie=cookie))).status == 421
    finally:
        await server.stop()
    monkeypatch.setattr(share_listener, "lan_address", lambda: None)
    with pytest.raises(ShareError, match="on no local network"):
        await start_sharing(FakeMeeting(), languages, lan=True)


async def test_a_port_in_use_is_said_in_words(shared: Shared, languages: dict[str, Strings]) -> None:
    with pytest.raises(ShareError, match=r"cannot listen on 127\.0\.0\.1:\d+: "):
        await start_sharing(FakeMeeting(), languages, port=where(shared.url)[1])
