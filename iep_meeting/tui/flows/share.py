"""Sharing the meeting in a browser from inside the meeting: the palette's
"Share the meeting in a browser" (on this computer, or on the local network
after its warning) and "Stop sharing"; the top bar's "sharing · N watching";
the link in words (a notice, and F1). Sharing ends by itself when the plan is
made final (the viewers are shown the final plan first), and the app stops it
as it quits (`stop`, awaited while the app unmounts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App

from iep_meeting.store.errors import StoreError
from iep_meeting.tui.context import Question, meeting
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.meeting_bar import MeetingBar

if TYPE_CHECKING:
    from iep_meeting.share.listener import ShareStatus
    from iep_meeting.share.live import Sharing


def share(app: App[Any], *, lan: bool) -> None:
    """Start sharing; on the local network only once the facilitator has read the warning."""
    if meeting(app).sharing is not None:
        return
    if not lan:
        app.call_later(_start, app, False)
        return
    from iep_meeting.share.listener import LAN_WARNING

    def answered(yes: bool) -> None:
        if yes:
            app.call_later(_start, app, True)

    question = Question("Share the meeting on the local network?", LAN_WARNING, confirm="Share on the network")
    meeting(app).ask(question, answered)


async def _start(app: App[Any], lan: bool) -> None:
    from iep_meeting.tui.sharing import share as start_sharing

    owner = meeting(app)
    if owner.sharing is not None:
        return
    try:
        sharing = await start_sharing(
            owner.session, lan=lan, agenda_dir=owner.agenda_dir, on_status=lambda now: status(app, now)
        )
    except StoreError as error:  # ShareError: no local network, no free port
        app.notify(str(error), title="Not shared", severity="error", markup=False, timeout=10)
        return
    started(app, sharing)


def started(app: App[Any], sharing: Sharing) -> None:
    """The meeting is shared: the app holds the share, the bar says so, a notice gives the link."""
    from iep_meeting.tui.sharing import NOTICE_SECONDS, link_words

    meeting(app).sharing = sharing
    _show(app)
    app.notify(link_words(sharing.status), title="Sharing", markup=False, timeout=NOTICE_SECONDS)


def status(app: App[Any], now: ShareStatus) -> None:
    """A viewer came or went, or the share stopped by itself (the plan was made final)."""
    sharing = meeting(app).sharing
    if sharing is None or sharing.status.url != now.url:  # not the app's share (any more)
        return
    if not now.running:
        meeting(app).sharing = None
        if app.is_running:
            app.notify("Sharing has stopped. Every open page says so.", title="Sharing", markup=False)
    _show(app)


async def stop(app: App[Any], *, quitting: bool = False) -> None:
    """Stop sharing: every viewer's page says so and its stream is closed."""
    owner = meeting(app)
    sharing, owner.sharing = owner.sharing, None
    if sharing is None:
        return
    await sharing.stop()
    if not quitting:
        _show(app)
        app.notify("Sharing has stopped. Every open page says so.", title="Sharing", markup=False)


def _show(app: App[Any]) -> None:
    from iep_meeting.tui.sharing import bar_words

    sharing = meeting(app).sharing
    screen = meeting(app).meeting_screen
    if isinstance(screen, MeetingScreen) and screen.is_attached:
        screen.query_one(MeetingBar).show_sharing(bar_words(sharing.status if sharing is not None else None))
