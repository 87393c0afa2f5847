"""A document (documents/document.py) as a tagged, accessible PDF, made by typst.

The layout is the typst template `document.typ` beside this module (package
data); the document goes to it as JSON in `sys.inputs`, so every text, typed
or fixed, is data the template places as a string: typst shows a string as
it is and never reads it as markup or code. It shows what documents/html.py
shows: title, status (a draft's mark in the header of every page), intro,
the note on the team's words, sections with headings, tables with header
rows, a goal's facts label beside value, lists and the glossary; the team's
typed words in italics, their kind named once a section ("(the team's
words)"), marked as English in a copy in another language.

The file is PDF/UA-1 (tagged, with a title and the document's language),
US Letter, 13 pt text, left-aligned. The creation date is the day it is made
for, so the same document and day give the same bytes.

Every text goes through `words.visible.visible` (control characters shown,
never sent). An email or web address is a link, kept whole so it copies and
searches as it is.

Fonts. typst's own fonts (Libertinus Serif, New Computer Modern) show Latin,
Greek and Cyrillic text; which characters they cover is known
(documents/typst_fonts.py), so a document's characters are checked against
it in one pass. A character they lack (Chinese, Korean, Arabic, an emoji) is
shown with a font of this computer or of the fonts folder the user names
that has it (store/font_files.py: $IEP_MEETING_FONTS, `fonts/` in the
configuration folder, the computer's font folders), embedded in the file like
typst's; only a character no font here has is shown by its code ("⟨U+4E2D⟩"),
and the export says which (`PdfFile.by_code`). The control pictures visible()
uses are named instead ("⟨ESC⟩", as visible() names a direction override).
Without other fonts in play the same document gives the same bytes on every
computer.

Bounds. A PDF is made from at most MAX_PDF_TEXT characters (a line break
counts as LINE_COST of them), checked before typst runs: about 250 pages,
made in seconds and well under 1 GB (bench/pdf_bounds.py measures it); a
bigger document is refused with a message that points to the HTML. A run of
more than 25 characters without a space (a code, a 50,000-letter "word")
gets a zero-width space every 4 characters, so typst may break it there
and lays it out in time linear in its length; more than 30 combining marks
on one letter (Unicode's stream-safe limit) go on a no-break space of their
own. A fact or a table row too long for one page may break across pages.

typst is imported only here, and only when a PDF is asked for
(documents/export.py): without it the command says how to print the HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

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
    WriteIn,
    linked,
)
from iep_meeting.documents.typst_fonts import not_shown_in, typst_ranges
from iep_meeting.store.errors import StoreError
from iep_meeting.store.font_files import FontChoice, FontLibrary, covers
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


def shown(text: str) -> str:
    """`text` as the PDF shows it: control characters and direction overrides
    shown by visible(), their pictures named; long runs made breakable."""
    return breakable(visible(text).translate(_CONTROL_PICTURES))


# --- text typst lays out in bounded time ----------------------------------------------------------------------

LONG_RUN = 25  # a run of more characters than this without a space ...
CHUNK = 4  # ... may break after every CHUNK of them (a table's narrowest column holds about five)
MAX_MARKS = 30  # combining marks on one character, at most (Unicode's stream-safe text, UAX #15)
ZWSP, NBSP = "\u200b", "\u00a0"
_LONG_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_JOINERS = frozenset("\u200c\u200d")  # zero-width (non-)joiners hold emoji and scripts together


def _joins(char: str) -> bool:
    """Whether `char` belongs to the character before it (a combining mark, a joiner)."""
    return char in _JOINERS or unicodedata.category(char)[0] == "M"


def breakable(text: str) -> str:
    """`text` with a zero-width space every CHUNK characters of a run of more than
    LONG_RUN without a space (never inside a letter and its marks), and a
    no-break space to carry the marks past the first MAX_MARKS on one letter.
    typst then lays a 50,000-letter "word" out like as many short words, in
    linear time. (The template once let typst split such runs between every
    two letters: that took it 25 s and 3.6 GB for 1 MB of them.)"""
    if len(text) <= LONG_RUN:
        return text
    return _LONG_RUN.sub(lambda match: _chunked(match.group()), text)


def _chunked(run: str) -> str:
    out: list[str] = []
    since_break = marks = 0
    for char in run:
        if _joins(char):
            marks += 1
            if marks > MAX_MARKS:
                out.append(ZWSP + NBSP)  # the rest of the marks on a base of their own
                since_break, marks = 1, 1
        else:
            if since_break >= CHUNK and (not out or out[-1][-1] not in _JOINERS):
                out.append(ZWSP)
                since_break = 0
            marks = 0
        out.append(char)
        since_break += 1
    return "".join(out)


# --- the document as data -----------------------------------------------------------------------------------------


class _Runs:
    """The pieces of one document as runs the template places. A typed piece's kind
    ("the team's words", "… in English") is said once a section (`tag`), as the
    HTML tells a screen reader (documents/html.py)."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.said: set[str] = set()  # the kinds of typed words named in this section

    def piece(self, piece: Piece) -> list[dict[str, Any]]:
        """A piece as runs: each email or web address its own run, a link kept
        whole (it copies and searches as it is); other text breakable (`shown`)."""
        if isinstance(piece, Typed):
            typed, lang, tag = True, piece.lang, self.document.tag_of(piece)
            if tag in self.said:
                tag = ""
            else:
                self.said.add(tag)
        else:
            typed, lang, tag = False, "", ""
        runs = [
            {"text": _whole(run) if href else shown(run), "typed": typed, "lang": lang, "href": href}
            for run, href in linked(piece.text if isinstance(piece, Typed) else piece)
        ]
        if tag:  # on the first run only (the data stays as long as before: MAX_PDF_TEXT)
            runs[0]["tag"] = shown(tag)
        return runs

    def line(self, pieces: Line) -> list[dict[str, Any]]:
        return [run for piece in pieces for run in self.piece(piece)]

    def block(self, block: Block) -> dict[str, Any]:
        line = self.line
        if isinstance(block, Paragraph):
            return {"kind": "paragraph", "pieces": line(block.pieces)}
        if isinstance(block, Items):
            return {"kind": "items", "items": [line(item) for item in block.items]}
        if isinstance(block, Facts):
            facts = [[shown(label), line(value)] for label, value in block.facts]
            long = sum(_length(value) for _label, value in block.facts) > FACTS_ON_A_PAGE
            return {"kind": "facts", "title": shown(block.title), "facts": facts, "breakable": long}
        if isinstance(block, Table):
            return {
                "kind": "table",
                "caption": shown(block.caption),
                "headers": [shown(header) for header in block.headers],
                "rows": [[line(cell) for cell in row] for row in block.rows],
                "widths": list(block.widths) if block.widths else column_shares(block),
                "breakable": any(_length(cell) > CELL_ON_A_PAGE for row in block.rows for cell in row),
            }
        if isinstance(block, Chart):
            return _chart(block)
        if isinstance(block, WriteIn):
            question, hint = shown(block.question), shown(block.hint)
            return {"kind": "write-in", "question": question, "hint": hint, "lines": block.lines}
        assert isinstance(block, Terms)
        return {"kind": "terms", "terms": [[shown(term), shown(means)] for term, means in block.terms]}


def _whole(text: str) -> str:
    """An address as the PDF shows it: like `shown`, but never broken (documents/document.py
    keeps addresses short: a longer run is text, not a link)."""
    return visible(text).translate(_CONTROL_PICTURES)


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


# A goal's facts are kept on one page, and a table's rows whole, unless their
# text is longer than a page holds (a page of 13 pt text holds some 2,500
# characters; the facts' values get two thirds of its width, a table's cell
# often less than a third): then they may break across pages, as nothing
# would show what runs off the end of a page.
FACTS_ON_A_PAGE = 1200
CELL_ON_A_PAGE = 500


def _length(pieces: Line) -> int:
    return sum(len(piece.text if isinstance(piece, Typed) else piece) for piece in pieces)


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
    runs = _Runs(document)
    intro = [{"kind": "paragraph", "pieces": runs.line(paragraph.pieces)} for paragraph in document.intro]
    sections = []
    for section in document.sections:
        runs.said = set()
        blocks = [runs.block(block) for block in section.blocks]
        sections.append(
            {"id": section.id, "heading": shown(section.heading), "new_page": section.new_page, "blocks": blocks}
        )
    return {
        "language": document.language,
        "title": title,
        "pdf_title": f"{mark} — {title}" if mark else title,
        "footer_title": title,
        "draft_mark": mark,
        "status_note": shown(document.status_note),
        "intro": intro,
        "team_words_tag": shown(document.team_words_tag),
        "team_words_note": shown(document.team_words_note),
        "sections": sections,
    }


# --- compiling ----------------------------------------------------------------------------------------------------


def typst_pdf(
    source: bytes, inputs: dict[str, str], made_on: dt.date | None = None, font_folders: tuple[Path, ...] = ()
) -> bytes:
    """typst's PDF of `source`: PDF/UA-1, with typst's own fonts and those in
    `font_folders` only (no other font of the computer changes the file).
    Raises typst.TypstError."""
    import typst  # document_pdf has checked that it is there

    fonts = typst.Fonts(include_system_fonts=False, font_paths=[str(folder) for folder in font_folders])
    return typst.compile(
        source,
        format="pdf",
        ignore_system_fonts=True,
        font_paths=fonts,
        pdf_standards=[PDF_STANDARD],
        sys_inputs=inputs,
        timestamp=None if made_on is None else dt.datetime.combine(made_on, dt.time(), tzinfo=dt.UTC),
    )


# --- how much a PDF holds ---------------------------------------------------------------------------------------

# The most text a PDF is made from, as typst is given it (the document as JSON):
# about 250 pages. Measured with bench/pdf_bounds.py on a 2-core laptop (busy
# with other work), the slowest text at this size, Arabic (typst shapes it
# letter by letter in context), took 8 s and 440 MB; Chinese with the
# computer's font 5 s; English 2.3 s and 230 MB. A line break costs typst what
# some 25 characters do.
MAX_PDF_TEXT = 500_000
LINE_COST = 25


def text_size(data: str) -> int:
    """How much text the document given to typst holds, line breaks weighed in."""
    return len(data) + LINE_COST * data.count("\\n")


def too_much_text(size: int) -> str:
    return (
        f"cannot make the PDF: this document holds {size:,} characters of text (a line break counts as "
        f"{LINE_COST}), and a PDF is made from at most {MAX_PDF_TEXT:,} (about 250 pages), so that making it "
        "takes seconds and well under 1 GB. Make the HTML instead (--format html): it holds any length, and a "
        "web browser prints it (File › Print › Save as PDF)."
    )


# --- characters no font has ---------------------------------------------------------------------------------------

_ASCII = frozenset(chr(code) for code in range(0x20, 0x7F))  # typst's fonts show these


def without_glyphs(text: str) -> list[str]:
    """The characters of `text` typst's own fonts cannot show: one pass over its distinct characters."""
    ranges = typst_ranges()
    return sorted(char for char in set(text) - _ASCII if not covers(ranges, ord(char)))


def by_code(text: str, chars: list[str] | set[str]) -> str:
    """`text` with each of `chars` shown by its code ("⟨U+4E2D⟩")."""
    return text.translate({ord(char): f"⟨U+{ord(char):04X}⟩" for char in chars}) if chars else text


@attrs.frozen
class PdfFile:
    """A PDF made, and what the reader should know about it."""

    data: bytes
    by_code: tuple[str, ...] = ()  # characters no font here has: shown by their code
    fonts: tuple[Path, ...] = ()  # font files of this computer that show characters typst's own lack


# --- the file -----------------------------------------------------------------------------------------------------


def template() -> bytes:
    """The typst template (package data)."""
    return resources.files("iep_meeting.documents").joinpath(TEMPLATE).read_bytes()


def document_pdf(document: Document, made_on: dt.date, fonts: FontLibrary | None = None) -> bytes:
    """The document as a PDF/UA-1 file: the same bytes for the same document, `made_on` and fonts."""
    return pdf_file(document, made_on, fonts).data


def pdf_file(document: Document, made_on: dt.date, fonts: FontLibrary | None = None) -> PdfFile:
    """The document as a PDF/UA-1 file. Characters typst's own fonts lack are
    shown with a font of `fonts` that has them (none: by their code). Raises
    StoreError, before typst runs, for more text than MAX_PDF_TEXT."""
    try:
        import typst
    except ImportError:
        raise StoreError(NO_TYPST) from None
    # JSON text: a character's replacement (ASCII and "⟨⟩") can never end a string in it.
    data = json.dumps(document_data(document), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    missing = without_glyphs(data)
    choice = fonts.choose(missing) if fonts is not None and missing else FontChoice()
    coded = [char for char in missing if char not in choice.covered]
    size = text_size(by_code(data, coded))
    if size > MAX_PDF_TEXT:
        raise StoreError(too_much_text(size))
    for attempt in (1, 2):
        try:
            pdf = typst_pdf(template(), {"document": by_code(data, coded)}, made_on, choice.folders)
        except typst.TypstError as error:
            # A font that said it has a character and does not draw it: shown by its code, once more.
            failed = not_shown_in(error) - set(coded)
            if attempt == 1 and failed:
                coded = sorted({*coded, *failed})
                continue
            message = " ".join((error.message or str(error)).split())
            raise StoreError(f"cannot make the PDF: typst says: {message}. {HTML_INSTEAD}") from None
        except BaseException as error:  # typst's own crash (a Rust panic), which is no Exception
            if type(error).__name__ != "PanicException":
                raise
            raise StoreError(f"cannot make the PDF: typst stopped with an internal error. {HTML_INSTEAD}") from None
        return PdfFile(pdf, tuple(coded), tuple(path for path in choice.files))
    raise AssertionError("unreachable")  # the loop returns or raises


HTML_INSTEAD = "Make the HTML instead (--format html) and print it from a web browser: File › Print › Save as PDF."
