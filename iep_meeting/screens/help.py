"""F1: every key, from the same table the bindings are made from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label

from ..commands import GENERAL_KEYS, LIST_KEYS, MEETING_COMMANDS


def key_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        ("During the meeting", [(c.key, f"{c.title}: {c.help}") for c in MEETING_COMMANDS]),
        ("In a list", list(LIST_KEYS)),
        ("Anywhere", list(GENERAL_KEYS)),
    ]


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 2; }
    HelpScreen .help-title { text-style: bold; margin: 1 0 0 0; }
    HelpScreen Grid { grid-size: 2; grid-columns: 20 1fr; height: auto; grid-gutter: 0 1; }
    HelpScreen Grid Label { width: 100%; }
    HelpScreen .key { color: $accent; text-style: bold; }
    """
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("Keys — Escape closes this help", classes="help-title")
            for title, rows in key_groups():
                yield Label(title, classes="help-title")
                with Grid():
                    for key, text in rows:
                        yield Label(key, classes="key", markup=False)
                        yield Label(text, markup=False)
