"""The Flesch–Kincaid grade (words/readability.py), and the family copy's own
English measured with it: every fixed string at grade 6 or below."""

from __future__ import annotations

import re

import pytest

from iep_meeting.store.locale_files import builtin_locale_dir, load_table
from iep_meeting.words.locale import placeholders
from iep_meeting.words.readability import grade_level, sentence_count, syllables, words


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1), ("cat", 1), ("make", 1), ("case", 1), ("school", 1), ("liked", 1), ("table", 2),
        ("teacher", 2), ("wanted", 2), ("classes", 2), ("minutes", 2), ("beautiful", 3), ("services", 3),
        ("education", 4), ("accommodation", 5), ("IEP", 3), ("82", 2),
    ],
)  # fmt: skip
def test_syllables_of_known_words(word, count):
    assert syllables(word) == count


def test_grade_of_known_sentences():
    # 6 words, 6 syllables, 1 sentence: 0.39 × 6 + 11.8 × 1 − 15.59
    assert grade_level("The cat sat on the mat.") == pytest.approx(0.39 * 6 + 11.8 - 15.59)
    # 2 sentences, 12 words, 15 syllables:
    # Sam1 reads1 at1 school1 ev-er-y3 day1 / His1 teach-er2 helps1 him1 read1 well1
    text = "Sam reads at school every day. His teacher helps him read well."
    assert (len(words(text)), sentence_count(text)) == (12, 2)
    assert grade_level(text) == pytest.approx(0.39 * 6 + 11.8 * 15 / 12 - 15.59)
    # Jargon reads hard: the IDEA definition of special education is far above grade 8.
    idea = (
        "Specially designed instruction, at no cost to parents, to meet the unique needs of a child with a "
        "disability, including instruction conducted in the classroom, in the home, in hospitals and institutions."
    )
    assert grade_level(idea) > 14
    assert grade_level("") == 0.0


# Sample words for the placeholders, as a family copy fills them.
SAMPLES = {
    "student": "Sam",
    "date": "March 12, 2026",
    "start": "March 16, 2026",
    "end": "March 15, 2027",
    "count": "3",
    "number": "2",
    "area": "reading",
    "school": "Park School",
    "grade": "7",
    "seal": "a1b2c3d4e5f6",
    "name": "Casey Fixture",
    "role": "parent",
    "title": "case manager",
    "what": "Extra time",
    "where": "in class",
    "district": "Placeholder School District",
    "time": "16:21",
    "section": "Goals",
    "first": "62",
    "last": "79",
    "target": "90",
    "value": "4",
    "language": "Spanish",
    "method": "mail",
    "phone": "555-0100",
    "email": "casey@example.org",
    "contact": "Pat Sample, 555-0100",
}
# Not the program's own sentences: the names of months, of the language, and the
# glossary's terms themselves (the jargon the glossary is there to explain).
NOT_MEASURED = re.compile(r"^(month\.|meta\.|date$|glossary\.\w+\.(term|words)$)")


def _english_strings() -> dict[str, str]:
    table = load_table(builtin_locale_dir() / "en.toml")
    return {
        key: value.format_map({name: SAMPLES[name] for name in placeholders(value)})
        for key, value in table.items()
        if not NOT_MEASURED.match(key)
    }


def _is_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?")) and len(words(text)) >= 5


def test_every_fixed_english_sentence_reads_at_grade_6_or_below():
    grades = {key: grade_level(text) for key, text in _english_strings().items() if _is_sentence(text)}
    assert len(grades) >= 20
    too_hard = {key: round(grade, 1) for key, grade in grades.items() if grade > 6}
    assert not too_hard


def test_the_headings_and_labels_read_at_grade_6_or_below_together():
    # A one-word heading has no sentence to measure ("Accommodations" alone is "grade 44"):
    # the labels are measured as the family meets them, one after another.
    labels = [text for text in _english_strings().values() if not _is_sentence(text)]
    assert len(labels) >= 30
    assert grade_level(". ".join(labels) + ".") <= 6
