"""The team's words in the family's language: which texts there are to translate,
and which translation of each is current.

The team types in English; the record keeps what it typed. A qualified
interpreter or translator (never a program) writes the family-language version
of each text beside it: a `Translation` in `plan.translations`, kept by the
record and field it translates and by language, with who made it and when.

- `typed_texts(plan)` lists every text the team typed that a document shows in
  words (goal statements, targets, services' and accommodations' descriptions,
  decisions, statements, next steps, ...), each with its key: the record by
  what names it, as `diff` does, and the field
  ("goals[id=goal-1].statement", "decisions[time=2026-12-03T15:42:00].what",
  "action_items[2].what" for a record that has no name of its own). Names,
  phone numbers, emails, dates and places are not words to translate.
- A translation holds a hash of the English it was made from. When the English
  changes after that, the translation is *out of date*: documents no longer
  use it and the translation view shows it first, with the old translation to
  start from. A translation whose English is found again anywhere (a record
  moved, or carried into next year's plan) is current there too.
- `carried_translations` keeps, for a plan made from another (an amendment,
  next year's plan), the translations of the texts it still holds, under their
  keys in the new plan.

Pure: no files, no UI.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from typing import Any

import attrs

from iep_meeting.model.paths import Path
from iep_meeting.model.plan import Plan, Role, Translation

HASH_DIGITS = 16  # of the SHA-256: enough to tell an edit, short enough to read in a file

# What a plan may call English, the language the team types in.
ENGLISH_NAMES = frozenset({"english", "en", "eng", "inglés"})


class TranslationState(StrEnum):
    CURRENT = "current"
    OUT_OF_DATE = "out-of-date"  # the English changed after it was translated
    MISSING = "missing"


@attrs.frozen
class TypedText:
    """One text the team typed: where it is, and what it says in English."""

    key: str  # "goals[id=goal-1].statement": the same through reordering, amendments and next year
    path: Path  # where it is in the plan now: ("goals", 0, "statement")
    text: str


@functools.lru_cache(maxsize=16384)
def normalized(text: str) -> str:
    """The text with its spaces collapsed: a line broken anew is not a new text."""
    return " ".join(text.split())


@functools.lru_cache(maxsize=8192)
def english_hash(text: str) -> str:
    return hashlib.sha256(normalized(text).encode("utf-8", errors="replace")).hexdigest()[:HASH_DIGITS]


# --- the texts of a plan ---------------------------------------------------------------------------------------


# The texts of one record at one place, kept while the record is the same object: the
# checklist asks after every edit, and an edit replaces one record, not the other 199.
_CACHE: dict[tuple[int, Path, str], tuple[Any, tuple[TypedText, ...]]] = {}
_CACHE_SIZE = 20_000


def _cached(record: Any, path: Path, key: str, make: Callable[[], Iterator[TypedText]]) -> tuple[TypedText, ...]:
    entry = _CACHE.get((id(record), path, key))
    if entry is not None and entry[0] is record:
        return entry[1]
    texts = tuple(make())
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[(id(record), path, key)] = (record, texts)  # the record is held, so its id is not reused
    return texts


def _fields(key: str, path: Path, record: Any, names: tuple[str, ...]) -> tuple[TypedText, ...]:
    def make() -> Iterator[TypedText]:
        for name in names:
            yield from _text(f"{key}.{name}", (*path, name), getattr(record, name))

    return _cached(record, path, f"{key}:{','.join(names)}", make)


def _text(key: str, path: Path, text: str) -> Iterator[TypedText]:
    if text.strip():
        yield TypedText(key, path, text)


def _texts(key: str, path: Path, texts: tuple[str, ...]) -> tuple[TypedText, ...]:
    def make() -> Iterator[TypedText]:
        for index, text in enumerate(texts):
            yield from _text(f"{key}[{index}]", (*path, index), text)

    return _cached(texts, path, key, make)


FACTORS = ("behavior", "limited_english", "vision", "communication", "assistive_technology")


def _student(plan: Plan) -> Iterator[TypedText]:
    yield from _fields("student", ("student",), plan.student, ("eligibility",))


def _team(plan: Plan) -> Iterator[TypedText]:
    for i, member in enumerate(plan.team):
        key = f"team[name={member.name.strip()}]"
        yield from _fields(key, ("team", i), member, ("title", "written_input"))
        for j, attempt in enumerate(member.contact_attempts):
            path = ("team", i, "contact_attempts", j)
            yield from _fields(f"{key}.contact_attempts[{j}]", path, attempt, ("result",))


def _facilitation(plan: Plan) -> Iterator[TypedText]:
    facilitation = plan.facilitation
    yield from _texts(
        "facilitation.desired_outcomes", ("facilitation", "desired_outcomes"), facilitation.desired_outcomes
    )
    yield from _texts("facilitation.norms", ("facilitation", "norms"), facilitation.norms)
    yield from _fields("facilitation", ("facilitation",), facilitation, ("decision_making",))


def _present_levels(plan: Plan) -> Iterator[TypedText]:
    levels = plan.present_levels
    yield from _fields("present_levels", ("present_levels",), levels, ("parent_concerns", "evaluation_summary"))
    for i, area in enumerate(levels.areas):
        key = f"present_levels.areas[area={area.area.strip()}]"
        names = ("area", "strengths", "needs", "baseline", "impact")
        yield from _fields(key, ("present_levels", "areas", i), area, names)
    for i, previous in enumerate(levels.previous_goals):
        key = f"present_levels.previous_goals[id={previous.id}]"
        yield from _fields(key, ("present_levels", "previous_goals", i), previous, ("statement", "evidence"))


def _goals(plan: Plan) -> Iterator[TypedText]:
    for i, goal in enumerate(plan.goals):
        key = f"goals[id={goal.id}]"
        yield from _fields(
            key, ("goals", i), goal, ("domain", "statement", "baseline", "target", "measured_by", "reporting")
        )
        for j, objective in enumerate(goal.objectives):
            path = ("goals", i, "objectives", j)
            yield from _fields(f"{key}.objectives[{j}]", path, objective, ("statement", "criterion", "by_when"))


def _services(plan: Plan) -> Iterator[TypedText]:
    for i, service in enumerate(plan.services):
        names = ("description", "provider", "setting", "frequency")
        yield from _fields(f"services[id={service.id}]", ("services", i), service, names)


def _accommodations(plan: Plan) -> Iterator[TypedText]:
    for i, accommodation in enumerate(plan.accommodations):
        key = f"accommodations[id={accommodation.id}]"
        yield from _fields(key, ("accommodations", i), accommodation, ("description", "note"))


def _placement_and_tests(plan: Plan) -> Iterator[TypedText]:
    names = ("why_regular_not_appropriate", "why_alternate_appropriate", "note")
    yield from _fields("assessment", ("assessment",), plan.assessment, names)
    yield from _fields("lre", ("lre",), plan.lre, ("explanation",))
    for factor in FACTORS:
        path = ("special_factors", factor)
        yield from _fields(f"special_factors.{factor}", path, getattr(plan.special_factors, factor), ("note",))


def _transition_and_esy(plan: Plan) -> Iterator[TypedText]:
    transition = plan.transition
    names = ("education_goal", "employment_goal", "independent_living_goal", "assessments")
    yield from _fields("transition", ("transition",), transition, names)
    yield from _texts("transition.services", ("transition", "services"), transition.services)
    yield from _fields("transition", ("transition",), transition, ("course_of_study",))
    for i, record in enumerate(transition.considered):
        key = f"transition.considered[item={record.item.strip()}]"
        yield from _fields(key, ("transition", "considered", i), record, ("note",))
    yield from _fields("esy", ("esy",), plan.esy, ("note",))


def _decisions(plan: Plan) -> Iterator[TypedText]:
    for i, decision in enumerate(plan.decisions):
        key = f"decisions[time={decision.time.isoformat()}]"
        names = ("what", "disagreed", "reasons", "evaluations_used", "other_factors")
        yield from _fields(key, ("decisions", i), decision, names)
        for j, option in enumerate(decision.options):
            path = ("decisions", i, "options", j)
            yield from _fields(f"{key}.options[{j}]", path, option, ("option", "why_rejected"))


def _the_close(plan: Plan) -> Iterator[TypedText]:
    for i, item in enumerate(plan.parking_lot):
        yield from _fields(f"parking_lot[{i}]", ("parking_lot", i), item, ("topic", "resolution"))
    for i, step in enumerate(plan.action_items):
        yield from _fields(f"action_items[{i}]", ("action_items", i), step, ("what",))
    for i, signature in enumerate(plan.sign_off.signatures):
        key = f"sign_off.signatures[name={signature.name.strip()}]"
        yield from _fields(key, ("sign_off", "signatures", i), signature, ("statement",))
    yield from _fields("sign_off", ("sign_off",), plan.sign_off, ("recess_place",))
    if plan.follow_up is not None:
        yield from _texts("follow_up.open_items", ("follow_up", "open_items"), plan.follow_up.open_items)


# Each part's texts, with the parts of the plan they come from: worked out again only
# when one of those parts is a new value (an edit of a goal re-reads the goals).
PARTS: tuple[tuple[Callable[[Plan], Iterator[TypedText]], tuple[str, ...]], ...] = (
    (_student, ("student",)),
    (_team, ("team",)),
    (_facilitation, ("facilitation",)),
    (_present_levels, ("present_levels",)),
    (_goals, ("goals",)),
    (_services, ("services",)),
    (_accommodations, ("accommodations",)),
    (_placement_and_tests, ("assessment", "lre", "special_factors")),
    (_transition_and_esy, ("transition", "esy")),
    (_decisions, ("decisions",)),
    (_the_close, ("parking_lot", "action_items", "sign_off", "follow_up")),
)


_LAST: dict[str, tuple[tuple[Any, ...], tuple[TypedText, ...]]] = {}  # each part's texts in the last plan asked


def text_parts(plan: Plan) -> list[tuple[TypedText, ...]]:
    """The plan's texts to translate, part by part (see `typed_texts`)."""
    found = []
    for make, names in PARTS:
        values = tuple(getattr(plan, name) for name in names)
        last = _LAST.get(make.__name__)
        if last is None or len(last[0]) != len(values) or any(a is not b for a, b in zip(last[0], values, strict=True)):
            last = (values, tuple(make(plan)))
            _LAST[make.__name__] = last
        found.append(last[1])
    return found


def typed_texts(plan: Plan) -> Iterator[TypedText]:
    """Every non-empty text of `plan` to translate, in plan order."""
    for part in text_parts(plan):
        yield from part


# --- the family's language -------------------------------------------------------------------------------------


def is_english(name: str) -> bool:
    return name.strip().casefold() in ENGLISH_NAMES


def family_languages(plan: Plan) -> tuple[str, ...]:
    """The languages other than English the plan names for the family, as it names
    them: each guardian's language, then the student's home language."""
    named = [guardian.language for guardian in plan.student.guardians] + [plan.student.home_language]
    found: dict[str, str] = {}
    for name in named:
        if name.strip() and not is_english(name):
            found.setdefault(name.strip().casefold(), name.strip())
    return tuple(found.values())


def interpreter_words(plan: Plan) -> tuple[str, ...]:
    """What the plan says about the meeting's interpreter: the interpreter record
    ("Ana Ruiz (Spanish)") and each interpreter's title on the team ("Spanish
    interpreter"), for the store to find a language named in them."""
    texts = [plan.meeting.interpreter] + [member.title for member in plan.team if member.role is Role.INTERPRETER]
    return tuple(text for text in texts if text.strip())


# --- which translation is current ------------------------------------------------------------------------------


def _language_key(name: str) -> str:
    return name.strip().casefold()


class TranslationIndex:
    """The plan's translations into one language (any of `names`, what a plan may
    call it: "Spanish", "Español", "es"), to look a text up in."""

    def __init__(self, translations: Iterable[Translation], names: Iterable[str]) -> None:
        wanted = {_language_key(name) for name in names}
        self.by_key: dict[str, Translation] = {}
        self.by_hash: dict[str, Translation] = {}
        for translation in translations:
            if _language_key(translation.language) in wanted and translation.text.strip():
                self.by_key.setdefault(translation.key, translation)
                if translation.english_hash:
                    self.by_hash.setdefault(translation.english_hash, translation)

    def lookup(self, item: TypedText) -> tuple[TranslationState, Translation | None]:
        """Whether `item` has a current translation; an out-of-date one is given too."""
        if not self.by_key:
            return TranslationState.MISSING, None
        digest = english_hash(item.text)
        own = self.by_key.get(item.key)
        if own is not None and own.english_hash == digest:
            return TranslationState.CURRENT, own
        same_words = self.by_hash.get(digest)
        if same_words is not None:
            return TranslationState.CURRENT, same_words
        if own is not None:
            return TranslationState.OUT_OF_DATE, own
        return TranslationState.MISSING, None


def current_words(plan: Plan, names: Iterable[str]) -> dict[str, str | None]:
    """{English text, spaces collapsed: its current translation, or None} for every text
    of `plan`, in the language `names` call."""
    return words_of(typed_texts(plan), plan.translations, names)


def words_of(
    items: Iterable[TypedText], translations: Iterable[Translation], names: Iterable[str]
) -> dict[str, str | None]:
    """`current_words` of the texts `items` and the `translations` made of them."""
    index = TranslationIndex(translations, names)
    words: dict[str, str | None] = {}
    for item in items:
        state, translation = index.lookup(item)
        key = normalized(item.text)
        if state is TranslationState.CURRENT and translation is not None:
            words[key] = translation.text.strip()
        else:
            words.setdefault(key, None)
    return words


def states(plan: Plan, language: str) -> list[tuple[TypedText, TranslationState, Translation | None]]:
    """Every text of `plan` with its translation into `language`: out of date first
    (an old translation to start from), then missing, then the current ones, each
    in plan order."""
    return states_of(typed_texts(plan), plan.translations, language)


def states_of(
    items: Iterable[TypedText], translations: Iterable[Translation], language: str
) -> list[tuple[TypedText, TranslationState, Translation | None]]:
    """`states` of the texts `items` and the `translations` made of them."""
    index = TranslationIndex(translations, (language,))
    found = [(item, *index.lookup(item)) for item in items]
    order = {TranslationState.OUT_OF_DATE: 0, TranslationState.MISSING: 1, TranslationState.CURRENT: 2}
    return sorted(found, key=lambda entry: order[entry[1]])


# --- changing them ---------------------------------------------------------------------------------------------


def with_translation(plan: Plan, made: Translation) -> Plan:
    """`plan` with `made` in place of its translation of the same text into the same
    language; an empty text removes that translation."""
    same = (_language_key(made.language), made.key)
    kept = tuple(t for t in plan.translations if (_language_key(t.language), t.key) != same)
    return attrs.evolve(plan, translations=kept + ((made,) if made.text.strip() else ()))


def translated(item: TypedText, language: str, text: str, by: str, day: dt.date | None) -> Translation:
    """A translation of `item` made now: its English hash is the text's as it reads today."""
    return Translation(
        key=item.key, language=language, text=text.strip(), english_hash=english_hash(item.text), by=by, date=day
    )


def carried_translations(translations: Iterable[Translation], plan: Plan) -> tuple[Translation, ...]:
    """The translations of the texts `plan` holds, from `translations` (those of the
    plan it was made from), each under its key in `plan`: a current one follows its
    English wherever it went; an out-of-date one stays with its key."""
    given = tuple(translations)
    by_language: dict[str, list[Translation]] = {}
    for translation in given:
        by_language.setdefault(_language_key(translation.language), []).append(translation)
    kept: dict[tuple[str, str], Translation] = {}
    items = list(typed_texts(plan))
    for language, group in by_language.items():
        index = TranslationIndex(group, (language,))
        for item in items:
            state, found = index.lookup(item)
            if found is None:
                continue
            if state is TranslationState.CURRENT:
                found = attrs.evolve(found, key=item.key, english_hash=english_hash(item.text))
            kept.setdefault((language, item.key), found)
    return tuple(kept.values())
