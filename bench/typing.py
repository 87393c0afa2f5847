"""Time per keystroke typing into a goal field of a 200-goal plan while autosave
runs, against the same typing into a bare Input app.

Both are driven by Textual's Pilot (headless), which sends each key and waits
until the app has handled it. In the meeting app every keystroke becomes a new
plan, refreshes the screen, and autosave writes the 200-goal plan to disk in
the background at least every 0.75 s. The two are interleaved over several
rounds and compared by their medians.

With --share the meeting is also shared in a browser, with one viewer reading
its event stream on a thread of its own (as a browser in another process
would), and the same typing is timed with sharing on and off, interleaved.

Run: python bench/typing.py [--rounds N] [--chars N] [--share]
Targets: typing ratio <= 1.15; with --share, share typing ratio (on / off) <= 1.1
"""

from __future__ import annotations

# isort: off
import _harness  # noqa: F401  first: the import path (see bench/_harness.py)

# isort: on
import argparse
import asyncio
import statistics
import tempfile
import threading
import time
from pathlib import Path

from textual.app import App
from textual.widgets import Input

from iep_meeting.tui.widgets.fields import BoundField
from tests.app.harness import make_app, open_section
from tests.factories import big_plan
from tests.share_client import EventStream, sign_in

TEXT = "Jordan will read a grade-level passage aloud at 140 words correct per minute. "


class BareInput(App):
    def compose(self):
        yield Input()


def keys(count: int) -> list[str]:
    text = (TEXT * (count // len(TEXT) + 1))[:count]
    return ["space" if c == " " else c for c in text]


async def type_into_bare(count: int) -> float:
    app = BareInput()
    async with app.run_test(size=(120, 36)) as pilot:
        app.query_one(Input).focus()
        await pilot.pause()
        start = time.perf_counter()
        await pilot.press(*keys(count))
        return (time.perf_counter() - start) / count


class Viewer:
    """One browser watching the shared meeting, on a thread of its own; it counts the updates it receives."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.updates = 0
        self.ready = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._watch()), daemon=True)
        self.thread.start()

    async def _watch(self) -> None:
        stream = await EventStream.open(self.url, await sign_in(self.url))
        await stream.next()  # the state when it connected
        self.ready.set()
        try:
            while (await stream.next(timeout=60)).kind == "state":
                self.updates += 1
        except EOFError:
            pass  # sharing stopped with the app


async def type_into_goal(folder: Path, count: int, share: bool = False) -> tuple[float, int]:
    app = make_app(folder, big_plan(200))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "goals")  # built, and its first field focused
        viewer = None
        if share:
            await app.run_action("share('here')")
            while app.sharing is None:
                await pilot.pause()
            viewer = Viewer(app.sharing.status.url)
            while not viewer.ready.is_set():
                await pilot.pause()
        field = next(f for f in app.screen.query(BoundField) if f.path[-1] == "target")
        field.editor.focus()
        await pilot.pause()
        saves_before = app.session.autosave.saves
        start = time.perf_counter()
        await pilot.press(*keys(count))
        per_key = (time.perf_counter() - start) / count
        saves = app.session.autosave.saves - saves_before
        expected = (TEXT * (count // len(TEXT) + 1))[:count]
        typed = app.session.plan.goals[field.path[1]].target
        assert expected in typed, f"the typing did not reach the plan: {typed[:80]!r}"
    if viewer is not None:
        viewer.thread.join(timeout=5)
        assert viewer.updates > 0, "the viewer saw none of the typing"
    return per_key, saves


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chars", type=int, default=200)
    parser.add_argument("--share", action="store_true", help="also time it with the meeting shared, one viewer")
    args = parser.parse_args()

    app_times, bare_times, saves, shared_times = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(args.rounds):
            round_folder = Path(folder) / str(round_number)
            round_folder.mkdir()
            per_key, saved = await type_into_goal(round_folder, args.chars)
            app_times.append(per_key)
            saves.append(saved)
            bare_times.append(await type_into_bare(args.chars))
            if args.share:
                shared_folder = Path(folder) / f"{round_number}-shared"
                shared_folder.mkdir()
                shared_times.append((await type_into_goal(shared_folder, args.chars, share=True))[0])

    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"{args.chars} characters into a goal of a 200-goal plan, {args.rounds} rounds")
    print(f"autosaves completed while typing (per round): {saves}")
    print(f"meeting app per keystroke (median): {app * 1000:.2f} ms")
    print(f"bare Input per keystroke (median):  {bare * 1000:.2f} ms")
    print(f"typing ratio {app / bare:.2f}")
    if args.share:
        shared = statistics.median(shared_times)
        print(f"meeting app shared, one viewer, per keystroke (median): {shared * 1000:.2f} ms")
        print(f"share typing ratio {shared / app:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
