"""What the dialogs that record something during the meeting share: a form for
one draft record (meeting/draft.py) that reaches the plan only when saved.

Its fields and lists are the same `BoundField`s and `RecordList`s as the
sections', bound to paths in the draft: the dialog is what they edit
(`editing`, tui/context.py), and it shows each change of the draft to every
field but the one that made it, as a section shows the plan's. Saved, the
finished record is handed to whoever opened the dialog (`dismiss`). A required
field left empty, or text that is not a value (a date like 12/3), keeps the
dialog open with a message saying what to do.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar, cast

import attrs
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label

from iep_meeting.meeting.draft import Draft
from iep_meeting.meeting.publish import Change
from iep_meeting.tui.commands import BY_ID, bindings
from iep_meeting.tui.context import keys
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec
from iep_meeting.tui.widgets.meeting_bar import MeetingBar
from iep_meeting.tui.widgets.name_suggester import match_name, taken
from iep_meeting.tui.widgets.records import ListSpec, RecordList, top_bound

R = TypeVar("R")


class RecordDialog(Dialog[R | None], Generic[R]):
    """A form for one draft record. ctrl+s (or the button) saves, Escape cancels.

    Subclasses set `SPECS` and `REQUIRED` ({field name: message when empty}) and
    may override `problem()`, `before_saving()` and `draft_changed()`.
    """

    DEFAULT_CSS = stylesheet("record-dialog")

    BINDINGS = bindings([BY_ID["dialog-save"]])

    NOUN = "record"
    SAVE_LABEL = "Record"
    SPECS: tuple[FieldSpec | ListSpec, ...] = ()
    REQUIRED: dict[str, str] = {}
    NAME_FIELDS: tuple[str, ...] = ()  # fields that suggest team members' names
    editing_record = False  # changing a record already in the plan

    def __init__(self, draft: R, heading: str, *, names: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__()
        self._draft: Draft[R] = Draft(draft)
        self.heading = heading
        self.names = list(names)  # team members, suggested in name fields
        self.save_label = self.SAVE_LABEL
        self._problem_path: tuple[str, ...] | None = None  # the field the message below is about

    @property
    def editing(self) -> Draft[R]:
        """What the dialog's fields and lists edit: its draft (tui/context.py)."""
        return self._draft

    @property
    def draft(self) -> R:
        return self._draft.value

    # layout

    def compose(self) -> ComposeResult:
        # The meeting shows dimmed behind the dialog; the clock and save state stay
        # bright on top (a shared screen always shows them).
        yield MeetingBar()
        with Vertical(id="dialog", classes="dialog-frame"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            with VerticalScroll(id="fields", can_focus=False):
                yield from self.compose_fields()
            yield Label("", id="problem", markup=False)
            with Horizontal(classes="dialog-buttons"):
                names = keys(self)
                yield Label(
                    f"{names('dialog-save')} saves · {names('dialog-cancel')} cancels",
                    classes="dialog-keys",
                    markup=False,
                )
                yield Button("Cancel", id="cancel", compact=True)
                yield Button(self.save_label, id="record", variant="primary", compact=True)

    def compose_fields(self) -> ComposeResult:
        for spec in self.SPECS:
            yield self.field_for(spec)

    def field_for(self, spec: FieldSpec | ListSpec) -> Widget:
        """A field, or a list of records (options considered), bound to a place in the draft."""
        if isinstance(spec, ListSpec):
            return RecordList(spec.title, (spec.name,), spec.fields, spec.summarize, spec.make_item, spec.noun)
        return BoundField(spec, (spec.name,))

    def on_mount(self) -> None:
        for field in self._fields():
            if self.names and field.spec.name in self.NAME_FIELDS:
                field.suggest_names(self.names)
        self._draft.subscribe(self._changed)
        self._show(None)
        self.query(".editor").first().focus()

    def _fields(self, *, with_lists: bool = False) -> list[BoundField]:
        """The dialog's own fields; `with_lists`: also those of the item shown in each of its lists."""
        fields = []
        for field in self.query(BoundField):
            records = next((a for a in field.ancestors if isinstance(a, RecordList)), None)
            if records is None or (with_lists and records.has_items):
                fields.append(field)
        return fields

    def field(self, name: str) -> BoundField:
        return next(f for f in self.query(BoundField) if f.spec.name == name)

    # the draft changed

    def _changed(self, change: Change[R]) -> None:
        if self._problem_path is not None and change.touches(self._problem_path):
            self._show_problem(None)  # the field the message was about changed
        self._show(change)

    def _show(self, change: Change[R] | None) -> None:
        """Every field and list shows the draft (after `change`: what it touched, but in the field that made it)."""
        for widget in top_bound(self.query_one("#fields")):
            widget.show_plan(cast(Any, self.draft), change)
        self.draft_changed()

    def draft_changed(self) -> None:
        """Hook: the draft changed (show or hide prompts)."""

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter in a one-line field: take the suggested name (and stay, to check it);
        else go to the next field, or in the last field save."""
        event.stop()
        field = next((a for a in event.input.ancestors if isinstance(a, BoundField)), None)
        if field is not None and field.spec.name in self.NAME_FIELDS:
            completed = self._complete_name(event.value)
            if completed != event.value:
                event.input.value = completed  # the field edits the draft as for a key
                event.input.cursor_position = len(completed)
                return
        editors = list(self.query(".editor"))
        if editors and event.input is editors[-1]:
            self.action_record()
        else:
            self.focus_next()

    def _complete_name(self, typed: str) -> str:
        """The name the suggestion shows for `typed` (`typed` itself when none)."""
        return match_name(self.names, taken(typed)) or typed

    # checking and saving

    def _unclear(self) -> tuple[str, str] | None:
        """(field name, message) for the first field whose text is not a value."""
        for field in self._fields(with_lists=True):
            if field.problem is not None:
                return field.spec.name, f"“{field.typed}” is not clear: {field.problem}, or leave it empty."
        return None

    def problem(self, draft: R) -> tuple[str, str] | None:
        """(field name, message) for the first thing that keeps the draft from being saved."""
        for name, message in self.REQUIRED.items():
            if not str(getattr(draft, name)).strip():
                return name, message
        return None

    def finished(self, draft: R) -> R:
        """The draft as it is saved: text without stray spaces or blank lines around it."""
        changes = {}
        for spec in self.SPECS:
            if isinstance(spec, ListSpec):
                continue
            value = getattr(draft, spec.name)
            if isinstance(value, str) and value != value.strip():
                changes[spec.name] = value.strip()
        return attrs.evolve(cast(Any, draft), **changes) if changes else draft

    def before_saving(self, draft: R, save: Any) -> None:
        """Hook: ask something first if needed, then call save()."""
        save()

    def action_record(self) -> None:
        for field in self._fields(with_lists=True):
            field.commit()  # what is on screen is what is saved, even right after a key
        draft = self.finished(self.draft)
        found = self._unclear() or self.problem(draft)
        if found is not None:
            name, message = found
            self._show_problem(message, (name,))
            self.field(name).editor.focus()
            return
        self.before_saving(draft, lambda: self.dismiss(draft))

    def _show_problem(self, message: str | None, path: tuple[str, ...] | None = None) -> None:
        self._problem_path = path
        label = self.query_one("#problem", Label)
        if message is not None:
            label.update(f"! {message}")
        label.set_class(message is not None, "-shown")

    @property
    def touched(self) -> bool:
        """Something was typed (or chosen) that would be lost."""
        return self._unclear() is not None or self._draft.changed

    def action_cancel(self) -> None:
        if not self.touched:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        editing = self.editing_record
        self.app.push_screen(
            ConfirmDialog(
                f"Discard your changes to this {self.NOUN}?" if editing else f"Discard this {self.NOUN}?",
                f"The {self.NOUN} stays as it was." if editing else "What you typed here has not been recorded.",
                confirm="Discard",
                cancel="Keep editing",
            ),
            answered,
        )

    @on(Button.Pressed, "#record")
    def _record_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_record()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()
