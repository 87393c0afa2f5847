"""Forms for one record, and lists of records with a form for the selected one.

Both are built from `FieldSpec`s and bound to a path in the plan. They show
whatever plan they are given (`show(plan)`) and ask for changes by posting
`PlanChange` (a pure function from plan to plan) or `FieldEdited`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from iep_meeting.model.paths import Path, append_in, get_in, move_in, remove_in
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import LIST_COMMANDS, bindings
from iep_meeting.tui.context import keys
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.messages import PlanChange
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.button_row import ButtonRow
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec, literal


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
                child.path = (*base, child.spec.name)
                child._shown = _NOTHING_SHOWN
            elif isinstance(child, RecordList):
                child.list_path = (*base, child.list_path[-1])

    def show_plan(self, plan: Plan) -> None:
        record = None
        for child in self.children:
            if not isinstance(child, (BoundField, RecordList)):
                continue
            shown_when = child.spec.shown_when if isinstance(child, BoundField) else child.shown_when
            if shown_when is not None:
                if record is None:
                    record = get_in(plan, self.base)
                child.display = shown_when(record)
            child.show_plan(plan)


_NOTHING_SHOWN = object()


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
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.title = title
        self.list_path = list_path
        self.fields = fields
        self.summarize = summarize
        self.make_item = make_item
        self.noun = noun
        self.reorder = reorder
        self.selected = 0
        self.shown_when: Callable[[Any], bool] | None = None  # set by the form it is in (ListSpec.shown_when)
        self._summaries: tuple[str, ...] | None = None
        self._count = 0
        self._plan: Plan | None = None
        self._ready = False
        self._summary_cache: dict[int, tuple[Any, str]] = {}

    def compose(self) -> ComposeResult:
        yield Label(self.title, classes="list-title", markup=False)
        yield OptionList(classes="list-items")
        yield Label(f"No {self.noun}s yet. Add one with {keys(self)('list-add')}.", classes="list-empty", markup=False)
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

    def show_plan(self, plan: Plan) -> None:
        self._plan = plan  # the latest plan shown; replaced, never edited
        if not self._ready:  # not composed yet: shown once mounted
            return
        items = get_in(plan, self.list_path)
        self._count = len(items)
        summaries = self._summarize_all(items)
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
            form.rebind((*self.list_path, self.selected))
            form.show_plan(plan)

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
        self.selected = self._count
        self.post_message(PlanChange(lambda plan: append_in(plan, path, make(plan)), f"added a {self.noun}"))
        self.call_after_refresh(self._focus_form)

    def _focus_form(self) -> None:
        editors = self.query_one(RecordForm).query(".editor")
        if editors:
            editors.first().focus()

    def action_remove(self) -> None:
        if not self._count:
            return
        index, path = self.selected, self.list_path
        summary = (self._summaries or ("",) * (index + 1))[index]

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.post_message(
                    PlanChange(lambda plan: remove_in(plan, path, index), f"removed {self.noun} {index + 1}")
                )

        self.app.push_screen(
            ConfirmDialog(f"Remove this {self.noun}?", summary, confirm=f"Remove {self.noun}"), confirmed
        )

    def action_move(self, offset: int) -> None:
        if not self.reorder or self._count < 2:
            return
        index, path = self.selected, self.list_path
        self.selected = max(0, min(self._count - 1, index + offset))
        self.post_message(PlanChange(lambda plan: move_in(plan, path, index, offset), f"moved {self.noun} {index + 1}"))
