"""The app's side of sharing the meeting in a browser (the audience view, share/).

The server runs on the app's own event loop, and share/ is imported only here,
only when sharing starts. The share hears of the meeting on the meeting's own
publish path (share/live.py subscribes to the session), so every change of
the plan, every move to another section and every clock tick reaches the
browsers (the view sends only what shows, once a minute for the clock),
whoever made it.

Sharing starts from the palette (tui/flows/share.py) or with
`iep-meeting run --share` (`run_shared`: it opens the listening socket and says
the link before the app starts, serves on it once the app shows the meeting,
and stops sharing when the app exits). Either way the app holds the share (`app.sharing`) and stops it when
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
from iep_meeting.store.errors import StoreError

if TYPE_CHECKING:
    from iep_meeting.share.listener import Listener, ShareStatus
    from iep_meeting.share.live import Sharing

NOTICE_SECONDS = 30  # long enough to copy the link


def link_words(status: ShareStatus) -> str:
    """Where the viewers open the meeting, for the facilitator to pass on."""
    from iep_meeting.share.listener import LAN_WARNING

    where = "on the local network" if status.lan else "on this computer"
    lines = [f"The meeting is shared, read-only, {where}. Open this link in a browser: {status.url}"]
    if status.lan:
        lines.append(LAN_WARNING)
    return "\n".join(lines)


def bar_words(status: ShareStatus | None) -> tuple[str, ...]:
    """What the facilitator's top bar says while the meeting is shared, from the
    fullest words to the shortest, for the bar to pick what fits (("",) when it is not)."""
    if status is None or not status.running:
        return ("",)
    watching = f"{status.viewers} watching"
    if status.lan:  # the network stays said: the meeting is open to more than this computer
        return (f"sharing on the network · {watching}", f"network · {watching}", f"network · {status.viewers}")
    return (f"sharing · {watching}", watching)


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
    session: MeetingSession,
    *,
    lan: bool,
    agenda_dir: Path | None,
    on_status: Callable[[ShareStatus], None],
    listener: Listener | None = None,
) -> Sharing:
    """Start serving the audience view of `session` on the running loop (on `listener`
    when one was opened before); raises ShareError (a StoreError, in words) when it cannot."""
    from iep_meeting.share.live import share_session

    return await share_session(session, lan=lan, user_dir=agenda_dir, listener=listener, on_status=on_status)


def run_shared(
    app: App[Any],
    session: MeetingSession,
    *,
    lan: bool,
    agenda_dir: Path | None,
    started: Callable[[Sharing], None],
    on_status: Callable[[ShareStatus], None],
    when_shown: Callable[[Callable[[], object]], None],
    headless: bool = False,
) -> None:
    """Run `app` with its meeting shared from the start: served once `when_shown` runs
    the callback it is given (the app's `after_first_form`), then `started(sharing)`;
    `on_status` whenever viewers come and go or sharing stops. Raises ShareError (a
    StoreError, in words) before the app starts when it cannot share."""
    from iep_meeting.share.listener import open_listener  # a socket and a key: nothing of the page yet

    listener = open_listener(lan=lan)
    print(link_words(listener.status), file=sys.stderr)  # also there after the app has left the screen
    shared: list[Sharing] = []

    async def serve() -> None:
        try:
            sharing = await share(session, lan=lan, agenda_dir=agenda_dir, on_status=on_status, listener=listener)
        except StoreError as error:
            app.notify(str(error), title="Not shared", severity="error", markup=False, timeout=10)
            return
        shared.append(sharing)
        started(sharing)

    # The facilitator's screen comes first: the server and the page's writers start
    # once it is shown. A viewer who opened the link meanwhile waits, connected, in
    # the socket's queue, and is answered then.
    when_shown(serve)
    with asyncio.Runner() as runner:
        try:
            runner.run(app.run_async(headless=headless))
        finally:
            if shared:
                runner.run(shared[0].stop())  # the app stopped it as it quit: this only makes sure
            listener.close()
