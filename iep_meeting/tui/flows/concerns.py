"""The family's concerns in the meeting (widgets/family_concerns.py asks, with
a message): Enter on a concern opens what can answer it and records the
records ticked; "Add a concern the family raises" takes one in their words."""

from __future__ import annotations

from typing import Any

from textual.app import App

from iep_meeting.model.concerns import add_concern, with_answers
from iep_meeting.tui.context import session
from iep_meeting.tui.flows.recording import refused_when_read_only


def link_answers(app: App[Any], index: int) -> None:
    """Choose what answers the concern at `index`; the plan holds exactly the records ticked."""
    from iep_meeting.tui.dialogs.concern_answers import AnswersDialog, Place

    plan = session(app).plan
    if refused_when_read_only(app, "nothing can be linked") or index >= len(plan.present_levels.concerns):
        return

    def answered(chosen: tuple[Place, ...] | None) -> None:
        if chosen is not None:
            session(app).apply(
                lambda plan: with_answers(plan, index, chosen), "linked the family's concern to what answers it"
            )

    app.push_screen(AnswersDialog(plan, index), answered)


def raise_concern(app: App[Any]) -> None:
    """Add a concern the family raises now, in the words typed, with who raised it."""
    from iep_meeting.tui.dialogs.new_concern import NewConcernDialog

    if refused_when_read_only(app, "nothing can be recorded"):
        return

    def added(result: tuple[str, str] | None) -> None:
        if result is not None:
            text, by = result
            session(app).apply(lambda plan: add_concern(plan, text, by), "added a concern the family raised")

    app.push_screen(NewConcernDialog(), added)
