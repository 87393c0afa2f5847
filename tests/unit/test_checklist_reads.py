"""Each checklist rule reads only the parts of the plan it declares.

The running checklist re-runs a rule only when a part it declares (`reads`)
was replaced, so a rule reading an undeclared part would keep showing a stale
answer after an edit of that part: an item that stays open after it was
fixed, or one that never appears. Two ways to catch it:

- every rule runs on plans that record which of their parts are read, over
  plans that take each rule's branches (every plan that breaks a rule in
  test_checklist.py or calls for its advice, the complete plans, next year's
  plan, the plans of test_state_profiles.py) under every profile;
- every value of a rich plan is edited once, and the running checklist must
  equal a fresh run after each edit.
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from collections.abc import Iterator
from typing import Any, cast

import attrs
import pytest

from iep_meeting.model import next_year
from iep_meeting.model.checklist import RULES, Checklist, checklist
from iep_meeting.model.checklist.rule import Rule
from iep_meeting.model.findings import Finding
from iep_meeting.model.paths import Path, get_in, set_in
from iep_meeting.model.plan import Follows, Plan
from iep_meeting.model.rules import Profile
from iep_meeting.store.agenda_files import find_agenda
from tests.complete_plans import COMPLETE_PLANS
from tests.factories import MEETING_DATE, small_plan
from tests.unit.test_checklist import ADVICE, FAILING
from tests.unit.test_checklist_properties import PROFILES, places
from tests.unit.test_state_profiles import state_plans

ANNUAL = find_agenda("annual-review").agenda


class Recording:
    """A plan that notes each of its parts a rule reads."""

    def __init__(self, plan: Plan) -> None:
        self._plan = plan
        self.read: set[str] = set()

    def __getattr__(self, name: str) -> Any:  # only for what is not set above: the plan's parts
        self.read.add(name)
        return getattr(self._plan, name)


def run_recording(rule: Rule, plan: Plan, profile: Profile) -> tuple[set[str], list[Finding]]:
    """What `rule` reads of `plan` while it runs, and what it finds."""
    recording = Recording(plan)
    found = list(rule.check(cast(Plan, recording), profile))
    return recording.read, found


def next_years_plan() -> Plan:
    """Next year's plan, with everything it carried over still to review."""
    follows = Follows(path="last-year.toml", sha256="0" * 64)
    return next_year.next_year_of(small_plan(), follows, ANNUAL, MEETING_DATE + dt.timedelta(days=365))


def corpus() -> Iterator[Plan]:
    complete = small_plan()
    yield complete
    yield from (breaks(complete) for _, breaks in FAILING + ADVICE)
    yield from (build() for build in COMPLETE_PLANS.values())
    yield next_years_plan()
    yield from state_plans()
    # An interpreter was there but the plan names no language of the family's (`translations`).
    yield attrs.evolve(complete, student=attrs.evolve(complete.student, guardians=(), home_language="English"))


CORPUS = list(corpus())


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_each_rule_reads_only_what_it_declares_and_reports_only_its_kinds(rule: Rule) -> None:
    declared_ids = {kind.id for kind in rule.finds}
    read_somewhere: set[str] = set()
    for plan in CORPUS:
        for profile in PROFILES:
            read, found = run_recording(rule, plan, profile)
            assert read <= set(rule.reads), f"{rule.name} reads {sorted(read - set(rule.reads))} without declaring it"
            assert {f.rule for f in found} <= declared_ids, f"{rule.name} reports a kind it does not declare"
            read_somewhere |= read
    # A part declared but never read only costs re-runs; every one is read on some plan.
    assert read_somewhere == set(rule.reads), f"{rule.name} never reads {sorted(set(rule.reads) - read_somewhere)}"


def test_the_recording_catches_an_undeclared_read() -> None:
    def peeks(plan: Plan, profile: Profile) -> Iterator[Finding]:
        if plan.goals and plan.services:
            yield from ()

    sneaky = Rule(peeks, reads=("goals",), finds=RULES[0].finds)
    read, _ = run_recording(sneaky, small_plan(), PROFILES[0])
    assert read - set(sneaky.reads) == {"services"}


# --- every value edited once ----------------------------------------------------------


def other_value(plan: Plan, path: Path, current: Any) -> Any:
    """A different value of the same type for the value at `path`."""
    declared = None if isinstance(path[-1], int) else typing.get_type_hints(type(get_in(plan, path[:-1])))[path[-1]]
    if isinstance(current, tuple):
        return current[:-1] if current else current
    if isinstance(current, bool):
        return not current
    if isinstance(current, enum.Enum):
        members = list(type(current))
        return members[(members.index(current) + 1) % len(members)]
    if isinstance(current, int):
        return current + 7
    if isinstance(current, dt.datetime):
        return current + dt.timedelta(days=1)
    if isinstance(current, dt.date):
        return current + dt.timedelta(days=400)
    if isinstance(current, dt.time):
        return current.replace(hour=(current.hour + 1) % 24)
    if isinstance(current, str):
        return "" if current.strip() else "Something the team wrote"
    if current is None and declared is not None:
        kinds = [kind for kind in typing.get_args(declared) if kind is not type(None)]
        if kinds and isinstance(kinds[0], type) and issubclass(kinds[0], enum.Enum):
            return next(iter(kinds[0]))
        examples: dict[Any, Any] = {dt.date: MEETING_DATE, bool: False, int: 50, dt.time: dt.time(9, 0)}
        return next((examples[kind] for kind in kinds if kind in examples), None)
    return current


@pytest.mark.slow  # an edit of every value of a plan
@pytest.mark.parametrize("profile", PROFILES, ids=lambda profile: profile.id)
@pytest.mark.parametrize("start", [small_plan(), next_years_plan()], ids=["complete", "next-year"])
def test_the_running_checklist_equals_a_fresh_run_after_an_edit_of_each_value(start: Plan, profile: Profile) -> None:
    leaves = [(path, value) for path, value in places(start) if not attrs.has(type(value))]
    assert len(leaves) > 100, "the plan has values of every kind to edit"
    for path, value in leaves:
        running = Checklist(ANNUAL, profile)
        running.run(start)
        edited = set_in(start, path, other_value(start, path, value))
        assert running.run(edited) == checklist(edited, ANNUAL, profile), f"after editing {path}"
