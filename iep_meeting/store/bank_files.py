"""Bank files: the built-in lists of accommodations, related services and goal
areas, plus the items a district adds in `<user agenda dir>/banks/` (files of
the same names). Loaded when a section first offers choices, not at start.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from iep_meeting.model.banks import (
    TRANSLATED_FIELDS,
    BankAccommodation,
    Banks,
    GoalDomain,
    RelatedServiceKind,
    merge_banks,
)
from iep_meeting.store import codec
from iep_meeting.store.agenda_files import builtin_agenda_dir, located_problem, user_agenda_dir
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.plan_file import read_text

BANK_WHAT = "bank file"


@attrs.frozen(kw_only=True)
class AccommodationBankFile:
    accommodations: tuple[BankAccommodation, ...] = ()


@attrs.frozen(kw_only=True)
class RelatedServiceBankFile:
    related_services: tuple[RelatedServiceKind, ...] = ()


@attrs.frozen(kw_only=True)
class GoalDomainBankFile:
    goal_domains: tuple[GoalDomain, ...] = ()


# file name -> (what the file holds, how it becomes Banks)
BANK_FILES: dict[str, tuple[type, Callable[[Any], Banks]]] = {
    "accommodations.toml": (
        AccommodationBankFile,
        lambda f: Banks(accommodations=f.accommodations),
    ),
    "related-services.toml": (
        RelatedServiceBankFile,
        lambda f: Banks(related_services=f.related_services),
    ),
    "goal-areas.toml": (
        GoalDomainBankFile,
        lambda f: Banks(goal_domains=f.goal_domains),
    ),
}


def builtin_bank_dir() -> Path:
    return builtin_agenda_dir() / "banks"


def user_bank_dir(user_dir: Path | str | None = None) -> Path:
    return user_agenda_dir(user_dir) / "banks"


def load_bank_file(path: Path | str) -> Banks:
    """Read one bank file, recognised by its name (accommodations.toml,
    related-services.toml, goal-areas.toml); FileProblemError (what="bank file")."""
    path = Path(path)
    if path.name not in BANK_FILES:
        names = ", ".join(BANK_FILES)
        raise FileProblemError(path, [codec.Problem(f"a bank file is named one of: {names}")], BANK_WHAT)
    cls, to_banks = BANK_FILES[path.name]
    text = read_text(path, BANK_WHAT)
    try:
        data = codec.parse_toml(text)
        content: Any = codec.structure(data, cls, text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, BANK_WHAT) from None
    banks = to_banks(content)
    problems = _translation_problems(text, banks)
    if problems:
        raise FileProblemError(path, problems, BANK_WHAT)
    return banks


def _translation_problems(text: str, banks: Banks) -> list[codec.Problem]:
    """An item's `translations.<language>.<field>` must name a field its plan item takes."""
    problems = []
    lists: tuple[tuple[str, tuple[BankAccommodation | RelatedServiceKind | GoalDomain, ...]], ...] = (
        ("accommodations", banks.accommodations),
        ("related_services", banks.related_services),
        ("goal_domains", banks.goal_domains),
    )
    for name, items in lists:
        for index, item in enumerate(items):
            fields = TRANSLATED_FIELDS[type(item)]
            for language, words in item.translations.items():
                for field in words:
                    if field not in fields:
                        message = f"unknown field '{field}': an item's words in {language} are for {', '.join(fields)}"
                        problems.append(located_problem(text, message, name, index, "translations", language, field))
    return problems


def load_banks(
    user_dir: Path | str | None = None,
    *,
    on_error: Callable[[FileProblemError], None] | None = None,
) -> Banks:
    """The built-in banks, followed by the items of the user's bank files
    (`<user agenda dir>/banks/<same names>`) that are not already there (same
    description / service name / domain, ignoring case).

    A broken user bank file raises FileProblemError, unless `on_error` is given:
    then it is passed the error and the file is skipped. Missing files are fine.
    """
    banks = Banks()
    for name in BANK_FILES:
        banks = merge_banks(banks, load_bank_file(builtin_bank_dir() / name))
    folder = user_bank_dir(user_dir)
    for name in BANK_FILES:
        path = folder / name
        if not path.exists():
            continue
        try:
            banks = merge_banks(banks, load_bank_file(path))
        except FileProblemError as error:
            if on_error is None:
                raise
            on_error(error)
    return banks
