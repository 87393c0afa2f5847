"""What every section editor shares: show a plan, hold bound widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual.containers import VerticalScroll
from textual.widget import Widget

from iep_meeting.meeting.publish import Change
from iep_meeting.model import next_year
from iep_meeting.model.agenda import Section
from iep_meeting.model.paths import Path
from iep_meeting.model.plan import Plan
from iep_meeting.tui.messages import EditorBuilt
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.carried_note import CarriedNote
from iep_meeting.tui.widgets.fields import BoundField
from iep_meeting.tui.widgets.records import RecordForm, RecordList, displayed, top_bound


def meeting_day(plan: Plan) -> dt.date:
    """What a new date in this meeting's record starts as: the meeting's date (else today)."""
    return plan.meeting.date or dt.date.today()


class SectionEditor(VerticalScroll, can_focus=False):
    """One agenda section's editor. Subclasses compose widgets bound to plan paths.
    It scrolls, but takes no focus itself: every focus stop in it is a field, a
    list or a button the user can see.

    `show_plan(plan, change)` refreshes what `change` touched of everything bound
    (all of it without a change); subclasses that show more (summaries, counts)
    do it in `show_details`.
    """

    DEFAULT_CSS = stylesheet("section-editor")

    def __init__(self, section: Section, **kwargs: Any) -> None:
        super().__init__(id=f"editor-{section.id}", **kwargs)
        self.section = section

    _plan: Plan | None = None  # the latest plan shown
    built = False  # mounted, and with it everything compose() made

    def on_mount(self) -> None:
        self.built = True
        if self._plan is not None:
            self.show_plan(self._plan)
        self.post_message(EditorBuilt(self, self.section.id))

    _carried: CarriedNote | None = None  # what next year's plan carried here, not reviewed yet

    def show_plan(self, plan: Plan, change: Change[Plan] | None = None) -> None:
        self._plan = plan
        if self.built and (self._carried is not None or next_year.to_review(plan)):
            self._show_carried(plan)
        for widget in top_bound(self):
            widget.show_plan(plan, change)
        if self.built:  # otherwise shown again once mounted
            self.show_details(plan)

    def _show_carried(self, plan: Plan) -> None:
        """Next year's plan: note what this section carried over from last year,
        and mark those records in their lists, until the team reviews them."""
        bound = list(top_bound(self))
        if self._carried is None:
            self._carried = CarriedNote(classes="carried-note")
            self.mount(self._carried, before=0 if self.children else None)
            for widget in bound:
                if isinstance(widget, RecordList) and any(
                    widget.list_path == path for _, path, _, _ in next_year.LISTS
                ):
                    widget.marked = _marker(widget.list_path)
        paths = [w.path if isinstance(w, BoundField) else w.list_path for w in bound if not isinstance(w, RecordForm)]
        here = []
        for entry in next_year.to_review(plan):
            at = next_year.locate(plan, entry)
            if at is not None and any(at[: len(p)] == p or p[: len(at)] == at for p in paths):
                here.append(entry)
        self._carried.show(plan, tuple(here))

    def show_details(self, plan: Plan) -> None:
        """What a section shows beyond its bound fields (summaries, counts, notes);
        runs once the section is mounted, so its widgets can be queried."""

    def start_field(self) -> Widget | None:
        """The editor of the field where the team's discussion of this section starts
        (the agenda's `starts_at`; through a list, in the record it shows), if shown."""
        names = tuple(self.section.starts_at.split(".")) if self.section.starts_at else ()
        for field in self.query(BoundField) if names else ():
            if tuple(step for step in field.path if isinstance(step, str)) == names and displayed(field):
                return field.editor
        return None

    def reveal(self, plan: Plan, path: Path) -> bool:
        """Show and focus the field at plan path `path` (selecting the records on
        the way, e.g. goal 3 for ("goals", 2, "baseline")). Returns whether this
        editor edits that place at all."""
        target = _find(self, plan, path)
        if target is None:
            return False
        focus = (
            target.editor
            if isinstance(target, BoundField)
            else next((w for w in target.query("OptionList, Button") if w.focusable), None)
        )
        if focus is not None:
            self.screen.set_focus(focus, scroll_visible=False)  # now: the keys typed on the way follow
        self.call_after_refresh(target.scroll_visible, top=True, animate=False)
        return True


def _marker(list_path: Path) -> Callable[[Plan, int], bool]:
    return lambda plan, index: next_year.is_marked(plan, (*list_path, index))


def _find(root: Widget, plan: Plan, path: Path) -> Widget | None:
    """The bound widget that edits `path`, as deep as the widgets go."""
    for widget in top_bound(root):
        if isinstance(widget, BoundField):
            if path[: len(widget.path)] == widget.path:
                return widget
        elif isinstance(widget, RecordList):
            size = len(widget.list_path)
            if path[:size] != widget.list_path:
                continue
            index = path[size] if len(path) > size else None
            if isinstance(index, int):
                widget.select(index, plan)
                return _find(widget.query_one(RecordForm), plan, path) or widget
            return widget
        elif isinstance(widget, RecordForm):
            found = _find(widget, plan, path)
            if found is not None:
                return found
    return None
