"""How every screen, dialog and widget reaches the running meeting: through the
app, which owns the session (the one current plan, clock and save state), the
user's keys, and two signals.

- `plan_changed` is published after every change of the plan: whatever shows
  the plan refreshes from `session.plan`.
- `status_changed` is published by the one clock tick, and whenever the save
  state or the read-only state changes: the top bars repaint.

Widgets change the plan by posting `PlanChange` or `FieldEdited`
(tui/messages.py), which bubble up to the app; nothing holds another screen.

Two more things belong to the meeting rather than to one widget: the keys
held while the focus moves (`type_ahead`, tui/type_ahead.py) and the values
typed that the plan cannot take yet (`unsaved_values`, tui/unsaved.py).
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.signal import Signal

from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import KeyNames
from iep_meeting.tui.type_ahead import TypeAhead
from iep_meeting.tui.unsaved import UnsavedValues


class MeetingApp(Protocol):
    session: MeetingSession
    keys: KeyNames
    plan_changed: Signal[Plan]
    status_changed: Signal[None]
    type_ahead: TypeAhead
    unsaved: UnsavedValues
    meeting_screen: Screen[None]


def meeting(node: DOMNode) -> MeetingApp:
    """The app `node` runs in, as the owner of the meeting."""
    return cast(MeetingApp, node.app)


def session(node: DOMNode) -> MeetingSession:
    return meeting(node).session


def keys(node: DOMNode) -> KeyNames:
    return meeting(node).keys


def type_ahead(node: DOMNode) -> TypeAhead:
    return meeting(node).type_ahead


def unsaved_values(node: DOMNode) -> UnsavedValues | None:
    """The unsaved values of the meeting, for a field on the meeting screen;
    None for a field in a dialog, which edits a draft of its own."""
    owner = meeting(node)
    return owner.unsaved if node.screen is owner.meeting_screen else None
