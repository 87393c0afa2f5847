"""In a theme whose fields are the screen's own colour (iep-high-contrast), every
field still shows where it is, even empty: an edge on its left in the theme's
field_border, the focus colour on the field being typed in."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Button

from tests.app.harness import field, make_app, open_section
from tests.app.test_snapshots import meeting_app

EDGE = Color.parse("#BFBFBF")  # themes/iep-high-contrast.toml: field_border
FOCUS = Color.parse("#FFFF00")  # its primary


def left_edge(editor: Widget) -> Color | None:
    """The colour of the left edge drawn for a field's editor, if any."""
    kind, colour = editor.styles.border_left
    return colour if kind else None


@pytest.mark.parametrize(("theme", "edged"), [("iep-high-contrast", True), ("iep-dark", False)])
async def test_an_empty_field_shows_its_edge_only_where_the_theme_asks(tmp_path: Path, theme: str, edged: bool) -> None:
    app = make_app(tmp_path, theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, meeting_app(pilot), "start-up")
        phone = field(app, "team", 0, "phone").editor  # empty in the sample
        name = field(app, "team", 0, "name").editor
        assert getattr(phone, "value", None) == ""
        if not edged:
            assert left_edge(phone) is None
            return
        assert left_edge(phone) == EDGE
        name.focus()
        await pilot.pause()
        assert app.focused is name and left_edge(name) == FOCUS and left_edge(phone) == EDGE
        app.theme = "iep-dark"  # chosen from the palette in the meeting: the edges go with it
        await pilot.pause()
        assert left_edge(phone) is None


@pytest.mark.parametrize(("theme", "edged"), [("iep-high-contrast", True), ("iep-dark", False)])
async def test_a_button_shows_its_edges_where_the_theme_asks(tmp_path: Path, theme: str, edged: bool) -> None:
    """A button as black as the screen is bold words alone: high contrast edges it on both sides."""
    app = make_app(tmp_path, theme=theme)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, meeting_app(pilot), "start-up")
        add = app.screen.query_one("#add", Button)  # "Add team member"
        kind, colour = add.styles.border_right
        assert (left_edge(add), colour if kind else None) == ((EDGE, EDGE) if edged else (None, None))
        add.focus()
        await pilot.pause()
        assert left_edge(add) == (FOCUS if edged else None)
