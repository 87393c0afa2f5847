"""The last step before the terminal: every line the app draws shows control
characters instead of sending them (words/visible.py), whatever widget drew it
and wherever its text came from."""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from iep_meeting.words.visible import visible_line


class VisibleControls(LineFilter):
    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment
            if segment.control or segment.text.isprintable()
            else Segment(visible_line(segment.text), segment.style)
            for segment in segments
        ]
