"""Accommodations: pick from the bank by searching, or type one that is not in it;
then say where each applies (in class, on state and district tests, or both)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from iep_meeting.model.banks import BankAccommodation, Banks, search_accommodations
from iep_meeting.model.plan import Accommodation, AppliesTo, Plan
from iep_meeting.model.records import add_accommodation_once, has_accommodation, new_accommodation, same_text
from iep_meeting.tui.context import editing, session
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.sections.goals import LIST_BINDINGS
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import FieldSpec, Kind
from iep_meeting.tui.widgets.records import RecordList
from iep_meeting.words.labels import choices, label

ACCOMMODATION_FIELDS = (
    FieldSpec(name="description", label="Accommodation"),
    FieldSpec(
        name="applies_to",
        label="Where it applies",
        kind=Kind.CHOICE,
        choices=choices(AppliesTo),
        inline=True,
        optional=False,
    ),
    FieldSpec(
        name="note", label="Note (when or how it is used, limits)", placeholder="e.g. not on items that measure reading"
    ),
)


def summarize_accommodation(item: Accommodation) -> str:
    text = f"{item.description.strip() or '(not described yet)'} · {label(item.applies_to)}"
    return f"{text} · {item.note.strip()}" if item.note.strip() else text


def result_text(item: BankAccommodation, added: bool) -> Text:
    text = Text()
    if added:
        text.append("✓ ")
    text.append(item.description)
    text.append(f" · {label(item.applies_to)}", style="dim")
    if added:
        text.append(" (added)", style="bold")
    return text


class BankSearch(Vertical):
    """Search box and results; ↑/↓ in the search box move through the results."""

    DEFAULT_CSS = stylesheet("bank-search")

    BINDINGS = [
        Binding("down", "move_highlight(1)", "Next result", show=False),
        Binding("up", "move_highlight(-1)", "Previous result", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Label("Find one in the accommodation bank", classes="group-title", markup=False)
        yield Input(
            placeholder="type words: extended time, read aloud, quiet room, ...",
            id="acc-search",
            compact=True,
        )
        yield OptionList(id="acc-results")
        yield Static("", id="acc-result-note", markup=False)
        with Horizontal():
            yield Button("Add the highlighted one", id="acc-add-bank", compact=True)
        yield Static("", id="acc-message", markup=False)

    def action_move_highlight(self, offset: int) -> None:
        results = self.query_one("#acc-results", OptionList)
        if not results.option_count:
            return
        current = results.highlighted if results.highlighted is not None else -1
        results.highlighted = max(0, min(results.option_count - 1, current + offset))


class AccommodationsEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("accommodations-editor")
    BINDINGS = LIST_BINDINGS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._results: tuple[BankAccommodation, ...] = ()
        self._shown_results: tuple[tuple[str, bool], ...] | None = None
        self._last_query = ""
        self._shown_note: str | None = None

    @property
    def banks(self) -> Banks:
        return session(self).banks

    def compose(self) -> ComposeResult:
        yield Label(
            "An accommodation changes how the student learns or shows what they know, not what they learn. "
            "Say where each one applies: in class, on state and district tests, or both.",
            classes="section-note",
            markup=False,
        )
        yield BankSearch()
        yield Label("Not in the bank? Type it and press Enter or Add", classes="group-title", markup=False)
        with Horizontal(id="acc-new-row"):
            yield Input(placeholder="a new accommodation, in plain words", id="acc-new", compact=True)
            yield Button("Add", id="acc-add-new", compact=True)
        yield RecordList(
            "Accommodations in this plan",
            ("accommodations",),
            ACCOMMODATION_FIELDS,
            summarize_accommodation,
            new_accommodation,
            "accommodation",
            id="accommodation-list",
        )

    async def action_list(self, action: str) -> None:
        """The list's keys work anywhere in the section, not only inside the list."""
        await self.query_one("#accommodation-list", RecordList).run_action(action)

    # from the plan to the screen

    def show_details(self, plan: Plan) -> None:
        self._show_results()

    def _show_results(self) -> None:
        if not self.query("#acc-search") or not self.query("#acc-results"):  # not composed yet
            if self.is_attached:
                self.call_after_refresh(self._show_results)
            return
        query = self.query_one("#acc-search", Input).value
        self._results = search_accommodations(self.banks, query)
        plan = self._plan
        marks = tuple(
            (item.description, plan is not None and has_accommodation(plan, item.description)) for item in self._results
        )
        results = self.query_one("#acc-results", OptionList)
        if marks != self._shown_results:
            highlighted = results.highlighted
            self._shown_results = marks
            results.clear_options()
            results.add_options([Option(result_text(item, added)) for item, (_, added) in zip(self._results, marks)])
            if self._results:
                keep = highlighted if highlighted is not None and query == self._last_query else 0
                results.highlighted = min(keep, len(self._results) - 1)
        self._last_query = query
        self._show_result_note()

    def _show_result_note(self) -> None:
        item = self._highlighted()
        if item is None:
            query = self.query_one("#acc-search", Input).value.strip()
            text = f"Nothing in the bank matches “{query}”. Type it below to add it." if query else ""
        else:
            words = [f"category: {item.category}"] if item.category else []
            if item.note:
                words.append(item.note)
            text = " · ".join(words)
        if text != self._shown_note:  # unchanged text is not laid out again
            self._shown_note = text
            self.query_one("#acc-result-note", Static).update(Text(text))

    def _highlighted(self) -> BankAccommodation | None:
        index = self.query_one("#acc-results", OptionList).highlighted
        if index is None or not 0 <= index < len(self._results):
            return None
        return self._results[index]

    @on(Input.Changed, "#acc-search")
    def _search(self, event: Input.Changed) -> None:
        event.stop()
        self._show_results()

    @on(OptionList.OptionHighlighted, "#acc-results")
    def _result_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_result_note()

    # adding

    def _say(self, message: str) -> None:
        self.query_one("#acc-message", Static).update(Text(message))

    def _add(self, item: Accommodation) -> bool:
        plan = self._plan
        if plan is None:
            return False
        if has_accommodation(plan, item.description):
            self._say(f"Already in the plan: {item.description}")
            return False
        self.query_one("#accommodation-list", RecordList).selected = len(plan.accommodations)
        editing(self).apply(add_accommodation_once(item), "added an accommodation", by=self)
        self._say(f"Added: {item.description} ({label(item.applies_to)}). Change it below if needed.")
        return True

    @on(Input.Submitted, "#acc-search")
    @on(OptionList.OptionSelected, "#acc-results")
    @on(Button.Pressed, "#acc-add-bank")
    def _add_from_bank(self, event) -> None:
        event.stop()
        item = self._highlighted()
        if item is None:
            self._say("Nothing highlighted: search the bank first, or type a new one below.")
            return
        self._add(item.to_accommodation(""))

    @on(Input.Submitted, "#acc-new")
    @on(Button.Pressed, "#acc-add-new")
    def _add_typed(self, event) -> None:
        event.stop()
        field = self.query_one("#acc-new", Input)
        description = " ".join(field.value.split())
        if not description:
            self._say("Type the accommodation first, then press Enter or Add.")
            return
        # One typed exactly as in the bank keeps the bank's "where it applies".
        bank = next((b for b in self.banks.accommodations if same_text(b.description) == same_text(description)), None)
        item = bank.to_accommodation("") if bank else Accommodation(id="", description=description)
        if self._add(item):
            field.value = ""
