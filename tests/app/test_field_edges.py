"""In a theme whose fields are the screen's own colour (iep-high-contrast), every
field still shows where it is, even empty: an edge on its left in the theme's
field_border, the focus colour on the field being typed in."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color
from textual.widget import Widget

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
