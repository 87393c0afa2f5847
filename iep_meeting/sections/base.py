"""What every section editor shares: show a plan, hold bound widgets."""

from __future__ import annotations

from collections.abc import Iterator

from textual.containers import VerticalScroll
from textual.widget import Widget

from ..model.agenda import Section
from ..model.plan import Plan
from ..widgets.fields import BoundField
from ..widgets.records import RecordForm, RecordList

BOUND = (BoundField, RecordForm, RecordList)


def top_bound(root: Widget) -> Iterator[Widget]:
    """Bound widgets under `root` that are not inside another bound widget."""
    for child in root.children:
        if isinstance(child, BOUND):
            yield child
        else:
            yield from top_bound(child)


class SectionEditor(VerticalScroll):
    """One agenda section's editor. Subclasses compose widgets bound to plan paths.

    `show_plan(plan)` refreshes everything bound from the plan; subclasses that show
    more (summaries, counts) extend it.
    """

    DEFAULT_CSS = """
    SectionEditor { height: 1fr; padding: 0 1; }
    SectionEditor .section-note { color: $text-muted; margin-bottom: 1; width: 100%; }
    SectionEditor .group-title { text-style: bold; margin: 1 0 0 0; }
    """

    def __init__(self, section: Section, **kwargs) -> None:
        super().__init__(id=f"editor-{section.id}", **kwargs)
        self.section = section

    def show_plan(self, plan: Plan) -> None:
        for widget in top_bound(self):
            widget.show_plan(plan)
