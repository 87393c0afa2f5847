"""At 80x24, the smallest screen the app is made for, nothing is cut: every
button shows its whole label, no word of a text is drawn in part, and a
dialog's buttons stay on screen. What is checked is what the screen draws."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from textual.errors import NoWidget
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Button, Label, Static

from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.dialogs.continue_later import ContinueLaterDialog
from iep_meeting.tui.widgets.button_row import column_widths
from tests.app.harness import make_app, open_section

SIZE = (80, 24)


def sample(*, teenager: bool = False):
    plan = load_plan(sample_plan_path())
    if teenager:  # the transition section comes with age 16 (Jordan is 13)
        plan = attrs.evolve(plan, student=attrs.evolve(plan.student, date_of_birth=dt.date(2010, 9, 2), grade="10"))
    return plan


def drawn(app, region: Region) -> list[str]:
    """The text the screen shows in `region`, line by line."""
    strips = app.screen._compositor.render_strips()
    return [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]


def shown_part(app: IEPMeetingApp, widget: Widget) -> Region:
    """The part of the widget's content the screen shows (clipped by what it scrolls in)."""
    return widget.content_region.intersection(app.screen.find_widget(widget).clip)


async def into_view(pilot, widget, frames: int = 20) -> Region:
    """Scroll until the whole widget is on screen (bounded: fails loudly)."""
    app = pilot.app
    for _ in range(frames):
        app.screen.scroll_to_widget(widget, animate=False)
        await pilot.pause()
        part = shown_part(app, widget)
        if part == widget.content_region:
            return part
    raise AssertionError(f"{widget!r} never came whole into view: {shown_part(app, widget)} of {widget.region}")


async def in_every_section(tmp_path, teenager: bool, check) -> None:
    """Run `check(pilot, app, section id)` at 80x24 in every section of the sample's agenda."""
    app = make_app(tmp_path, sample(teenager=teenager))
    async with app.run_test(size=SIZE) as pilot:
        for section in app.session.sections:
            await open_section(pilot, app, section.id)
            await check(pilot, app, section.id)


@pytest.mark.parametrize("teenager", [False, True], ids=["sample", "with transition"])
async def test_every_button_of_every_section_shows_its_whole_label(tmp_path, teenager):
    checked = []

    async def check(pilot, app, section_id) -> None:
        for button in app.screen.query_one(f"#editor-{section_id}").query(Button):
            if not all(node.display for node in (button, *button.ancestors) if isinstance(node, Widget)):
                continue  # hidden, or in a part of the form this plan does not use
            part = await into_view(pilot, button)
            text = " ".join(line.strip() for line in drawn(app, part) if line.strip())  # a long label wraps
            assert text == str(button.label), f"{section_id}: {str(button.label)!r} is drawn as {text!r}"
            checked.append(text)

    await in_every_section(tmp_path, teenager, check)
    assert len(checked) > 20  # the walk saw the lists' buttons, not an empty screen


def _words_cut(app, widget) -> list[str]:
    """Words drawn on screen that are not whole words of the widget's text."""
    text = getattr(widget.render(), "plain", None)
    if not text or not widget.display:
        return []
    try:
        part = shown_part(app, widget)
    except NoWidget:  # not laid out: inside the collapsed prompts, say
        return []
    if not part.area:
        return []
    words = set(text.split())
    return [w for w in " ".join(drawn(app, part)).split() if w not in words and not w.endswith("…")]


@pytest.mark.parametrize("teenager", [False, True], ids=["sample", "with transition"])
async def test_no_text_of_any_section_is_cut_inside_a_word(tmp_path, teenager):

    async def check(pilot, app, section_id) -> None:
        editor = app.screen.query_one(f"#editor-{section_id}")
        texts = [w for w in app.screen.query("*") if isinstance(w, (Label, Static, Button))]
        for _ in range(50):  # page through the form: every text, wherever it is (bounded)
            for widget in texts:
                cut = _words_cut(app, widget)
                assert not cut, f"{section_id}: {widget!r} draws {cut} of {str(widget.render())[:80]!r}"
            if editor.scroll_y >= editor.max_scroll_y:
                return
            editor.scroll_page_down(animate=False)
            await pilot.pause()
        raise AssertionError(f"{section_id}: never reached the end of the form")

    await in_every_section(tmp_path, teenager, check)


async def test_the_to_be_continued_dialog_keeps_its_date_and_buttons_on_screen(tmp_path):
    app = make_app(tmp_path)  # 15 open items: more than the dialog has rows for
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f11")
        await pilot.pause()
        assert isinstance(app.screen, ContinueLaterDialog)
        for widget in (app.screen.query_one("#date"), *app.screen.query(Button)):
            assert shown_part(app, widget) == widget.content_region, widget
        for button in app.screen.query(Button):
            assert str(button.label) in drawn(app, shown_part(app, button))[0]


@pytest.mark.parametrize(
    ("widths", "room", "columns"),
    [
        ([11, 11, 11, 12], 45, [11, 11, 11, 12]),  # side by side
        ([11, 11, 11, 12], 42, [11, 12]),  # two columns: Add goal / Remove, Move up / Move down
        ([30, 29], 42, [30]),  # one above the other
        ([50], 42, [50]),  # alone: it stays, and its label wraps at a word (max-width: 100%)
    ],
)
def test_a_button_row_takes_as_few_lines_as_keep_every_label_whole(widths, room, columns):
    assert column_widths(widths, room) == columns
