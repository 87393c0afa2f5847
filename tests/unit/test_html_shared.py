"""What the HTML writer writes once and shares (documents/html.py): a block of
words many sections have, a table's head, a chart's frame. Shared or not, every
section reads as it would alone: its own points, and the tags of the team's words
said again in each section."""

from __future__ import annotations

import datetime as dt
import re

from iep_meeting.documents.chart_shapes import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    Known,
    chart_places,
    chart_shapes,
)
from iep_meeting.documents.document import Chart, Document, Facts, Paragraph, Section, Table, Typed
from iep_meeting.documents.html import document_html

START, END = dt.date(2026, 3, 16), dt.date(2027, 3, 15)


def document(*sections: Section) -> Document:
    return Document(
        kind="progress",
        language="es",
        title="Informe",
        draft_mark="",
        status_note="",
        team_words_note="",
        team_words_tag="palabras del equipo",
        intro=(),
        sections=sections,
    )


def section_html(html: str, number: int) -> str:
    return html.split(f'<section id="s{number}">')[1].split("</section>")[0]


def test_a_block_many_sections_share_says_its_tag_in_each_section_that_has_not_heard_it() -> None:
    measured = Facts("Cómo se midió", (("Quién", (Typed("special education teacher"),)),))
    heard = Paragraph((Typed("Sam reads aloud."),))  # a section where the tag is said before the shared block
    sections = (
        Section("s1", "Meta 1", (heard, measured)),
        Section("s2", "Meta 2", (heard, measured)),
        Section("s3", "Meta 3", (measured,)),  # has not heard it: the shared block says it
        Section("s4", "Meta 4", (measured, heard)),
    )
    html = document_html(document(*sections))
    tag = '<span class="tag" lang="es">(palabras del equipo) </span>'
    assert [section_html(html, n).count(tag) for n in (1, 2, 3, 4)] == [1, 1, 1, 1]
    assert section_html(html, 3).index(tag) < section_html(html, 3).index("special education teacher")
    assert all("special education teacher" in section_html(html, n) for n in (1, 2, 3, 4))


def test_a_tables_labels_keep_a_percent_sign_and_a_short_row_keeps_its_cells() -> None:
    rows = ((("1 de abril",), ("80 %",)), (("2 de abril",), ("90 %",), ("maestra",)))
    table = Table("Puntos", ("Fecha", "% de aciertos", "Quién"), rows)
    html = document_html(document(Section("s1", "Meta 1", (table, table))))
    short = '<tr><th scope="row">1 de abril</th><td data-label="% de aciertos">80 %</td></tr>'
    full = (
        '<tr><th scope="row">2 de abril</th><td data-label="% de aciertos">90 %</td>'
        '<td data-label="Quién">maestra</td></tr>'
    )
    assert section_html(html, 1).count(short) == 2
    assert section_html(html, 1).count(full) == 2
    assert section_html(html, 1).count('<th scope="col">% de aciertos</th>') == 2


def test_charts_of_one_scale_share_their_frame_and_draw_their_own_points() -> None:
    def chart(*values: float) -> Chart:
        days = tuple(START + dt.timedelta(weeks=4 * i) for i in range(len(values)))
        return Chart("", START, END, days, values, (80.0, 100.0), ("inicio", "fin"), ("puntos", "línea"))

    html = document_html(document(Section("s1", "Meta 1", (chart(82, 90),)), Section("s2", "Meta 2", (chart(85, 84),))))
    first, second = section_html(html, 1), section_html(html, 2)
    assert re.findall(r'text-anchor="end">(\d+)</text>', first) == re.findall(r'text-anchor="end">(\d+)</text>', second)
    assert re.search(r'points="([^"]+)"', first) != re.search(r'points="([^"]+)"', second)
    assert "inicio" in second and "fin" in second


def test_a_chart_places_its_points_to_the_hundredth() -> None:
    values = [80 + i / 7 for i in range(60)]  # values whose places fall between hundredths
    days = [START + dt.timedelta(days=6 * i) for i in range(60)]
    shapes = chart_shapes(Chart("", START, END, tuple(days), tuple(values), None, ("a", "b"), ("p", "l")))
    low, high = shapes.ticks[0][1], shapes.ticks[-1][1]
    span, top, bottom, width = float(high) - float(low), TOP, HEIGHT - BOTTOM, WIDTH - RIGHT - LEFT
    expected = [
        (
            round(LEFT + width * (day - START).days / (END - START).days, 2),
            round(bottom - (bottom - top) * (value - float(low)) / span, 2),
        )
        for day, value in zip(days, values)
    ]
    assert list(shapes.points) == expected


def test_a_charts_points_are_written_as_the_numbers_it_places() -> None:
    values = [80 + i / 7 for i in range(60)] + [80.0, 100.0, 120.0, 100.005, 99.995]  # ends, whole numbers, halves
    days = [START + dt.timedelta(days=6 * i) for i in range(len(values))]
    for aim in (None, (82.0, 121.5)):
        chart = Chart("", START, END, tuple(days), tuple(values), aim, ("a", "b"), ("p", "l"))
        shapes, places = chart_shapes(chart), chart_places(chart, Known())
        assert places.points == [f"{x:g},{y:g}" for x, y in shapes.points]
        assert (places.aim, places.ticks) == (shapes.aim, shapes.ticks)
