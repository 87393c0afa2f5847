"""The translation view (ctrl+l): each text the team typed beside its version in
the family's language, for the interpreter or a bilingual staff member, during
the meeting or after it (a final plan takes translations outside its seal).

What is missing or out of date comes first, with a count of what remains. All
by keyboard: ↑/↓ choose a text, Tab goes to its translation, ctrl+s keeps it
and goes on to the next one still to do, Escape goes back. Each translation is
kept through the session (`record_translation`), saved like any other change.
Typed text is shown literally (never markup).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from iep_meeting.meeting.publish import Change
from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model.places import place_words
from iep_meeting.model.plan import Plan, Role, Translation
from iep_meeting.model.translations import (
    TranslationState,
    TypedText,
    family_languages,
    states,
    translated,
)
from iep_meeting.store.errors import StoreError
from iep_meeting.tui.commands import BY_ID, TRANSLATION_COMMANDS, bindings
from iep_meeting.tui.context import keys, meeting, session
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.key_bar import KeyBar
from iep_meeting.tui.widgets.meeting_bar import MeetingBar
from iep_meeting.words.phrases import plural

# How each state is marked in the list: a sign and a word, never colour alone.
STATE_MARKS = {
    TranslationState.MISSING: "○ to translate",
    TranslationState.OUT_OF_DATE: "! out of date",
    TranslationState.CURRENT: "✓ translated",
}

Entry = tuple[TypedText, TranslationState, Translation | None]


def default_translator(plan: Plan) -> str:
    """Who translates, as the plan suggests it: the interpreter on the team."""
    for member in plan.team:
        if member.role is Role.INTERPRETER and member.name.strip():
            return f"{member.name.strip()}, {member.title.strip() or 'interpreter'}"
    return plan.meeting.interpreter.strip()


def remaining_text(entries: list[Entry]) -> str:
    """ "12 of 40 texts still to translate (3 out of date)"; or that all are done."""
    to_do = sum(state is not TranslationState.CURRENT for _, state, _ in entries)
    stale = sum(state is TranslationState.OUT_OF_DATE for _, state, _ in entries)
    if not entries:
        return "the plan has no typed text to translate yet"
    if not to_do:
        return f"all {plural(len(entries), 'text')} translated"
    return f"{to_do} of {plural(len(entries), 'text')} still to translate" + (
        f" ({stale} out of date)" if stale else ""
    )


class TranslationScreen(Screen[None]):
    """The team's texts in a list, the chosen one in English with its translation below."""

    DEFAULT_CSS = stylesheet("translation-screen")

    BINDINGS = [
        *bindings(TRANSLATION_COMMANDS),
        # The meeting's own key closes it again.
        Binding(BY_ID["translations"].key, "close", show=False, priority=True, id="translations"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.languages: tuple[str, ...] = ()
        self.language = ""
        self.entries: list[Entry] = []
        self._chosen_key = ""  # the text shown, by its key: it stays chosen when the list is re-sorted

    @property
    def session(self) -> MeetingSession:
        return session(self)

    def compose(self) -> ComposeResult:
        yield MeetingBar()
        yield Label("", id="tr-title", markup=False)
        yield Label("", id="tr-problem", markup=False)
        with Horizontal(id="tr-body"):
            yield OptionList(id="tr-list")
            with Vertical(id="tr-detail"):
                yield Label("", id="tr-where", markup=False)
                yield Label("English (what the team typed)", classes="tr-label")
                yield Static("", id="tr-english", markup=False)
                yield Label("", id="tr-text-label", classes="tr-label", markup=False)
                yield TextArea("", id="tr-text", soft_wrap=True, show_line_numbers=False)
                yield Label("", id="tr-stale", markup=False)
                yield Label("Translated by", classes="tr-label")
                yield Input(default_translator(self.session.plan), id="tr-by", placeholder="Name, role")
        yield KeyBar()

    def on_mount(self) -> None:
        self.languages = family_languages(self.session.plan)
        self.language = self.languages[0] if self.languages else ""
        problem = self.query_one("#tr-problem", Label)
        if not self.language:
            problem.update(
                "The plan names no family language other than English (the student's home language or a "
                "guardian's language, in Welcome and start-up): there is nothing to translate into yet."
            )
        elif not self.session.writable_file:
            problem.update(f"Read-only: {self.session.file_readonly_reason}.")
        problem.set_class(bool(problem.content), "-shown")
        meeting(self).plan_changed.subscribe(self, self._plan_changed, immediate=True)
        self.refresh_view()
        self.query_one(OptionList).focus()

    def _plan_changed(self, change: Change[Plan]) -> None:
        if change.by is not self:  # typed elsewhere (a dialog, the meeting): the texts may be new
            self.refresh_view(keep_order=True)

    # showing the texts

    def refresh_view(self, *, keep_order: bool = False) -> None:
        """Show the texts and their states. `keep_order`: in the order shown (the list
        does not jump while the interpreter works down it); else to do first."""
        fresh = states(self.session.plan, self.language) if self.language else []
        options = self.query_one(OptionList)
        shown = [item.key for item, _, _ in self.entries]
        if keep_order and sorted(shown) == sorted(item.key for item, _, _ in fresh):
            by_key = {entry[0].key: entry for entry in fresh}
            self.entries = [by_key[item.key] for item, _, _ in self.entries]
            for index, entry in enumerate(self.entries):
                options.replace_option_prompt_at_index(index, self._label(entry))
        else:
            self.entries = fresh
            options.set_options(Option(self._label(entry), id=entry[0].key) for entry in self.entries)
        self._show_title()
        self.query_one("#tr-body").display = bool(self.entries)
        self.refresh_bindings()
        index = next((i for i, (item, _, _) in enumerate(self.entries) if item.key == self._chosen_key), 0)
        if self.entries:
            options.highlighted = index
            self._show(index)

    def _label(self, entry: Entry) -> Text:
        item, state, _ = entry
        label = Text(f"{STATE_MARKS[state]} · ", style="bold" if state is not TranslationState.CURRENT else "")
        label.append(place_words(self.session.plan, item.path))
        return label

    def _show_title(self) -> None:
        names = keys(self)
        title = f"Translations into {self.language}" if self.language else "Translations"
        switch = f" · {names('translation-language')} other language" if len(self.languages) > 1 else ""
        self.query_one("#tr-title", Label).update(
            f"{title} · {remaining_text(self.entries)} · Tab to the translation · "
            f"{names('translation-keep')} keeps it{switch} · {names('translation-close')} goes back"
        )

    def _show(self, index: int) -> None:
        item, state, translation = self.entries[index]
        self._chosen_key = item.key
        self.query_one("#tr-where", Label).update(place_words(self.session.plan, item.path))
        self.query_one("#tr-english", Static).update(Text(item.text))
        self.query_one("#tr-text-label", Label).update(f"{self.language} (the translation)")
        self.query_one("#tr-text", TextArea).load_text(translation.text if translation else "")
        stale = self.query_one("#tr-stale", Label)
        if state is TranslationState.OUT_OF_DATE and translation is not None:
            when = f" on {translation.date}" if translation.date else ""
            stale.update(
                f"Out of date: the English changed after it was translated{when}. The old translation is "
                "above to start from; documents leave it out until it is kept again."
            )
        else:
            stale.update("")
        stale.set_class(state is TranslationState.OUT_OF_DATE, "-shown")

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index < len(self.entries):
            self._show(event.option_index)

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.query_one("#tr-text", TextArea).focus()

    # keeping a translation

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "keep" and not (self.entries and self.session.writable_file):
            return None
        if action == "other_language" and len(self.languages) < 2:
            return None
        return True

    def action_keep(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.entries:
            return
        item = self.entries[index][0]
        text = self.query_one("#tr-text", TextArea).text
        by = self.query_one("#tr-by", Input).value.strip()
        made = translated(item, self.language, text, by, self.session.now().date())
        try:
            self.session.record_translation(made, by=self)
        except StoreError as error:
            self.notify(f"The translation was not kept: {error}", severity="error", markup=False, timeout=10)
            return
        self.refresh_view(keep_order=True)
        self._chosen_key = self._next_to_do(index)
        self.refresh_view(keep_order=True)
        self.notify("Kept." if text.strip() else "Translation removed.", timeout=2)
        self.query_one("#tr-text", TextArea).focus()

    def _next_to_do(self, kept: int) -> str:
        """The key of the next text still to translate after the one at `kept`
        (from the top again after the last); that one's when none is left."""
        count = len(self.entries)
        for step in range(1, count + 1):
            item, state, _ = self.entries[(kept + step) % count]
            if state is not TranslationState.CURRENT:
                return item.key
        return self.entries[kept][0].key

    def action_other_language(self) -> None:
        if len(self.languages) > 1:
            self.language = self.languages[(self.languages.index(self.language) + 1) % len(self.languages)]
            self._chosen_key = ""
            self.refresh_view()

    def action_close(self) -> None:
        self.dismiss(None)
