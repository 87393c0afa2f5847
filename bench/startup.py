"""Process start to the first painted frame: `iep-meeting run` on a 200-goal plan,
against a bare Textual app showing one Label.

Each run is a fresh Python process (headless, so no terminal is needed) that
ends as soon as its first screen has been painted; the parent times it from
spawn to exit. The meeting's child runs the command line itself (`main(["run",
PLAN])`), so the command line's own start counts, as it does for a user. The
two are interleaved and compared by their medians, so machine noise hits both
alike.

Both run from compiled bytecode, as an installed program does (pip compiles
every module when it installs): the children may write .pyc files, into a
temporary folder (PYTHONPYCACHEPREFIX) so the repository stays clean, even
where PYTHONDONTWRITEBYTECODE is set; the warm-up run compiles them.

With --share the meeting app is also started as `iep-meeting run PLAN --share`
does, and a viewer connects as soon as the link exists (the listening socket,
opened before the app starts): a real HTTP client on a thread and event loop of
its own in the child, as a browser is a program of its own (the server's side
of it runs on the app's loop). That child ends once
the first frame is painted and the viewer has received the meeting's state.
What is compared is the time to the first frame, shared (whatever serving the
viewer cost the app before it) against not shared, interleaved; when the
viewer had the page is printed beside it.

Run: python bench/startup.py [--rounds N] [--share]
Targets: startup ratio <= 1.35; with --share, share startup ratio (first frame shared / not) <= 1.1
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

# When the first frame was painted (and, shared, when the viewer had the page), by the
# wall clock, in the file named by the child's second argument. The app runs
# headless: the command line gives it no terminal here.
NOTE_TIME = """
import time
from iep_meeting.tui.app import IEPMeetingApp
def note(what):
    with open(sys.argv[2], "a", encoding="utf-8") as times:
        times.write(f"{what} {time.time()}\\n")
run_async = IEPMeetingApp.run_async
def headless(app, **options):
    return run_async(app, **{**options, "headless": True})
IEPMeetingApp.run_async = headless
"""

MEETING_APP = (
    """
import os
import sys
from iep_meeting.cli.main import main
from iep_meeting.tui.screens.meeting import MeetingScreen
"""
    + NOTE_TIME
    + """
def painted():
    note("frame")
    os._exit(0)

shown = MeetingScreen.on_mount
def on_mount(screen):
    # Queued first, so it runs right after the first frame is painted (bar,
    # agenda, clock, prompts), before the section's form that follows it.
    screen.call_after_refresh(painted)
    shown(screen)
MeetingScreen.on_mount = on_mount

main(["run", sys.argv[1]])  # `iep-meeting run PLAN`
"""
)


SHARED_APP = (
    """
import asyncio, os, sys, threading
from iep_meeting.cli.main import main
from iep_meeting.share import listener as share_listener
from iep_meeting.tui.screens.meeting import MeetingScreen
from tests.share_client import EventStream, sign_in
"""
    + NOTE_TIME
    + """
waiting = {"frame", "viewer"}  # the child ends when both have happened
lock = threading.Lock()
def done(what):
    with lock:
        note(what)
        waiting.discard(what)
        if not waiting:
            os._exit(0)

shown = MeetingScreen.on_mount
def on_mount(screen):
    screen.call_after_refresh(done, "frame")
    shown(screen)
MeetingScreen.on_mount = on_mount

async def watch(url):
    stream = await EventStream.open(url, await sign_in(url))
    await stream.next()  # the meeting's state
    done("viewer")

open_listener = share_listener.open_listener
def opened(*args, **kwargs):
    listener = open_listener(*args, **kwargs)
    # A browser opens the link as soon as it is given: another program, so its own thread and loop here.
    threading.Thread(target=asyncio.run, args=(watch(listener.url),), daemon=True).start()
    return listener
share_listener.open_listener = opened

main(["run", sys.argv[1], "--share"])  # `iep-meeting run PLAN --share`
"""
)


def time_process(code: str, *args: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def noted_times(code: str, plan: Path, env: dict[str, str]) -> tuple[float, dict[str, float]]:
    """Seconds from spawn to exit, and to each time the child noted ("frame", "viewer")."""
    with tempfile.TemporaryDirectory() as folder:
        times = Path(folder) / "times"
        spawned = time.time()
        took = time_process(code, str(plan), str(times), env=env)
        noted = {what: float(at) - spawned for what, at in (line.split() for line in times.read_text().splitlines())}
    return took, noted


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
        time_process(BARE_APP, env=env), noted_times(MEETING_APP, plan, env)
        if args.share:
            noted_times(SHARED_APP, plan, env)
        app_times, bare_times, frames, shared_frames, viewers = [], [], [], [], []
        for _ in range(args.rounds):
            took, noted = noted_times(MEETING_APP, plan, env)
            app_times.append(took)
            frames.append(noted["frame"])
            bare_times.append(time_process(BARE_APP, env=env))
            if args.share:
                _, noted = noted_times(SHARED_APP, plan, env)
                shared_frames.append(noted["frame"])
                viewers.append(noted["viewer"] - noted["frame"])

    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"plan: {args.goals} goals, {args.rounds} rounds, headless")
    print(f"meeting app to first frame (median): {app * 1000:.0f} ms")
    print(f"bare Textual app (median):           {bare * 1000:.0f} ms")
    print(f"startup ratio {app / bare:.2f}")
    if args.share:
        frame, shared = statistics.median(frames), statistics.median(shared_frames)
        print(f"first frame, not shared (median):                  {frame * 1000:.0f} ms")
        print(f"first frame, shared with a viewer opening (median): {shared * 1000:.0f} ms")
        print(f"the viewer had the page, after the first frame (median): {statistics.median(viewers) * 1000:.0f} ms")
        print(f"share startup ratio {shared / frame:.2f}")


if __name__ == "__main__":
    main()
