"""A document as content: headings, paragraphs, tables, lists, as plain values.

Every document the program makes (documents/family_copy.py, full_plan.py,
prior_notice.py, teacher_pages.py) builds a `Document`; a format
(documents/html.py, documents/pdf.py) turns any `Document` into a file, so
each format is written once. Every fixed text comes from `Strings` (the
document's language, words/locale.py); text typed in the meeting is a `Typed`
piece, so every format can mark it as the team's words (and, in a document in
another language, as English) and never read it as markup. Nothing here
reads a file.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterator

import attrs

from iep_meeting.words.locale import Strings

TYPED_LANGUAGE = "en"  # what the team types: the meeting is held in English
SEAL_LENGTH = 12  # how much of a final plan's seal a document shows


@attrs.frozen
class Typed:
    """Text typed in the meeting: shown as typed, marked as the team's words. Also
    other English text shown as it is in a copy in another language (a district's
    words it has not translated), then with its own `tag` for screen readers."""

    text: str
    tag: str = ""  # what a screen reader says it is; "": the document's team_words_tag
    # The language it is in: "" as typed (English, the meeting's language); a
    # translation into the document's language has that language's code.
    language: str = ""
    # The family's own words (their form, their statement at sign-off), not the team's:
    # shown apart from the team's, and named as theirs on the page, not only to a screen reader.
    family: bool = False

    @property
    def lang(self) -> str:
        return self.language or TYPED_LANGUAGE


Piece = str | Typed  # a str is the program's own text, in the copy's language
Line = tuple[Piece, ...]


@attrs.frozen
class Paragraph:
    pieces: Line


@attrs.frozen
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Line, ...], ...]  # the first cell of each row names the row
    widths: tuple[int, ...] = ()  # each column's share of the width in percent; () = as the text needs


@attrs.frozen
class Facts:
    """A goal's facts: (label, value) pairs, in reading order."""

    title: str
    facts: tuple[tuple[str, Line], ...]


@attrs.frozen
class Items:
    items: tuple[Line, ...]


@attrs.frozen
class Terms:
    terms: tuple[tuple[str, str], ...]  # (term, what it means)


@attrs.frozen
class Chart:
    """A small line chart: the points measured and the aim line from `aim[0]` on
    `start` to `aim[1]` on `end`. Drawn as shapes (documents/chart_shapes.py), with
    `caption`, its words made from the data, shown under it; a `Table` of the same
    points beside it is the accessible equivalent."""

    caption: str
    start: dt.date
    end: dt.date
    days: tuple[dt.date, ...]  # the points: each one's day, and its value in `values`
    values: tuple[float, ...]
    aim: tuple[float, float] | None
    labels: tuple[str, str]  # the start and the end in words
    legend: tuple[str, str]  # what the points are, what the aim line is

    @property
    def points(self) -> tuple[tuple[dt.date, float], ...]:
        """Each point as (its day, its value)."""
        return tuple(zip(self.days, self.values, strict=True))


@attrs.frozen
class WriteIn:
    """A question of a paper form: its words, a hint, and ruled lines to write the answer on."""

    question: str
    hint: str
    lines: int


Block = Paragraph | Table | Facts | Items | Terms | Chart | WriteIn


@attrs.frozen
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]
    new_page: bool = False  # printed from the top of a page (a teacher's page, a notice)


@attrs.frozen
class Document:
    kind: str  # "family", "full", "notice", "teachers", "progress", "agenda", "proposal", "paper-form"
    language: str
    title: str
    draft_mark: str  # "" for a final plan
    status_note: str
    team_words_note: str
    team_words_tag: str
    intro: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    # What a screen reader says of the team's words still in English, in a document
    # in another language (documents/in_language.py); "": team_words_tag.
    english_tag: str = ""

    def tag_of(self, piece: Typed) -> str:
        """What a screen reader is told a typed piece is, once per section."""
        if piece.tag:
            return piece.tag
        if self.english_tag and piece.lang != self.language:
            return self.english_tag
        return self.team_words_tag

    def texts(self) -> Iterator[Piece]:
        """Every piece of text in the document, in order."""
        yield self.title
        yield self.status_note
        for paragraph in self.intro:
            yield from paragraph.pieces
        for section in self.sections:
            yield section.heading
            for block in section.blocks:
                yield from block_texts(block)


def block_texts(block: Block) -> Iterator[Piece]:
    if isinstance(block, Paragraph):
        yield from block.pieces
    elif isinstance(block, Table):
        yield block.caption
        yield from block.headers
        for row in block.rows:
            for cell in row:
                yield from cell
    elif isinstance(block, Facts):
        yield block.title
        for label, value in block.facts:
            yield label
            yield from value
    elif isinstance(block, Items):
        for item in block.items:
            yield from item
    elif isinstance(block, Chart):
        yield block.caption
        yield from block.labels
        yield from block.legend
    elif isinstance(block, WriteIn):
        yield block.question
        yield block.hint
    else:
        for term, means in block.terms:
            yield term
            yield means


# An email address or a web address in any text: a link, copied whole. Each part is
# at most as long as an address can be (RFC 5321: 64 characters before the @; a web
# address of some 2,000), so a long run of letters is text, never one unbreakable
# link, and the search stays linear in the text's length (unbounded, 50,000
# letters before an "@" took it minutes).
_LINK = re.compile(
    r"(?P<email>(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?![\w-]))"
    r"|(?P<web>(?<![\w.-])(?=[^\s<>\"']{1,2000}(?:[\s<>\"']|$))(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]])",
    re.IGNORECASE,
)


def may_link(text: str) -> bool:
    """Whether `text` may hold an address: most do not, and need no regex run over them."""
    return "@" in text or "://" in text or "ww." in text or "WW." in text


def linked(text: str) -> list[tuple[str, str]]:
    """`text` in runs of (text, where it links to: "mailto:…", "https://…", or "")."""
    if not may_link(text):
        return [(text, "")]
    runs: list[tuple[str, str]] = []
    start = 0
    for match in _LINK.finditer(text):
        if match.start() > start:
            runs.append((text[start : match.start()], ""))
        found = match.group()
        if match.group("email"):
            href = f"mailto:{found}"
        else:
            href = found if found.lower().startswith("http") else f"https://{found}"
        runs.append((found, href))
        start = match.end()
    if start < len(text) or not runs:
        runs.append((text[start:], ""))
    return runs


def typed(text: str) -> Line:
    """Typed text as a line: nothing when the team left it empty."""
    stripped = text.strip()
    return (Typed(stripped),) if stripped else ()


def date_words(strings: Strings, day: object) -> str:
    """A date the language's way; "" when there is none."""
    return strings.date(day) if isinstance(day, dt.date) else ""


def fill(s: Strings, key: str, **values: Piece) -> Line:
    """The string for `key` as pieces: a `Typed` value stays a `Typed` piece
    (the team's words), so a format can mark it inside the program's sentence."""
    line: list[Piece] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(s.raw(key)):
        if literal:
            line.append(literal)
        if name is not None:
            value = values[name]
            line.append(value if isinstance(value, Typed) else str(value))
    return tuple(line)
