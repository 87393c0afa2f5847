"""F2, F3, F4: record a decision, park a topic, add an action item (each in its
dialog, tui/dialogs/record/); and ctrl+o, keep what last year's plan carried
over as it is."""

from __future__ import annotations

from typing import Any

import attrs
from textual.app import App
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from iep_meeting.model.paths import Path, append_in
from iep_meeting.model.plan import team_names
from iep_meeting.model.records import new_action_item, new_decision, new_parking_lot_item
from iep_meeting.tui.context import session
from iep_meeting.words.phrases import plural


def refused_when_read_only(app: App[Any], what: str) -> bool:
    """Say why nothing can be done in a read-only plan; whether it is one."""
    current = session(app)
    if current.readonly:
        app.notify(f"This plan is read-only: {what}.", severity="warning", markup=False)
    return current.readonly


def _record(app: App[Any], dialog: Screen[Any], list_name: str, done: str) -> None:
    """Open `dialog`; its result is added to the plan's list `list_name`, then `done` is said."""
    if refused_when_read_only(app, "nothing can be recorded"):
        return

    def recorded(item: object) -> None:
        if item is not None:
            session(app).apply(lambda plan: append_in(plan, (list_name,), item), f"recorded in {list_name}")
            app.notify(done, timeout=3, markup=False)

    app.push_screen(dialog, recorded)


def record_decision(app: App[Any]) -> None:
    from iep_meeting.tui.dialogs.record.decision import DecisionDialog

    current = session(app)
    title = current.current.title
    draft = new_decision(current.now(), current.current.id)
    _record(app, DecisionDialog(draft, title), "decisions", f"Decision recorded in {title}")


def park_topic(app: App[Any]) -> None:
    from iep_meeting.tui.dialogs.record.parking_lot import ParkingLotDialog

    current = session(app)
    draft = new_parking_lot_item(current.current.id)
    dialog = ParkingLotDialog(draft, current.current.title, names=team_names(current.plan))
    _record(app, dialog, "parking_lot", "Topic parked; it comes back at the close")


def add_action_item(app: App[Any], *, what: str = "") -> None:
    """`what`: the step, written in already (a follow-up offered when a section's time is up)."""
    from iep_meeting.tui.dialogs.record.action_item import ActionItemDialog

    draft = attrs.evolve(new_action_item(), what=what)
    dialog = ActionItemDialog(draft, names=team_names(session(app).plan))
    _record(app, dialog, "action_items", "Action item added")


def confirm_carried(app: App[Any]) -> None:
    """Keep the part or record carried over from last year where the cursor is, as it is."""
    from iep_meeting.model import next_year  # loaded with the checklist, after the first frame

    if refused_when_read_only(app, "nothing can be confirmed"):
        return
    plan = session(app).plan
    path = focused_path(app.screen.focused)
    entry = next_year.entry_at(plan, path) if path is not None else None
    if entry is None or entry not in next_year.to_review(plan):
        left = len(next_year.to_review(plan))
        more = (
            f" {plural(left, 'part')} of last year's plan still to review: each section shows its own." if left else ""
        )
        app.notify(f"Nothing carried over from last year to confirm where the cursor is.{more}", markup=False)
        return
    session(app).apply(lambda plan: next_year.confirm(plan, entry), "kept what last year's plan said")
    app.notify(f"Kept as last year's plan says: {next_year.entry_words(plan, entry)}.", timeout=3, markup=False)


def focused_path(widget: Widget | None) -> Path | None:
    """The plan path the focus is at: the field's, or the selected record's in a list."""
    from iep_meeting.tui.widgets.fields import BoundField  # the forms: loaded after the first frame
    from iep_meeting.tui.widgets.records import RecordList

    node: DOMNode | None = widget
    while node is not None:
        if isinstance(node, BoundField):
            return node.path
        if isinstance(node, RecordList):
            return (*node.list_path, node.selected) if node.has_items else node.list_path
        node = node.parent
    return None
