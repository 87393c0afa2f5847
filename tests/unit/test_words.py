"""The one vocabulary: every value a plan can hold has words, and the same
outcome or status is always written the same way."""

from __future__ import annotations

import enum
import importlib
import inspect
import pkgutil

import pytest

import iep_meeting.meeting
import iep_meeting.model
from iep_meeting.meeting.autosave import SaveState
from iep_meeting.model.plan import Outcome, Progress, Role
from iep_meeting.model.progress import SectionStatus
from iep_meeting.words.labels import ENGLISH, LABELS, SYMBOLS, choices, label, mark
from iep_meeting.words.phrases import example, listing, plural, plural_of


def _enums(package) -> list[type[enum.Enum]]:
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, enum.Enum) and value.__module__ == module.__name__:
                found.append(value)
    return found


MODEL_ENUMS = _enums(iep_meeting.model) + _enums(iep_meeting.meeting)


def test_the_walk_finds_the_model_enums():
    names = {e.__name__ for e in MODEL_ENUMS}
    assert {"Role", "Outcome", "ServiceKind", "SectionStatus", "SaveState", "Severity"} <= names


@pytest.mark.parametrize("enum_type", MODEL_ENUMS, ids=lambda e: e.__name__)
def test_every_value_of_every_enum_has_words(enum_type):
    words = LABELS.get(enum_type.__name__, {})
    missing = [member for member in enum_type if not words.get(member.value, "").strip()]
    assert missing == [], f"no words in words/labels.py for {enum_type.__name__}: {missing}"


def test_no_words_for_values_the_model_does_not_have():
    by_name = {e.__name__: {m.value for m in e} for e in MODEL_ENUMS}
    for table in (LABELS, SYMBOLS):
        for kind, words in table.items():
            assert kind in by_name, f"words for {kind}, which is not a model enum"
            assert set(words) <= by_name[kind], (kind, set(words) - by_name[kind])


@pytest.mark.parametrize("enum_type", [Outcome, Progress, SectionStatus, SaveState], ids=lambda e: e.__name__)
def test_every_state_has_a_symbol_as_well_as_words(enum_type):
    for member in enum_type:
        symbol, _, words = mark(member).partition(" ")
        assert symbol and not symbol.isalnum() and words  # never colour alone


def test_an_outcome_is_written_one_way():
    assert [mark(o) for o in Outcome] == ["✓ agreed", "! not agreed", "◐ tabled"]
    assert {v: w for w, v in choices(Outcome)}[Outcome.TABLED] == "tabled (decide later)"


def test_the_english_vocabulary_is_the_one_the_app_uses():
    assert ENGLISH.label(Role.PARENT) == label(Role.PARENT) == "parent or guardian"


def test_counts_and_lists_in_words():
    assert plural(1, "goal") == "1 goal" and plural(3, "goal") == "3 goals"
    assert plural(2, "person", "people") == "2 people"
    assert listing(["a"]) == "a" and listing(["a", "b", "c"]) == "a, b and c" and listing([]) == ""


def test_plural_nouns_are_english():
    assert [plural_of(w) for w in ("copy", "family copy", "day", "action item")] == [
        "copies",
        "family copies",
        "days",
        "action items",
    ]
    assert example("quarterly") == "e.g. quarterly" and example("usually: speech room") == "usually: speech room"
