"""Sharing the app's own meeting (share/live.py): the view follows a real
`MeetingSession` as the app changes it, never shows where the plan lives, and
stops when the plan is made final."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from iep_meeting.meeting.session import MeetingSession, open_session
from iep_meeting.model.plan import ParkingLotItem, Plan
from iep_meeting.share.live import Sharing, page_languages, share_session
from iep_meeting.share.meeting_source import LiveMeeting
from iep_meeting.store.plan_file import create_plan_file
from tests.conftest import UserFolders
from tests.factories import small_plan
from tests.share_client import EventStream, exchange, request, sign_in


@pytest.fixture
def session(tmp_path: Path) -> Iterator[MeetingSession]:
    path = tmp_path / "private-folder" / "sam-example.iep.toml"
    path.parent.mkdir()
    create_plan_file(path, small_plan())
    opened = open_session(path, now=lambda: dt.datetime(2026, 3, 12, 15, 40))
    yield opened
    opened.plan_file.close()


async def test_the_session_is_a_live_meeting_with_its_agenda_and_the_family_s_language(
    session: MeetingSession,
) -> None:
    sharing = await share_session(session)
    try:
        meeting: LiveMeeting = sharing.meeting
        assert [step.title for step in meeting.agenda()] == [section.title for section in session.sections]
        assert meeting.current_section() == session.sections[0].id
        assert meeting.family_language() == "es"  # the first guardian who names a language reads Spanish
        assert meeting.clock().now == dt.datetime(2026, 3, 12, 15, 40)
    finally:
        await sharing.stop()


async def open_page(sharing: Sharing) -> tuple[str, str]:
    cookie = await sign_in(sharing.status.url)
    page = await exchange(sharing.status.url, request("/", sharing.status.address, cookie=cookie))
    assert page.status == 200
    return cookie, page.body.decode("utf-8")


async def test_the_view_follows_the_session_as_the_app_changes_it(session: MeetingSession, tmp_path: Path) -> None:
    sharing = await share_session(session)
    try:
        cookie, page = await open_page(sharing)
        assert '<html lang="es">' in page and "Reunión del IEP de Sam Example" in page
        stream = await EventStream.open(sharing.status.url, cookie, since=sharing.server.broadcast.version)

        def park(plan: Plan) -> Plan:
            return attrs.evolve(plan, parking_lot=(*plan.parking_lot, ParkingLotItem(topic="Bus times")))

        assert session.apply(park)
        sharing.changed()  # what the app does after every change
        state = (await stream.next(timeout=1)).state()
        assert "Bus times" in str(state["regions"]) and "Nuevo tema pendiente" in str(state["announce"])
        session.go_to("goals")
        sharing.changed()
        state = (await stream.next(timeout=1)).state()
        assert "El equipo pasó a" in str(state["announce"])
        # Nothing says where the plan is kept: not its folder, not its file's name.
        for text in (page, str(state)):
            assert str(tmp_path) not in text and "private-folder" not in text and "sam-example" not in text
        stream.close()
    finally:
        await sharing.stop()


async def test_sharing_ends_when_the_meeting_s_plan_is_finalized(session: MeetingSession) -> None:
    sharing = await share_session(session)
    try:
        cookie = await sign_in(sharing.status.url)
        stream = await EventStream.open(sharing.status.url, cookie, since=sharing.server.broadcast.version)
        session.finalize(dt.date(2026, 3, 12))
        sharing.changed()
        assert (await stream.next(timeout=1)).kind == "state"
        assert (await stream.next(timeout=1)).kind == "end"
        assert await stream.closed(timeout=1)
        assert not sharing.status.running
    finally:
        await sharing.stop()


def test_a_district_s_broken_strings_leave_the_page_in_the_languages_that_load(isolated_user: UserFolders) -> None:
    locales = isolated_user.agendas / "locales"
    locales.mkdir()
    (locales / "es.toml").write_text("[share]\ntitle = 3\n", encoding="utf-8")
    (locales / "en.toml").write_text("[share\n", encoding="utf-8")
    languages = page_languages()
    assert sorted(languages) == ["en"]  # English from the program's own file; Spanish left out
    assert languages["en"].text("share.agenda") == "Agenda"
