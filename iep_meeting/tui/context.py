"""How every screen, dialog and widget reaches the running meeting: through the
app, which holds the session (meeting/session.py), the user's keys, and the
news of the meeting.

The session publishes each change of the plan and of its state; the app is
one of its subscribers and hands that news on to its screens through two
Textual signals, so a widget's subscription ends with the widget:

- `plan_changed` carries the session's `Change` (the new plan, the paths that
  changed, who changed them): whatever shows the plan refreshes from it.
- `status_changed` carries a `StatusKind`: the clock ticked, the save state,
  the section or the read-only state changed, a value typed could not be held.

A widget changes what it edits through `editing(widget)`: the session on the
meeting screen, a dialog's own draft in a dialog (meeting/draft.py). Both take
`edit(path, value, by=...)` and `apply(change, what, by=...)` and tell their
subscribers the same way, and `by` keeps a field from being shown its own
edit again. Nothing holds another screen.
"""

from __future__ import annotations

import pathlib
from collections.abc import Callable
from typing import Any, Protocol, cast, runtime_checkable

import attrs
from textual.dom import DOMNode
from textual.screen import Screen
from textual.signal import Signal

from iep_meeting.meeting.publish import Change, StatusKind
from iep_meeting.meeting.session import MeetingSession
from iep_meeting.meeting.unsaved import UnsavedValues
from iep_meeting.model.paths import Path
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import KeyNames
from iep_meeting.tui.type_ahead import TypeAhead


@attrs.frozen
class Question:
    """Something to ask before it is done ("Remove this goal?"): a yes or a no."""

    title: str
    detail: str = ""
    confirm: str = "Yes"
    cancel: str = "Cancel"


class MeetingApp(Protocol):
    session: MeetingSession
    keys: KeyNames
    plan_changed: Signal[Change[Plan]]
    status_changed: Signal[StatusKind]
    type_ahead: TypeAhead
    meeting_screen: Screen[None]

    def ask(self, question: Question, answered: Callable[[bool], None]) -> None:
        """Ask `question` in a dialog; `answered(yes)` once it is answered."""
        ...

    def open_file(self, path: pathlib.Path) -> bool:
        """Open a file the app made in a browser or viewer; whether one was found."""
        ...


class Editing(Protocol):
    """What a field or a list edits: the session's plan, or a dialog's draft."""

    def edit(self, path: Path, value: Any, *, by: object | None = None) -> object: ...

    def apply(self, change: Callable[[Any], Any], what: str = "", *, by: object | None = None) -> object: ...


@runtime_checkable
class EditsADraft(Protocol):
    """A screen whose fields edit a draft of its own (a dialog), not the plan."""

    @property
    def editing(self) -> Editing: ...


def meeting(node: DOMNode) -> MeetingApp:
    """The app `node` runs in, as the owner of the meeting."""
    return cast(MeetingApp, node.app)


def session(node: DOMNode) -> MeetingSession:
    return meeting(node).session


def keys(node: DOMNode) -> KeyNames:
    return meeting(node).keys


def type_ahead(node: DOMNode) -> TypeAhead:
    return meeting(node).type_ahead


def editing(node: DOMNode) -> Editing:
    """What the fields and lists of `node`'s screen edit."""
    screen = node.screen
    return screen.editing if isinstance(screen, EditsADraft) else meeting(node).session


def unsaved_values(node: DOMNode) -> UnsavedValues | None:
    """The meeting's values typed that the plan cannot hold, for a field of the
    plan; None for a field of a dialog's draft, which refuses to save instead."""
    return None if isinstance(node.screen, EditsADraft) else session(node).unsaved
