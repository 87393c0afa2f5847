"""A row of buttons that never cuts a label.

Textual lays a row out side by side whatever its width, so at 80 columns the
last button of a row was cut ("Move dow"). A `ButtonRow` keeps its buttons
side by side when they fit, puts them in two columns when they do not, and in
one when even two do not; a label longer than the whole row wraps at a word
(`max-width: 100%`). The choice is worked out from the labels and the styles,
not from the laid-out sizes, so it cannot flip back and forth as it relayouts.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.containers import Horizontal
from textual.widgets import Button

from iep_meeting.tui.styles import stylesheet


def natural_width(button: Button) -> int:
    """The cells a button takes side by side with others: its label, padding, border and margins."""
    styles = button.styles
    width = cell_len(str(button.label)) + 2 * styles.line_pad + styles.gutter.width
    min_width = styles.min_width
    if min_width is not None and min_width.is_cells:
        width = max(width, int(min_width.value))
    return width + styles.margin.width


def column_widths(widths: list[int], room: int) -> list[int]:
    """The widths of the columns that buttons as wide as `widths` (in order) are
    put in, to fit in `room` cells: one column each when all fit side by side,
    else two, else one."""
    if sum(widths) <= room or len(widths) <= 1:
        return widths
    two = [max(widths[0::2]), max(widths[1::2])]
    if sum(two) <= room:
        return two
    return [min(max(widths), room)]


class ButtonRow(Horizontal):
    DEFAULT_CSS = stylesheet("button-row")

    def on_resize(self, event: events.Resize) -> None:
        self.fit_columns(event.size.width)

    def on_mount(self) -> None:
        if self.size.width:
            self.fit_columns(self.size.width)

    def fit_columns(self, room: int) -> None:
        buttons = [child for child in self.children if isinstance(child, Button) and child.display]
        widths = [natural_width(b) for b in buttons]
        columns = column_widths(widths, room)
        side_by_side = columns == widths
        self.set_class(not side_by_side and len(columns) == 2, "-two-columns")
        self.set_class(not side_by_side and len(columns) == 1, "-one-column")
        if not side_by_side and len(columns) == 2:
            self.styles.grid_columns = " ".join(str(width) for width in columns)
