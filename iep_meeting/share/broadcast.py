"""What the browsers are shown, kept up to date from the meeting.

`Broadcast` subscribes to the meeting (share/meeting_source.py). A change that
shows on the page goes out at once; changes within the next `COALESCE` seconds
(a burst of typing) go out together when it ends, so the page follows typing
within a fraction of a second without being rewritten at every key. Where
writing the page takes long (a big plan on a busy computer), the wait grows
so that writing it takes at most `WRITING_SHARE` of the meeting's time, up to
`LONGEST_WAIT`: the facilitator's typing keeps its speed, and the viewers
still see each change within a second. The work done in the meeting's own
call is small: a snapshot of what shows, compared with the last one. The page
is written later, once a version per language, by the first viewer that needs
it, and only what changed in it (share/page.py, `WrittenBlocks`).

Each `Viewer` is woken when there is something newer and then takes the newest
state: its queue holds one item, the state now, so a slow phone skips the
states it had no time for and never holds up the meeting or another viewer.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping

import attrs

from iep_meeting.documents.html import WrittenBlocks
from iep_meeting.model.plan import Plan, Status
from iep_meeting.share.meeting_source import LiveMeeting
from iep_meeting.share.page import notes_html, page_heading, page_title, regions
from iep_meeting.share.view import Note, View, notes, snapshot
from iep_meeting.words.locale import Strings

COALESCE = 0.2  # seconds: after a change goes out, later ones wait this long, then go out together
WRITING_SHARE = 0.02  # at most this part of the time is spent writing the page while changes come fast
LONGEST_WAIT = 0.8  # seconds: however long writing takes, a change waits no longer to go out


@attrs.frozen
class Rendered:
    """One version of the page in one language."""

    version: int
    regions: dict[str, str]  # share/page.py's REGIONS
    notes: str  # what was just recorded, as HTML ("" when nothing was)
    title: str
    heading: str


@attrs.define(eq=False)
class Viewer:
    """One browser's event stream: its language, what it was last sent, and whether there is news."""

    language: str
    seen: int = 0  # the version it was last sent (or the page it loaded was); 0: none
    sent: dict[str, str] = attrs.field(factory=dict)  # each region as it was last sent
    titled: str = ""  # the page's title as it was last sent (a new student's name changes only it)
    news: asyncio.Event = attrs.field(factory=asyncio.Event)

    def update(self, rendered: Rendered) -> dict[str, object] | None:
        """What to send to bring this viewer to `rendered`: the regions that changed
        (and what was just recorded, if it has not heard it); None when nothing."""
        if rendered.version == self.seen and self.sent:
            return None
        changed = {name: html for name, html in rendered.regions.items() if self.sent.get(name) != html}
        heard = self.seen >= rendered.version or not self.seen  # a viewer from nowhere has no news to hear
        retitled = self.titled != rendered.title
        self.seen, self.sent, self.titled = rendered.version, dict(rendered.regions), rendered.title
        if not changed and not retitled and (heard or not rendered.notes):
            return None
        announce = "" if heard else rendered.notes
        return {"regions": changed, "announce": announce, "title": rendered.title, "heading": rendered.heading}


class Broadcast:
    def __init__(
        self,
        meeting: LiveMeeting,
        languages: Mapping[str, Strings],
        *,
        banks: Mapping[str, Mapping[str, str]] | None = None,
        on_final: Callable[[], None] = lambda: None,
    ) -> None:
        self.meeting = meeting
        self.languages = dict(languages)
        self.banks = dict(banks or {})  # by language: the banks' words for a bank item's English text
        self.on_final = on_final  # the plan was made final: sharing ends after this last state
        self._view: View | None = None  # taken when first needed: sharing starts before the app's first frame
        self.version = 1
        self.viewers: set[Viewer] = set()
        self._notes: tuple[Note, ...] = ()
        self._rendered: dict[str, Rendered] = {}
        self._written: dict[str, WrittenBlocks] = {}  # by language: each writes again only what changed
        self._cooling: asyncio.TimerHandle | None = None
        self._writing = (0, 0.0)  # the last version written, and the seconds it took in every language asked for
        self._pending = False
        self._unsubscribe = meeting.subscribe(self._changed)

    @property
    def view(self) -> View:
        """What the page shows now."""
        if self._view is None:
            self._view = snapshot(self.meeting)
        return self._view

    def close(self) -> None:
        self._unsubscribe()
        if self._cooling is not None:
            self._cooling.cancel()
            self._cooling = None

    def language_for(self, asked: str | None) -> str:
        """The language a viewer asked for if there are strings for it, else the family's, else English."""
        for language in (asked, self.meeting.family_language(), "en"):
            if language in self.languages:
                return language
        return next(iter(self.languages))

    def rendered(self, language: str) -> Rendered:
        """The page now in `language`, written once per version."""
        found = self._rendered.get(language)
        if found is None or found.version != self.version:
            started = time.perf_counter()
            strings, bank = self.languages[language], self.banks.get(language)
            found = Rendered(
                self.version,
                regions(self.view, strings, bank, self._written.setdefault(language, WrittenBlocks())),
                notes_html(self._notes, self.view, strings, bank),
                page_title(self.view, strings),
                page_heading(self.view, strings),
            )
            self._rendered[language] = found
            took = time.perf_counter() - started
            version, before = self._writing
            self._writing = (self.version, took + (before if version == self.version else 0.0))
        return found

    # the meeting changed

    def _changed(self, _plan: Plan) -> None:
        if self._cooling is not None:  # a change went out a moment ago: this one waits for the burst to end
            self._pending = True
            return
        if self.publish():
            wait = min(max(COALESCE, self._writing[1] / WRITING_SHARE), LONGEST_WAIT)
            self._cooling = asyncio.get_running_loop().call_later(wait, self._cooled)

    def _cooled(self) -> None:
        self._cooling = None
        if self._pending:
            self._pending = False
            self._changed(self.meeting.plan)

    def publish(self) -> bool:
        """Take a new view of the meeting; wake every viewer if it shows something new."""
        view, before = snapshot(self.meeting), self._view
        if view == before:
            return False
        self._notes = notes(before, view) if before is not None else ()
        self._view = view
        self.version += 1
        for viewer in self.viewers:
            viewer.news.set()
        if view.plan.status is Status.FINAL:
            self.on_final()
        return True
