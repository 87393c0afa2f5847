"""The words on screen, explained (its key): the IEP words the screen shows
(FAPE, LRE, present levels, ESY, Prior Written Notice, related services, …)
in plain words, from the glossary of the family's copy (the locale's
`glossary.*`, documents/family_copy.py), so the room hears the same
explanation the family reads later. The words on screen come first; the rest
of the glossary follows."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Label, OptionList, Static

from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet
from iep_meeting.words.locale import Strings


def words_on(screen: Screen[Any]) -> str:
    """The text the screen shows now: every label and text shown, and the agenda's titles."""
    texts: list[str] = []
    for widget in screen.walk_children(Widget):
        if not widget.display or not widget.region.area:
            continue
        if isinstance(widget, Static):
            texts.append(str(widget.render()))
        elif isinstance(widget, OptionList):
            texts += [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    return "\n".join(texts)


def explained(text: str, s: Strings) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(the glossary's words that `text` uses, the glossary's other words), each as (term, what it means)."""
    from iep_meeting.documents.family_copy import GLOSSARY_TERMS, used_terms

    used = used_terms(text, s)
    pairs = {term: (s.text(f"glossary.{term}.term"), s.text(f"glossary.{term}.means")) for term in GLOSSARY_TERMS}
    return [pairs[t] for t in used], [pairs[t] for t in GLOSSARY_TERMS if t not in used]


def terms_text(pairs: list[tuple[str, str]]) -> Text:
    text = Text()
    for term, means in pairs:
        text.append(term, style="bold")
        text.append(f": {means}\n")
    text.rstrip()
    return text


class GlossaryDialog(Dialog[None]):
    DEFAULT_CSS = stylesheet("glossary-dialog")

    def __init__(self, under: Screen[Any], strings: Strings) -> None:
        super().__init__()
        self.on_screen, self.others = explained(words_on(under), strings)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-frame"):
            yield Label("The words on the screen, in plain words", classes="dialog-title", markup=False)
            with VerticalScroll(id="glossary-scroll"):
                if self.on_screen:
                    yield Static(terms_text(self.on_screen), id="glossary-on-screen")
                yield Label("Other words of an IEP meeting", classes="glossary-heading", markup=False)
                yield Static(terms_text(self.others), id="glossary-others")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#glossary-scroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)
