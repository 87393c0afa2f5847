"""The family's concerns and what answers each: a goal, a service, an
accommodation, a decision (a refusal too, whose Prior Written Notice says why)
or a parking-lot topic taken up later.

A concern (`plan.Concern`) names each answer by its list and the record's id,
so the link holds when records move: "goals:goal-1", "services:service-2",
"accommodations:accommodation-1", "decisions:decision-3", "parking_lot:topic-1".
Goals, services and accommodations have ids of their own; a decision or a
parking-lot topic gets one ("decision-3", "topic-1") the first time a concern is
linked to it (`link`). A link whose record is gone answers nothing.

Pure: no files, no UI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from iep_meeting.model.places import record_name
from iep_meeting.model.plan import Concern, Decision, DecisionAction, Plan

# The lists a concern's answer may be in, in the order the app offers them.
ANSWER_LISTS = ("goals", "services", "accommodations", "decisions", "parking_lot")

# The prefix of the ids given to the records that have none of their own.
GIVEN_ID_PREFIX = {"decisions": "decision", "parking_lot": "topic"}


@attrs.frozen
class Answer:
    """A record that answers a concern, or may: its reference and its place in the plan."""

    ref: str  # "goals:goal-1"
    list_name: str  # "goals"
    index: int  # its place in that list now
    record: Any  # the Goal, Service, Accommodation, Decision or ParkingLotItem

    @property
    def is_refusal(self) -> bool:
        return isinstance(self.record, Decision) and self.record.action is DecisionAction.REFUSES


def ref_of(list_name: str, record_id: str) -> str:
    return f"{list_name}:{record_id}"


def split_ref(ref: str) -> tuple[str, str]:
    list_name, _, record_id = ref.partition(":")
    return list_name, record_id


def answer_for(plan: Plan, ref: str) -> Answer | None:
    """The record `ref` names in `plan`, or None when there is none (any more)."""
    list_name, record_id = split_ref(ref)
    if list_name not in ANSWER_LISTS or not record_id:
        return None
    for index, record in enumerate(getattr(plan, list_name)):
        if record.id == record_id:
            return Answer(ref, list_name, index, record)
    return None


def answers_of(plan: Plan, concern: Concern) -> tuple[Answer, ...]:
    """What answers `concern`, in the order the team linked it; links to records gone are left out."""
    found = (answer_for(plan, ref) for ref in concern.answered_by)
    return tuple(answer for answer in found if answer is not None)


def unanswered(plan: Plan) -> Iterator[tuple[int, Concern]]:
    """Each concern nothing in the plan answers, with its place in the list."""
    for index, concern in enumerate(plan.present_levels.concerns):
        if not answers_of(plan, concern):
            yield index, concern


def candidates(plan: Plan) -> Iterator[tuple[str, int]]:
    """Every record a concern can be linked to, as (list, place in it), in ANSWER_LISTS order."""
    for list_name in ANSWER_LISTS:
        for index in range(len(getattr(plan, list_name))):
            yield list_name, index


def _with_id(plan: Plan, list_name: str, index: int) -> tuple[Plan, str]:
    """`plan` with the record at (`list_name`, `index`) holding an id (a decision or a
    topic gets the first free one), and that id."""
    records = getattr(plan, list_name)
    record = records[index]
    if record.id:
        return plan, str(record.id)
    prefix = GIVEN_ID_PREFIX[list_name]
    taken = {item.id for item in records}
    number = index + 1
    while f"{prefix}-{number}" in taken:
        number += 1
    given = f"{prefix}-{number}"
    changed: dict[str, Any] = {list_name: (*records[:index], attrs.evolve(record, id=given), *records[index + 1 :])}
    return attrs.evolve(plan, **changed), given


def _with_concern(plan: Plan, concern_index: int, concern: Concern) -> Plan:
    concerns = plan.present_levels.concerns
    changed = (*concerns[:concern_index], concern, *concerns[concern_index + 1 :])
    return attrs.evolve(plan, present_levels=attrs.evolve(plan.present_levels, concerns=changed))


def link(plan: Plan, concern_index: int, list_name: str, index: int) -> Plan:
    """`plan` with the concern at `concern_index` answered (also) by the record at
    (`list_name`, `index`); a record linked already stays linked once."""
    if list_name not in ANSWER_LISTS:
        raise ValueError(f"a concern is not answered by {list_name}")
    plan, record_id = _with_id(plan, list_name, index)
    concern = plan.present_levels.concerns[concern_index]
    ref = ref_of(list_name, record_id)
    if ref in concern.answered_by:
        return plan
    return _with_concern(plan, concern_index, attrs.evolve(concern, answered_by=(*concern.answered_by, ref)))


def unlink(plan: Plan, concern_index: int, ref: str) -> Plan:
    """`plan` with `ref` no longer an answer of the concern at `concern_index`."""
    concern = plan.present_levels.concerns[concern_index]
    if ref not in concern.answered_by:
        return plan
    left = tuple(other for other in concern.answered_by if other != ref)
    return _with_concern(plan, concern_index, attrs.evolve(concern, answered_by=left))


def with_answers(plan: Plan, concern_index: int, chosen: tuple[tuple[str, int], ...]) -> Plan:
    """`plan` with exactly the records `chosen` (by list and place) answering the concern
    at `concern_index`: those no longer chosen unlinked, the new ones linked in the
    plan's order (goals first), whatever order they were chosen in."""
    concern = plan.present_levels.concerns[concern_index]
    for answer in answers_of(plan, concern):
        if (answer.list_name, answer.index) not in chosen:
            plan = unlink(plan, concern_index, answer.ref)
    for list_name, place in sorted(chosen, key=lambda at: (ANSWER_LISTS.index(at[0]), at[1])):
        plan = link(plan, concern_index, list_name, place)
    return plan


def next_concern_id(concerns: tuple[Concern, ...], *, also_taken: frozenset[str] = frozenset()) -> str:
    """The first "concern-N" after the concerns' count that none of them (nor `also_taken`) has."""
    taken = {concern.id for concern in concerns} | also_taken
    number = len(concerns) + 1
    while f"concern-{number}" in taken:
        number += 1
    return f"concern-{number}"


def add_concern(plan: Plan, text: str, raised_by: str = "") -> Plan:
    """`plan` with a concern raised in the meeting, in the words typed."""
    concerns = plan.present_levels.concerns
    concern = Concern(id=next_concern_id(concerns), text=text, raised_by=raised_by)
    return attrs.evolve(plan, present_levels=attrs.evolve(plan.present_levels, concerns=(*concerns, concern)))


# What each kind of answer is called on screen and in `check`.
KIND_WORDS = {
    "goals": "Goal",
    "services": "Service",
    "accommodations": "Accommodation",
    "decisions": "Decision",
    "parking_lot": "Parking-lot topic",
}


def answer_words(answer: Answer) -> str:
    """An answer in the app's words: "Goal 1 (reading fluency)", "Service: Math support",
    "Decision (the school refuses): A one-to-one aide"."""
    name = record_name(answer.list_name, answer.index, answer.record)
    if answer.list_name == "goals":
        return name
    kind = KIND_WORDS[answer.list_name]
    if answer.is_refusal:
        kind += " (the school refuses)"
    return f"{kind}: {name}"
