"""Process start to the first painted frame: the meeting app on a 200-goal plan,
against a bare Textual app showing one Label.

Each run is a fresh Python process (headless, so no terminal is needed) that
ends as soon as its first screen has been painted; the parent times it from
spawn to exit. The two are interleaved and compared by their medians, so
machine noise hits both alike.

Both run from compiled bytecode, as an installed program does (pip compiles
every module when it installs): the children may write .pyc files, into a
temporary folder (PYTHONPYCACHEPREFIX) so the repository stays clean, even
where PYTHONDONTWRITEBYTECODE is set; the warm-up run compiles them.

With --share the meeting app is also started as `iep-meeting run PLAN --share`
does, and a viewer (a real HTTP client in the child, on the app's loop)
connects as soon as the link exists; that child ends once the first frame is
painted and the viewer has received the meeting's state. It is timed against
the same app with sharing off, interleaved.

Run: python bench/startup.py [--rounds N] [--share]
Targets: startup ratio <= 1.35; with --share, share startup ratio (on / off) <= 1.1
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from iep_meeting.store.plan_file import plan_to_text
from tests.factories import big_plan

ROOT = Path(_harness.ROOT)

# Both children leave with os._exit right after their first paint: the time to
# tear an app down is not part of starting it.
BARE_APP = """
import os
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("IEP meeting")
    def on_mount(self):
        self.call_after_refresh(os._exit, 0)

Bare().run(headless=True)
"""

MEETING_APP = """
import os
import sys
from pathlib import Path
from iep_meeting.tui.launch import run_meeting
from iep_meeting.tui.screens.meeting import MeetingScreen

shown = MeetingScreen.on_mount
def on_mount(screen):
    # Queued first, so it runs right after the first frame is painted (bar,
    # agenda, clock, prompts), before the section's form that follows it.
    screen.call_after_refresh(os._exit, 0)
    shown(screen)
MeetingScreen.on_mount = on_mount

run_meeting(Path(sys.argv[1]), headless=True)  # what `iep-meeting run PLAN` does
"""


SHARED_APP = """
import asyncio, os, sys
from pathlib import Path
from iep_meeting.tui.flows import share as share_flow
from iep_meeting.tui.launch import run_meeting
from iep_meeting.tui.screens.meeting import MeetingScreen
from tests.share_client import EventStream, sign_in

waiting = {"frame", "viewer"}  # the child ends when both have happened
def done(what):
    waiting.discard(what)
    if not waiting:
        os._exit(0)

shown = MeetingScreen.on_mount
def on_mount(screen):
    screen.call_after_refresh(done, "frame")
    shown(screen)
MeetingScreen.on_mount = on_mount

started = share_flow.started
def watched(app, sharing):
    started(app, sharing)
    async def watch():
        stream = await EventStream.open(sharing.status.url, await sign_in(sharing.status.url))
        await stream.next()  # the meeting's state
        done("viewer")
    app.watching = asyncio.ensure_future(watch())
share_flow.started = watched

run_meeting(Path(sys.argv[1]), headless=True, share="here")  # what `iep-meeting run PLAN --share` does
"""


def time_process(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--goals", type=int, default=200)
    parser.add_argument("--share", action="store_true", help="also start it shared, with one viewer")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.toml"
        plan.write_text(plan_to_text(big_plan(args.goals)), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "bytecode")
        # warm up: the disk cache, and compiled bytecode of every module
        time_process(BARE_APP, env=env), time_process(MEETING_APP, str(plan), env=env)
        if args.share:
            time_process(SHARED_APP, str(plan), env=env)
        app_times, bare_times, shared_times = [], [], []
        for _ in range(args.rounds):
            app_times.append(time_process(MEETING_APP, str(plan), env=env))
            bare_times.append(time_process(BARE_APP, env=env))
            if args.share:
                shared_times.append(time_process(SHARED_APP, str(plan), env=env))

    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"plan: {args.goals} goals, {args.rounds} rounds, headless")
    print(f"meeting app to first frame (median): {app * 1000:.0f} ms")
    print(f"bare Textual app (median):           {bare * 1000:.0f} ms")
    print(f"startup ratio {app / bare:.2f}")
    if args.share:
        shared = statistics.median(shared_times)
        print(f"shared, first frame and one viewer served (median): {shared * 1000:.0f} ms")
        print(f"share startup ratio {shared / app:.2f}")


if __name__ == "__main__":
    main()
