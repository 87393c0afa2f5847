"""Anything else on the app's event loop can follow the meeting as it runs — the
way the audience view in a browser will: a plain asyncio subscriber, no
Textual in it, gets every change of the plan in order, with what changed and
who changed it, while the facilitator types."""

from __future__ import annotations

import asyncio

from iep_meeting.meeting.publish import Change, StatusKind
from iep_meeting.model.plan import Plan

from .harness import field, make_app, saved, settled
from .test_type_ahead import burst, typed


async def test_an_asyncio_subscriber_on_the_apps_loop_follows_the_typing(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        changes: asyncio.Queue[Change[Plan]] = asyncio.Queue()
        statuses: list[StatusKind] = []
        subscription = app.session.subscribe(changes.put_nowait, statuses.append)
        seen: list[Change[Plan]] = []

        async def follow() -> None:  # a task of its own, as a server's would be
            while True:
                seen.append(await changes.get())

        follower = asyncio.create_task(follow())
        timekeeper = field(app, "facilitation", "timekeeper")
        app.screen.set_focus(timekeeper.editor)
        await pilot.pause()
        burst(app, typed("Lee"))
        await settled(pilot, app)
        on_disk = await saved(pilot, app)
        await asyncio.sleep(0)  # the follower's turn
        follower.cancel()
        subscription.cancel()

    assert [change.value.facilitation.timekeeper for change in seen] == ["L", "Le", "Lee"]
    assert all(change.paths == (("facilitation", "timekeeper"),) for change in seen)
    assert all(change.by is timekeeper for change in seen)  # the field typed in made each change
    assert seen[-1].value is app.session.plan and on_disk.facilitation.timekeeper == "Lee"
    assert statuses.count(StatusKind.SAVE) >= 3  # unsaved, saving, saved: told as they happen
