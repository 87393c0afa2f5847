"""What answers a family's concern (widgets/family_concerns.py): every record
that can answer it — each goal, service, accommodation, decision and
parking-lot topic, in the app's words (model/concerns.py) — with those that
answer it now ticked: the arrows move, space or Enter ticks, ctrl+s records,
Escape cancels. It returns the records ticked, by list and place.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, SelectionList
from textual.widgets.selection_list import Selection

from iep_meeting.model.concerns import Answer, answer_words, answers_of, candidates
from iep_meeting.model.plan import Plan
from iep_meeting.tui.commands import BY_ID, bindings
from iep_meeting.tui.context import keys
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet

Place = tuple[str, int]  # a record as (its list, its place in it)


TICKED, NOT_TICKED = "✓ ", "  "  # in words too: the box's colour alone does not say it on a shared screen


def prompt(words: str, ticked: bool) -> Text:
    """A record's line in the list; Text: what the team typed is shown as typed, never read as markup."""
    return Text((TICKED if ticked else NOT_TICKED) + words)


def choices(plan: Plan) -> list[tuple[str, Place]]:
    """Every record a concern can be linked to, in words, with its place."""
    found = []
    for list_name, index in candidates(plan):
        record = getattr(plan, list_name)[index]
        answer = Answer(ref="", list_name=list_name, index=index, record=record)
        found.append((answer_words(answer), (list_name, index)))
    return found


class AnswersDialog(Dialog[tuple[Place, ...] | None]):
    """Which records answer the concern at `index` of the plan's concerns."""

    DEFAULT_CSS = stylesheet("concern-dialogs")
    BINDINGS = bindings([BY_ID["dialog-save"]])

    def __init__(self, plan: Plan, index: int) -> None:
        super().__init__()
        self.plan, self.index = plan, index
        concern = plan.present_levels.concerns[index]
        self.concern = concern
        self.linked = {(answer.list_name, answer.index) for answer in answers_of(plan, concern)}
        self.options = choices(plan)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label("What answers this concern of the family's?", classes="dialog-title", markup=False)
            yield Label(f"“{' '.join(self.concern.text.split())}”", classes="dialog-detail", markup=False)
            if self.options:
                selections = [
                    Selection(prompt(words, place in self.linked), place, place in self.linked)
                    for words, place in self.options
                ]
                yield SelectionList[Place](*selections, id="answers")
                yield Label(
                    "Space or Enter ticks each record that answers it (a refusal too: its notice says why).",
                    classes="dialog-help",
                    markup=False,
                )
            else:
                yield Label(
                    "Nothing in the plan can answer it yet: add the goal, service, accommodation, decision (F2) "
                    "or parking-lot topic (F3) first.",
                    classes="dialog-detail",
                    markup=False,
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button(f"Record ({keys(self)('dialog-save')})", id="record", variant="primary", compact=True)

    def on_mount(self) -> None:
        found = self.query("#answers")
        if found:
            found.first().focus()

    @on(SelectionList.SelectedChanged, "#answers")
    def _mark(self, event: SelectionList.SelectedChanged[Place]) -> None:
        chosen = set(event.selection_list.selected)
        for index, (words, place) in enumerate(self.options):
            event.selection_list.replace_option_prompt_at_index(index, prompt(words, place in chosen))

    def action_record(self) -> None:
        found = self.query("#answers")
        if not found:
            self.dismiss(None)
            return
        chosen: SelectionList[Place] = found.first(SelectionList)
        self.dismiss(tuple(chosen.selected))

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "record":
            self.action_record()
        else:
            self.dismiss(None)
