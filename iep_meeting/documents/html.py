"""A document (documents/document.py) as one self-contained HTML file.

No network, no scripts: the styles are inside the file, and it prints as it
reads (12 pt or more, left-aligned, A4 or Letter). The page's `lang` is the copy's
language; the team's typed words are marked (a box, and "the team's words"
for a screen reader), with `lang="en"` in a copy in another language. Every
text, typed or fixed, goes through `html.escape`: nothing in a plan can add
markup. A draft's mark is in a page margin box, which a browser prints on every page.
"""

from __future__ import annotations

from html import escape as html_escape

from iep_meeting.documents.chart_shapes import chart_shapes
from iep_meeting.documents.document import (
    TYPED_LANGUAGE,
    Block,
    Chart,
    Document,
    Facts,
    Items,
    Line,
    Paragraph,
    Table,
    Terms,
    Typed,
    WriteIn,
    linked,
    may_link,
)
from iep_meeting.words.visible import visible


def escape(text: str) -> str:
    """HTML-escaped, with control characters and direction overrides shown, never sent."""
    return html_escape(visible(text))


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


class _Writer:
    def __init__(self, copy: Document) -> None:
        self.copy = copy
        self.said: set[str] = set()  # the tags a screen reader has heard in this section
        # A typed piece's language attribute and escaped text, by the piece: a copy shows
        # the same piece (a translation, a provider) many times.
        self.typed: dict[int, tuple[str, str]] = {}

    def section(self) -> None:
        """A new section: each kind of typed words is named again, once."""
        self.said = set()

    def line(self, pieces: Line) -> str:
        out = []
        language = self.copy.language
        for piece in pieces:
            if isinstance(piece, Typed):
                known = self.typed.get(id(piece))
                if known is None:
                    lang = f' lang="{escape(piece.lang)}"' if (piece.language or TYPED_LANGUAGE) != language else ""
                    known = self.typed[id(piece)] = (lang, with_links(piece.text))
                lang, text = known
                words = self.copy.tag_of(piece)
                tag = ""
                if words not in self.said:  # said once a section, not at every line
                    self.said.add(words)
                    tag = f'<span class="tag" lang="{escape(self.copy.language)}">({escape(words)}) </span>'
                out.append(f'<span class="typed"{lang}>{tag}{text}</span>')
            else:
                out.append(with_links(piece))
        return "".join(out)

    def block(self, block: Block) -> str:
        if isinstance(block, Paragraph):
            return f"<p>{self.line(block.pieces)}</p>"
        if isinstance(block, Items):
            return "<ul>\n" + "\n".join(f"<li>{self.line(item)}</li>" for item in block.items) + "\n</ul>"
        if isinstance(block, Facts):
            rows = "\n".join(f"<dt>{escape(label)}</dt><dd>{self.line(value)}</dd>" for label, value in block.facts)
            return f'<h3>{escape(block.title)}</h3>\n<dl class="facts">\n{rows}\n</dl>'
        if isinstance(block, Table):
            head = "".join(f'<th scope="col">{escape(header)}</th>' for header in block.headers)
            columns = "".join(f'<col style="width: {int(width)}%">' for width in block.widths)
            colgroup = f"<colgroup>{columns}</colgroup>\n" if columns else ""
            body = []
            labels = [f' data-label="{escape(header)}"' for header in block.headers[1:]]
            for row in block.rows:
                first, *rest = row
                cells = "".join(f"<td{label}>{self.line(cell)}</td>" for label, cell in zip(labels, rest, strict=False))
                body.append(f'<tr><th scope="row">{self.line(first)}</th>{cells}</tr>')
            return (
                f"<table>\n<caption>{escape(block.caption)}</caption>\n{colgroup}"
                f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
            )
        if isinstance(block, Chart):
            return chart_svg(block)
        if isinstance(block, WriteIn):
            hint = f'<p class="hint">{escape(block.hint)}</p>' if block.hint else ""
            return (
                f'<div class="write-in"><p><strong>{escape(block.question)}</strong></p>{hint}'
                f'<div class="ruled" style="height: {block.lines * 2}em" aria-hidden="true"></div></div>'
            )
        assert isinstance(block, Terms)
        rows = "\n".join(f"<dt>{escape(term)}</dt><dd>{with_links(means)}</dd>" for term, means in block.terms)
        return f'<dl class="terms">\n{rows}\n</dl>'


def chart_svg(chart: Chart) -> str:
    """The chart as inline SVG in a figure: the drawing is hidden from screen
    readers, which read its caption (words from the data) and the table of points."""
    shapes = chart_shapes(chart)
    left, top, right, bottom = shapes.frame
    parts = [
        f'<svg viewBox="0 0 {shapes.width:g} {shapes.height:g}" width="{shapes.width:g}" height="{shapes.height:g}" '
        'aria-hidden="true" focusable="false" font-size="11" font-family="sans-serif">',
        f'<rect x="{left:g}" y="{top:g}" width="{right - left:g}" height="{bottom - top:g}" '
        'fill="none" stroke="#555" stroke-width="1"/>',
    ]
    for y, words in shapes.ticks:
        parts.append(f'<line x1="{left - 4:g}" y1="{y:g}" x2="{left:g}" y2="{y:g}" stroke="#555"/>')
        parts.append(f'<text x="{left - 6:g}" y="{y + 4:g}" text-anchor="end">{escape(words)}</text>')
    (start_x, start_words), (end_x, end_words) = shapes.labels
    parts.append(f'<text x="{start_x:g}" y="{shapes.height - 6:g}">{escape(start_words)}</text>')
    parts.append(f'<text x="{end_x:g}" y="{shapes.height - 6:g}" text-anchor="end">{escape(end_words)}</text>')
    if shapes.aim is not None:
        x1, y1, x2, y2 = shapes.aim
        parts.append(
            f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="#333" stroke-width="1.5" '
            'stroke-dasharray="6 4"/>'
        )
    if len(shapes.points) > 1:
        path = " ".join(f"{x:g},{y:g}" for x, y in shapes.points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#000" stroke-width="1.5"/>')
    parts += [f'<circle cx="{x:g}" cy="{y:g}" r="3" fill="#000"/>' for x, y in shapes.points]
    parts.append("</svg>")
    points, aim = chart.legend
    legend = f'<span class="legend">● {escape(points)}</span> <span class="legend">- - - {escape(aim)}</span>'
    return (
        '<figure class="chart">\n' + "\n".join(parts) + f"\n<figcaption><p>{legend}</p>"
        f"<p>{escape(chart.caption)}</p></figcaption>\n</figure>"
    )


def _css_string(text: str) -> str:
    """`text` as a CSS string that cannot end the string or the style element."""
    return '"' + "".join(c if c.isalnum() or c in " .,:;!?-" else f"\\{ord(c):x} " for c in text) + '"'


def _draft_mark_style(mark: str) -> str:
    """A draft's mark in the top margin of every printed page (a page margin box),
    where it never covers a word of the copy."""
    if not mark:
        return ""
    return f"@page {{ @top-right {{ content: {_css_string(mark)}; font: bold 16pt sans-serif; }} }}\n"


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
    for section in copy.sections:
        page = ' class="new-page"' if section.new_page else ""
        writer.section()
        parts.append(f'<section id="{escape(section.id)}"{page}>')
        parts.append(f"<h2>{escape(section.heading)}</h2>")
        parts += [writer.block(block) for block in section.blocks]
        parts.append("</section>")
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)
