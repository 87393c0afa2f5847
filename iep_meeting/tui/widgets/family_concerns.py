"""Present levels: each concern the family raised, in their words, and what
answers it (model/concerns.py) — linked from the keyboard.

One line a concern: ✓ when something in the plan answers it, ○ while nothing
does (the checklist's `concern-answered` advice says so too), the family's
words as they wrote or said them, where it came from, and what answers it.
Enter on a concern opens what can answer it (flows/concerns.py, through a
message): tick the goal, service, accommodation, decision or parking-lot
topic, ctrl+s. "Add a concern the family raises" records one raised in the
meeting.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from iep_meeting.model.concerns import answer_words, answers_of
from iep_meeting.model.paths import Path
from iep_meeting.model.plan import Concern, Plan
from iep_meeting.tui.messages import ConcernToAdd, ConcernToLink
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.button_row import ButtonRow
from iep_meeting.tui.widgets.family_input import origin
from iep_meeting.words.labels import CONCERN_MARK

LIST_PATH: Path = ("present_levels", "concerns")


def concern_line(plan: Plan, concern: Concern) -> str:
    """A concern on one line: its mark, the family's words, where from, what answers it."""
    answers = [answer_words(answer) for answer in answers_of(plan, concern)]
    mark = CONCERN_MARK[bool(answers)]
    where = origin(concern.from_form, concern.language) if concern.from_form else "raised in the meeting"
    by = f" by {concern.raised_by.strip()}" if concern.raised_by.strip() and not concern.from_form else ""
    answered = ": " + "; ".join(answers) if answers else ""
    return f"{mark}{answered} — “{' '.join(concern.text.split())}” ({where}{by})"


class FamilyConcerns(Vertical):
    """The family's concerns and what answers each: Enter links, a button adds one."""

    DEFAULT_CSS = stylesheet("family-concerns")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(id="family-concerns", **kwargs)  # type: ignore[arg-type]
        self._lines: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Label("The family's concerns, in their words, and what answers each", classes="list-title", markup=False)
        yield Label(
            "None recorded yet: from the family's input form (import-input), or add one they raise now.",
            id="concerns-empty",
            classes="list-empty",
            markup=False,
        )
        yield Label(
            "Enter on a concern: tick what answers it (a goal, service, accommodation, decision or parked topic).",
            id="concerns-help",
            classes="list-help",
            markup=False,
        )
        yield OptionList(id="concern-list")
        with ButtonRow():
            yield Button("Add a concern the family raises", id="concern-add", compact=True)

    def show(self, plan: Plan) -> None:
        lines = tuple(concern_line(plan, concern) for concern in plan.present_levels.concerns)
        if lines == self._lines:
            return
        self._lines = lines
        options = self.query_one("#concern-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([Option(Text(line)) for line in lines])  # typed text: never markup
        if lines:
            options.highlighted = min(highlighted or 0, len(lines) - 1)
        options.display = self.query_one("#concerns-help").display = bool(lines)
        self.query_one("#concerns-empty").display = not lines

    def reveal(self, path: Path) -> bool:
        """Focus the concern `path` is in (a checklist item's place); whether it is one."""
        if path[: len(LIST_PATH)] != LIST_PATH:
            return False
        options = self.query_one("#concern-list", OptionList)
        index = path[len(LIST_PATH)] if len(path) > len(LIST_PATH) else 0
        if isinstance(index, int) and options.option_count:
            options.highlighted = min(index, options.option_count - 1)
        self.screen.set_focus(options if options.option_count else self.query_one("#concern-add"))
        return True

    @on(OptionList.OptionSelected, "#concern-list")
    def _link(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(ConcernToLink(event.option_index))

    @on(Button.Pressed, "#concern-add")
    def _add(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(ConcernToAdd())
