"""Pick an agenda section to jump to."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..model.agenda import Section
from ..model.progress import SectionStatus


class SectionPicker(ModalScreen[str | None]):
    DEFAULT_CSS = """
    SectionPicker { align: center middle; }
    SectionPicker > Vertical { width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1; }
    SectionPicker OptionList { height: auto; max-height: 20; border: none; }
    """
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, rows: list[tuple[Section, SectionStatus]], current_id: str) -> None:
        super().__init__()
        self.rows, self.current_id = rows, current_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Go to which section? (Enter to go, Escape to stay)")
            options = [
                Option(Text(f"{n}. {s.title} — {st.symbol} {st.word}, {s.minutes} min"), id=s.id)
                for n, (s, st) in enumerate(self.rows, start=1)
            ]
            yield OptionList(*options)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = next((i for i, (s, _) in enumerate(self.rows) if s.id == self.current_id), 0)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
