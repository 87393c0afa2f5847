"""The field being typed in is always on screen and marked by more than colour:
every field of every section, focused in turn at 80×24 and at 120×36."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from iep_meeting.tui.widgets.fields import BoundField

from .harness import make_app, open_section


def shown_fields(editor: Widget) -> list[BoundField]:
    """The fields the section shows now (a list shows its selected record's)."""
    return [f for f in editor.query(BoundField) if f.display and all(a.display for a in f.ancestors_with_self)]


async def in_view(pilot, container: Widget, widget: Widget, frames: int = 30) -> bool:
    """Whether `widget` comes to lie inside `container`'s visible area (bounded wait)."""
    for _ in range(frames):
        await pilot.pause()
        if widget.region.area and container.region.contains_region(widget.region):
            return True
    return False


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_every_focused_field_is_on_screen_and_marked_without_colour(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        seen = 0
        for section in app.session.sections:
            await open_section(pilot, app, section.id)
            editor = app.screen.query_one(f"#editor-{section.id}")
            fields = shown_fields(editor)
            assert fields, f"{section.id} shows no fields"
            for field in fields:
                app.screen.set_focus(field.editor)
                assert await in_view(pilot, editor, field.editor), (
                    f"{section.id}: {field.path} is focused but not on screen at {size}"
                )
                style = field.query_one(".field-label").styles.text_style
                assert style.bold and style.underline, f"{field.path}: the focused field's label is not marked"
                seen += 1
        assert seen > 60  # the sample plan's sections together show this many fields
