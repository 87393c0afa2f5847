"""A document (documents/document.py) as one self-contained HTML file.

No network, no scripts: the styles are inside the file, and it prints as it
reads (12 pt or more, left-aligned, A4 or Letter). The page's `lang` is the copy's
language; the team's typed words are marked (a box, and "the team's words"
for a screen reader), with `lang="en"` in a copy in another language. Every
text, typed or fixed, goes through `html.escape`: nothing in a plan can add
markup. A draft's mark is in a page margin box, which a browser prints on every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape as html_escape
from itertools import chain

from iep_meeting.documents.chart_shapes import BOTTOM, HEIGHT, LEFT, RIGHT, TOP, WIDTH, Known, chart_places
from iep_meeting.documents.document import (
    TYPED_LANGUAGE,
    Block,
    Chart,
    Document,
    Facts,
    Items,
    Line,
    Paragraph,
    Section,
    Table,
    Terms,
    Typed,
    WriteIn,
    block_texts,
    linked,
    may_link,
)
from iep_meeting.words.visible import visible


def escape(text: str) -> str:
    """HTML-escaped, with control characters and direction overrides shown, never sent."""
    text = visible(text)
    if "&" in text or "<" in text or ">" in text or '"' in text or "'" in text:
        return html_escape(text)
    return text  # most texts have nothing to escape: five quick tests, not five replacements


def with_links(text: str) -> str:
    """`text` escaped, each email and web address in it a link (its text copied whole)."""
    if not may_link(text):
        return escape(text)
    return "".join(f'<a href="{escape(href)}">{escape(run)}</a>' if href else escape(run) for run, href in linked(text))


STYLE = """
html { font-family: "Atkinson Hyperlegible", Verdana, "DejaVu Sans", Arial, sans-serif; }
body { font-size: 13pt; line-height: 1.45; text-align: left; color: #111; background: #fff;
       max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0.2em 0 0.4em; }
h2 { font-size: 16pt; margin: 1.2em 0 0.4em; border-bottom: 2px solid #333; }
h3 { font-size: 14pt; margin: 1em 0 0.3em; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; }
caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
th, td { border: 1px solid #555; padding: 0.3em 0.45em; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
caption, dd, li, p { overflow-wrap: anywhere; }
a { color: #0b4f9c; }
th { background: #eee; }
tbody th { font-weight: normal; background: #f6f6f6; }
/* Label beside its value: a goal's five parts take five lines, not ten. */
dl.facts, dl.terms { display: grid; grid-template-columns: minmax(8em, 30%) 1fr; column-gap: 0.8em; row-gap: 0.3em; }
dl.facts dt, dl.terms dt { font-weight: bold; }
dl.facts dd, dl.terms dd { margin: 0; }
/* The team's words: a light box, so a long text stays easy to read. */
.typed { background: #f4f5f7; border: 1px dashed #b4b8bf; border-radius: 0.2em; padding: 0 0.2em;
         white-space: pre-line; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.tag { position: absolute; left: -10000px; }
/* The family's own words: a solid box of their own, named on the page ("your own words"). */
.typed.family { background: #fff8e8; border: 1px solid #8a6d1f; }
.own-tag { font-size: 0.85em; font-style: normal; }
figure.chart { margin: 0.4em 0 0.6em; }
figure.chart svg { max-width: 100%; height: auto; display: block; }
figure.chart figcaption p { margin: 0.2em 0; }
.legend { margin-right: 1.2em; white-space: nowrap; }
.status { font-weight: bold; border: 2px solid #333; padding: 0.4em 0.6em; }
/* A paper form's space to write: ruled lines, 2em apart. */
.ruled { background: repeating-linear-gradient(to bottom, transparent 0, transparent calc(2em - 1px),
         #777 calc(2em - 1px), #777 2em); }
.write-in { break-inside: avoid; }
.hint { margin-top: 0; color: #333; }
@media screen { .draft-banner { font-size: 16pt; } }
/* A phone: tables become stacked label–value rows, a goal's facts one column. */
@media screen and (max-width: 40em) {
  body { margin: 0.8em auto; padding: 0 0.7em; }
  h1 { font-size: 17pt; }
  h2 { font-size: 15pt; }
  table, caption, tbody, tr, th, td { display: block; width: auto; }
  table { border: none; }
  thead { position: absolute; left: -10000px; }
  colgroup { display: none; }
  tr { border: 1px solid #555; margin: 0 0 0.6em; }
  tbody th, td { border: none; border-top: 1px solid #ccc; }
  tbody th { border-top: none; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: bold; }
  dl.facts, dl.terms { grid-template-columns: 1fr; row-gap: 0.1em; }
  dl.facts dd, dl.terms dd { margin-bottom: 0.4em; }
}
@page { size: auto; margin: 15mm 15mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 12pt; line-height: 1.25; }
  p { margin: 0.4em 0; }
  h1 { margin-top: 0; }
  h2 { margin-top: 0.7em; }
  h3 { margin-top: 0.6em; }
  h2, h3 { break-after: avoid; }
  tr, dl.facts, figure.chart { break-inside: avoid; }
  section.new-page { break-before: page; }
}
"""


class WrittenBlocks:
    """Blocks written before, for a writer that writes nearly the same sections again
    and again (the audience view, share/page.py, at every change of the meeting): a
    block equal to one written before, after the same tags were said, is not written
    again, so one goal edited in a plan of 200 writes one goal. It keeps what the
    last two writings used (`turn` after each)."""

    def __init__(self) -> None:
        self._now: dict[tuple[object, ...], tuple[str, frozenset[str]]] = {}
        self._before: dict[tuple[object, ...], tuple[str, frozenset[str]]] = {}

    def get(self, key: tuple[object, ...]) -> tuple[str, frozenset[str]] | None:
        found = self._now.get(key)
        if found is None:
            found = self._before.get(key)
            if found is not None:
                self._now[key] = found
        return found

    def put(self, key: tuple[object, ...], html: str, said: frozenset[str]) -> None:
        self._now[key] = (html, said)

    def turn(self) -> None:
        """One writing is done: what it did not use is forgotten after the next."""
        self._before, self._now = self._now, {}


class _Writer:
    """Writes the blocks of one document. What repeats is escaped and written once:
    the program's labels, a typed piece shown many times (a translation, a provider,
    a unit or a narrative many goals share), a chart's words, and a table's cells
    that many rows share (the same cell object: a day, a method, a role in a
    progress report's tables of points)."""

    def __init__(self, copy: Document, level: int = 2, written: WrittenBlocks | None = None) -> None:
        self.copy = copy
        self.level = level  # of a section's heading; a goal's title is one below
        self.written = written
        self.said: set[str] = set()  # the tags a screen reader has heard in this section
        self._escaped: dict[str, str] = {}  # the program's texts, escaped (and linked)
        self._plain: dict[str, str] = {}  # a chart's texts, escaped (SVG text: never links)
        self._labels: dict[str, str] = {}  # a fact's label, as the start of its row
        self._facts: dict[str, str] = {}  # a block of facts' title, as its start
        # A typed piece as its span's start, its text and end, and its tag's words: by the
        # piece (its id: the piece is in the copy, so its id is its own), and by its value.
        self._typed: dict[int, tuple[str, str, str, str]] = {}
        self._typed_values: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
        self._kinds: dict[tuple[str, str], tuple[str, str]] = {}  # `_kind`, by a piece's language and tag
        self._tags: dict[str, str] = {}  # a tag's words as the hidden span that says them
        self._tables: dict[tuple[str, tuple[str, ...], tuple[int, ...]], tuple[str, list[str], str]] = {}
        self._cells: dict[int, str] = {}  # by identity
        self._bodies: dict[tuple[str, int], str] = {}  # a table body's %-template, by its row's and its rows
        self._kept: list[Line] = []  # the cells of `_cells`, kept
        self._seen: dict[int, Block] = {}  # the blocks of words written, by identity
        self._shared: dict[
            int, tuple[Block, str, frozenset[str]]
        ] = {}  # those written again: html, tags it needs  # by identity; the cell is kept, so its id is its own
        self.charts = _Charts(self.plain)

    def escape(self, text: str) -> str:
        """`text` escaped, each email and web address in it a link (written once per text)."""
        found = self._escaped.get(text)
        if found is None:
            found = self._escaped[text] = with_links(text)
        return found

    def plain(self, text: str) -> str:
        """`text` escaped, never linked (written once per text)."""
        found = self._plain.get(text)
        if found is None:
            found = self._plain[text] = escape(text)
        return found

    def section(self, section: Section) -> str:
        """A section: its heading, then its blocks; each kind of typed words is named again, once."""
        self.said = set()
        page = ' class="new-page"' if section.new_page else ""
        level = self.level
        start = f'<section id="{escape(section.id)}"{page}>\n<h{level}>{escape(section.heading)}</h{level}>'
        write = self.block if self.written is None else self.block_again
        return "\n".join([start, *map(write, section.blocks), "</section>"])

    def block_again(self, block: Block) -> str:
        """`block`, as written before when it was (a block's words depend only on the
        document's language and tags, the heading level and which tags were said before it)."""
        assert self.written is not None
        if isinstance(block, Chart):  # charts of a writing share their days: always written
            return self.block(block)
        copy = self.copy
        key = (block, frozenset(self.said), self.level, copy.language, copy.team_words_tag, copy.english_tag)
        found = self.written.get(key)
        if found is None:
            html = self.block(block)
            self.written.put(key, html, frozenset(self.said))
            return html
        html, said = found
        self.said = set(said)
        return html

    def line(self, pieces: Line) -> str:
        if len(pieces) == 1:  # most lines are one piece: one of the program's texts, or typed words
            piece = pieces[0]
            return self.escape(piece) if type(piece) is str else self.typed(piece)  # type: ignore[arg-type]
        return "".join([self.typed(piece) if isinstance(piece, Typed) else self.escape(piece) for piece in pieces])

    def typed(self, piece: Typed) -> str:
        """The team's words in their box; the first of a kind in a section says what they are."""
        known = self._typed.get(id(piece))
        if known is None:
            key = (piece.text, piece.language, piece.tag)
            known = self._typed_values.get(key)
            if known is None:
                start, words = self._kinds.get(key[1:]) or self._kind(piece)
                rest = f"{with_links(piece.text)}</span>"
                known = self._typed_values[key] = (start + rest, start, rest, words)
            self._typed[id(piece)] = known
        html, start, rest, words = known
        if words in self.said:  # said once a section, not at every line
            return html
        self.said.add(words)
        tag = self._tags.get(words)
        if tag is None:
            shown = "own-tag" if piece.family else "tag"  # the family's words are named for every reader
            tag = self._tags[words] = (
                f'<span class="{shown}" lang="{escape(self.copy.language)}">({escape(words)}) </span>'
            )
        return start + tag + rest

    def _kind(self, piece: Typed) -> tuple[str, str]:
        """What all typed pieces of `piece`'s language and tag start with, and their tag's words."""
        lang = f' lang="{escape(piece.lang)}"' if (piece.language or TYPED_LANGUAGE) != self.copy.language else ""
        kind = "typed family" if piece.family else "typed"
        found = self._kinds[(piece.language, piece.tag)] = (f'<span class="{kind}"{lang}>', self.copy.tag_of(piece))
        return found

    def cell(self, pieces: Line) -> str:
        """`line` of a table's cell, written once for all the rows that share it (a cell
        with typed words is written each time: its tag is said once a section)."""
        found = self._cells.get(id(pieces))
        if found is None:
            found = self.line(pieces)
            if any(isinstance(piece, Typed) for piece in pieces):
                return found
            self._cells[id(pieces)] = found
            self._kept.append(pieces)  # so that its id stays its own
        return found

    def block(self, block: Block) -> str:
        kind = type(block)  # the blocks are attrs classes of their own (documents/document.py), never subclassed
        if kind is Table:
            return self.table(block)  # type: ignore[arg-type]
        if kind is Chart:
            return self.charts.svg(block)  # type: ignore[arg-type]
        return self.words(block)  # type: ignore[arg-type]

    def words(self, block: Paragraph | Items | Facts | Terms | WriteIn) -> str:
        """A block of words. One that sections share (the same object: how a report's
        goals were measured) is written once for every section that has heard the
        tags of its typed words, which is all it would say differently."""
        shared = self._shared.get(id(block))
        if shared is not None and shared[2] <= self.said:
            return shared[1]
        said = len(self.said)
        html = self._words(block)
        if id(block) not in self._seen:  # written once so far: likely the only time
            self._seen[id(block)] = block  # kept, so its id is its own
        elif shared is None and len(self.said) == said:  # said no tag: as every section that heard them
            tags = {self._typed[id(piece)][3] for piece in block_texts(block) if isinstance(piece, Typed)}
            self._shared[id(block)] = (block, html, frozenset(tags))
        return html

    def _words(self, block: Paragraph | Items | Facts | Terms | WriteIn) -> str:
        escape = self.escape
        if isinstance(block, Facts):
            line, typed, labels = self.line, self.typed, self._labels
            rows = "\n".join(
                [
                    (labels.get(label) or labels.setdefault(label, f"<dt>{escape(label)}</dt><dd>"))
                    # `line(value)`, for a value of one piece (as most are) without a call more
                    + (
                        line(value)
                        if len(value) != 1
                        else typed(piece)
                        if type(piece := value[0]) is Typed
                        else escape(piece)  # type: ignore[arg-type]
                    )
                    + "</dd>"
                    for label, value in block.facts
                ]
            )
            start = self._facts.get(block.title)
            if start is None:
                heading = f"h{self.level + 1}"
                start = self._facts[block.title] = f'<{heading}>{escape(block.title)}</{heading}>\n<dl class="facts">\n'
            return start + rows + "\n</dl>"
        if isinstance(block, Paragraph):
            return f"<p>{self.line(block.pieces)}</p>"
        if isinstance(block, Items):
            return "<ul>\n" + "\n".join(f"<li>{self.line(item)}</li>" for item in block.items) + "\n</ul>"
        if isinstance(block, WriteIn):
            hint = f'<p class="hint">{escape(block.hint)}</p>' if block.hint else ""
            return (
                f'<div class="write-in"><p><strong>{escape(block.question)}</strong></p>{hint}'
                f'<div class="ruled" style="height: {block.lines * 2}em" aria-hidden="true"></div></div>'
            )
        assert isinstance(block, Terms)
        rows = "\n".join(f"<dt>{escape(term)}</dt><dd>{with_links(means)}</dd>" for term, means in block.terms)
        return f'<dl class="terms">\n{rows}\n</dl>'

    def table(self, block: Table) -> str:
        """A table with its header row; on a phone each row is label–value lines (`data-label`)."""
        key = (block.caption, block.headers, block.widths)
        known = self._tables.get(key)  # a report's tables of points share all of it
        if known is None:
            known = self._tables[key] = self._table_head(block)
        head, labels, template = known
        cell, written, size = self.cell, self._cells.get, len(block.headers)
        rows = block.rows
        if all(map(size.__eq__, map(len, rows))):  # rows of a cell a column: the body in one format
            cells = tuple(map(written, map(id, chain.from_iterable(rows))))  # most cells are written already
            if None in cells:  # the others written in reading order, as the tags of typed words are said
                cells = tuple([written(id(value)) or cell(value) for value in chain.from_iterable(rows)])
            return head + self._body(template, len(rows)) % cells + "\n</tbody>\n</table>"
        body = []
        for row in block.rows:
            if len(row) == size:
                body.append(template % tuple([cell(value) for value in row]))
            else:
                values = "".join(
                    [f"<td{label}>{cell(value)}</td>" for label, value in zip(labels, row[1:], strict=False)]
                )
                body.append(f'<tr><th scope="row">{cell(row[0])}</th>{values}</tr>')
        return head + "\n".join(body) + "\n</tbody>\n</table>"

    def _body(self, row: str, count: int) -> str:
        """The %-template of a table body of `count` rows of the %-template `row`."""
        found = self._bodies.get((row, count))
        if found is None:
            found = self._bodies[(row, count)] = "\n".join([row] * count)
        return found

    def _table_head(self, block: Table) -> tuple[str, list[str], str]:
        """A table's start up to its body, each cell's label, and a row's %-template."""
        head = "".join(f'<th scope="col">{self.escape(header)}</th>' for header in block.headers)
        columns = "".join(f'<col style="width: {int(width)}%">' for width in block.widths)
        colgroup = f"<colgroup>{columns}</colgroup>\n" if columns else ""
        labels = [f' data-label="{escape(header)}"' for header in block.headers[1:]]
        cells = "".join(f"<td{label.replace('%', '%%')}>%s</td>" for label in labels)
        start = (
            f"<table>\n<caption>{self.escape(block.caption)}</caption>\n{colgroup}"
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n"
        )
        return start, labels, f'<tr><th scope="row">%s</th>{cells}</tr>'


# What every chart has the same (documents/chart_shapes.py: one size, one frame).
_LEFT, _TOP, _RIGHT, _BOTTOM = LEFT, TOP, WIDTH - RIGHT, HEIGHT - BOTTOM
_SVG = (
    f'<svg viewBox="0 0 {WIDTH:g} {HEIGHT:g}" width="{WIDTH:g}" height="{HEIGHT:g}" '
    'aria-hidden="true" focusable="false" font-size="11" font-family="sans-serif">\n'
    f'<rect x="{_LEFT:g}" y="{_TOP:g}" width="{_RIGHT - _LEFT:g}" height="{_BOTTOM - _TOP:g}" '
    'fill="none" stroke="#555" stroke-width="1"/>'
)
# %-templates: a report's charts write thousands of numbers, and % writes one twice as fast as f"{x:g}".
_TICK = (
    f'<line x1="{_LEFT - 4:g}" y1="%g" x2="{_LEFT:g}" y2="%g" stroke="#555"/>\n'
    f'<text x="{_LEFT - 6:g}" y="%g" text-anchor="end">%s</text>'
)
_LABELS = (
    f'<text x="{_LEFT:g}" y="{HEIGHT - 6:g}">%s</text>\n'
    f'<text x="{_RIGHT:g}" y="{HEIGHT - 6:g}" text-anchor="end">%s</text>'
)
_LINE = '<polyline points="%s" fill="none" stroke="#000" stroke-width="1.5"/>'
_DOTS = '<path d="M%sh0" stroke="#000" stroke-width="6" stroke-linecap="round" fill="none"/>'
_FIGURE = '<figure class="chart">\n%s\n</svg>\n<figcaption><p>%s</p><p>%s</p></figcaption>\n</figure>'
_AIM = '<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="#333" stroke-width="1.5" stroke-dasharray="6 4"/>'
_WHOLE = _FIGURE.replace("%s", "\n".join(["%s", _AIM, _LINE, _DOTS]), 1)  # a chart with an aim line and a line


class _Charts:
    """Draws a document's charts as inline SVG, each in a figure: the drawing is
    hidden from screen readers, which read its caption (words from the data) and
    the table of points. The dots are one path of zero-length strokes with round
    ends, each a dot. What charts share is worked out and written once: where
    each day goes (charts of one span), the frame with its values and dates, the legend."""

    def __init__(self, escaped: Callable[[str], str]) -> None:
        self.escaped = escaped  # a chart's words are SVG text: escaped, never links
        self._known: dict[tuple[dt.date, dt.date], Known] = {}  # what charts of a span share (chart_shapes.py)
        self._frames: dict[tuple[int, tuple[str, str]], tuple[object, str]] = {}  # by the ticks and the dates
        self._legends: dict[tuple[str, str], str] = {}

    def svg(self, chart: Chart) -> str:
        known = self._known.get((chart.start, chart.end))
        if known is None:
            known = self._known[(chart.start, chart.end)] = Known()
        at, aim, ticks = chart_places(chart, known)
        escaped = self.escaped
        # The ticks of one scale are one object (`Known`), kept with the frame: its id is its own.
        found = self._frames.get((id(ticks), chart.labels))
        if found is None:
            parts = [_SVG]
            parts += [_TICK % (y, y, y + 4, escaped(words)) for y, words in ticks]
            start_words, end_words = chart.labels
            parts.append(_LABELS % (escaped(start_words), escaped(end_words)))
            found = self._frames[(id(ticks), chart.labels)] = (ticks, "\n".join(parts))
        frame = found[1]
        legend = self._legends.get(chart.legend)
        if legend is None:
            points_words, aim_words = chart.legend
            legend = self._legends[chart.legend] = (
                f'<span class="legend">● {escaped(points_words)}</span> '
                f'<span class="legend">- - - {escaped(aim_words)}</span>'
            )
        if aim is not None and len(at) > 1:  # as most charts: all of it in one format
            return _WHOLE % (frame, *aim, " ".join(at), "h0M".join(at), legend, escaped(chart.caption))
        parts = [frame]
        if aim is not None:
            parts.append(_AIM % aim)
        if len(at) > 1:
            parts.append(_LINE % " ".join(at))
        if at:
            parts.append(_DOTS % "h0M".join(at))
        return _FIGURE % ("\n".join(parts), legend, escaped(chart.caption))


def chart_svg(chart: Chart) -> str:
    """One chart as inline SVG in a figure (see `_Charts`)."""
    return _Charts(escape).svg(chart)


def _css_string(text: str) -> str:
    """`text` as a CSS string that cannot end the string or the style element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;!?-" else f"\\{ord(c):x} " for c in text) + '"'


def _draft_mark_style(mark: str) -> str:
    """A draft's mark in the top margin of every printed page (a page margin box),
    where it never covers a word of the copy."""
    if not mark:
        return ""
    return f"@page {{ @top-right {{ content: {_css_string(mark)}; font: bold 16pt sans-serif; }} }}\n"


def line_html(copy: Document, pieces: Line) -> str:
    """One line of `copy` as HTML: the team's words marked as in the document."""
    return _Writer(copy).line(pieces)


def section_html(copy: Document, section: Section, level: int = 2, written: WrittenBlocks | None = None) -> str:
    """One section of `copy`: its heading at `level` (2 is <h2>; a goal's title one
    below), then its blocks (those in `written` as written before). The documents'
    pages and the audience view (share/page.py) both write their sections with it."""
    return _Writer(copy, level, written).section(section)


def document_html(copy: Document) -> str:
    """The document as one HTML page (text; write it as UTF-8)."""
    writer = _Writer(copy)
    title = escape(copy.title)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(copy.language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{(escape(copy.draft_mark) + ' — ') if copy.draft_mark else ''}{title}</title>",
        f"<style>{STYLE}{_draft_mark_style(copy.draft_mark)}</style>",
        "</head>",
        "<body>",
    ]
    parts += ["<header>", f"<h1>{title}</h1>"]
    status_class = "status draft-banner" if copy.draft_mark else "status"
    mark = f"{escape(copy.draft_mark)}: " if copy.draft_mark else ""
    parts.append(f'<p class="{status_class}">{mark}{escape(copy.status_note)}</p>')
    parts += [writer.block(paragraph) for paragraph in copy.intro]
    if copy.team_words_note:  # a document with nothing of the team's in it has no note on it
        parts.append(f'<p><span class="typed">{escape(copy.team_words_tag)}</span> {escape(copy.team_words_note)}</p>')
    parts += ["</header>", "<main>"]
    parts += [writer.section(section) for section in copy.sections]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)
