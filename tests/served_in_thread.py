"""The audience view of a meeting served from a thread of its own, for the tests
whose client blocks (a browser driven from the test's thread, urllib)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Mapping
from typing import TypeVar

from iep_meeting.share.listener import ShareStatus
from iep_meeting.share.meeting_source import LiveMeeting
from iep_meeting.share.server import ShareServer, start_sharing
from iep_meeting.words.locale import Strings
from tests.share_client import TIMEOUT

T = TypeVar("T")


class ServedInThread:
    """The audience view of `meeting` served from a thread with its own event loop, for
    a client that blocks (a browser driven from the test's thread, urllib). Every call
    into the meeting or the server goes through `run`, on that loop, as in the app."""

    def __init__(self, meeting: LiveMeeting, languages: Mapping[str, Strings]) -> None:
        self.meeting = meeting
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="share-server", daemon=True)
        self._thread.start()
        self._watching = threading.Condition()
        self._viewers = 0
        self.server: ShareServer = self.wait(start_sharing(meeting, languages, on_status=self._status))

    def _status(self, status: ShareStatus) -> None:
        with self._watching:
            self._viewers = status.viewers
            self._watching.notify_all()

    def wait_for_viewers(self, count: int) -> None:
        """Wait until `count` viewers are connected (a page's script connects after the page has loaded)."""
        with self._watching:
            assert self._watching.wait_for(lambda: self._viewers == count, TIMEOUT), f"{self._viewers} viewers"

    def wait(self, work: Coroutine[object, object, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(TIMEOUT)

    def run(self, call: Callable[[], T]) -> T:
        async def called() -> T:
            return call()

        return self.wait(called())

    def later(self, delay: float, call: Callable[[], object]) -> None:
        """Run `call` on the server's loop in `delay` seconds (while this thread waits on a browser)."""
        self.loop.call_soon_threadsafe(self.loop.call_later, delay, call)

    def close(self) -> None:
        self.wait(self.server.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(TIMEOUT)
        self.loop.close()
