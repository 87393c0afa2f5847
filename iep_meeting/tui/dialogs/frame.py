"""The frame every dialog shares: centred over the dimmed meeting, a border
(the warning colour when it asks before something that cannot be undone),
a bold title, and the buttons at the bottom right (styles/dialogs.tcss)."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen

from iep_meeting.tui.commands import BY_ID, bindings
from iep_meeting.tui.styles import stylesheet

Result = TypeVar("Result")


class Dialog(ModalScreen[Result]):
    """Compose its content inside a container with the class "dialog-frame".
    The cancel key (Escape, unless remapped) closes it with no result."""

    DEFAULT_CSS = stylesheet("dialog")
    SCOPED_CSS = False  # the frame's rules are for every dialog

    BINDINGS = bindings([BY_ID["dialog-cancel"]], priority=False)

    # On a short screen (80x24) a dialog's long part (a list, the fields) takes
    # only the height left, so that its buttons stay on screen: "-short" in its
    # styles. A dialog taller than this needs sets its own (DecisionDialog).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (36, "-tall")]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def __init__(self, *, warning: bool = False, classes: str = "") -> None:
        super().__init__(classes=" ".join(filter(None, ("dialog", "-warning" if warning else "", classes))))
