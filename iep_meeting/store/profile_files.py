"""Rule profile files: the built-in ones (agendas/profiles/) and a district's own.

A profile holds the rules that differ between states (model/rules.py:
`Profile`). Built-in profiles are in the agenda data folder's `profiles/`;
a district adds one, or replaces a built-in one, with a file of the same kind
in `<user agenda dir>/profiles/`:

    <user agenda dir>/profiles/
        texas.toml      replaces the built-in "texas"
        district.toml   a new profile, id "district"

Which profile a meeting follows: the plan's `profile`, else its agenda's,
else "federal".
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import attrs

from iep_meeting.model.agenda import Agenda
from iep_meeting.model.plan import Plan
from iep_meeting.model.rules import FEDERAL_ID, MAJORITY_AGES, RULE_TABLES, TRANSITION_AGES, Profile
from iep_meeting.store import codec
from iep_meeting.store.agenda_files import (
    ID_PATTERN,
    builtin_agenda_dir,
    id_problems,
    in_file_order,
    located_problem,
    path_problem,
    same_folder,
    toml_files,
    user_agenda_dir,
)
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.plan_file import read_text

PROFILE_WHAT = "rule profile"


@attrs.frozen(kw_only=True)
class ProfileSource:
    """A profile and the file it came from."""

    profile: Profile
    path: Path
    built_in: bool

    @property
    def id(self) -> str:
        return self.profile.id


class UnknownProfileError(StoreError):
    def __init__(self, profile_id: str, available: list[str], named_by: str):
        message = f"{named_by} names the rule profile '{profile_id}', which does not exist."
        close = difflib.get_close_matches(profile_id, available, n=1, cutoff=0.5)
        if close:
            message += f" Did you mean '{close[0]}'?"
        message += f" Available profiles: {', '.join(available)}."
        super().__init__(message)


def builtin_profile_dir() -> Path:
    return builtin_agenda_dir() / "profiles"


def user_profile_dir(user_dir: Path | str | None = None) -> Path:
    return user_agenda_dir(user_dir) / "profiles"


def _age_problem(text: str, value: Any, ages: range, usual: str, *key_path: str | int) -> codec.Problem | None:
    if isinstance(value, int) and not isinstance(value, bool) and value not in ages:
        message = f"expected an age from {ages.start} to {ages.stop - 1} ({usual}), got {value}"
        return located_problem(text, message, *key_path)
    return None


def _age_problems(data: dict[str, Any], text: str) -> list[codec.Problem]:
    found = []
    for table, ages, usual in (
        ("transition", TRANSITION_AGES, "14 to 16 in the states; 16 under IDEA"),
        ("transition_planning", TRANSITION_AGES, "14 in Texas"),
        ("majority", MAJORITY_AGES, "18 in most states, 19 or 21 in a few"),
    ):
        section = data.get(table)
        age = section.get("age") if isinstance(section, dict) else None
        found.append(_age_problem(text, age, ages, usual, table, "age"))
    planning = data.get("transition_planning")
    items = planning.get("items", []) if isinstance(planning, dict) else []
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            for key in ("from_age", "under_age"):
                found.append(
                    _age_problem(
                        text,
                        item.get(key),
                        range(12, 23),
                        "18 for an adult student",
                        "transition_planning",
                        "items",
                        index,
                        key,
                    )
                )
    return [problem for problem in found if problem is not None]


def _planning_problems(data: dict[str, Any], text: str) -> list[codec.Problem]:
    """The items of `[transition_planning]`: each with an id, words and a cite, a real
    plan field as `shown_by`, no id twice; and an age when there are items."""
    planning = data.get("transition_planning")
    if not isinstance(planning, dict):
        return []
    items = planning.get("items", [])
    problems = []
    if isinstance(items, list) and items and "age" not in planning:
        problems.append(
            located_problem(text, "say from which age the items are considered: add age = 14", "transition_planning")
        )
    seen: set[str] = set()
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        key_path = ("transition_planning", "items", index)
        for key in ("id", "words", "cite"):
            if isinstance(item.get(key), str) and not item[key].strip():
                problems.append(located_problem(text, f"{key} is empty", *key_path, key))
        shown_by = item.get("shown_by")
        if shown_by:
            problem = path_problem(text, shown_by, (*key_path, "shown_by"))
            if problem is None and isinstance(shown_by, str) and not shown_by.startswith("transition."):
                message = f"'{shown_by}' is not a transition field: use one like transition.employment_goal"
                problem = located_problem(text, message, *key_path, "shown_by")
            if problem is not None:
                problems.append(problem)
        if isinstance(item.get("id"), str):
            if item["id"] in seen:
                problems.append(located_problem(text, f"the id '{item['id']}' is used twice", *key_path, "id"))
            seen.add(item["id"])
    return problems


def check_profile_data(data: dict[str, Any], text: str = "", file_stem: str | None = None) -> list[codec.Problem]:
    """What is wrong with a profile beyond its types: id, ages, sources, field paths."""
    problems = _age_problems(data, text)
    for key, example in (("id", file_stem or "<file name>"), ("title", "<the state, and its rules>")):
        if key not in data:  # without them a file would pass for the federal profile
            problems.append(codec.Problem(f'the profile has no {key}: add {key} = "{example}"', (key,), 1))
    problems.extend(id_problems(data, text, file_stem))
    problems.extend(_planning_problems(data, text))
    for table in RULE_TABLES:
        section = data.get(table)
        for key, what in (("cite", 'cite = "<the rule, short>"'), ("source", 'source = "<where it is written>"')):
            if isinstance(section, dict) and not str(section.get(key, "")).strip():
                problems.append(located_problem(text, f"say where this rule comes from: add {what}", table))
    requires = data.get("requires", [])
    for index, item in enumerate(requires if isinstance(requires, list) else []):
        if not isinstance(item, dict):
            continue
        problem = path_problem(text, item.get("path"), ("requires", index, "path"))
        if problem is not None:
            problems.append(problem)
        for key in ("words", "cite"):
            if isinstance(item.get(key), str) and not item[key].strip():
                problems.append(located_problem(text, f"{key} is empty", "requires", index, key))
    return problems


def profile_from_text(text: str, file_stem: str | None = None) -> Profile:
    """Parse and check a profile; raises codec.DocumentError with located problems."""
    data = codec.parse_toml(text)
    if not data:
        raise codec.DocumentError([codec.Problem("the file is empty: it holds no rule profile")])
    problems = check_profile_data(data, text, file_stem)
    try:
        profile = codec.structure(data, Profile, text)
    except codec.DocumentError as error:
        raise codec.DocumentError(in_file_order(error.problems + problems)) from None
    if problems:
        raise codec.DocumentError(in_file_order(problems))
    return profile


def load_profile_file(path: Path | str) -> Profile:
    path = Path(path)
    text = read_text(path, PROFILE_WHAT)
    try:
        return profile_from_text(text, path.stem)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, PROFILE_WHAT) from None


def _folders(user_dir: Path | str | None) -> list[tuple[Path, bool]]:
    builtin, user = builtin_profile_dir(), user_profile_dir(user_dir)
    return [(builtin, True)] + ([] if same_folder(user, builtin) else [(user, False)])


def available_profiles(user_dir: Path | str | None = None) -> tuple[list[ProfileSource], list[FileProblemError]]:
    """Every profile that can be read (a district's replacing a built-in one of
    the same id), and the files that could not."""
    found: dict[str, ProfileSource] = {}
    errors: list[FileProblemError] = []
    for folder, built_in in _folders(user_dir):
        if not folder.is_dir():
            continue
        for path in toml_files(folder):
            try:
                found[path.stem] = ProfileSource(profile=load_profile_file(path), path=path, built_in=built_in)
            except FileProblemError as error:
                errors.append(error)
    return sorted(found.values(), key=lambda source: (source.id != FEDERAL_ID, source.id)), errors


def find_profile(profile_id: str, user_dir: Path | str | None = None, named_by: str = "The plan") -> ProfileSource:
    """The profile with this id (a district's wins over a built-in one). A broken
    file raises its FileProblemError; an unknown id UnknownProfileError."""
    for folder, built_in in reversed(_folders(user_dir)):
        path = folder / f"{profile_id}.toml"
        if ID_PATTERN.match(profile_id) and path.is_file():
            return ProfileSource(profile=load_profile_file(path), path=path, built_in=built_in)
    sources, _errors = available_profiles(user_dir)
    raise UnknownProfileError(profile_id, [source.id for source in sources], named_by)


def profile_for(plan: Plan, agenda: Agenda | None, user_dir: Path | str | None = None) -> Profile:
    """The rules this plan's meeting follows: the plan's profile, else the agenda's, else federal."""
    if plan.profile:
        return find_profile(plan.profile, user_dir, "The plan").profile
    if agenda is not None and agenda.profile:
        return find_profile(agenda.profile, user_dir, f"The agenda '{agenda.id}'").profile
    return find_profile(FEDERAL_ID, user_dir, "The default").profile
