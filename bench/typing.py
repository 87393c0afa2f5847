"""Time per keystroke typing into a goal field of a 200-goal plan while autosave
runs, against the same typing into a bare Input app.

Both are driven by Textual's Pilot (headless), which sends each key and waits
until the app has handled it. In the meeting app every keystroke becomes a new
plan, refreshes the screen, and autosave writes the 200-goal plan to disk in
the background at least every 0.75 s. The two are interleaved over several
rounds and compared by their medians.

Run: python bench/typing.py [--rounds N] [--chars N]     Target: typing ratio <= 1.3
"""

from __future__ import annotations

# isort: off
import _harness  # noqa: F401  first: the import path (see bench/_harness.py)

# isort: on
import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual.app import App
from textual.widgets import Input

from iep_meeting.tui.widgets.fields import BoundField
from tests.app.harness import make_app, open_section
from tests.factories import big_plan

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


async def type_into_goal(folder: Path, count: int) -> tuple[float, int]:
    app = make_app(folder, big_plan(200))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "goals")  # built, and its first field focused
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
        return per_key, saves


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chars", type=int, default=200)
    args = parser.parse_args()

    app_times, bare_times, saves = [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for round_number in range(args.rounds):
            round_folder = Path(folder) / str(round_number)
            round_folder.mkdir()
            per_key, saved = await type_into_goal(round_folder, args.chars)
            app_times.append(per_key)
            saves.append(saved)
            bare_times.append(await type_into_bare(args.chars))

    app, bare = statistics.median(app_times), statistics.median(bare_times)
    print(f"{args.chars} characters into a goal of a 200-goal plan, {args.rounds} rounds")
    print(f"autosaves completed while typing (per round): {saves}")
    print(f"meeting app per keystroke (median): {app * 1000:.2f} ms")
    print(f"bare Input per keystroke (median):  {bare * 1000:.2f} ms")
    print(f"typing ratio {app / bare:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
