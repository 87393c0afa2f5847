"""The field being typed in is always on screen and marked by more than colour:
every field of every section, focused in turn at 80×24 and at 120×36, and the
first field of a record just added with ctrl+n."""

from __future__ import annotations

import pytest
from textual.widget import Widget

from iep_meeting.model.paths import get_in
from iep_meeting.tui.widgets.fields import BoundField
from iep_meeting.tui.widgets.records import RecordList

from .harness import make_app, open_section, settled


def shown_fields(editor: Widget) -> list[BoundField]:
    """The fields the section shows now (a list shows its selected record's)."""
    return [f for f in editor.query(BoundField) if f.display and all(a.display for a in f.ancestors_with_self)]


async def in_view(pilot, container: Widget, widget: Widget, limit: float = 5.0) -> bool:
    """Whether `widget` comes to lie inside `container`'s visible area (bounded wait).
    Focus scrolls to it with an animation that runs on the clock, so the bound is
    in seconds, not frames: on a loaded machine frames come faster than its steps."""
    waited = 0.0
    while waited < limit:
        await pilot.pause(0.02)
        if widget.region.area and container.region.contains_region(widget.region):
            return True
        waited += 0.02
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


@pytest.mark.parametrize(
    ("section_id", "list_path"),
    [("present-levels", ("present_levels", "previous_goals")), ("goals", ("goals", 0, "objectives"))],
    ids=["previous goal", "objective"],
)
async def test_a_record_added_at_80x24_is_typed_into_on_screen(tmp_path, section_id, list_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_section(pilot, app, section_id)
        records = next(r for r in app.screen.query(RecordList) if r.list_path == list_path)
        app.screen.set_focus(records.query_one("#add"))
        await pilot.press("ctrl+n", *"Typed")
        await settled(pilot, app)
        focused = app.focused
        assert focused is not None
        field = next(a for a in focused.ancestors if isinstance(a, BoundField))
        count = len(get_in(app.session.plan, list_path))
        assert field.path[: len(list_path) + 1] == (*list_path, count - 1), "the focus is not in the new record"
        assert await in_view(pilot, app.screen.query_one(f"#editor-{section_id}"), focused)
        assert get_in(app.session.plan, field.path) == "Typed"
