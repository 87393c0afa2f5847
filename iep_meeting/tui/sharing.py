"""The app's side of sharing the meeting in a browser (the audience view, share/).

The server runs on the app's own event loop, and share/ is imported only here,
only when sharing starts. The share hears of the meeting on the meeting's own
publish path (share/live.py subscribes to the session), so every change of
the plan, every move to another section and every clock tick reaches the
browsers (the view sends only what shows, once a minute for the clock),
whoever made it.

Sharing starts from the palette (tui/flows/share.py) or with
`iep-meeting run --share` (`run_shared`: it starts sharing on the loop the
app will run on, says where, runs the app, and stops sharing when the app
exits). Either way the app holds the share (`app.sharing`) and stops it when
it quits, closing every viewer's stream in well under a second.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from iep_meeting.meeting.session import MeetingSession

if TYPE_CHECKING:
    from iep_meeting.share.live import Sharing
    from iep_meeting.share.server import ShareStatus

NOTICE_SECONDS = 30  # long enough to copy the link


def link_words(status: ShareStatus) -> str:
    """Where the viewers open the meeting, for the facilitator to pass on."""
    from iep_meeting.share.server import LAN_WARNING

    where = "on the local network" if status.lan else "on this computer"
    lines = [f"The meeting is shared, read-only, {where}. Open this link in a browser: {status.url}"]
    if status.lan:
        lines.append(LAN_WARNING)
    return "\n".join(lines)


def bar_words(status: ShareStatus | None) -> str:
    """What the facilitator's top bar says while the meeting is shared ("" when it is not)."""
    if status is None or not status.running:
        return ""
    return f"sharing{' on the network' if status.lan else ''} · {status.viewers} watching"


def help_words(sharing: Sharing | None, palette_key: str) -> str:
    """What F1 says about sharing: the link while the meeting is shared, else how to share it."""
    if sharing is not None:
        return f'{link_words(sharing.status)}\nTo stop: the command palette ({palette_key}), "Stop sharing".'
    return (
        "To show the meeting in a browser, read-only, in large text and the family's language (a parent "
        "on a video call sees it through the browser tab you share): the command palette "
        f'({palette_key}), "Share the meeting in a browser".'
    )


async def share(
    session: MeetingSession, *, lan: bool, agenda_dir: Path | None, on_status: Callable[[ShareStatus], None]
) -> Sharing:
    """Start serving the audience view of `session` on the running loop; raises
    ShareError (a StoreError, in words) when it cannot."""
    from iep_meeting.share.live import share_session

    return await share_session(session, lan=lan, user_dir=agenda_dir, on_status=on_status)


def run_shared(
    app: App[Any],
    session: MeetingSession,
    *,
    lan: bool,
    agenda_dir: Path | None,
    started: Callable[[Sharing], None],
    on_status: Callable[[ShareStatus], None],
    headless: bool = False,
) -> None:
    """Run `app` with its meeting shared from the start: `started(sharing)` once the
    app runs, `on_status` whenever viewers come and go or sharing stops. Raises
    ShareError (a StoreError, in words) before the app starts when it cannot share."""
    with asyncio.Runner() as runner:
        sharing = runner.run(share(session, lan=lan, agenda_dir=agenda_dir, on_status=on_status))
        print(link_words(sharing.status), file=sys.stderr)  # also there after the app has left the screen
        # A viewer who opens the link at once is answered once the app has painted its first
        # frame: the facilitator's screen comes first, the viewer waits a moment.
        sharing.hold()

        def opened() -> None:
            started(sharing)
            app.call_after_refresh(sharing.release)

        app.call_later(opened)  # once the app runs, on this same loop
        try:
            runner.run(app.run_async(headless=headless))
        finally:
            runner.run(sharing.stop())  # the app stopped it as it quit: this only makes sure
