"""Sharing a running meeting: the one place the audience view meets a `MeetingSession`.

`SessionMeeting` reads a `MeetingSession` (meeting/session.py) as the
`LiveMeeting` the view needs (share/meeting_source.py). It hears of the
meeting on the meeting's own publish path (`session.subscribe`): every change
of the plan, every move to another section, every tick of the clock, whoever
made it. So a meeting is shared the same way with an app or without one (a
headless meeting, a test, a benchmark).

What the app (or anyone running the meeting) calls, all on the meeting's event loop::

    sharing = await share_session(session, lan=False, user_dir=agenda_dir, on_status=show)
    sharing.status             # ShareStatus: running, address, url, viewers (status.words() for the bar)
    await sharing.stop()       # on the stop command and before the app exits

`share_session(..., listener=open_listener())` serves on a socket opened
earlier (listener.py), as `iep-meeting run --share` does before the app starts.

It stops by itself when the plan is made final (after the viewers got the final state).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs

from iep_meeting.documents.family_language import family_locale
from iep_meeting.meeting.clock import ClockReading
from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model.banks import bank_words
from iep_meeting.model.plan import Plan
from iep_meeting.share.listener import Listener, ShareStatus
from iep_meeting.share.meeting_source import AgendaStep, Unsubscribe
from iep_meeting.share.server import ShareServer, start_sharing
from iep_meeting.store.agenda_files import builtin_agenda_dir
from iep_meeting.store.errors import StoreError
from iep_meeting.store.locale_files import available_languages, locale_strings
from iep_meeting.words.locale import REFERENCE_LANGUAGE, Strings


class SessionMeeting:
    """A `MeetingSession` as a `LiveMeeting`."""

    def __init__(self, session: MeetingSession, user_dir: Path | None = None) -> None:
        self.session = session
        self.user_dir = user_dir  # the district's agenda folder: its locales
        self._language: tuple[tuple[str, ...], str] = ((), "")

    @property
    def plan(self) -> Plan:
        return self.session.plan

    def agenda(self) -> tuple[AgendaStep, ...]:
        return tuple(
            AgendaStep(section.id, section.title, section.minutes, status, section.covers)
            for section, status in self.session.statuses()
        )

    def current_section(self) -> str:
        return self.session.current.id

    def clock(self) -> ClockReading:
        return self.session.clock_reading()

    def family_language(self) -> str:
        student = self.plan.student
        named = (*(guardian.language for guardian in student.guardians), student.home_language)
        if named != self._language[0]:  # worked out again only when the plan's languages change
            self._language = (named, family_locale(self.plan, self.user_dir))
        return self._language[1]

    def subscribe(self, callback: Callable[[Plan], None]) -> Unsubscribe:
        """`callback(plan)` on every change the session publishes: of the plan or around it."""
        session = self.session
        subscription = session.subscribe(lambda change: callback(change.value), lambda _kind: callback(session.plan))
        return subscription.cancel


def page_languages(user_dir: Path | None = None) -> dict[str, Strings]:
    """The languages the page can be read in: every language there are strings for,
    but a district's broken file (the built-in English always loads)."""
    languages = {}
    for language in available_languages(user_dir):
        try:
            languages[language] = locale_strings(language, user_dir)
        except StoreError:
            if language == REFERENCE_LANGUAGE:  # the program's own English, without the district's file
                languages[language] = locale_strings(language, builtin_agenda_dir())
    return languages


@attrs.define(eq=False)
class Sharing:
    """A meeting being shared: what the app holds while it is."""

    meeting: SessionMeeting
    server: ShareServer

    @property
    def status(self) -> ShareStatus:
        return self.server.status

    async def stop(self) -> None:
        await self.server.stop()


async def share_session(
    session: MeetingSession,
    *,
    lan: bool = False,
    user_dir: Path | None = None,
    listener: Listener | None = None,
    on_status: Callable[[ShareStatus], None] = lambda _status: None,
) -> Sharing:
    """Start serving the audience view of the app's meeting on the running event loop.
    Raises ShareError (in words) when it cannot."""
    meeting = SessionMeeting(session, user_dir)
    languages = page_languages(user_dir)
    banks = {language: bank_words(session.banks, language) for language in languages if language != REFERENCE_LANGUAGE}
    server = await start_sharing(meeting, languages, banks=banks, lan=lan, listener=listener, on_status=on_status)
    return Sharing(meeting, server)
