"""The strings of the family's documents: every language has every key and
placeholder of English, a district overrides single keys, a bad file is refused
with its line."""

from __future__ import annotations

import datetime as dt

import pytest

from iep_meeting.model.plan import Frequency, Outcome, Role, ServiceKind
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.locale_files import (
    UnknownLanguageError,
    available_languages,
    builtin_locale_dir,
    difference,
    language_for,
    load_table,
    locale_strings,
)
from iep_meeting.words.labels import ENGLISH
from iep_meeting.words.locale import placeholders

LANGUAGES = sorted(path.stem for path in builtin_locale_dir().glob("*.toml"))


def test_english_and_spanish_are_built_in():
    assert {"en", "es"} <= set(LANGUAGES)
    assert set(LANGUAGES) <= set(available_languages())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_key_and_placeholder_of_english(language):
    reference = load_table(builtin_locale_dir() / "en.toml")
    missing, unknown, differ = difference(reference, load_table(builtin_locale_dir() / f"{language}.toml"))
    assert (missing, unknown, differ) == ([], [], [])


def test_a_missing_key_or_placeholder_is_found():
    reference = {"a": "{student} reads", "b": "x"}
    assert difference(reference, {"a": "lee"}) == (["b"], [], ["a"])
    assert placeholders("{count} minutes {per}") == {"count", "per"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_value_the_copy_names_has_words(language):
    strings = locale_strings(language)
    for enum, prefix in ((Role, "role"), (Outcome, "outcome"), (ServiceKind, "kind"), (Frequency, "frequency")):
        for member in enum:
            assert strings.text(f"{prefix}.{member.value}").strip()
    for month in range(1, 13):
        assert strings.text(f"month.{month}")


def test_the_english_frequency_words_are_the_vocabulary_s():
    strings = locale_strings("en")
    for member in Frequency:
        assert strings.text(f"frequency.{member.value}") == ENGLISH.label(member)


# The OSEP English–Spanish glossary's words for the IDEA terms checked against it
# (the header of es.toml): accommodations, alternate assessment, state and local assessments.
OSEP_TERMS = {
    "heading.accommodations": "Acomodaciones",
    "glossary.accommodation.term": "acomodaciones",
    "participation.alternate": "una prueba alterna",
    "full.heading.assessment": "Pruebas estatales y del distrito",
}


def test_spanish_uses_the_osep_glossary_s_words():
    spanish = locale_strings("es")
    assert {key: spanish.raw(key) for key in OSEP_TERMS} == OSEP_TERMS
    # Not the other words for them anywhere in the fixed text: one term for one thing.
    # (The glossary's own list of words to find in typed text keeps them, to find them.)
    others = ("adaptaci", "examen", "exámenes", "evaluación alternativa")
    keys = spanish.keys()  # a sorted list
    stray = [
        key
        for key in keys
        if key != "glossary.accommodation.words" and any(word in spanish.raw(key).lower() for word in others)
    ]
    assert stray == []


def test_dates_and_plurals_in_each_language():
    en, es = locale_strings("en"), locale_strings("es")
    assert en.date(dt.date(2026, 3, 12)) == "March 12, 2026"
    assert es.date(dt.date(2026, 3, 12)) == "12 de marzo de 2026"
    assert en.count("service.minutes_week", 1) == "1 minute per week"
    assert es.count("service.minutes_month", 60) == "60 minutos por mes"
    # none, where the language words it so; else the count's own plural
    assert en.count("report.alt_below", 0, last=3) == "None of the last 3 points is below the aim line."
    assert en.count("service.minutes_week", 0) == "0 minutes per week"


def test_language_names_in_a_plan():
    assert language_for("Spanish") == "es"
    assert language_for("español") == "es"
    assert language_for("English") == "en"
    assert language_for("Vietnamese") is None


def test_a_district_overrides_one_key(tmp_path):
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "es.toml").write_text('[doc]\nfree = "Pida el IEP completo en la oficina."\n')
    strings = locale_strings("es", tmp_path)
    assert strings.text("doc.free") == "Pida el IEP completo en la oficina."
    assert strings.text("heading.goals") == "Metas para este año"  # the rest stays built in


def test_a_bad_override_is_refused_with_its_line(tmp_path):
    (tmp_path / "locales").mkdir()
    path = tmp_path / "locales" / "es.toml"
    path.write_text('[doc]\nfre = "x"\nwhat = "Sin placeholders"\ntitle = 3\n')
    with pytest.raises(FileProblemError) as raised:
        locale_strings("es", tmp_path)
    message = str(raised.value)
    assert "line 4" in message and "expected text" in message
    path.write_text('[doc]\nfre = "x"\nwhat = "Sin placeholders"\n')
    with pytest.raises(FileProblemError) as raised:
        locale_strings("es", tmp_path)
    message = str(raised.value)
    assert "line 2, at doc.fre: unknown key 'doc.fre' — did you mean 'doc.free'?" in message
    assert "line 3" in message and "{date}, {student}" in message


@pytest.mark.parametrize(
    "placeholder",
    ["{student:d}", "{student!z}", "{student!r}", "{student:{student}}", "{student:>400000000}", "{0}", "{student.x}"],
)
def test_a_placeholder_is_a_plain_name_only(tmp_path, placeholder):
    """A format spec, a conversion or nesting once passed the check and raised (or
    allocated gigabytes) when the copy was made: it is refused when the file is read."""
    (tmp_path / "locales").mkdir()
    path = tmp_path / "locales" / "es.toml"
    path.write_text(f'[doc]\nfree = "Gratis."\nwhat = "Para {{date}}: {placeholder}"\n')
    with pytest.raises(FileProblemError) as raised:
        locale_strings("es", tmp_path)
    message = str(raised.value)
    assert str(path) in message and "line 3, at doc.what:" in message
    assert "is not a placeholder: write a plain name in braces, like {student}" in message


def test_a_new_language_needs_every_key(tmp_path):
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "vi.toml").write_text('[doc]\nfree = "Miễn phí."\n')
    with pytest.raises(FileProblemError, match="these keys are missing"):
        locale_strings("vi", tmp_path)


def test_an_unknown_language_names_the_ones_there_are(tmp_path):
    with pytest.raises(UnknownLanguageError, match="Available: en, es"):
        locale_strings("xx", tmp_path)
    with pytest.raises(UnknownLanguageError):
        locale_strings("../en", tmp_path)
