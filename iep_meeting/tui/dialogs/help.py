"""F1: every key, from the same table the bindings are made from (with the
user's own keys, when keys.toml remaps some)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, VerticalScroll
from textual.widgets import Label

from iep_meeting.tui.commands import BUILT_IN_KEYS, COMMANDS, KeyNames, Scope
from iep_meeting.tui.context import keys
from iep_meeting.tui.dialogs.frame import Dialog
from iep_meeting.tui.styles import stylesheet

GROUPS = (Scope.MEETING, Scope.LIST, Scope.LOG, Scope.DIALOG, Scope.APP)


def key_groups(names: KeyNames) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(key, what it does)]) for every command, by where it works."""
    groups = []
    for scope in GROUPS:
        rows = [
            (names.key(c.id).replace(",", ", "), f"{c.title}: {c.help}" if c.title != c.help else c.help)
            for c in COMMANDS
            if c.scope is scope
        ]
        if scope is Scope.APP:
            rows = list(BUILT_IN_KEYS) + rows
        groups.append((scope.value[0].upper() + scope.value[1:], rows))
    return groups


class HelpScreen(Dialog[None]):
    DEFAULT_CSS = stylesheet("help-screen")
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog-frame"):
            yield Label("Keys — Escape closes this help", classes="help-title")
            for title, rows in key_groups(keys(self)):
                yield Label(title, classes="help-title")
                with Grid():
                    for key, text in rows:
                        yield Label(key, classes="key", markup=False)
                        yield Label(text, markup=False)
