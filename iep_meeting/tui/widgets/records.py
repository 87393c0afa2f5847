"""Forms for one record, and lists of records with a form for the selected one.

Both are built from `FieldSpec`s and bound to a path in the plan (or in a
dialog's draft). They show whatever plan they are given (`show_plan(plan,
change)`), and change it through `editing(self)` (tui/context.py): a list
applies a pure function from plan to plan (add, remove, move a record), its
fields edit their own values. A list is shown its own changes (it shows the
record it added); a field never is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, cast

import attrs
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from iep_meeting.meeting.publish import Change
from iep_meeting.model.paths import Path, append_in, get_in, move_in, remove_in
from iep_meeting.model.plan import Plan, team_names
from iep_meeting.tui.commands import LIST_COMMANDS, bindings
from iep_meeting.tui.context import Question, editing, keys, meeting, type_ahead, unsaved_values
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.type_ahead import Hold
from iep_meeting.tui.widgets.button_row import ButtonRow
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec, literal
from iep_meeting.words.labels import FROM_LAST_YEAR_MARK
from iep_meeting.words.phrases import plural_of


@attrs.frozen(kw_only=True)
class ListSpec:
    """A list of records inside a record (objectives of a goal, contact attempts)."""

    name: str
    title: str
    noun: str
    fields: tuple[FieldSpec, ...]
    summarize: Callable[[Any], str]
    make_item: Callable[[Plan], Any]
    reorder: bool = False
    shown_when: Callable[[Any], bool] | None = None  # as FieldSpec.shown_when


class RecordForm(Vertical):
    """Fields (and nested lists) for the record at `base`."""

    DEFAULT_CSS = stylesheet("record-form")

    def __init__(self, specs: tuple[FieldSpec | ListSpec, ...], base: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.specs = specs
        self.base = base

    def compose(self) -> ComposeResult:
        for spec in self.specs:
            path = (*self.base, spec.name)
            if isinstance(spec, ListSpec):
                records = RecordList(
                    spec.title, path, spec.fields, spec.summarize, spec.make_item, spec.noun, reorder=spec.reorder
                )
                records.shown_when = spec.shown_when
                yield records
            else:
                yield BoundField(spec, path)

    def rebind(self, base: Path) -> None:
        if base == self.base:
            return
        self.base = base
        for child in self.children:
            if isinstance(child, BoundField):
                child.rebind((*base, child.spec.name))
            elif isinstance(child, RecordList):
                child.list_path = (*base, child.list_path[-1])

    def show_plan(self, plan: Plan, change: Change[Any] | None = None) -> None:
        if change is not None and not change.touches(self.base):
            return  # nothing of this record changed: its fields, and which of them show, stay
        record = None
        for child in self.children:
            if not isinstance(child, (BoundField, RecordList)):
                continue
            shown_when = child.spec.shown_when if isinstance(child, BoundField) else child.shown_when
            if shown_when is not None:
                if record is None:
                    record = get_in(plan, self.base)
                child.display = shown_when(record)
            child.show_plan(plan, change)


def top_bound(root: Widget) -> Iterator[BoundField | RecordForm | RecordList]:
    """Bound widgets under `root` that are not inside another bound widget: those
    a screen shows a plan (or a draft) to."""
    for child in root.children:
        if isinstance(child, (BoundField, RecordForm, RecordList)):
            yield child
        else:
            yield from top_bound(child)


def displayed(widget: Widget) -> bool:
    """Whether `widget` and everything around it is displayed."""
    return all(node.display for node in (widget, *widget.ancestors) if isinstance(node, Widget))


class RecordList(Vertical):
    """A list of records: pick one to edit it below; add, remove, reorder."""

    DEFAULT_CSS = stylesheet("record-list")

    BINDINGS = bindings(LIST_COMMANDS, priority=False)

    def __init__(
        self,
        title: str,
        list_path: Path,
        fields: tuple[FieldSpec | ListSpec, ...],
        summarize: Callable[[Any], str],
        make_item: Callable[[Plan], Any],
        noun: str,
        *,
        reorder: bool = False,
        name_fields: tuple[str, ...] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.name_fields = name_fields  # fields that suggest team members' names
        self._names: list[str] = []  # the names they suggest now
        self.title = title
        self.list_path = list_path
        self.fields = fields
        self.summarize = summarize
        self.make_item = make_item
        self.noun = noun
        self.reorder = reorder
        self.selected = 0
        self.shown_when: Callable[[Any], bool] | None = None  # set by the form it is in (ListSpec.shown_when)
        # Set by a section of next year's plan: whether record N is still marked "from last year — review".
        self.marked: Callable[[Plan, int], bool] | None = None
        self._summaries: tuple[str, ...] | None = None
        self._count = 0
        self._plan: Plan | None = None
        self._ready = False
        self._summary_cache: dict[int, tuple[Any, str]] = {}
        self._adding: int | None = None  # the index a record being added will have
        self._removing = False  # a removal was confirmed: keep the focus in this list

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="list-title", markup=False)
        yield OptionList(classes="list-items")
        yield Label(
            f"No {plural_of(self.noun)} yet. “Add {self.noun}” below adds one ({keys(self)('list-add')} in this list).",
            classes="list-empty",
            markup=False,
        )
        with ButtonRow(classes="list-buttons"):
            yield Button(f"Add {self.noun}", id="add", compact=True)
            yield Button("Remove", id="remove", compact=True)
            if self.reorder:
                yield Button("Move up", id="up", compact=True)
                yield Button("Move down", id="down", compact=True)
        yield RecordForm(self.fields, (*self.list_path, 0), classes="list-form")

    def on_mount(self) -> None:
        # Found once: show_plan runs on every keystroke, and a query walks the
        # whole form below (nested lists included).
        self._options = self.query_one(".list-items", OptionList)
        self._empty = self.query_one(".list-empty", Label)
        self._form = self.query_one(".list-form", RecordForm)
        self._item_buttons = list(self.query_one(".list-buttons").query("#remove, #up, #down"))
        self._ready = True
        if self._plan is not None:
            self.show_plan(self._plan)

    def show_plan(self, plan: Plan, change: Change[Any] | None = None) -> None:
        self._plan = plan  # the latest plan shown; replaced, never edited
        if not self._ready:  # not composed yet: shown once mounted
            return
        if change is not None and not self._touched_by(change):
            return
        items = get_in(plan, self.list_path)
        self._count = len(items)
        arrived = self._adding is not None and self._adding < len(items)
        if arrived:  # the record being added is in the plan: edit it
            self.selected, self._adding = cast(int, self._adding), None
        summaries = self._summarize_all(items)
        if self.marked is not None:
            marked = self.marked
            summaries = tuple(
                f"{text} · {FROM_LAST_YEAR_MARK}" if marked(plan, index) else text
                for index, text in enumerate(summaries)
            )
        options = self._options
        if summaries != self._summaries:
            self._summaries = summaries
            options.clear_options()
            options.add_options([Option(literal(text)) for text in summaries])
        self.selected = max(0, min(self.selected, len(items) - 1))
        if items and options.highlighted != self.selected:
            with options.prevent(OptionList.OptionHighlighted):
                options.highlighted = self.selected
        self._empty.display = not items
        options.display = bool(items)
        form = self._form
        form.display = bool(items)
        for button in self._item_buttons:
            button.disabled = not items
        if items:
            before = form.base
            form.rebind((*self.list_path, self.selected))
            form.show_plan(plan, change if form.base == before else None)  # another record: all of it is new
            self._suggest_names(plan)
        if arrived:
            self.call_after_refresh(self._focus_form)  # once the form is laid out: it scrolls into view
        elif self._removing:
            self._removing = False
            self._focus_list()

    def _touched_by(self, change: Change[Any]) -> bool:
        """Whether `change` changes what this list shows: its records, the marks of
        those carried from last year, the team names its fields suggest."""
        return (
            change.touches(self.list_path)
            or (self.marked is not None and change.touches(("follows",)))
            or (bool(self.name_fields) and change.touches(("team",)))
        )

    def _suggest_names(self, plan: Plan) -> None:
        names = team_names(plan) if self.name_fields else []
        if names == self._names:
            return  # the same team: nothing to do on every keystroke
        fields = [f for f in self._form.children if isinstance(f, BoundField) and f.spec.name in self.name_fields]
        for field in fields:
            field.suggest_names(names)
        if fields:  # composed: later plans with the same team change nothing
            self._names = names

    def _summarize_all(self, items: tuple) -> tuple[str, ...]:
        # Typing into one of 200 goals must not re-summarize the other 199: an
        # unchanged record is the same object in the new plan, so its summary
        # is looked up by identity (the record is kept, so its id stays unique).
        cache, fresh = self._summary_cache, {}
        summaries = []
        for number, item in enumerate(items, start=1):
            hit = cache.get(id(item))
            text = hit[1] if hit is not None and hit[0] is item else self.summarize(item)
            fresh[id(item)] = (item, text)
            summaries.append(f"{number}. {text}")
        self._summary_cache = fresh
        return tuple(summaries)

    @property
    def has_items(self) -> bool:
        return self._count > 0

    def select(self, index: int, plan: Plan) -> None:
        """Edit record `index` in the form below (e.g. to show where a checklist item is fixed)."""
        self.selected = index
        self.show_plan(plan)

    @on(OptionList.OptionHighlighted, ".list-items")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index != self.selected and self._plan is not None:
            self.selected = event.option_index
            self.show_plan(self._plan)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        event.stop()
        actions = {"add": self.action_add, "remove": self.action_remove}
        if event.button.id in actions:
            actions[event.button.id]()
        elif event.button.id in ("up", "down"):
            self.action_move(-1 if event.button.id == "up" else 1)

    def action_add(self) -> None:
        path, make = self.list_path, self.make_item
        self._adding = self._count
        type_ahead(self).hold(Hold.MOVE)  # what is typed next goes into the new record
        editing(self).apply(lambda plan: append_in(plan, path, make(plan)), f"added a {self.noun}", by=self)

    def _focus_form(self) -> None:
        """The new record's first field takes the focus, in view, and then the keys typed meanwhile."""
        editor = next((w for w in self._form.query(".editor") if w.focusable), None)
        if editor is not None:
            self.screen.set_focus(editor, scroll_visible=False)
            self._form.scroll_visible(top=True, animate=False)
            editor.scroll_visible(animate=False)
        type_ahead(self).release(Hold.MOVE)

    def _focus_list(self) -> None:
        """After a removal the focus stays in this list: on its records, or on Add when none is left."""
        target = self._options if self._count else self.query_one("#add", Button)
        self.screen.set_focus(target)
        type_ahead(self).release(Hold.MOVE)

    def action_remove(self) -> None:
        if not self._count:
            return
        index, path = self.selected, self.list_path
        summary = (self._summaries or ("",) * (index + 1))[index]

        def confirmed(yes: bool) -> None:
            if yes:
                self._removing = True
                type_ahead(self).hold(Hold.MOVE)
                values = unsaved_values(self)
                if values is not None:
                    values.record_removed(path, index)
                editing(self).apply(
                    lambda plan: remove_in(plan, path, index), f"removed {self.noun} {index + 1}", by=self
                )

        meeting(self).ask(Question(f"Remove this {self.noun}?", summary, confirm=f"Remove {self.noun}"), confirmed)

    def action_step(self, offset: int) -> None:
        """Edit the next (1) or previous (-1) record. The form stays, so the focus
        stays in the same field, now showing that record: the next person's
        attendance is one key away, not a Tab through the whole form."""
        if self._plan is None or not self._count:
            return
        step_to = max(0, min(self._count - 1, self.selected + offset))
        if step_to != self.selected:
            self.select(step_to, self._plan)
            focused = self.screen.focused
            if focused is not None and not displayed(focused):  # a field this record does not have
                focused = next((w for w in self._form.query(".editor") if w.focusable and displayed(w)), None)
                self.screen.set_focus(focused, scroll_visible=False)
            if focused is not None:
                self.call_after_refresh(focused.scroll_visible, animate=False)

    def action_move(self, offset: int) -> None:
        if not self.reorder or self._count < 2:
            return
        index, path = self.selected, self.list_path
        self.selected = max(0, min(self._count - 1, index + offset))
        values = unsaved_values(self)
        if values is not None and self.selected != index:
            values.records_swapped(path, index, self.selected)
        editing(self).apply(lambda plan: move_in(plan, path, index, offset), f"moved {self.noun} {index + 1}", by=self)
