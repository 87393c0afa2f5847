"""The checklist on plans nobody wrote by hand: a complete plan with random
edits of any of its values (text, numbers, dates, choices, yes/no, lists made
shorter or longer). It never crashes, every finding points at a place that
exists in the plan, and the checklist a running meeting keeps (re-running
only the rules whose parts changed) equals a fresh run after every edit."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iep_meeting.model.checklist import Checklist, checklist
from iep_meeting.model.paths import Path, get_in, set_in
from iep_meeting.model.places import place_words
from iep_meeting.model.rules import (
    FEDERAL,
    ConsentRule,
    ProfileRequirement,
    SignatureMeaning,
    SignatureRule,
    TransitionRule,
)
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.profile_files import available_profiles
from tests.factories import small_plan

ANNUAL = find_agenda("annual-review").agenda
COMPLETE = small_plan()
# The shipped profiles, and one that asks for everything a profile can ask.
STRICT = attrs.evolve(
    FEDERAL,
    id="strict",
    transition=TransitionRule(age=12, cite="t", source="t"),
    consent=ConsentRule(every_iep=True, cite="c", source="c"),
    signatures=SignatureRule(meaning=SignatureMeaning.AGREEMENT, cite="s", source="s"),
    requires=(ProfileRequirement(path="goals.objectives", words="objectives for every goal", cite="r"),),
)
PROFILES = [source.profile for source in available_profiles()[0]] + [STRICT]


def places(value: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    """Every value of the plan with its path (records, lists, and the leaves)."""
    found: list[tuple[Path, Any]] = [(path, value)] if path else []
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            found += places(getattr(value, field.name), (*path, field.name))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            found += places(item, (*path, index))
    return found


def field_type(plan: Any, path: Path) -> Any:
    """The declared type of the record field at `path` (None for a list item)."""
    if isinstance(path[-1], int):
        return None
    owner = get_in(plan, path[:-1])
    hints = typing.get_type_hints(type(owner))
    return hints[path[-1]]


def values_like(current: Any, declared: Any) -> st.SearchStrategy[Any]:
    """Values the field could hold: its own type, and None where it is optional."""
    optional = declared is not None and type(None) in typing.get_args(declared)
    if isinstance(current, tuple):
        shorter = st.integers(0, len(current)).map(lambda n: current[:n])
        return shorter | st.just(current + current[-1:]) if current else st.just(())
    if isinstance(current, bool):
        base: st.SearchStrategy[Any] = st.booleans()
    elif isinstance(current, enum.Enum):
        base = st.sampled_from(list(type(current)))
    elif isinstance(current, int):
        base = st.integers(-5, 20_000)
    elif isinstance(current, dt.date):
        base = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
    elif isinstance(current, dt.time):
        base = st.times()
    elif isinstance(current, str):
        base = st.sampled_from(["", " ", "x", "Reading", "\n", "A long answer " * 20])
    elif current is None and declared is not None:
        kinds = [t for t in typing.get_args(declared) if t is not type(None)]
        base = st.none()
        if kinds and isinstance(kinds[0], type) and issubclass(kinds[0], enum.Enum):
            base = st.sampled_from(list(kinds[0]))
        elif dt.date in kinds:
            base = st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31))
        elif int in kinds:
            base = st.integers(0, 20_000)
        elif bool in kinds:
            base = st.booleans()
    else:
        return st.just(current)
    return base | st.none() if optional else base


@st.composite
def edits(draw: st.DrawFn, count: int = 6) -> list[tuple[Path, Any]]:
    """Up to `count` edits, each of a value that exists in the plan as edited so far."""
    plan, made = COMPLETE, []
    for _ in range(draw(st.integers(1, count))):
        candidates = [(path, value) for path, value in places(plan) if not attrs.has(type(value))]
        path, current = draw(st.sampled_from(candidates))
        new = draw(values_like(current, field_type(plan, path)))
        plan = set_in(plan, path, new)
        made.append((path, new))
    return made


@pytest.mark.slow  # 300 random plans
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits(), st.sampled_from(PROFILES))
def test_the_checklist_survives_any_edit_and_the_running_one_agrees(changes, profile):
    running = Checklist(ANNUAL, profile)
    plan = COMPLETE
    running.run(plan)
    for path, value in changes:
        plan = set_in(plan, path, value)
        fresh = checklist(plan, ANNUAL, profile)
        assert running.run(plan) == fresh, f"after setting {path}"
        for finding in fresh:
            get_in(plan, finding.path)  # the place it points at exists: the app can jump there
            assert place_words(plan, finding.path)  # and it can be said in words
