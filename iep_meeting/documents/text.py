"""A document's section as plain lines of text, for a screen that shows words
only (the presentation view in the terminal): paragraphs, lists as "• …",
facts as "label: value", terms as "term: what it means", a table as a list
(meeting_parts.readable), a chart by its caption. The team's words are shown
as typed; no markup of any kind."""

from __future__ import annotations

from iep_meeting.documents.document import Chart, Facts, Items, Line, Paragraph, Section, Table, Terms
from iep_meeting.documents.meeting_parts import readable


def line_text(line: Line) -> str:
    return "".join(piece if isinstance(piece, str) else piece.text for piece in line).strip()


def section_lines(section: Section) -> list[str]:
    """`section`'s blocks as lines (its heading is not among them); a blank line between blocks."""
    lines: list[str] = []
    for block in readable(section).blocks:
        if lines:
            lines.append("")
        if isinstance(block, Paragraph):
            lines.append(line_text(block.pieces))
        elif isinstance(block, Items):
            lines += [f"• {line_text(item)}" for item in block.items]
        elif isinstance(block, Facts):
            lines.append(block.title)
            lines += [f"  {label}: {line_text(value)}" for label, value in block.facts if line_text(value)]
        elif isinstance(block, Terms):
            lines += [f"{term}: {means}" for term, means in block.terms]
        elif isinstance(block, Chart):
            lines.append(block.caption)
        elif isinstance(block, Table):  # readable() wrote every table as a list
            raise AssertionError("a table left in a readable section")
    return lines
