"""The app's side of sharing the meeting in a browser (the audience view, share/).

The server runs on the app's own event loop, and share/ is imported only here,
only when sharing starts. `follow` connects a share to the app's two signals,
so every change of the plan, every move to another section and every clock
tick reaches the browsers (the view sends only what shows, once a minute for
the clock). `run_shared` is `iep-meeting run --share`: it starts sharing on the
loop the app will run on, says where, runs the app, and stops sharing when the
app exits (every viewer's stream closed, in well under a second).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

from iep_meeting.meeting.session import MeetingSession
from iep_meeting.tui.context import meeting

if TYPE_CHECKING:
    from iep_meeting.share.live import Sharing
    from iep_meeting.share.server import ShareStatus

NOTICE_SECONDS = 30  # long enough to copy the link


def follow(app: App[Any], sharing: Sharing) -> None:
    """Tell `sharing` of every change the app publishes (call it once the app runs)."""
    owner = meeting(app)

    def changed(_: object) -> None:
        if sharing.status.running:
            sharing.changed()

    owner.plan_changed.subscribe(app, changed, immediate=True)
    owner.status_changed.subscribe(app, changed, immediate=True)


def link_words(sharing: Sharing) -> str:
    """Where the viewers open the meeting, for the facilitator to pass on."""
    from iep_meeting.share.server import LAN_WARNING

    status = sharing.status
    where = "on the local network" if status.lan else "on this computer"
    lines = [f"The meeting is shared, read-only, {where}. Open this link in a browser: {status.url}"]
    if status.lan:
        lines.append(LAN_WARNING)
    return "\n".join(lines)


def run_shared(
    app: App[Any], session: MeetingSession, *, lan: bool, agenda_dir: Path | None, headless: bool = False
) -> None:
    """Run `app` with its meeting shared from the start; raises ShareError (a StoreError,
    in words) before the app starts when it cannot share."""
    from iep_meeting.share.live import share_session

    def started(sharing: Sharing) -> None:
        follow(app, sharing)
        app.notify(link_words(sharing), title="Sharing", markup=False, timeout=NOTICE_SECONDS)

    def status(now: ShareStatus) -> None:
        if not now.running and app.is_running:  # it stopped by itself: the plan was made final
            app.notify("Sharing has stopped. Every open page says so.", title="Sharing", markup=False)

    with asyncio.Runner() as runner:
        sharing = runner.run(share_session(session, lan=lan, user_dir=agenda_dir, on_status=status))
        print(link_words(sharing), file=sys.stderr)  # also there after the app has left the screen
        app.call_later(started, sharing)  # once the app runs, on this same loop
        try:
            runner.run(app.run_async(headless=headless))
        finally:
            runner.run(sharing.stop())
