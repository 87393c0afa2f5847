"""Banks of common items: accommodations, related services and goal domains.

District IEP systems offer such banks so a team does not type the same
accommodation for the hundredth time. Here they are data (agendas/banks/*.toml,
plus a district's own files in the user agenda folder); these classes are what
those files hold once read. A bank item is a *suggestion*: picking one makes a
plan item (`to_accommodation`, `to_service`, `to_goal`) that the team then
adjusts and agrees on in the meeting.

Pure: no Textual, no file I/O.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import attrs

from iep_meeting.model.plan import Accommodation, AppliesTo, Goal, GoalArea, Service, ServiceKind

T = TypeVar("T", "BankAccommodation", "RelatedServiceKind", "GoalDomain")

# An item's words in other languages: {language code: {field: text}}, for the fields
# a plan item made from it holds (TRANSLATED_FIELDS), so a chosen item is already translated.
Words = dict[str, dict[str, str]]


@attrs.frozen(kw_only=True)
class BankAccommodation:
    """A common accommodation, e.g. "Extended time (1.5x) on tests and quizzes"."""

    description: str
    applies_to: AppliesTo  # in class, on tests, or both
    category: str = ""  # short: presentation, response, setting, timing, organization, behavior
    note: str = ""  # when it fits or what to watch for, in plain words
    translations: Words = attrs.field(factory=dict, hash=False)  # {"es": {"description": "..."}}

    def to_accommodation(self, accommodation_id: str) -> Accommodation:
        return Accommodation(id=accommodation_id, description=self.description, applies_to=self.applies_to)


@attrs.frozen(kw_only=True)
class RelatedServiceKind:
    """A related service (34 CFR 300.34) and who usually provides it, where."""

    name: str  # "Speech-language therapy"
    provider: str  # the provider's role: "speech-language pathologist (SLP)"
    setting: str = ""  # where it typically happens
    description: str = ""  # what it is, in words a parent understands
    translations: Words = attrs.field(
        factory=dict, hash=False
    )  # {"es": {"name": ..., "provider": ..., "setting": ...}}

    def to_service(self, service_id: str) -> Service:
        return Service(
            id=service_id,
            kind=ServiceKind.RELATED_SERVICE,
            description=self.name,
            provider=self.provider,
            setting=self.setting,
        )


@attrs.frozen(kw_only=True)
class GoalDomain:
    """An area annual goals are written in, with a measurable-goal skeleton.

    `example` is a goal statement with blanks (___) to fill in; the three hints
    say what to write as the goal's baseline, target and how it is measured.
    """

    domain: str  # "reading fluency"
    area: GoalArea  # academic or functional
    example: str = ""
    baseline_hint: str = ""
    target_hint: str = ""
    measured_by_hint: str = ""
    translations: Words = attrs.field(factory=dict, hash=False)  # {"es": {"domain": "..."}}

    def to_goal(self, goal_id: str) -> Goal:
        return Goal(id=goal_id, area=self.area, domain=self.domain)


@attrs.frozen(kw_only=True)
class Banks:
    accommodations: tuple[BankAccommodation, ...] = ()
    related_services: tuple[RelatedServiceKind, ...] = ()
    goal_domains: tuple[GoalDomain, ...] = ()


# The fields of each kind of item whose words go into a plan item made from it.
TRANSLATED_FIELDS: dict[type, tuple[str, ...]] = {
    BankAccommodation: ("description",),
    RelatedServiceKind: ("name", "provider", "setting"),
    GoalDomain: ("domain",),
}


def bank_words(banks: Banks, language: str) -> dict[str, str]:
    """{English text, spaces collapsed: its words in `language` (a locale code, "es")}
    for every bank text a plan item takes, where the bank has them."""
    found: dict[str, str] = {}
    items: tuple[BankAccommodation | RelatedServiceKind | GoalDomain, ...] = (
        *banks.accommodations,
        *banks.related_services,
        *banks.goal_domains,
    )
    for item in items:
        own = item.translations.get(language, {})
        for field in TRANSLATED_FIELDS[type(item)]:
            english, words = " ".join(str(getattr(item, field)).split()), own.get(field, "").strip()
            if english and words:
                found.setdefault(english, words)
    return found


# --- identity and merging ------------------------------------------------------------


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def item_key(item: BankAccommodation | RelatedServiceKind | GoalDomain) -> str:
    """What makes two bank items "the same": the description, service name or
    domain, ignoring case and spacing."""
    if isinstance(item, BankAccommodation):
        return _normalized(item.description)
    if isinstance(item, RelatedServiceKind):
        return _normalized(item.name)
    if isinstance(item, GoalDomain):
        return _normalized(item.domain)
    raise TypeError(f"not a bank item: {item!r}")


def _append_new(existing: tuple[T, ...], added: Iterable[T]) -> tuple[T, ...]:
    seen = {item_key(item) for item in existing}
    result = list(existing)
    for item in added:
        key = item_key(item)
        if key not in seen:
            seen.add(key)
            result.append(item)
    return tuple(result)


def merge_banks(base: Banks, added: Banks) -> Banks:
    """`base` followed by the items of `added` that it does not already hold."""
    return Banks(
        accommodations=_append_new(base.accommodations, added.accommodations),
        related_services=_append_new(base.related_services, added.related_services),
        goal_domains=_append_new(base.goal_domains, added.goal_domains),
    )


# --- search -----------------------------------------------------------------------------


def _matches(query: str, *fields: str) -> bool:
    """Every word of `query` occurs (case-insensitively) in at least one field."""
    haystacks = [field.casefold() for field in fields]
    return all(any(word in haystack for haystack in haystacks) for word in query.casefold().split())


def search_accommodations(banks: Banks, query: str) -> tuple[BankAccommodation, ...]:
    """Accommodations whose description or category contains every word of
    `query` (case-insensitive; a word may be part of a longer word, so "ext"
    finds "extended"). An empty query returns them all, in bank order."""
    return tuple(item for item in banks.accommodations if _matches(query, item.description, item.category))


def search_related_services(banks: Banks, query: str) -> tuple[RelatedServiceKind, ...]:
    """Related services whose name, provider or description contains every word."""
    return tuple(item for item in banks.related_services if _matches(query, item.name, item.provider, item.description))


def search_goal_domains(banks: Banks, query: str) -> tuple[GoalDomain, ...]:
    """Goal domains whose domain name or area contains every word of `query`."""
    return tuple(item for item in banks.goal_domains if _matches(query, item.domain, item.area.value))
