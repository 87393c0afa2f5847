"""F6 on the progress screen: the goal's words from the progress file in the
family's language, for the interpreter or a bilingual staff member: each text
the family's report shows (the period reports' narratives and reasons, the
units and who measured) in English, with its translation below; what is out of
date or missing first, and a count of what remains. Each translation is added
to the progress file with who made it and when (the file is only added to: a
text translated again, the last counts; one out of date is shown to start from,
and recorded again only when edited); the family's report in that language
shows it (documents/export.py). Typed text is shown literally (never markup).
"""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, TextArea

from iep_meeting.model.goal_progress import ProgressRecord, goal_texts, latest_first
from iep_meeting.model.plan import Goal, Plan, Translation
from iep_meeting.model.translations import TranslationState, TypedText, normalized, states_of, translated
from iep_meeting.tui.commands import KeyNames
from iep_meeting.tui.progress.entry_dialog import EntryDialog
from iep_meeting.tui.screens.translations import STATE_MARKS, default_translator
from iep_meeting.words.phrases import plural

CSS = """
TranslateDialog > .dialog-frame { max-height: 96%; }
TranslateDialog .dialog-frame TextArea { height: 3; }
"""


def text_label(item: TypedText, record: ProgressRecord) -> str:
    """What a text of the progress file is, in words, by its place in `record`:
    "The report to 2026-06-15, the team's narrative"."""
    part, at, field = item.path
    if part == "reports":
        words = "the team's narrative" if field == "narrative" else "why progress is not enough"
        return f"The report to {record.reports[int(at)].period}, {words}"
    return "A unit points are measured in" if field == "unit" else "Who measures, by role"


class TranslateDialog(EntryDialog[tuple[Translation, ...]]):
    """The goal's progress texts in `language`; dismissed with the translations made, or None."""

    DEFAULT_CSS = EntryDialog.DEFAULT_CSS + CSS

    def __init__(
        self, plan: Plan, record: ProgressRecord, goal: Goal, language: str, today: dt.date, keys: KeyNames
    ) -> None:
        super().__init__(plan, record, today, keys)
        self.goal, self.language = goal, language
        self.entries = states_of(goal_texts(record, goal.id), latest_first(record.translations), language)

    def compose(self) -> ComposeResult:
        to_do = sum(state is not TranslationState.CURRENT for _, state, _ in self.entries)
        with VerticalScroll(classes="dialog-frame"):
            yield Label(f"{self.goal.id} in {self.language}", classes="dialog-title", markup=False)
            yield Label(
                f"{to_do} of {plural(len(self.entries), 'text')} still to translate. The family's report in "
                f"{self.language} shows each translation in place of the English.",
                markup=False,
            )
            for number, (item, state, translation) in enumerate(self.entries):
                yield Label(
                    f"{STATE_MARKS[state]} · {text_label(item, self.record)}:\n{item.text.strip()}", markup=False
                )
                yield TextArea(
                    translation.text if translation else "", id=f"text-{number}", soft_wrap=True, compact=True
                )
            yield Label("Translated by (name, role)", markup=False)
            yield Input(default_translator(self.plan), id="by", compact=True)
            yield from self.closing_lines()

    def on_mount(self) -> None:
        self.query_one("#text-0", TextArea).focus()

    def action_record(self) -> None:
        by = self.value("by")
        made = []
        for number, (item, _, translation) in enumerate(self.entries):
            text = self.query_one(f"#text-{number}", TextArea).text.strip()
            # One out of date is recorded again only when edited: kept as it was, it stays out of date.
            unchanged = translation is not None and normalized(text) == normalized(translation.text)
            if text and not unchanged:
                made.append(translated(item, self.language, text, by, self.today))
        if not by:
            self.refused(["who translated: a name and role"])
        elif not made:
            self.refused(["nothing new: type a translation under a text"])
        else:
            self.dismiss(tuple(made))
