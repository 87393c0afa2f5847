"""F1: every key, from the same table the bindings are made from."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ..commands import GENERAL_KEYS, LIST_KEYS, MEETING_COMMANDS


def keys_table() -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, box=None, padding=(0, 2))
    table.add_column("Key", no_wrap=True)
    table.add_column("What it does")
    table.add_row("[b]During the meeting[/b]", "")
    for command in MEETING_COMMANDS:
        table.add_row(command.key, f"{command.title}: {command.help}")
    table.add_row("", "")
    table.add_row("[b]In a list[/b]", "")
    for key, text in LIST_KEYS:
        table.add_row(key, text)
    table.add_row("", "")
    table.add_row("[b]Anywhere[/b]", "")
    for key, text in GENERAL_KEYS:
        table.add_row(key, text)
    return table


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 100; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 1 2; }
    """
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("Keys (Escape closes this help)\n")
            yield Static(keys_table())
