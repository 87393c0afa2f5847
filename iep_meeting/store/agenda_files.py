"""Agenda files: the built-in ones and a district's own (banks: store/bank_files.py).

Built-in agendas are in the package's `agendas/` data folder
(`resources.builtin_data_dir`). A user (a district, a facilitator) adds
agendas by dropping `<id>.toml` files into the user agenda folder, and adds
bank items with files of the same names in its `banks/` subfolder:

    <user agenda dir>/
        district-annual.toml       a new agenda, id "district-annual"
        annual-review.toml         replaces the built-in "annual-review"
        banks/accommodations.toml  items added to the built-in bank
        district.toml              not an agenda: the district's words for its notices
                                   (store/district_files.py)

A broken user file never hides the others: `available_agendas` returns the
good agendas and lists the files it skipped, each with a message that names
the file, the key and the line.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeGuard

import attrs

from iep_meeting.model.agenda import Agenda, plan_field_paths
from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.folders import builtin_data_dir, user_config_dir
from iep_meeting.store.reader import present, read_text

AGENDA_DIR_ENV = "IEP_MEETING_AGENDAS"
AGENDA_WHAT = "agenda file"

# An id is used in plan files (`agenda = "annual-review"`, a decision's
# `section`) and on the command line: letters, digits, "-" and "_".
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


# Files in the user agenda folder that are not agendas: the district's own words
# for its documents (store/district_files.py).
DISTRICT_FILE = "district.toml"
NOT_AGENDAS = frozenset({DISTRICT_FILE})

# A section's time budget: a whole school day is about 7 hours, so 10 hours is
# more than any part of one meeting; a bigger number is a typing slip.
MAX_SECTION_MINUTES = 600

# Keys of format-1 agendas that a rule profile holds now.
MOVED_TO_PROFILES = ("transition_age", "age_of_majority")


class Origin(StrEnum):
    BUILT_IN = "built-in"
    USER = "user"


@attrs.frozen(kw_only=True)
class AgendaSource:
    """An agenda and where it came from."""

    agenda: Agenda
    path: Path
    origin: Origin
    overrides: bool = False  # a user agenda that replaces the built-in one with its id

    @property
    def id(self) -> str:
        return self.agenda.id


@attrs.frozen(kw_only=True)
class AgendaListing:
    """The agendas that could be read, and the files that could not.

    Iterating over a listing gives its `sources` (built-in first, then the
    user's, each group by id). `errors` are the skipped files, each a
    FileProblemError whose `path` names the file and whose str() is the message
    to show ("skipped <error>").
    """

    sources: tuple[AgendaSource, ...] = ()
    errors: tuple[FileProblemError, ...] = ()

    def __iter__(self) -> Iterator[AgendaSource]:
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)

    def __getitem__(self, index: int) -> AgendaSource:
        return self.sources[index]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(source.id for source in self.sources)

    def get(self, agenda_id: str) -> AgendaSource | None:
        return next((source for source in self.sources if source.id == agenda_id), None)

    def error_for(self, agenda_id: str) -> FileProblemError | None:
        """The error of the skipped file that would have defined `agenda_id`."""
        return next((error for error in self.errors if Path(error.path).stem == agenda_id), None)


class UnknownAgendaError(StoreError):
    def __init__(self, agenda_id: str, available: tuple[str, ...] | list[str]):
        self.agenda_id = agenda_id
        self.available = tuple(available)
        message = f"there is no agenda '{agenda_id}'."
        close = difflib.get_close_matches(agenda_id, self.available, n=1, cutoff=0.5)
        if close:
            message += f" Did you mean '{close[0]}'?"
        if self.available:
            message += f" Available agendas: {', '.join(self.available)}."
        else:
            message += " No agendas are available."
        super().__init__(message)


# --- folders --------------------------------------------------------------------------------


def builtin_agenda_dir() -> Path:
    return builtin_data_dir("agendas")


def user_agenda_dir(override: Path | str | None = None) -> Path:
    """The user's agenda folder: `override` (a command-line option) if given,
    else $IEP_MEETING_AGENDAS if set, else `<user config folder>/iep-meeting/agendas`.
    The folder need not exist."""
    if override is not None and str(override) != "":
        return Path(override).expanduser()
    from_env = os.environ.get(AGENDA_DIR_ENV, "")
    if from_env:
        return Path(from_env).expanduser()
    return user_config_dir() / "agendas"


def toml_files(folder: Path) -> list[Path]:
    """The *.toml names directly in `folder`, sorted; hidden files (editor
    backups, lock files) are left alone. Whatever else has such a name (a
    folder, a pipe, a broken link) is listed too, so that reading it says why
    it cannot be used."""
    return sorted(path for path in folder.glob("*.toml") if not path.name.startswith("."))


# --- agenda files ------------------------------------------------------------------------------


def located_problem(text: str, message: str, *key_path: str | int) -> codec.Problem:
    return codec.Problem(message, tuple(key_path), codec.find_line(text, tuple(key_path)))


def path_problem(text: str, path: Any, key_path: tuple[str | int, ...]) -> codec.Problem | None:
    if not isinstance(path, str):  # already reported by the converter
        return None
    known = plan_field_paths()
    if path in known:
        return None
    close = difflib.get_close_matches(path, sorted(known), n=1, cutoff=0.6)
    if close:
        hint = f" — did you mean '{close[0]}'?"
    else:
        top = sorted(p for p in known if "." not in p)
        hint = f" (plan fields start with one of: {', '.join(top)})"
    return codec.Problem(f"'{path}' is not a plan field path{hint}", key_path, codec.find_line(text, key_path))


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def id_problems(data: dict[str, Any], text: str, file_stem: str | None) -> list[codec.Problem]:
    """A data file's id: usable in plan files and on the command line, and its file's name."""
    file_id = data.get("id")
    if not isinstance(file_id, str):
        return []  # missing or of the wrong type: reported by the converter
    if not ID_PATTERN.match(file_id):
        return [located_problem(text, f"'{file_id}' is not a usable id: use letters, digits, '-' and '_'", "id")]
    if file_stem is not None and file_id != file_stem:
        return [
            located_problem(
                text,
                f"the id '{file_id}' must match the file name: "
                f'set id = "{file_stem}" or rename the file to {file_id}.toml',
                "id",
            )
        ]
    return []


def check_agenda_data(data: dict[str, Any], text: str = "", file_stem: str | None = None) -> list[codec.Problem]:
    """What is wrong with an agenda beyond its types: ids, times, field paths.

    Works on the parsed TOML (values of the wrong type are skipped: the
    converter reports those), so these problems are reported together with
    the type problems in one go.
    """
    problems: list[codec.Problem] = []
    problems.extend(id_problems(data, text, file_stem))
    title = data.get("title")
    if isinstance(title, str) and not title.strip():
        problems.append(located_problem(text, "the title is empty", "title"))
    for key in MOVED_TO_PROFILES:
        if key in data:  # agendas of format 1 set the two ages; a state's rule profile does now
            problems.append(
                located_problem(
                    text,
                    f"{key} is set by the state's rule profile now, not by the agenda: remove it and set "
                    'profile = "<id>" (see `iep-meeting profiles` and docs/checklist.md)',
                    key,
                )
            )
    profile = data.get("profile")
    if isinstance(profile, str) and profile and not ID_PATTERN.match(profile):
        problems.append(
            located_problem(text, f"'{profile}' is not a profile id: use letters, digits, '-' and '_'", "profile")
        )
    sections = data.get("sections", [])
    if not isinstance(sections, list):
        return problems
    if not sections:
        problems.append(codec.Problem("the agenda has no sections: add at least one [[sections]] table", ("sections",)))
    first_seen: dict[str, int] = {}
    for index, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        section_id = section.get("id")
        if isinstance(section_id, str):
            if not ID_PATTERN.match(section_id):
                problems.append(
                    located_problem(
                        text,
                        f"'{section_id}' is not a usable section id: use letters, digits, '-' and '_'",
                        "sections",
                        index,
                        "id",
                    )
                )
            elif section_id in first_seen:
                problems.append(
                    located_problem(
                        text,
                        f"the section id '{section_id}' is already used by section "
                        f"#{first_seen[section_id] + 1}; each section needs its own id",
                        "sections",
                        index,
                        "id",
                    )
                )
            else:
                first_seen[section_id] = index
        minutes = section.get("minutes")
        if _is_int(minutes) and not 0 < minutes <= MAX_SECTION_MINUTES:
            problems.append(
                located_problem(
                    text,
                    f"minutes must be from 1 to {MAX_SECTION_MINUTES} (10 hours), got {minutes}",
                    "sections",
                    index,
                    "minutes",
                )
            )
        minimum = section.get("minimum")
        if _is_int(minimum) and not 0 < minimum <= (minutes if _is_int(minutes) else minimum):
            problems.append(
                located_problem(
                    text,
                    f"minimum must be more than 0 and at most the section's minutes ({minutes}), got {minimum}",
                    "sections",
                    index,
                    "minimum",
                )
            )
        title = section.get("title")
        if isinstance(title, str) and not title.strip():
            problems.append(located_problem(text, "the title is empty", "sections", index, "title"))
        for key in ("covers", "requires", "recommends"):
            paths = section.get(key, [])
            if not isinstance(paths, list):
                continue
            for position, path in enumerate(paths):
                problem = path_problem(text, path, ("sections", index, key, position))
                if problem is not None:
                    problems.append(problem)
        starts_at = section.get("starts_at")
        if isinstance(starts_at, str) and starts_at:
            problem = path_problem(text, starts_at, ("sections", index, "starts_at"))
            if problem is not None:
                problems.append(problem)
    return problems


def in_file_order(problems: list[codec.Problem]) -> list[codec.Problem]:
    return sorted(problems, key=lambda p: (p.line is None, p.line or 0))


def agenda_from_text(text: str, file_stem: str | None = None) -> Agenda:
    """Parse and check an agenda; raises codec.DocumentError with located problems.
    `file_stem`, when given, is the id the agenda must have."""
    data = codec.parse_toml(text)
    if not data:
        raise codec.DocumentError([codec.Problem("the file is empty: it holds no agenda")])
    problems = check_agenda_data(data, text, file_stem)
    data = {key: value for key, value in data.items() if key not in MOVED_TO_PROFILES}  # told above, once
    try:
        agenda = codec.structure(data, Agenda, text)
    except codec.DocumentError as error:
        raise codec.DocumentError(in_file_order(error.problems + problems)) from None
    if problems:
        raise codec.DocumentError(in_file_order(problems))
    return agenda


def load_agenda_file(path: Path | str) -> Agenda:
    """Read one agenda file; FileProblemError (what="agenda file") when it is
    missing, not TOML, or does not describe a valid agenda."""
    path = Path(path)
    text = read_text(path, AGENDA_WHAT)
    try:
        return agenda_from_text(text, path.stem)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, AGENDA_WHAT) from None


def _load_folder(folder: Path, origin: Origin, errors: list[FileProblemError]) -> list[AgendaSource]:
    if not folder.exists():
        if origin is Origin.BUILT_IN:
            errors.append(
                FileProblemError(
                    folder,
                    [codec.Problem("the built-in agenda folder is missing (reinstall iep-meeting)")],
                    "agenda folder",
                )
            )
        return []
    if not folder.is_dir():
        errors.append(FileProblemError(folder, [codec.Problem("this is a file, not a folder")], "agenda folder"))
        return []
    sources = []
    for path in toml_files(folder):
        if origin is Origin.USER and path.name in NOT_AGENDAS:
            continue
        try:
            agenda = load_agenda_file(path)
        except FileProblemError as error:
            errors.append(error)
            continue
        sources.append(AgendaSource(agenda=agenda, path=path, origin=origin))
    return sources


def same_folder(a: Path, b: Path) -> bool:
    # os.path.realpath, not Path.resolve: it never raises, not even on a link loop.
    return os.path.realpath(a) == os.path.realpath(b)


def available_agendas(user_dir: Path | str | None = None) -> AgendaListing:
    """Built-in agendas, then the user's (see `user_agenda_dir`).

    A user agenda with the id of a built-in one takes its place (in the user
    group, marked `overrides`). Files that cannot be read are skipped and
    listed in `errors`; when a user file meant to override a built-in agenda is
    broken, the built-in one stays available.
    """
    errors: list[FileProblemError] = []
    builtin_dir, user_folder = builtin_agenda_dir(), user_agenda_dir(user_dir)
    builtin = _load_folder(builtin_dir, Origin.BUILT_IN, errors)
    if same_folder(user_folder, builtin_dir):  # pointed at the built-in folder itself
        user = []
    else:
        user = _load_folder(user_folder, Origin.USER, errors)
    user_ids = {source.id for source in user}
    builtin_ids = {source.id for source in builtin}
    sources = [source for source in builtin if source.id not in user_ids]
    sources += [attrs.evolve(source, overrides=source.id in builtin_ids) for source in user]
    return AgendaListing(sources=tuple(sources), errors=tuple(errors))


def find_agenda(agenda_id: str, user_dir: Path | str | None = None) -> AgendaSource:
    """The agenda with this id (a user one wins over a built-in one).

    Raises the file's FileProblemError when the user file for this id is
    broken (rather than silently falling back to the built-in agenda), and
    UnknownAgendaError (listing the ids there are) when no file has the id.
    """
    # An agenda's id is its file name, so the file is read directly; the whole
    # listing is only needed to say what there is when nothing matches.
    builtin_path = builtin_agenda_dir() / f"{agenda_id}.toml"
    user_folder = user_agenda_dir(user_dir)
    user_path = user_folder / f"{agenda_id}.toml"
    if user_path.name not in NOT_AGENDAS and present(user_path) and not same_folder(user_folder, builtin_agenda_dir()):
        return AgendaSource(
            agenda=load_agenda_file(user_path), path=user_path, origin=Origin.USER, overrides=builtin_path.is_file()
        )
    if builtin_path.is_file():
        return AgendaSource(agenda=load_agenda_file(builtin_path), path=builtin_path, origin=Origin.BUILT_IN)
    listing = available_agendas(user_dir)
    broken = listing.error_for(agenda_id)
    if broken is not None:
        raise broken
    source = listing.get(agenda_id)
    if source is None:
        raise UnknownAgendaError(agenda_id, sorted(listing.ids))
    return source
