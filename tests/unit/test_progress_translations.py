"""The progress file's own words in the family's language: a period report's
narrative and reason, the units and who measured, translated like a plan's texts
(kept by what they translate, with who and when and the English's hash), added to
the file and shown by the family's report in that language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from iep_meeting.documents.export import progress_document
from iep_meeting.documents.html import document_html
from iep_meeting.model.goal_progress import (
    DataPoint,
    GoalReport,
    ProgressCode,
    goal_texts,
    only_appended,
    progress_texts,
    progress_words,
    with_report,
    with_translations,
)
from iep_meeting.model.translations import TypedText, translated
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.progress_file import ProgressFile, load_progress
from iep_meeting.store.progress_text import record_to_text
from tests.progress_data import final_plan_file, weekly_points

TODAY = dt.date(2026, 12, 3)
JUNE = dt.date(2026, 6, 15)
REPORT = GoalReport(
    goal="reading-fluency",
    period=JUNE,
    code=ProgressCode.PARTIAL,
    sufficient=False,
    why_not="Absent 3 weeks; 15 more minutes a week from June.",
    narrative="Sam reads 88 words a minute on 7th grade passages.",
)
SPANISH_NARRATIVE = "Sam lee 88 palabras por minuto en textos de 7.º grado."


@pytest.fixture
def progress(tmp_path: Path) -> Iterator[ProgressFile]:
    with ProgressFile.open(final_plan_file(tmp_path / "sam.iep.toml")) as opened:
        opened.add_points(weekly_points("reading-fluency", 10, start=84), TODAY)
        opened.add_points([DataPoint(goal="task-initiation", date=JUNE, value=3, of=5, by="paraprofessional")], TODAY)
        opened.add_report(REPORT)
        yield opened


def text(progress: ProgressFile, key: str) -> TypedText:
    return next(item for item in progress_texts(progress.record) if item.key == key)


NARRATIVE_KEY = "reports[goal=reading-fluency,period=2026-06-15].narrative"


def test_the_texts_to_translate_are_the_reports_words_and_each_unit_and_role_once(progress: ProgressFile) -> None:
    rewritten = attrs.evolve(REPORT, narrative="Sam reads 90 words a minute.")
    record = with_report(progress.record, rewritten)  # the report of June written again: the last counts
    assert {item.key: item.text for item in progress_texts(record)} == {
        NARRATIVE_KEY: "Sam reads 90 words a minute.",
        "reports[goal=reading-fluency,period=2026-06-15].why_not": REPORT.why_not,
        "units[words correct per minute]": "words correct per minute",
        "roles[special education teacher]": "special education teacher",
        "roles[paraprofessional]": "paraprofessional",
    }
    assert [item.key for item in goal_texts(record, "task-initiation")] == ["roles[paraprofessional]"]


def test_a_translation_counts_while_its_english_stands_and_the_last_one_made_counts(progress: ProgressFile) -> None:
    first = translated(text(progress, NARRATIVE_KEY), "Spanish", "Sam lee 88 palabras.", "Ana Ruiz", TODAY)
    second = translated(text(progress, NARRATIVE_KEY), "Spanish", SPANISH_NARRATIVE, "Ana Ruiz", TODAY)
    record = progress.add_translations([first])
    record = progress.add_translations([second])
    assert progress_words(record, ["Spanish", "es"])[REPORT.narrative] == SPANISH_NARRATIVE
    assert load_progress(progress.path) == record and only_appended(progress.record, record)
    # The report written again with other words: the translation of the old ones no longer counts.
    record = progress.add_report(attrs.evolve(REPORT, narrative="Sam reads 91 words a minute."))
    assert progress_words(record, ["Spanish"])["Sam reads 91 words a minute."] is None
    assert first in record.translations and second in record.translations  # the file is only added to


def test_the_familys_report_shows_the_translation_in_place_of_the_english(progress: ProgressFile) -> None:
    made = [
        translated(text(progress, NARRATIVE_KEY), "Spanish", SPANISH_NARRATIVE, "Ana Ruiz", TODAY),
        translated(text(progress, "units[words correct per minute]"), "Spanish", "palabras correctas", "Ana", TODAY),
    ]
    progress.add_translations(made)
    document, _ = progress_document(progress.plan_path, progress.plan, "es", "1", TODAY, None)
    html = document_html(document)
    assert SPANISH_NARRATIVE in html and REPORT.narrative not in html
    assert ">palabras correctas</span>" in html and ">words correct per minute</span>" not in html  # the unit
    assert '<span class="typed" lang="en">' in html  # the reason, not translated, is still marked English


def test_a_translation_of_no_text_of_the_file_or_with_no_words_is_refused(progress: ProgressFile) -> None:
    before = progress.path.read_bytes()
    item = text(progress, NARRATIVE_KEY)
    for made, message in (
        (translated(TypedText("goals[id=x].statement", (), "x"), "Spanish", "x", "", TODAY), "none of the"),
        (translated(item, "Spanish", " ", "Ana Ruiz", TODAY), "needs its words and its language"),
    ):
        with pytest.raises(StoreError, match=message):
            progress.add_translations([made])
    assert progress.path.read_bytes() == before


def test_a_file_with_no_translation_has_no_line_for_them(progress: ProgressFile) -> None:
    assert "translations" not in progress.path.read_text()  # a file written before them is not changed
    made = translated(text(progress, NARRATIVE_KEY), "Spanish", SPANISH_NARRATIVE, "Ana Ruiz", TODAY)
    written = record_to_text(with_translations(progress.record, [made]))
    assert f'text = "{SPANISH_NARRATIVE}"' in written.split("\n[[")[0]  # one inline table a line, at the top


def test_check_advises_translating_the_progress_files_words_once_reports_are_due(progress: ProgressFile) -> None:
    path = progress.plan_path
    assert not [f for f in check_plan_file(path, today=JUNE).findings if f.rule == "progress-translated"]
    (advice,) = [f for f in check_plan_file(path, today=TODAY).findings if f.rule == "progress-translated"]
    assert advice.message.startswith("5 of the progress file's 5 text(s) (reports, units, roles) are not in Spanish")
    assert advice.message.endswith("Translate them with: iep-meeting progress sam.iep.toml (F6)")
    assert not advice.required and advice.location == "sam.iep.progress.toml"
    words = {"Absent": "Faltó", "Sam": "Sam lee", "words": "palabras", "special": "maestra", "para": "asistente"}
    made = [
        translated(item, "Spanish", next(v for k, v in words.items() if item.text.startswith(k)), "Ana", TODAY)
        for item in progress_texts(progress.record)
    ]
    progress.add_translations(made)
    assert not [f for f in check_plan_file(path, today=TODAY).findings if f.rule == "progress-translated"]
