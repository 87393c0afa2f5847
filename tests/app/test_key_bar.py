"""The key bar at the bottom of the meeting: the keys that work now, whole, clickable."""

from __future__ import annotations

import itertools

import pytest

from iep_meeting.tui.commands import LIST_COMMANDS, MEETING_COMMANDS
from iep_meeting.tui.dialogs.record import DecisionDialog
from iep_meeting.tui.widgets.key_bar import KeyBar, ShownKey, fit
from iep_meeting.tui.widgets.prompts import Prompts
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import make_app


def _key(display: str, description: str, enabled: bool = True) -> ShownKey:
    return ShownKey(display.lower(), display, description, enabled, f"{description}, in full")


KEYS = [_key("f1", "Help"), _key("f2", "Decision"), _key("f3", "Parking lot"), _key("f4", "Action item")]
PALETTE = _key("^p", "palette")


def _line(width: int, keys=KEYS, palette=PALETTE) -> str:
    """What `fit` puts on a line, as text."""
    line = [" "] * width
    for start, end, shown in fit(keys, palette, width):
        line[start:end] = f"{shown.display} {shown.description}"
    return "".join(line)


def test_every_key_fits_on_a_wide_line_with_the_palette_at_the_right_end():
    line = _line(80)
    assert line.startswith(" f1 Help  f2 Decision  f3 Parking lot  f4 Action item ")
    assert line.endswith("^p palette ")
    assert len(line) == 80


@pytest.mark.parametrize("width", range(12, 60))
def test_a_key_that_does_not_fit_is_left_out_whole_and_the_palette_stays(width):
    placed = fit(KEYS, PALETTE, width)
    assert placed[-1].shown == PALETTE and placed[-1].end == width - 1
    for before, after in itertools.pairwise(placed):
        assert before.end < after.start  # nothing overlaps
    line = _line(width)
    for shown in KEYS:
        text = f"{shown.display} {shown.description}"
        # a key is on the line whole, or not at all: never "f3 Park"
        assert text in line or shown.display not in line.split()


def test_without_a_palette_the_keys_use_the_whole_line():
    assert _line(45, palette=None).rstrip() == " f1 Help  f2 Decision  f3 Parking lot"


# The meeting's keys as the bar gets them: table order, each with its command's priority.
MEETING_KEYS = [
    ShownKey(c.key, c.key, c.label, True, c.help, c.bar_priority) for c in MEETING_COMMANDS + LIST_COMMANDS if c.show
]
BY_PRIORITY = sorted(MEETING_KEYS, key=lambda k: k.priority)


def test_the_priority_order_is_the_documented_one():
    assert [k.key for k in BY_PRIORITY] == ["f2", "f6", "f10", "f8", "f3", "f4", "f5", "f1", "ctrl+n", "ctrl+r"]


def _room_needed(keys) -> int:
    return sum(len(f"{k.display} {k.description}") for k in keys) + 2 * (len(keys) - 1)


@pytest.mark.parametrize("width", range(12, 121))
def test_at_every_width_the_bar_shows_the_most_important_keys_that_fit_in_table_order(width):
    placed = fit(MEETING_KEYS, PALETTE, width)
    assert placed[-1].shown == PALETTE and placed[-1].end == width - 1  # the palette always stays
    shown = [p.shown for p in placed[:-1]]
    top = BY_PRIORITY[: len(shown)]
    assert sorted(shown, key=lambda k: k.priority) == top  # the top-priority ones ...
    assert shown == [k for k in MEETING_KEYS if k in top]  # ... in their usual order
    if len(shown) < len(MEETING_KEYS):  # and the next most important one would not fit
        room = placed[-1].start - 2 - 1
        assert _room_needed(BY_PRIORITY[: len(shown) + 1]) > room
    line = _line(width, MEETING_KEYS)
    for key in MEETING_KEYS:
        assert (f"{key.display} {key.description}" in line) == (key in shown)  # whole, or not at all
    for before, after in itertools.pairwise(placed):
        assert before.end + 2 <= after.start  # nothing overlaps, two cells apart


def _bar_text(app) -> str:
    return str(app.screen.query_one(KeyBar).render())


async def test_the_bar_shows_the_meeting_keys_and_names_the_others_where_they_act(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        text = _bar_text(app)
        for command in MEETING_COMMANDS:
            if command.show:
                assert f"{command.key} {command.label}" in text
        assert text.rstrip().endswith("^p palette")
        # Keys left out of the bar are named on screen where they act; the
        # rest (ctrl+f, F11, ...) are in the palette and on the F1 screen.
        assert "F7" in str(app.screen.query_one("#agenda-title").render())
        assert "F9" in str(app.screen.query_one(Prompts).title)


async def test_at_80_columns_the_bar_keeps_the_most_important_keys_whole_and_the_palette(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = _bar_text(app)
        for must in ("f2 Decision", "f6 Next", "f10 Checklist"):
            assert must in text
        assert text.rstrip().endswith("^p palette")
        labels = [f"{c.key} {c.label}" for c in MEETING_COMMANDS if c.show]
        shown = [label for label in labels if label in text]
        assert len(shown) < len(labels)  # some did not fit ...
        for label in labels:
            if label not in shown:
                assert label.split()[0] + " " not in text  # ... and left no piece behind
        # what fits besides, whole, in the table's order
        assert text.split("   ^p")[0].strip() == "f2 Decision  f3 Parking lot  f6 Next  f8 Decisions  f10 Checklist"


async def test_the_focused_lists_keys_come_after_the_meetings(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(180, 36)) as pilot:
        await pilot.pause()
        roster = app.screen.query_one(RecordList)
        roster.focus()
        await pilot.pause()
        text = _bar_text(app)
        assert text.index("f10 Checklist") < text.index("^n Add") < text.index("^r Remove")
        app.screen.query_one("#agenda").focus()
        await pilot.pause()
        assert "^n Add" not in _bar_text(app)


async def test_clicking_a_key_presses_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        x = _bar_text(app).index("Decision")
        await pilot.hover(KeyBar, offset=(x, 0))
        assert bar.tooltip and "decided" in str(bar.tooltip)  # the command's help, on hover
        assert await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, DecisionDialog)


async def test_a_key_that_cannot_be_used_now_is_greyed_and_does_nothing(tmp_path):
    app = make_app(tmp_path, read_only=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        rendered = bar.render()
        start = rendered.plain.index("f2 Decision")
        assert any("dim" in str(span.style) and span.start <= start < span.end for span in rendered.spans)
        await pilot.click(KeyBar, offset=(start + 3, 0))
        await pilot.pause()
        assert not isinstance(app.screen, DecisionDialog)
        assert app.screen.query_one(KeyBar) is bar
