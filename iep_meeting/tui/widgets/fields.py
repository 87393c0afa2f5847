"""Form fields bound to a place in the plan (or in a dialog's draft).

Each field knows its path. When the user changes it, it edits that value
through `editing(self)` (tui/context.py) and says it made the change (`by`);
the change then reaches every field that shows that place but this one, so
an edit goes one way: from the keys to the plan, never back into the field
being typed in. A field never keeps plan data of its own: `show_plan` shows
what the plan holds, and leaves the field alone while it already shows it.

Text the user typed that cannot be understood (a date like 12/3) is kept in
the field with a plain message under it; nothing is edited until it makes
sense, so nothing in the plan is lost or garbled. The meeting keeps such text
(meeting/unsaved.py): the top bar says it is not saved, quitting asks, and a
form that shows another record in between shows the text again on the way back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Any

import attrs
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, SelectionList, TextArea

from iep_meeting.meeting.publish import Change
from iep_meeting.meeting.unsaved import UnsavedValue
from iep_meeting.model.paths import Path, get_in
from iep_meeting.model.plan import Plan
from iep_meeting.tui.context import editing, session, unsaved_values
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.name_suggester import NameSuggester, taken
from iep_meeting.tui.widgets.option_row import OptionRow
from iep_meeting.words.labels import NOT_CHOSEN, NOT_DECIDED, YES_NO, answers


class Kind(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long-text"
    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    CHOICE = "choice"
    YES_NO = "yes-no"
    FLAG = "flag"
    LINES = "lines"  # a list of short texts, one per line
    GOAL_IDS = "goal-ids"


@attrs.frozen(kw_only=True)
class FieldSpec:
    name: str  # attribute of the record the form shows
    label: str
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[str, Any], ...] = ()  # (label, value) for CHOICE
    optional: bool = True  # CHOICE, DATE: may be left blank
    placeholder: str = ""
    help: str = ""  # one line under the label, plain words
    # NUMBER: the smallest / largest value accepted (None: no limit). A value
    # outside is refused with a message and the plan keeps its earlier value.
    minimum: int | None = None
    maximum: int | None = None
    # CHOICE: the options side by side, one key each (widgets/option_row.py),
    # for the few-option choices a meeting makes over and over. YES_NO always is.
    inline: bool = False
    # In a list's form: the field shows only for records this says yes to (the
    # excusal fields for an excused member, contact attempts for a parent).
    shown_when: Callable[[Any], bool] | None = None


def literal(text: str) -> Text:
    """User text shown as text: `[bold]` stays brackets, never markup."""
    return Text(text)


# --- parsing what was typed ----------------------------------------------------------


class Unclear(ValueError):
    """What was typed does not make sense yet; the message says what would."""


def parse_number(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise Unclear("type a whole number of minutes, like 30")
    return int(text)


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise Unclear("type a date as year-month-day, like 2027-03-15") from None


def parse_time(text: str) -> dt.time | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = dt.time.fromisoformat(text)
    except ValueError:
        raise Unclear("type a time on the 24-hour clock, like 16:30") from None
    return value.replace(second=0, microsecond=0)


def range_words(minimum: int | None, maximum: int | None) -> str:
    if minimum is not None and maximum is not None:
        return f"from {minimum} to {maximum}"
    if minimum is not None:
        return f"of at least {minimum}"
    return f"of at most {maximum}"


def parse_number_in(text: str, minimum: int | None, maximum: int | None) -> int | None:
    """A whole number within [minimum, maximum] (either may be None: no limit)."""
    if minimum is None and maximum is None:
        return parse_number(text)
    words = range_words(minimum, maximum)
    try:
        value = parse_number(text)
    except Unclear:
        raise Unclear(f"type a whole number {words}") from None
    if value is not None and maximum is not None and value > maximum:
        raise Unclear(f"{value} is more than {maximum}: type a whole number {words}")
    if value is not None and minimum is not None and value < minimum:
        raise Unclear(f"{value} is less than {minimum}: type a whole number {words}")
    return value


def format_value(kind: Kind, value: Any) -> str:
    if value is None:
        return ""
    if kind is Kind.TIME:
        return value.strftime("%H:%M")
    if kind is Kind.DATE:
        return value.isoformat()
    if kind is Kind.LINES:
        return "\n".join(value)
    return str(value)


def field_at(path: Path, label: str, kind: Kind = Kind.TEXT, **options: Any) -> BoundField:
    """A field for the plan value at `path`; its name is the path's last step."""
    return BoundField(FieldSpec(name=str(path[-1]), label=label, kind=kind, **options), path)


def goal_choices(plan: Plan) -> tuple[tuple[str, str], ...]:
    """(label, goal id) for every goal, for fields that pick goals."""
    return tuple((f"{g.id}: {g.domain or g.statement[:40] or 'new goal'}", g.id) for g in plan.goals)


# --- the field widget -------------------------------------------------------------------

_NOTHING_SHOWN = object()  # a field rebound to another record: whatever the plan holds is new


class MarkedCheckbox(Checkbox):
    """A checkbox that shows ✓ when ticked and a blank when not: Textual's own
    shows the same X either way and tells them apart by colour alone."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.BUTTON_INNER = "✓" if self.value else " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "  # drawn from it when the button is painted again
        super().watch_value()


class FieldInput(Input):
    """A field's one-line editor. A value it shows from the plan (a draft prepared
    before the meeting, last year's, the team's) is never extended by accident:
    until the user touches it — a key that moves the cursor or deletes, a click —
    letters typed where the cursor landed would be glued onto it ("English" +
    "Spanish"), so they are refused, and `refused` says so under the field.
    ctrl+u clears the value to type another; End (or a click) goes on after it."""

    def __init__(self, refused: Callable[[str], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.refused = refused
        self.kept = False  # shows a value from the plan that no key or click has touched here

    def on_key(self, event: events.Key) -> None:
        if self.kept and self.value and event.is_printable and event.character is not None:
            event.stop()
            event.prevent_default()  # Input's own handler does not insert it
            self.refused(event.character)
        else:
            self.kept = False

    def on_paste(self, event: events.Paste) -> None:
        if self.kept and self.value:
            event.stop()
            event.prevent_default()
            self.refused(event.text)

    def on_mouse_down(self) -> None:
        self.kept = False


class LongTextArea(TextArea):
    """A field's text area. What is typed into a text it shows from the plan,
    before any key or click touched it, starts on a new line after that text,
    never glued onto its last word. Its ctrl+u and ctrl+k delete to the start and
    end of the line as written, not of the row it is wrapped onto: one wrapped
    row of a long paragraph is not a unit anyone meant to delete."""

    kept = False  # shows a text from the plan that no key or click has touched here

    def on_key(self, event: events.Key) -> None:
        if self.kept and event.is_printable:
            self._new_line_after()
        self.kept = False

    def on_paste(self) -> None:
        if self.kept:
            self._new_line_after()
        self.kept = False

    def on_mouse_down(self) -> None:
        self.kept = False

    def _new_line_after(self) -> None:
        """The cursor on a line of its own after the text (Textual's handler then types there)."""
        if not self.text or self.read_only:
            return
        self.move_cursor(self.document.end)
        if not self.text.endswith("\n"):
            self.insert("\n")

    def action_delete_to_start_of_line(self) -> None:
        row, column = self.selection.end
        if self.read_only or column == 0:
            super().action_delete_to_start_of_line()  # at the start: joins with the line above
            return
        self.delete(self.selection.end, (row, 0), maintain_selection_offset=False)

    def action_delete_to_end_of_line(self) -> None:
        row, _ = self.selection.end
        if not self.read_only:
            self.delete(self.selection.end, (row, len(self.document.get_line(row))), maintain_selection_offset=False)


class BoundField(Vertical):
    """A label, an editor for one plan value, and room for a message."""

    DEFAULT_CSS = stylesheet("bound-field")
    SCOPED_CSS = False  # every rule names BoundField already; one also names the app (its theme)

    def __init__(self, spec: FieldSpec, path: Path, goal_choices: tuple[tuple[str, str], ...] = ()) -> None:
        super().__init__(classes=f"field field-{spec.kind.value}")
        self.spec = spec
        self.path = path
        self._goal_choices = goal_choices
        self._shown: Any = None  # the value the editor shows: from the plan, or edited here
        self._has_shown = False  # show() has run: the editor holds a plan value
        self._ready = False
        self._pending: Any = None  # the plan (or draft) to show once mounted
        self._editor: Widget | None = None
        self._before_edit: Any = _NOTHING_SHOWN  # the plan's value when the field got the focus
        self._problem: str | None = None  # what is wrong with the text typed (shown under it)
        self._refused = ""  # letters not added to a value shown from the plan (FieldInput)

    @property
    def kind(self) -> Kind:
        return self.spec.kind

    def rebind(self, path: Path) -> None:
        """Edit the value at `path` now (a list's form showing another record)."""
        self.path = path
        self._shown = _NOTHING_SHOWN
        if isinstance(self._editor, SelectionList):
            self._highlight_first(self._editor)

    @staticmethod
    def _highlight_first(editor: SelectionList) -> None:
        """Space ticks the first goal at once, in every record: no Down needed first."""
        editor.highlighted = 0 if editor.option_count else None

    def compose(self) -> ComposeResult:
        yield Label(self.spec.label, classes="field-label", markup=False)
        if self.spec.help:
            yield Label(self.spec.help, classes="field-help", markup=False)
        yield self._make_editor()
        yield Label("", classes="field-problem", markup=False)

    def _make_editor(self) -> Widget:
        kind = self.kind
        placeholder = self.spec.placeholder
        if kind in (Kind.LONG_TEXT, Kind.LINES):
            return LongTextArea(soft_wrap=True, compact=True, placeholder=placeholder, classes="editor")
        if kind is Kind.YES_NO:
            return OptionRow(answers(YES_NO), blank=NOT_DECIDED, classes="editor")
        if kind is Kind.CHOICE and self.spec.inline:
            return OptionRow(self.spec.choices, blank=NOT_CHOSEN if self.spec.optional else None, classes="editor")
        if kind is Kind.CHOICE:
            options = [(literal(label), value) for label, value in self.spec.choices]
            return Select(options, allow_blank=self.spec.optional, prompt=NOT_CHOSEN, compact=True, classes="editor")
        if kind is Kind.FLAG:
            return MarkedCheckbox(self.spec.label, compact=True, classes="editor")
        if kind is Kind.GOAL_IDS:
            return SelectionList(
                *[(literal(label), goal_id) for label, goal_id in self._goal_choices], classes="editor", compact=True
            )
        defaults = {Kind.DATE: "YYYY-MM-DD", Kind.TIME: "HH:MM", Kind.NUMBER: "minutes"}
        # Not select-on-focus: tabbing into a field and typing must never silently
        # replace what the team already agreed (nor add to it: FieldInput).
        return FieldInput(
            self._typing_refused,
            placeholder=placeholder or defaults.get(kind, ""),
            compact=True,
            classes="editor",
            select_on_focus=False,
        )

    @property
    def editor(self) -> Widget:
        if self._editor is None:  # found once: show() runs on every keystroke
            self._editor = self.query_one(".editor")
        return self._editor

    # from the plan to the screen

    def on_mount(self) -> None:
        self._ready = True
        if self._pending is not None:
            plan, self._pending = self._pending, None
            self.show_plan(plan)

    def show_plan(self, plan: Any, change: Change[Any] | None = None) -> None:
        """Show the value `plan` (or a dialog's draft) holds here; after `change`,
        only if it touched this place and was not made here."""
        if change is not None and (change.by is self or not self._touched_by(change)):
            return
        if not self._ready:  # not composed yet: shown once mounted
            self._pending = plan
            return
        if self.kind is Kind.GOAL_IDS:
            self.set_goal_choices(goal_choices(plan))
        self.show(get_in(plan, self.path))

    def _touched_by(self, change: Change[Any]) -> bool:
        # The goals a GOAL_IDS field offers are the plan's goals: any change of them counts.
        return change.touches(self.path) or (self.kind is Kind.GOAL_IDS and change.touches(("goals",)))

    def show(self, value: Any) -> None:
        """Display `value` unless the field already shows it."""
        self._has_shown = True
        if value == self._shown:
            return
        self._shown = value
        editor = self.editor
        kind = self.kind
        if isinstance(editor, Input):
            values = unsaved_values(self)
            kept = values.get(self.path) if values is not None else None
            if kept is not None:  # typed here before and not saved: shown again, with why
                with editor.prevent(Input.Changed):
                    editor.value = kept.text
                self._show_problem(kept.reason)
            elif self._parse(editor.value) != value or self.has_class("-unclear"):
                with editor.prevent(Input.Changed):
                    editor.value = format_value(kind, value)
                self._show_problem(None)
            if isinstance(editor, FieldInput):
                editor.kept = kept is None and bool(editor.value)
            self._refused = ""
        elif isinstance(editor, TextArea):
            current = editor.text
            if self._parse(current) != value:
                with editor.prevent(TextArea.Changed):
                    editor.text = format_value(kind, value)
            if isinstance(editor, LongTextArea):
                editor.kept = bool(editor.text)
        elif isinstance(editor, Select):
            with editor.prevent(Select.Changed):
                editor.value = Select.NULL if value is None else value
        elif isinstance(editor, OptionRow):
            with editor.prevent(OptionRow.Changed):
                editor.value = value
        elif isinstance(editor, Checkbox):
            with editor.prevent(Checkbox.Changed):
                editor.value = bool(value)
        elif isinstance(editor, SelectionList):
            with editor.prevent(SelectionList.SelectedChanged):
                editor.deselect_all()
                for goal_id in value:
                    editor.select(goal_id)
            if editor.highlighted is None:
                self._highlight_first(editor)

    def set_goal_choices(self, choices: tuple[tuple[str, str], ...]) -> None:
        """For GOAL_IDS fields: the goals that can be picked changed."""
        if choices == self._goal_choices or not isinstance(self.editor, SelectionList):
            return
        self._goal_choices = choices
        editor = self.editor
        with editor.prevent(SelectionList.SelectedChanged):
            editor.clear_options()
            editor.add_options([(literal(label), goal_id) for label, goal_id in choices])
            for goal_id in self._shown if isinstance(self._shown, tuple) else ():
                if any(goal_id == g for _, g in choices):
                    editor.select(goal_id)
        self._highlight_first(editor)

    # from the screen to the plan

    def _parse(self, text: str) -> Any:
        kind = self.kind
        try:
            if kind is Kind.NUMBER:
                return parse_number_in(text, self.spec.minimum, self.spec.maximum)
            if kind is Kind.DATE:
                return parse_date(text)
            if kind is Kind.TIME:
                return parse_time(text)
        except Unclear:
            return _UNCLEAR
        if kind is Kind.LINES:
            return tuple(line.strip() for line in text.splitlines() if line.strip())
        return text

    def _show_problem(self, message: str | None, reason: str | None = None) -> None:
        self._problem = reason or message
        self.set_class(message is not None, "-unclear")
        self.query_one(".field-problem", Label).update(literal(message or ""))

    def _set_problem(self, message: str | None, reason: str | None = None) -> None:
        """Say what is wrong with the text typed (None: nothing), and let the
        meeting know whether this field holds text the plan does not."""
        self._show_problem(message, reason)
        if unsaved_values(self) is None:
            return  # a dialog's field: the dialog refuses to save instead
        editor = self.editor
        kept = None
        if message is not None and isinstance(editor, Input):
            kept = UnsavedValue(editor.value, message, self.spec.label, session(self).current.title)
        session(self).note_unsaved(self.path, kept)

    @property
    def problem(self) -> str | None:
        """Why the text typed here is not a value, in a few words (None: it is one)."""
        return self._problem

    @property
    def typed(self) -> str:
        """The text in a one-line field, as typed ("" for other editors)."""
        editor = self.editor
        return editor.value if isinstance(editor, Input) else ""

    def _edit(self, value: Any) -> None:
        """The user made `value` the value here: edit it (this field shows it already)."""
        self._shown = value
        self._refused = ""
        editing(self).edit(self.path, value, by=self)

    def _typing_refused(self, text: str) -> None:
        """Letters typed at the end of a value shown from the plan were not added (FieldInput)."""
        self._refused += text
        value = self.typed
        self.query_one(".field-problem", Label).update(
            literal(
                f"“{self._refused}” was not added to “{value}”: ctrl+u clears it to type another, End first adds to it."
            )
        )
        self.set_class(True, "-unclear")

    def on_descendant_focus(self) -> None:
        self._before_edit = self._shown

    def on_descendant_blur(self) -> None:
        if self._refused and self._problem is None:  # the note about letters not added goes with the cursor
            self._refused = ""
            self._show_problem(None)

    def _refuse(self, problem: Unclear) -> None:
        """A number, date or time that makes no sense (yet): say so, and put back
        the value the field had before this edit (typing 120 posted 1 and 12 on
        the way; retyping a date passed through an empty field)."""
        before = self._before_edit
        if before is _NOTHING_SHOWN or unsaved_values(self) is None:  # not shown yet, or a dialog's draft
            self._set_problem(f"{problem}.", str(problem))
            return
        if self._shown != before:
            self._edit(before)
        kept = "nothing" if before is None else format_value(self.kind, before)
        self._set_problem(f"{problem}. Not recorded: the plan keeps {kept}.", str(problem))

    def suggest_names(self, names: list[str] | tuple[str, ...]) -> None:
        """Suggest these names as the user types (found by any word of the name)."""
        if isinstance(self.editor, Input):
            self.editor.suggester = NameSuggester(names)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        editor = event.input
        if isinstance(editor.suggester, NameSuggester) and taken(event.value) != event.value:
            editor.value = taken(event.value)  # a name taken from "Kim → Ms. Dana Kim"
            editor.cursor_position = len(editor.value)
            return
        self._take(event.value)

    def _take(self, text: str) -> None:
        """The one-line editor holds `text`: edit its value, or say why it is none."""
        kind = self.kind
        value: Any
        try:
            if kind is Kind.NUMBER:
                value = parse_number_in(text, self.spec.minimum, self.spec.maximum)
            elif kind is Kind.DATE:
                value = parse_date(text)
            elif kind is Kind.TIME:
                value = parse_time(text)
            else:
                value = text
            if value is None and not self.spec.optional and kind is Kind.DATE:
                raise Unclear("this date is needed: type one like 2027-03-15")
        except Unclear as problem:
            self._refuse(problem)
            return
        self._set_problem(None)
        self._edit(value)

    def commit(self) -> None:
        """Edit what the editor shows now, if that is not done yet: a key's message
        may still be on its way when a dialog is saved right after it."""
        editor = self.editor
        if isinstance(editor, Input):
            if self._parse(editor.value) != self._shown or self.problem is not None:
                self._take(editor.value)
            return
        if isinstance(editor, TextArea):
            value = self._parse(editor.text)
        elif isinstance(editor, Select):
            value = None if editor.value is Select.NULL else editor.value
        elif isinstance(editor, OptionRow):
            value = editor.value
        else:
            return  # a checkbox or a list of goals reports its change at once
        if value != self._shown:
            self._edit(value)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._edit(self._parse(event.text_area.text))

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        event.stop()  # every key moves the cursor: nothing above the field listens

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not self._has_shown or event.value != event.select.value:
            # Not the user: a Select that must not be blank picks its first option
            # on mount, before (or just after) show() puts the plan's value in.
            return
        self._edit(None if event.value is Select.NULL else event.value)

    def on_option_row_changed(self, event: OptionRow.Changed) -> None:
        event.stop()
        if self._has_shown:
            self._edit(event.value)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._edit(event.value)

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._edit(tuple(event.selection_list.selected))


_UNCLEAR = object()
