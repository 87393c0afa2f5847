"""The family's progress report: each goal in plain words, a chart with its aim
line and words made from the data, the points as a table, where it stands, the
team's report verbatim, in the family's language; `export progress` writes it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import pytest

from iep_meeting.documents.document import Chart, Facts, Paragraph, Table, Typed
from iep_meeting.documents.html import document_html
from iep_meeting.documents.progress_report import caption_words, progress_report
from iep_meeting.model.goal_progress import (
    DataPoint,
    GoalReport,
    Method,
    ProgressCode,
    ReportingPeriod,
    SentReport,
    aim_of,
    with_report,
    with_sent,
)
from iep_meeting.model.plan import CopyMethod
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.progress_file import ProgressFile
from tests.browser import find_chromium, pdf_text
from tests.factories import PERIOD_END, PERIOD_START
from tests.plan_files import files_under, run_cli
from tests.progress_data import final_plan, final_plan_file, record_of, weekly_points

JUNE = ReportingPeriod(end=dt.date(2026, 6, 15))
NARRATIVE = "Sam reads 88 words a minute <b>on</b> 7th grade passages."


def points(*values: float) -> list[DataPoint]:
    return [
        DataPoint(goal="reading-fluency", date=PERIOD_START + dt.timedelta(weeks=4 * i), value=v)
        for i, v in enumerate(values)
    ]


def test_the_caption_says_what_the_chart_shows_from_the_data() -> None:
    plan = final_plan()
    aim = aim_of(plan.goals[0], plan.period)
    words = caption_words(points(90, 95, 99), aim, PERIOD_END, locale_strings("en"))
    assert words == (
        "It rose from 90 to 99. The goal is to get to 110 by March 15, 2027. "
        "None of the last 3 points is below the aim line."
    )
    low = caption_words(points(84, 80, 81), aim, PERIOD_END, locale_strings("en"))
    assert low.endswith("2 of the last 3 points are below the aim line.")
    spanish = caption_words(points(90, 95, 99), aim, PERIOD_END, locale_strings("es"))
    assert spanish.endswith("Ninguno de los últimos 3 puntos está por debajo de la línea de meta.")


def test_the_caption_is_in_the_familys_language() -> None:
    plan = final_plan()
    words = caption_words(points(62, 79), aim_of(plan.goals[0], plan.period), PERIOD_END, locale_strings("es"))
    assert words.startswith("Subió de 62 a 79. La meta es llegar a 110 para el 15 de marzo de 2027.")


def june_report() -> GoalReport:
    """The team's report on the reading goal for the period to June: not enough, and why."""
    return GoalReport(
        goal="reading-fluency",
        period=JUNE.end,
        code=ProgressCode.PARTIAL,
        sufficient=False,
        why_not="Absent 3 weeks; 15 more minutes a week from June.",
        narrative=NARRATIVE,
    )


def report_record():
    plan = final_plan()
    record = record_of(plan, "sam.iep.toml", weekly_points("reading-fluency", 10, start=84))
    record = with_report(record, june_report())
    sent = SentReport(period=JUNE.end, date=dt.date(2026, 6, 18), method=CopyMethod.MAIL, language="Spanish")
    return plan, with_sent(record, sent)


def test_each_goal_has_its_facts_chart_table_standing_and_report() -> None:
    plan, record = report_record()
    document = progress_report(plan, record, locale_strings("en"), JUNE)
    assert document.title == "Sam Example's progress report"
    assert "It starts on March 16, 2026. It ends on June 15, 2026." in document.status_note
    reading = document.sections[0]
    assert reading.heading == "Goal 1: reading fluency"
    kinds = [type(block) for block in reading.blocks]
    assert kinds == [Facts, Chart, Facts, Table, Paragraph, Facts]
    chart = reading.blocks[1]
    assert isinstance(chart, Chart) and len(chart.points) == 10 and chart.aim == (82, 110)
    measured = reading.blocks[2]  # the points were all measured one way: said once, above their table
    assert isinstance(measured, Facts) and dict(measured.facts) == {
        "Results in": (Typed("words correct per minute"),),
        "How it was checked": ("a short test in class",),
        "Who checked": (Typed("special education teacher"),),
    }
    table = reading.blocks[3]
    assert isinstance(table, Table) and len(table.rows) == 10  # the chart's accessible equivalent
    assert table.headers == ("Date", "Result") and table.rows[0] == (("March 16, 2026",), ("84",))
    report = reading.blocks[5]
    assert isinstance(report, Facts)
    facts = dict(report.facts)
    assert facts["Progress this time"] == ("Partial progress",)
    assert facts["Is it enough to meet the goal?"] == ("No",)
    assert facts["Why not, and what changes"] == (Typed("Absent 3 weeks; 15 more minutes a week from June."),)
    assert facts["What the team says"] == (Typed(NARRATIVE),)  # verbatim
    writing = document.sections[1]
    assert "No points were measured for this goal in this part of the year." in str(writing.blocks)
    assert "The team has not written its report on this goal for this time yet." in str(writing.blocks)


def test_points_after_the_period_are_not_in_its_report() -> None:
    plan, _ = report_record()
    later = record_of(plan, "sam.iep.toml", weekly_points("reading-fluency", 30))
    document = progress_report(plan, later, locale_strings("en"), JUNE)
    chart = document.sections[0].blocks[1]
    assert isinstance(chart, Chart) and all(day <= JUNE.end for day, _ in chart.points)


SEPTEMBER = ReportingPeriod(end=dt.date(2026, 9, 15))


def test_a_report_shows_its_periods_points_in_the_chart_and_the_table_alike() -> None:
    plan, _ = report_record()
    year = record_of(plan, "sam.iep.toml", weekly_points("reading-fluency", 30))
    document = progress_report(plan, year, locale_strings("en"), SEPTEMBER)
    blocks = document.sections[0].blocks
    chart, table = blocks[1], blocks[3]
    assert isinstance(chart, Chart) and isinstance(table, Table)
    days = [day for day, _ in chart.points]
    assert days and all(dt.date(2026, 6, 16) <= day <= SEPTEMBER.end for day in days)  # the second quarter's
    assert [row[0][0] for row in table.rows] == [f"{day:%B} {day.day}, {day.year}" for day in days]  # the same
    assert table.caption == "The points measured from June 16, 2026 to September 15, 2026: the points of the chart."
    assert (chart.start, chart.end) == (plan.period.start, plan.period.end)  # on the aim line of the whole year


def test_where_it_stands_reads_the_last_three_points_even_from_the_period_before() -> None:
    plan, _ = report_record()
    points = weekly_points("reading-fluency", 14)  # the last one on June 15; one more on June 22
    late = [*points, DataPoint(goal="reading-fluency", date=dt.date(2026, 6, 22), value=50)]
    document = progress_report(plan, record_of(plan, "sam.iep.toml", late), locale_strings("en"), SEPTEMBER)
    chart = document.sections[0].blocks[1]
    assert isinstance(chart, Chart) and len(chart.points) == 1  # one point in the period
    (standing,) = [block for block in document.sections[0].blocks if isinstance(block, Paragraph)]
    assert "On track" in str(standing)  # the median of 89.2, 89.8 and 50 is on the line (89.0 on June 15)


def test_the_first_period_also_shows_the_points_measured_before_the_plan_started() -> None:
    plan, _ = report_record()
    before = DataPoint(goal="reading-fluency", date=PERIOD_START - dt.timedelta(days=5), value=80)
    record = record_of(plan, "sam.iep.toml", [before, *weekly_points("reading-fluency", 2)])
    chart = progress_report(plan, record, locale_strings("en"), JUNE).sections[0].blocks[1]
    assert isinstance(chart, Chart) and chart.points[0] == (before.date, 80)


def test_points_measured_more_than_one_way_say_how_on_every_row() -> None:
    plan, _ = report_record()
    probes = weekly_points("reading-fluency", 2)
    # The same measure (words a minute: no unit said is taken as the goal's), checked another way, by another.
    screening = DataPoint(goal="reading-fluency", date=dt.date(2026, 3, 25), value=85, how=Method.TEST, by="reading")
    document = progress_report(plan, record_of(plan, "sam.iep.toml", [*probes, screening]), locale_strings("en"), JUNE)
    blocks = document.sections[0].blocks
    assert [type(block) for block in blocks] == [Facts, Chart, Table, Paragraph, Facts]
    table = blocks[2]
    assert isinstance(table, Table) and table.headers == ("Date", "Result", "How it was checked", "Who checked")
    probe = ("a short test in class",), (Typed("special education teacher"),)
    assert [row[1:] for row in table.rows] == [  # by date, as the chart draws them
        (("82", " ", Typed("words correct per minute")), *probe),
        (("82.6", " ", Typed("words correct per minute")), *probe),
        (("85",), ("a test",), (Typed("reading"),)),
    ]


def test_points_of_another_measure_are_listed_under_the_chart_never_drawn_on_its_aim_line() -> None:
    plan, _ = report_record()
    probes = weekly_points("reading-fluency", 10, start=84)  # on the aim line, from 84
    # Comprehension questions on the fluency goal: "2 of 10" is not 20 words a minute.
    questions = [
        DataPoint(goal="reading-fluency", date=dt.date(2026, 5, day), value=2, of=10, how=Method.WORK_SAMPLES)
        for day in (20, 27)
    ]
    record = record_of(plan, "sam.iep.toml", [*probes, *questions])
    blocks = progress_report(plan, record, locale_strings("en"), JUNE).sections[0].blocks
    assert [type(block) for block in blocks] == [Facts, Chart, Facts, Table, Table, Paragraph, Facts]
    chart, charted, other, standing = blocks[1], blocks[3], blocks[4], blocks[5]
    assert isinstance(chart, Chart) and isinstance(charted, Table) and isinstance(other, Table)
    assert len(chart.points) == len(charted.rows) == 10 and min(value for _, value in chart.points) >= 84
    assert other.caption.startswith("Also measured from March 16, 2026 to June 15, 2026, in another way")
    assert [row[1:] for row in other.rows] == [(("2 of 10",), ("samples of work",), ())] * 2
    assert "On track" in str(standing)  # the last three points read are the probes, not 20 and 20 (percent)
    spanish = progress_report(plan, record, locale_strings("es"), JUNE).sections[0].blocks[4]
    assert isinstance(spanish, Table) and spanish.caption.startswith("También se midió del 16 de marzo de 2026")


def test_the_report_in_spanish_keeps_the_teams_words_as_typed() -> None:
    plan, record = report_record()
    document = progress_report(plan, record, locale_strings("es"), JUNE)
    assert document.language == "es" and document.title == "Informe de progreso de Sam Example"
    html = document_html(document)
    assert '<html lang="es">' in html and "Progreso parcial" in html
    assert "Le enviamos este informe el 18 de junio de 2026. Se envió por correo postal, en español." in html
    assert "&lt;b&gt;on&lt;/b&gt;" in html and "<b>on</b>" not in html  # typed text is never markup


def test_the_html_chart_is_inline_svg_with_its_words_as_caption() -> None:
    plan, record = report_record()
    html = document_html(progress_report(plan, record, locale_strings("en"), JUNE))
    figure = re.search(r'<figure class="chart">.*?</figure>', html, re.S)
    assert figure is not None
    assert '<svg viewBox="0 0 440 170"' in figure.group() and 'aria-hidden="true"' in figure.group()
    dots = re.search(r'<path d="([^"]*)" stroke="#000" stroke-width="6" stroke-linecap="round"', figure.group())
    assert dots is not None and dots.group(1).count("h0") == 10  # a dot a point of the period
    assert 'stroke-dasharray="6 4"' in figure.group()
    assert "<figcaption>" in figure.group() and "The goal is to get to 110 by March 15, 2027." in figure.group()
    assert "<script" not in html and "http" not in html.split("<body>")[1]  # nothing loaded from anywhere


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    path = final_plan_file(tmp_path / "sam.iep.toml")
    with ProgressFile.open(path) as progress:
        progress.add_points(weekly_points("reading-fluency", 10, start=84), dt.date(2026, 12, 1))
    return path


def test_export_progress_writes_the_familys_language_by_default(plan_path: Path, capsys) -> None:
    code, out, err = run_cli("export", "progress", plan_path, "--period", "1", capsys=capsys)
    assert code == 0, err
    written = plan_path.with_name("sam-progress-2026-06-15-es.html")  # the family reads Spanish
    assert f"to {written}" in out and written.stat().st_mode & 0o777 == 0o600
    html = written.read_text()
    # A heading is the program's words: the goal's area is with its statement, as the team's words are.
    assert "<h2>Meta 1</h2>" in html and "reading fluency" not in html
    area = '<span class="tag" lang="es">(palabras del equipo) </span>fluidez de lectura</span>: '  # the bank's words
    english = '<span class="typed" lang="en"><span class="tag" lang="es">(palabras del equipo, en inglés) </span>By '
    assert area + english in html


def test_export_progress_refuses_an_unknown_period(plan_path: Path, capsys) -> None:
    before = files_under(plan_path.parent)
    code, _, err = run_cli("export", "progress", plan_path, "--period", "9", capsys=capsys)
    assert code == 2 and "--period 9: no such reporting period" in err and "1 (2026-06-15)" in err
    assert files_under(plan_path.parent) == before


def test_period_is_only_for_the_progress_report(plan_path: Path, capsys) -> None:
    code, _, err = run_cli("export", "family", plan_path, "--period", "1", capsys=capsys)
    assert code == 2 and "--period: only for export progress" in err


@pytest.mark.skipif(find_chromium() is None, reason="pdftotext comes with the browser tools (.ci/run)")
def test_export_progress_as_a_tagged_pdf(plan_path: Path, capsys) -> None:
    out_path = plan_path.with_name("report.pdf")
    code, _, err = run_cli(
        "export", "progress", plan_path, "--period", "1", "--lang", "en", "--format", "pdf", "-o", out_path,
        capsys=capsys,
    )  # fmt: skip
    assert code == 0, err
    data = out_path.read_bytes()
    assert b"/StructTreeRoot" in data and b"pdfuaid" in data and b"/Lang" in data  # tagged, PDF/UA-1
    text = " ".join(pdf_text(out_path).split())
    assert "Sam Example's progress report" in text
    assert "The goal is to get to 110 by March 15, 2027." in text  # the chart's words under it


def test_the_report_of_a_plan_without_a_progress_file_says_no_points(tmp_path: Path, capsys) -> None:
    path = final_plan_file(tmp_path / "sam.iep.toml")
    out_path = tmp_path / "r.html"
    code, _, err = run_cli("export", "progress", path, "--lang", "en", "-o", out_path, capsys=capsys)
    assert code == 0, err
    assert out_path.read_text().count("No points were measured for this goal in this part of the year.") == 3


def test_a_goal_without_a_number_has_no_aim_line_but_its_points() -> None:
    plan = final_plan()
    vague = attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], baseline="reads slowly"), *plan.goals[1:]))
    record = record_of(vague, "sam.iep.toml", weekly_points("reading-fluency", 4))
    chart = progress_report(vague, record, locale_strings("en"), JUNE).sections[0].blocks[1]
    assert isinstance(chart, Chart) and chart.aim is None and len(chart.points) == 4
    assert "The goal has no number to draw an aim line to." in document_html(
        progress_report(vague, record, locale_strings("en"), JUNE)
    )


def test_the_spanish_report_uses_the_translations_recorded_for_the_family(tmp_path: Path, capsys) -> None:
    from iep_meeting.model.translations import translated, typed_texts, with_translation

    plan = final_plan()
    statement = next(t for t in typed_texts(plan) if t.key.startswith("goals[") and t.key.endswith(".statement"))
    spanish = "Sam leerá en voz alta 110 palabras por minuto."
    plan = with_translation(plan, translated(statement, "Spanish", spanish, "Lupe Sample", dt.date(2026, 12, 4)))
    path = final_plan_file(tmp_path / "sam.iep.toml", plan)
    with ProgressFile.open(path) as progress:
        progress.add_points(weekly_points("reading-fluency", 10, start=84), dt.date(2026, 12, 1))
    out = tmp_path / "report.html"
    code, _, err = run_cli("export", "progress", path, "--period", "1", "--lang", "es", "-o", out, capsys=capsys)
    assert code == 0, err
    html = out.read_text()
    assert spanish in html and statement.text not in html
    assert 'lang="en"' in html  # what is still in English is marked as English


def test_the_spanish_report_marks_the_teams_narrative_as_english_until_translated(plan_path: Path, capsys) -> None:
    with ProgressFile.open(plan_path) as progress:
        progress.add_report(june_report())
    out = plan_path.with_name("report.html")
    code, _, err = run_cli("export", "progress", plan_path, "--period", "1", "--lang", "es", "-o", out, capsys=capsys)
    assert code == 0, err
    html = out.read_text()
    # Typed in English on the progress screen: read out as English, never as Spanish, and listed as still English.
    for words in ("Sam reads 88 words a minute", "Absent 3 weeks", "special education teacher"):
        assert re.search(rf'<span class="typed" lang="en">(<span class="tag"[^>]*>[^<]*</span>)?{words}', html), words
    still = re.search(r'<section id="still-in-english">.*?</section>', html, re.S)
    assert still is not None and "Meta 1: 8 textos" in still.group()
