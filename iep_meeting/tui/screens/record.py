"""Dialogs that record something during the meeting: a decision (F2), a
parking-lot topic (F3), an action item (F4).

Each dialog edits a draft record of its own. Its fields are `BoundField`s bound
to paths into that draft, so the `FieldEdited` messages they post are turned
into a new draft here and stopped: nothing reaches the plan until the dialog is
saved, and then the meeting screen adds the result to the plan in one change.
A required field left empty, or a value that cannot be understood (a date like
12/3), keeps the dialog open with a message saying what to do.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar, cast

import attrs
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, TextArea

from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model.paths import get_in, set_in
from iep_meeting.model.plan import (
    ActionItem,
    Decision,
    DecisionAction,
    DecisionSubject,
    OptionConsidered,
    Outcome,
    ParkingLotItem,
)
from iep_meeting.tui.commands import BY_ID, bindings
from iep_meeting.tui.context import keys
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.messages import FieldEdited, PlanChange
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec, Kind, Unclear, parse_date
from iep_meeting.tui.widgets.meeting_bar import MeetingBar
from iep_meeting.tui.widgets.name_suggester import match_name, taken
from iep_meeting.tui.widgets.option_row import OptionRow
from iep_meeting.tui.widgets.records import ListSpec, RecordList
from iep_meeting.words.labels import choices

R = TypeVar("R")


def stamp(now: dt.datetime) -> dt.datetime:
    """A decision's time as the plan keeps it: to the minute."""
    return now.replace(second=0, microsecond=0)


# --- new drafts ----------------------------------------------------------------------


def new_decision(session: MeetingSession) -> Decision:
    return Decision(time=stamp(session.now()), section=session.current.id, what="")


def new_parking_lot_item(session: MeetingSession) -> ParkingLotItem:
    return ParkingLotItem(topic="", section=session.current.id)


def new_action_item() -> ActionItem:
    return ActionItem(owner="", what="")


# --- the shared dialog ---------------------------------------------------------------------


class RecordDialog(Dialog[R | None], Generic[R]):
    """A form for one draft record. ctrl+s (or the button) saves, Escape cancels.

    Subclasses set `SPECS` and `REQUIRED` ({field name: message when empty}) and
    may override `problem()` and `before_saving()`.
    """

    DEFAULT_CSS = stylesheet("record-dialog")

    BINDINGS = bindings([BY_ID["dialog-save"]])

    NOUN = "record"
    SAVE_LABEL = "Record"
    SPECS: tuple[FieldSpec | ListSpec, ...] = ()
    REQUIRED: dict[str, str] = {}
    NAME_FIELDS: tuple[str, ...] = ()  # fields that suggest team members' names
    editing = False  # changing a record already in the plan

    def __init__(
        self,
        draft: R,
        heading: str,
        *,
        names: list[str] | tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.draft = draft
        self.original = draft
        self.heading = heading
        self.names = list(names)  # team members, suggested in name fields
        self.save_label = self.SAVE_LABEL
        self._problem_path: tuple[str, ...] | None = None  # the field the message below is about

    # layout

    def compose(self) -> ComposeResult:
        # The meeting shows dimmed behind the dialog; the clock and save state stay
        # bright on top (a shared screen always shows them).
        yield MeetingBar()
        with Vertical(id="dialog", classes="dialog-frame"):
            yield Label(self.heading, classes="dialog-title", markup=False)
            with VerticalScroll(id="fields"):
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
        for records in self.query(RecordList):
            records.show_plan(cast(Any, self.draft))  # the lists are bound into the draft, not a plan
        for field in self._fields():
            field.show(get_in(self.draft, field.path))
            if self.names and field.spec.name in self.NAME_FIELDS:
                field.suggest_names(self.names)
        self.draft_changed()
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

    # editing the draft

    @on(FieldEdited)
    def _edited(self, event: FieldEdited) -> None:
        event.stop()  # the draft is ours: the plan is not touched until saving
        if self._stale(event):
            return
        self.draft = set_in(self.draft, event.path, event.value)
        if event.path == self._problem_path:
            self._show_problem(None)  # the field the message was about changed
        self.draft_changed()

    def _stale(self, event: FieldEdited) -> bool:
        """A Select reports its first option when it starts up, which can arrive after the
        draft's own value was shown: such a report no longer matches the Select and is dropped."""
        field = next((f for f in self.query(BoundField) if f.path == event.path), None)
        if field is None or not isinstance(field.editor, Select):
            return False
        value = field.editor.value
        return (None if value is Select.NULL else value) != event.value

    @on(PlanChange)
    def _list_changed(self, event: PlanChange) -> None:
        """A list in the dialog added, removed or moved an item: of the draft, not the plan."""
        event.stop()
        self.draft = cast(R, event.change(cast(Any, self.draft)))
        for records in self.query(RecordList):
            records.show_plan(cast(Any, self.draft))  # the lists are bound into the draft, not a plan
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
                event.input.value = completed
                event.input.cursor_position = len(completed)
                # the Input reports the change later; the draft must have it now
                self.draft = set_in(self.draft, field.path, completed)
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

    def _read(self, field: BoundField) -> Any:
        """The value `field` holds on screen right now; raises Unclear if it makes no sense.

        Saving reads the fields themselves, not only the draft their messages built:
        a key pressed just before ctrl+s may still be on its way as a message."""
        editor = field.editor
        if isinstance(editor, Select):
            return None if editor.value is Select.NULL else editor.value
        if isinstance(editor, OptionRow):
            return editor.value
        if isinstance(editor, TextArea):
            text = editor.text
        elif isinstance(editor, Input):
            text = editor.value
        else:
            return get_in(self.draft, field.path)
        if field.kind is Kind.DATE:
            return parse_date(text)
        return text

    def _on_screen(self) -> tuple[R, tuple[str, str] | None]:
        """The draft as the fields show it, and (field name, message) for the first
        value that cannot be understood."""
        draft = self.draft
        for field in self._fields(with_lists=True):
            try:
                draft = set_in(draft, field.path, self._read(field))
            except Unclear as how:
                typed = getattr(field.editor, "value", "")
                return draft, (field.spec.name, f"“{typed}” is not clear: {how}, or leave it empty.")
        return draft, None

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
        draft, found = self._on_screen()
        self.draft = draft
        draft = self.finished(draft)
        found = found or self.problem(draft)
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
        draft, unclear = self._on_screen()
        return unclear is not None or draft != self.original

    def action_cancel(self) -> None:
        if not self.touched:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(
                f"Discard your changes to this {self.NOUN}?" if self.editing else f"Discard this {self.NOUN}?",
                f"The {self.NOUN} stays as it was." if self.editing else "What you typed here has not been recorded.",
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


# --- F2: a decision ------------------------------------------------------------------------


class DecisionDialog(RecordDialog[Decision]):
    """What the team decided, whether everyone agreed, who did not and why, and
    the other options considered (what Prior Written Notice needs)."""

    DEFAULT_CSS = stylesheet("decision-dialog")

    # Unless the window is tall, the fields take the height left and scroll, so the
    # buttons stay on screen however long the answers grow.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (44, "-tall")]

    NOUN = "decision"
    SPECS = (
        FieldSpec(
            name="what",
            label="What was decided",
            kind=Kind.LONG_TEXT,
            placeholder="e.g. Reading services go from 3 to 4 sessions a week",
        ),
        FieldSpec(
            name="outcome",
            label="Did everyone agree?",
            kind=Kind.CHOICE,
            choices=choices(Outcome),
            inline=True,
            optional=False,
        ),
        FieldSpec(
            name="disagreed",
            label="Who disagreed, and why",
            kind=Kind.LONG_TEXT,
            help="Name the person and give their reasons in their own words.",
        ),
        FieldSpec(
            name="action",
            label="For the Prior Written Notice: does the school propose something, or refuse it?",
            kind=Kind.CHOICE,
            choices=choices(DecisionAction),
            inline=True,
            help="The family gets written notice of every proposal or refusal (34 CFR 300.503).",
        ),
        FieldSpec(name="subject", label="About", kind=Kind.CHOICE, choices=choices(DecisionSubject)),
        FieldSpec(name="reasons", label="Why the school proposes or refuses it", kind=Kind.LONG_TEXT),
        FieldSpec(
            name="evaluations_used",
            label="The evaluations, records and reports it is based on",
            kind=Kind.LONG_TEXT,
        ),
        ListSpec(
            name="options",
            title="Other options considered, and why they were not chosen",
            noun="option",
            fields=(
                FieldSpec(name="option", label="The option", placeholder="e.g. push-in support in ELA only"),
                FieldSpec(name="why_rejected", label="Why it was not chosen", kind=Kind.LONG_TEXT),
            ),
            summarize=lambda o: o.option.strip() + (f" — {o.why_rejected.strip()}" if o.why_rejected.strip() else ""),
            make_item=lambda draft: OptionConsidered(option=""),
        ),
        FieldSpec(name="other_factors", label="Other factors that mattered", kind=Kind.LONG_TEXT),
    )
    REQUIRED = {"what": "Write what was decided before recording it."}

    def __init__(self, draft: Decision, section_title: str, *, editing: bool = False) -> None:
        when = draft.time.strftime("%H:%M")
        heading = (
            f"Edit the decision of {when} · {section_title}"
            if editing
            else f"Record a decision · {section_title} · {when}"
        )
        super().__init__(draft, heading)
        self.editing = editing
        if editing:
            self.save_label = "Save changes"

    def compose_fields(self) -> ComposeResult:
        for spec in self.SPECS:
            if spec.name == "disagreed":
                yield Label(
                    "! Not everyone agreed: write who disagreed and why, in their words.",
                    id="disagree-prompt",
                    markup=False,
                )
            yield self.field_for(spec)

    def draft_changed(self) -> None:
        not_agreed = self.draft.outcome is Outcome.NOT_AGREED
        self.query_one("#disagree-prompt").set_class(not_agreed and not self.draft.disagreed.strip(), "-shown")

    def before_saving(self, draft: Decision, save: Any) -> None:
        if draft.outcome is not Outcome.NOT_AGREED or draft.disagreed:
            save()
            return

        def answered(anyway: bool | None) -> None:
            if anyway:
                save()
            else:
                self.field("disagreed").editor.focus()

        self.app.push_screen(
            ConfirmDialog(
                "Record without saying who disagreed?",
                "The team did not agree, but nobody's disagreement is written down. "
                "The minutes should say who disagreed and why.",
                confirm="Record anyway",
                cancel="Write it down",
            ),
            answered,
        )


# --- F3: a parking-lot topic ---------------------------------------------------------------


class ParkingLotDialog(RecordDialog[ParkingLotItem]):
    NOUN = "topic"
    SAVE_LABEL = "Park it"
    SPECS = (
        FieldSpec(
            name="topic",
            label="Topic",
            placeholder="e.g. the bus schedule",
            help="Kept for later: the team comes back to it at the close.",
        ),
        FieldSpec(
            name="raised_by",
            label="Raised by (optional)",
            placeholder="e.g. Dana Kim",
            help="Team members' names are suggested as you type: Enter or → takes the suggestion.",
        ),
    )
    REQUIRED = {"topic": "Write the topic before parking it."}
    NAME_FIELDS = ("raised_by",)

    def __init__(
        self,
        draft: ParkingLotItem,
        section_title: str,
        *,
        names: list[str] | tuple[str, ...] = (),
    ) -> None:
        super().__init__(draft, f"Park a topic for later · raised during {section_title}", names=names)


# --- F4: an action item --------------------------------------------------------------------


class ActionItemDialog(RecordDialog[ActionItem]):
    NOUN = "action item"
    SAVE_LABEL = "Add"
    SPECS = (
        FieldSpec(
            name="owner",
            label="Who will do it",
            placeholder="e.g. Dana Kim",
            help="Team members' names are suggested as you type: Enter or → takes the suggestion.",
        ),
        FieldSpec(
            name="what", label="What they will do", placeholder="e.g. Send the family a copy of the IEP in Spanish"
        ),
        FieldSpec(name="due", label="By when (optional)", kind=Kind.DATE, placeholder="YYYY-MM-DD, e.g. 2026-12-15"),
    )
    REQUIRED = {"owner": "Write who will do it.", "what": "Write what they will do."}
    NAME_FIELDS = ("owner",)

    def __init__(self, draft: ActionItem, *, names: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(draft, "Add an action item (a next step with an owner and a date)", names=names)
