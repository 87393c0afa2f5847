"""A document (documents/document.py) as a tagged, accessible PDF, made by typst.

The layout is the typst template `document.typ` beside this module (package
data); the document goes to it as JSON in `sys.inputs`, so every text, typed
or fixed, is data the template places as a string: typst shows a string as
it is and never reads it as markup or code. It shows what documents/html.py
shows: title, status (a draft's mark in the header of every page), intro,
the note on the team's words, sections with headings, tables with header
rows, a goal's facts label beside value, lists and the glossary; the team's
typed words in a thin dashed box, marked as English in a copy in another
language.

The file is PDF/UA-1 (tagged, with a title and the document's language),
US Letter, 13 pt text, left-aligned. Only the fonts inside typst are used
(a laptop's own fonts never change the file) and the creation date is the
day it is made for, so the same document and day give the same bytes on
every machine.

Every text goes through `words.visible.visible` (control characters shown,
never sent). The typst fonts have no glyph for some characters (the control
pictures visible() uses, Chinese, emoji); a PDF/UA file may not show a
missing glyph, so a control picture is shown by its name ("⟨ESC⟩", as
visible() names a direction override) and any other character without a
glyph by its code ("⟨U+4E2D⟩"). The HTML shows them all. A run of 25 or
more characters without a space (a code) may break anywhere, so it never runs
out of its table cell (zero-width spaces in it); an email or web address is a
link instead, kept whole so it copies as it is.

typst is imported only here, and only when a PDF is asked for
(documents/export.py): without it the command says how to print the HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from importlib import resources
from typing import Any, Final

from iep_meeting.documents.chart_shapes import chart_shapes
from iep_meeting.documents.document import (
    Block,
    Chart,
    Document,
    Facts,
    Items,
    Line,
    Paragraph,
    Piece,
    Table,
    Terms,
    Typed,
    linked,
)
from iep_meeting.store.errors import StoreError
from iep_meeting.words.visible import visible

TEMPLATE = "document.typ"
PDF_STANDARD: Final = "ua-1"

NO_TYPST = (
    "a PDF needs the typst package, which is not installed here (pip install typst). "
    "Or make the HTML (--format html) and print it from a web browser: File › Print › Save as PDF."
)

# visible() shows a C0 control as its control picture (ESC is "␛"); no typst font
# has those, so the PDF names them as visible() names a direction override.
_CONTROL_NAMES = (
    *("NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI"),
    *("DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"),
    *("SP", "DEL"),  # U+2420 and U+2421, the pictures of a space and of DEL
)
_CONTROL_PICTURES = {0x2400 + code: f"⟨{name}⟩" for code, name in enumerate(_CONTROL_NAMES)}
_SURROGATES = {code: f"⟨U+{code:04X}⟩" for code in range(0xD800, 0xE000)}


def shown(text: str) -> str:
    """`text` as the PDF shows it: control characters and direction overrides
    shown by visible(), their pictures named."""
    return visible(text).translate(_CONTROL_PICTURES).translate(_SURROGATES)


# --- the document as data -----------------------------------------------------------------------------------------


# A run of 25 or more characters without a space (a code, a long compound word) may
# break anywhere rather than run out of its table cell: a zero-width space between
# its characters. Done here, not in the template: a show rule there costs more than
# the rest of the layout.
_LONG_RUN = re.compile(r"\S{25,}")


def _breakable(text: str) -> str:
    return _LONG_RUN.sub(lambda run: "\u200b".join(run.group()), text)


def _piece(piece: Piece) -> list[dict[str, Any]]:
    """A piece as runs the template places: each email or web address its own run, a
    link kept whole (it copies and searches as it is); a long run of other text breakable."""
    text, typed, lang = (piece.text, True, piece.lang) if isinstance(piece, Typed) else (piece, False, "")
    return [
        {"text": shown(run) if href else _breakable(shown(run)), "typed": typed, "lang": lang, "href": href}
        for run, href in linked(text)
    ]


def _line(pieces: Line) -> list[dict[str, Any]]:
    return [run for piece in pieces for run in _piece(piece)]


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "pieces": _line(block.pieces)}
    if isinstance(block, Items):
        return {"kind": "items", "items": [_line(item) for item in block.items]}
    if isinstance(block, Facts):
        facts = [[shown(label), _line(value)] for label, value in block.facts]
        return {"kind": "facts", "title": shown(block.title), "facts": facts}
    if isinstance(block, Table):
        return {
            "kind": "table",
            "caption": shown(block.caption),
            "headers": [shown(header) for header in block.headers],
            "rows": [[_line(cell) for cell in row] for row in block.rows],
            "widths": list(block.widths) if block.widths else column_shares(block),
        }
    if isinstance(block, Chart):
        return _chart(block)
    assert isinstance(block, Terms)
    return {"kind": "terms", "terms": [[shown(term), shown(means)] for term, means in block.terms]}


def _chart(chart: Chart) -> dict[str, Any]:
    """The chart's shapes in points (documents/chart_shapes.py), its legend and its caption."""
    shapes = chart_shapes(chart)
    return {
        "kind": "chart",
        "width": shapes.width,
        "height": shapes.height,
        "frame": list(shapes.frame),
        "points": [list(point) for point in shapes.points],
        "aim": list(shapes.aim) if shapes.aim is not None else None,
        "ticks": [[y, shown(words)] for y, words in shapes.ticks],
        "labels": [[x, shown(words)] for x, words in shapes.labels],
        "legend": [shown(words) for words in chart.legend],
        "caption": shown(chart.caption),
    }


def column_shares(table: Table) -> list[int]:
    """Each column's share of the width in percent, by its longest text: a long
    column gets more room, never all of it (typst's own sharing gives every long
    column the same)."""
    longest = [len(header) for header in table.headers]
    for row in table.rows:
        for column, cell in enumerate(row[: len(longest)]):
            text = "".join(piece.text if isinstance(piece, Typed) else piece for piece in cell)
            longest[column] = max(longest[column], len(text))
    weights = [math.sqrt(min(max(length, 8), 100)) for length in longest]
    total = sum(weights) or 1.0
    return [round(100 * weight / total) for weight in weights]


def document_data(document: Document) -> dict[str, Any]:
    """Everything the template shows, as plain JSON values (every text through `shown`)."""
    title = shown(document.title)
    mark = shown(document.draft_mark)
    return {
        "language": document.language,
        "title": title,
        "pdf_title": f"{mark} — {title}" if mark else title,
        "footer_title": title,
        "draft_mark": mark,
        "status_note": shown(document.status_note),
        "intro": [{"kind": "paragraph", "pieces": _line(paragraph.pieces)} for paragraph in document.intro],
        "team_words_tag": shown(document.team_words_tag),
        "team_words_note": shown(document.team_words_note),
        "sections": [
            {
                "id": section.id,
                "heading": shown(section.heading),
                "new_page": section.new_page,
                "blocks": [_block(block) for block in section.blocks],
            }
            for section in document.sections
        ],
    }


# --- compiling ----------------------------------------------------------------------------------------------------


def typst_pdf(source: bytes, inputs: dict[str, str], made_on: dt.date | None = None) -> bytes:
    """typst's PDF of `source`: PDF/UA-1, with only typst's own fonts (a laptop's
    fonts never change the file). Raises typst.TypstError."""
    import typst  # document_pdf has checked that it is there

    return typst.compile(
        source,
        format="pdf",
        ignore_system_fonts=True,
        pdf_standards=[PDF_STANDARD],
        sys_inputs=inputs,
        timestamp=None if made_on is None else dt.datetime.combine(made_on, dt.time(), tzinfo=dt.UTC),
    )


# --- characters the fonts cannot show -----------------------------------------------------------------------------

_PROBE = b"""#set document(title: "glyphs")
#set text(lang: "en", font: "Libertinus Serif")
#sys.inputs.text
#strong(sys.inputs.text)
"""
_has_glyph: dict[str, bool] = {}  # what typst's fonts were found to show, in this process
_ASCII = {chr(code) for code in range(0x20, 0x7F)} | {"\n", "\t"}  # typst's fonts show these


def _shows(chars: str) -> bool:
    import typst

    try:
        typst_pdf(_PROBE, {"text": chars})
    except typst.TypstError:
        return False
    return True


def _learn_glyphs(chars: list[str]) -> None:
    """Find which of `chars` typst's fonts can show (in halves: usually all can)."""
    if _shows("".join(chars)):
        _has_glyph.update(dict.fromkeys(chars, True))
    elif len(chars) == 1:
        _has_glyph[chars[0]] = False
    else:
        middle = len(chars) // 2
        _learn_glyphs(chars[:middle])
        _learn_glyphs(chars[middle:])


def with_glyphs_only(text: str) -> str:
    """`text` with each character no typst font has shown by its code ("⟨U+4E2D⟩")."""
    unknown = sorted(set(text) - _ASCII - _has_glyph.keys())
    if unknown:
        _learn_glyphs(unknown)
    for char in sorted(set(text)):
        if not _has_glyph.get(char, True):
            text = text.replace(char, f"⟨U+{ord(char):04X}⟩")
    return text


# --- the file -----------------------------------------------------------------------------------------------------


def template() -> bytes:
    """The typst template (package data)."""
    return resources.files("iep_meeting.documents").joinpath(TEMPLATE).read_bytes()


def document_pdf(document: Document, made_on: dt.date) -> bytes:
    """The document as a PDF/UA-1 file: the same bytes for the same document and `made_on`."""
    try:
        import typst
    except ImportError:
        raise StoreError(NO_TYPST) from None
    # JSON text: a character's replacement (ASCII and "⟨⟩") can never end a string in it.
    data = json.dumps(document_data(document), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    try:
        return typst_pdf(template(), {"document": with_glyphs_only(data)}, made_on)
    except typst.TypstError as error:
        message = " ".join((error.message or str(error)).split())
        raise StoreError(
            f"cannot make the PDF: typst says: {message}. "
            "Make the HTML instead (--format html) and print it from a web browser: File › Print › Save as PDF."
        ) from None
