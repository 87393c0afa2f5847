"""What changed between two plans, in plain words: `plan_changes(old, new)`.

Each `Change` names the part of the plan, the record in the words the team
knows it by (the same words the checklist uses, model/places.py), the field,
the old and the new value said in words (words/labels.py), and the precise key
for scripts ("goals[id=reading-fluency].target").

Records are matched by what they are, never by where they stand in a list:
goals, services, accommodations and last year's goals by their `id`; the rest
by their natural key (see `MATCH_KEYS`). Moving a record in its list is not a
change. Two plans that say the same thing give `()`: a format-1 file and its
format-2 rewrite, say, or the same plan saved twice.

Pure: no files, no UI. `documents/diff_report.py` turns the changes into text
and JSON; `iep-meeting diff` prints them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from enum import Enum
from typing import Any

import attrs

from iep_meeting.model.places import FIELD_WORDS, PART_WORDS, SEPARATOR, record_name
from iep_meeting.model.plan import (
    Accommodation,
    ActionItem,
    Concern,
    ContactAttempt,
    Decision,
    FamilyCopy,
    FamilyInput,
    FamilyTopic,
    FollowUp,
    Frequency,
    Goal,
    Guardian,
    Objective,
    OptionConsidered,
    ParkingLotItem,
    Plan,
    PresentLevelArea,
    PreviousGoal,
    Service,
    Signature,
    TeamMember,
)
from iep_meeting.words.labels import ENGLISH, NOT_CHOSEN, NOT_DECIDED, SPECIAL_FACTORS, YES_NO, Vocabulary
from iep_meeting.words.phrases import listing

ADDED, REMOVED, CHANGED = "added", "removed", "changed"

NOT_SET = "not set"  # a date, a number or a text left empty

# The parts of the plan that are one value, not a record, and the parts places.py has no words for.
OTHER_PART_WORDS = {
    "status": "Status",
    "agenda": "Agenda",
    "profile": "Rule profile",
    "amends": "Amended plan",
    "follow_up": "Follow-up meeting",
    "follows": "Last year's plan",
    "options": "Options considered",
}

# Field words for a diff where the checklist's words would not fit.
DIFF_FIELD_WORDS = {
    "minutes": "time",  # a service's minutes and `per`, said together: "90 → 120 minutes per week"
    "per": "time",
    "goals": "goals served",  # a service's goals
}


@attrs.frozen(kw_only=True)
class Change:
    """One difference between two plans, said in words."""

    part: str  # the plan's top-level key: "goals", "services", "team", "lre", "status", ...
    kind: str  # ADDED, REMOVED or CHANGED
    what: str  # the record, in its own words: "Goal 2 (written expression)", "Dev Okafor", "Placement"
    field: str = ""  # the field's name in the plan ("target"); "" for a record added or removed
    old: str = ""  # the value before, in words ("" when added); for a record removed, what it was
    new: str = ""  # the value after, in words ("" when removed); for a record added, what it is
    key: str = ""  # the precise key for scripts: "goals[id=reading-fluency].target", "services[id=service-4]"
    record: str = ""  # the list the record added, removed or changed is in ("objectives"); "" for a part
    field_words: str = ""  # the field in the app's words: "what counts as met"


def part_words(part: str) -> str:
    """A part of the plan (a top-level key, or a list inside a record) as the screen names it."""
    return PART_WORDS.get(part) or OTHER_PART_WORDS.get(part) or part.replace("_", " ").capitalize()


def field_words(name: str) -> str:
    return DIFF_FIELD_WORDS.get(name) or FIELD_WORDS.get(name) or name.replace("_", " ")


# How each kind of record without an id is matched between the two plans: by
# what the team calls it, so that moving it, or adding one before it, is not a
# change. Changing the key itself shows as the old record removed and a new one
# added, which is what the team did: the record is about something else now.
MATCH_KEYS: dict[type, tuple[str, ...]] = {
    # The program's own ids: stable across edits and amendments (plan.py).
    Goal: ("id",),
    Service: ("id",),
    Accommodation: ("id",),
    PreviousGoal: ("id",),
    # People by name: a team member or a signer is the person.
    TeamMember: ("name",),
    Signature: ("name",),
    Guardian: ("name",),
    # An area of present levels is the area ("reading fluency"); an objective is its statement;
    # an option considered is the option.
    PresentLevelArea: ("area",),
    Objective: ("statement",),
    OptionConsidered: ("option",),
    # A decision is what was decided, when: two decisions may have the same words at other times.
    Decision: ("time", "what"),
    # A contact attempt is an event: when, and how.
    ContactAttempt: ("date", "method"),
    # A parking-lot topic is its topic; its state and resolution change as the meeting goes on.
    ParkingLotItem: ("topic",),
    # A next step is who does what; its due date and `done` change.
    ActionItem: ("owner", "what"),
    # A family copy is which document in which language; how and when it was given are filled in
    # as it happens (several copies: one in English, one in the family's language).
    FamilyCopy: ("language", "document"),
    # A family's concern by its id (its words are theirs, and what answers it changes); a
    # topic the family asked for on the agenda is its words.
    Concern: ("id",),
    FamilyTopic: ("topic",),
}


def plan_changes(old: Plan, new: Plan, words: Vocabulary = ENGLISH) -> tuple[Change, ...]:
    """Every difference between `old` and `new`, in plan order; `()` when they say the same."""
    if old == new:
        return ()
    return tuple(_Differ(old, new, words).changes())


class _Differ:
    def __init__(self, old: Plan, new: Plan, words: Vocabulary) -> None:
        self.old, self.new, self.words = old, new, words

    def changes(self) -> Iterator[Change]:
        old, new = self.old, self.new
        for field in attrs.fields(Plan):
            name = field.name
            a, b = getattr(old, name), getattr(new, name)
            if a == b:
                continue
            if name == "special_factors":
                for factor in attrs.fields(type(b)):
                    fa, fb = getattr(a, factor.name), getattr(b, factor.name)
                    if fa != fb:
                        what = SPECIAL_FACTORS[factor.name][0]
                        yield from self._record(name, what, f"{name}.{factor.name}", fa, fb)
            elif isinstance(b, tuple):
                yield from self._list(name, name, "", name, a, b)
            elif a is None or b is None:  # amends, follow_up, follows: there or not
                kind = ADDED if a is None else REMOVED
                summary = self._summary(name, b if a is None else a)
                yield Change(
                    part=name,
                    kind=kind,
                    what=part_words(name),
                    old=summary if kind == REMOVED else "",
                    new=summary if kind == ADDED else "",
                    key=name,
                )
            elif attrs.has(type(b)):
                yield from self._record(name, part_words(name), name, a, b)
            else:  # status, agenda, profile
                yield Change(
                    part=name,
                    kind=CHANGED,
                    what=part_words(name),
                    field=name,
                    old=self._value(name, a, b),
                    new=self._value(name, b, a),
                    key=name,
                    field_words=field_words(name),
                )

    def _record(self, part: str, what: str, key: str, a: Any, b: Any, record: str = "") -> Iterator[Change]:
        """The changes inside one record that is in both plans."""
        for field in attrs.fields(type(b)):
            name = field.name
            va, vb = getattr(a, name), getattr(b, name)
            if va == vb:
                continue
            if isinstance(b, Service) and name in ("minutes", "per"):
                if name == "per" and a.minutes != b.minutes:
                    continue  # said once, with the minutes
                old_text, new_text = self._minutes(a), self._minutes(b)
            elif attrs.has(type(va)) and attrs.has(type(vb)):  # a table inside a part: the family's input
                inside = field_words(name)
                yield from self._record(part, inside[:1].upper() + inside[1:], f"{key}.{name}", va, vb, record)
                continue
            elif attrs.has(type(vb if va is None else va)):  # such a table there in one plan only
                old_text = self._summary(name, va) if va is not None else NOT_SET
                new_text = self._summary(name, vb) if vb is not None else NOT_SET
            elif isinstance(vb, tuple) and any(attrs.has(type(item)) for item in va + vb):
                # inside a list item, name it ("Goal 2 (reading) › …"); inside a part, its heading does
                yield from self._list(part, name, what if record else "", f"{key}.{name}", va, vb)
                continue
            elif isinstance(vb, tuple):
                if sorted(va) == sorted(vb):
                    continue  # the same items in another order
                side = isinstance(b, Service) and name == "goals"
                old_text = self._texts(va, self.old if side else None)
                new_text = self._texts(vb, self.new if side else None)
            else:
                old_text, new_text = self._value(name, va, vb), self._value(name, vb, va)
            yield Change(
                part=part,
                kind=CHANGED,
                what=what,
                field=name,
                old=old_text,
                new=new_text,
                key=f"{key}.{name}",
                record=record,
                field_words=field_words(name),
            )

    def _list(
        self, part: str, list_name: str, parent: str, key: str, a: tuple[Any, ...], b: tuple[Any, ...]
    ) -> Iterator[Change]:
        """The changes in a list of records: matched by id or natural key, never by position."""
        old_items, new_items = _keyed(a), _keyed(b)
        for index, (item_key, item) in enumerate(new_items.items()):
            before = old_items.get(item_key)
            if before is None:
                yield Change(
                    part=part,
                    kind=ADDED,
                    what=self._name(list_name, index, item, parent),
                    new=self._summary(list_name, item),
                    key=f"{key}[{_key_text(item, item_key)}]",
                    record=list_name,
                )
            elif before != item:
                name = self._name(list_name, index, item, parent)
                yield from self._record(part, name, f"{key}[{_key_text(item, item_key)}]", before, item, list_name)
        for index, (item_key, item) in enumerate(old_items.items()):
            if item_key not in new_items:
                yield Change(
                    part=part,
                    kind=REMOVED,
                    what=self._name(list_name, index, item, parent),
                    old=self._summary(list_name, item),
                    key=f"{key}[{_key_text(item, item_key)}]",
                    record=list_name,
                )

    def _name(self, list_name: str, index: int, item: Any, parent: str) -> str:
        # Records without a name of their own are named by their key, not by a number that
        # is only their place in the list ("contact attempt 2").
        if isinstance(item, ContactAttempt):
            name = f"{item.date}, {self.words.label(item.method)}"
        elif isinstance(item, FamilyCopy):
            name = (item.document or "copy") + (f" in {item.language}" if item.language.strip() else "")
        else:
            name = record_name(list_name, index, item)
        return f"{parent}{SEPARATOR}{name}" if parent else name

    # --- values in words ---------------------------------------------------------

    def _value(self, name: str, value: Any, other: Any = None) -> str:
        """`value` in words; `other` is the value on the other side, which says what kind a missing one is."""
        words = self.words
        if value is None:
            if isinstance(other, bool):
                return NOT_DECIDED
            return NOT_CHOSEN if isinstance(other, Enum) else NOT_SET
        if isinstance(value, bool):
            return YES_NO[value]
        if isinstance(value, Enum):
            return words.label(value)
        if isinstance(value, dt.datetime):
            return value.isoformat(sep=" ", timespec="minutes")
        if isinstance(value, dt.time):
            return value.isoformat(timespec="minutes")
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int):
            if name == "general_education_percent":
                return f"{value}%"
            if name == "minutes_per_week":
                return f"{value} minutes {words.label(Frequency.WEEKLY)}"
            return str(value)
        if isinstance(value, str):
            return value if value.strip() else NOT_SET
        return str(value)

    def _minutes(self, service: Service) -> str:
        if service.minutes is None:
            return f"{NOT_SET} ({self.words.label(service.per)})"
        return f"{service.minutes} minutes {self.words.label(service.per)}"

    def _texts(self, values: tuple[str, ...], plan: Plan | None) -> str:
        """A list of texts; a service's goals by the goals' names in that plan."""
        if plan is not None:  # not "Goal 2 (…)": a goal's number is its place, which may differ in the two plans
            names = {goal.id: goal.domain or " ".join(goal.statement.split()[:6]) or goal.id for goal in plan.goals}
            values = tuple(names.get(value, value) for value in values)
        return "; ".join(value for value in values if value.strip()) or "none"

    def _summary(self, list_name: str, item: Any) -> str:
        """What a record added or removed is, in a few words (its name is in `what`)."""
        words = self.words
        parts: list[str] = []
        if isinstance(item, Goal):
            parts = [" ".join(item.statement.split())]
        elif isinstance(item, Service):
            parts = [self._minutes(item) if item.minutes is not None else item.frequency, item.setting]
        elif isinstance(item, Accommodation):
            parts = [words.label(item.applies_to), item.note]
        elif isinstance(item, TeamMember):
            parts = [words.label(item.role), item.title]
        elif isinstance(item, Signature):
            agrees = "" if item.agrees is None else ("agrees" if item.agrees else "disagrees")
            parts = [words.label(item.role), agrees, _iso(item.date)]
        elif isinstance(item, Guardian):
            parts = [item.relationship]
        elif isinstance(item, ContactAttempt):
            parts = [item.result]
        elif isinstance(item, PresentLevelArea):
            parts = [item.baseline]
        elif isinstance(item, PreviousGoal):
            parts = [words.label(item.progress) if item.progress else ""]
        elif isinstance(item, Objective):
            parts = [item.criterion, f"by {item.target_date}" if item.target_date else item.by_when]
        elif isinstance(item, Decision):
            parts = [_iso(item.time), words.label(item.outcome)]
        elif isinstance(item, OptionConsidered):
            parts = [item.why_rejected]
        elif isinstance(item, ParkingLotItem):
            parts = [words.short(item.state), item.raised_by]
        elif isinstance(item, ActionItem):
            parts = [item.owner, f"due {item.due}" if item.due else "", "done" if item.done else ""]
        elif isinstance(item, FamilyCopy):
            parts = [words.label(item.method) if item.method else "", _iso(item.date)]
        elif isinstance(item, FamilyInput):
            parts = [f"the family's form of {_iso(item.form_date)}", item.filled_by]
        elif isinstance(item, Concern):
            parts = [f"from the family's form of {_iso(item.from_form)}" if item.from_form else item.raised_by]
        elif hasattr(item, "path") and hasattr(item, "sha256"):  # amends; follows (last year's plan)
            parts = [item.path, f"content SHA-256 {item.sha256[:12]}…" if item.sha256 else ""]
        elif isinstance(item, FollowUp):
            parts = [
                f"closed {item.closed}" if item.closed else "",
                f"planned for {item.date}" if item.date else "",
                listing(list(item.open_items)),
            ]
        return ", ".join(" ".join(part.split()) for part in parts if part and part.strip())


def _iso(value: dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    return value.isoformat()


def _key_value(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    elif isinstance(value, dt.date | dt.time):
        value = value.isoformat()
    text = str(value)
    if not text or any(c in text for c in '[]=,"\\') or not text.isprintable():
        return json.dumps(text, ensure_ascii=False)
    return text


def _keyed(items: tuple[Any, ...]) -> dict[tuple[Any, ...], Any]:
    """The items by their key (`MATCH_KEYS`), in their order. Two items with the same key (which
    a plan should not have) are told apart by their occurrence: the second of one plan is matched
    with the second of the other."""
    keyed: dict[tuple[Any, ...], Any] = {}
    seen: dict[tuple[Any, ...], int] = {}
    for item in items:
        values = tuple(getattr(item, name) for name in MATCH_KEYS.get(type(item), ()))
        count = seen[values] = seen.get(values, 0) + 1
        keyed[(*values, count)] = item
    return keyed


def _key_text(item: Any, key: tuple[Any, ...]) -> str:
    """An item's key in a key path: "id=reading-fluency", "owner=Casey Fixture,what=…" ("…,n=2"
    for the second item with the same key)."""
    names = MATCH_KEYS.get(type(item), ())
    text = ",".join(f"{name}={_key_value(value)}" for name, value in zip(names, key))
    return text if key[-1] == 1 else f"{text},n={key[-1]}"
