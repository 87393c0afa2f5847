"""Locale files: the fixed text of the family's documents, one file a language.

Built-in strings are in the agenda data folder's `locales/` (`en.toml`,
`es.toml`, ...). A district overrides single keys, or adds a language, with a
file of the same name in `<user agenda dir>/locales/`:

    <user agenda dir>/locales/
        es.toml     replaces only the keys it holds ("doc.free" = "...")
        vi.toml     a new language: it must hold every key of en.toml

A file is TOML: tables of keys, each a string with `{placeholder}`s
(`[doc] what = "... {student} ..."` is the key "doc.what"). Every language
has exactly the keys of English and the same placeholders in each; anything
else is refused with a message that names the file, the key and the line.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from iep_meeting.store import codec
from iep_meeting.store.agenda_files import (
    builtin_agenda_dir,
    located_problem,
    same_folder,
    toml_files,
    user_agenda_dir,
)
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.reader import present, read_text
from iep_meeting.words.locale import REFERENCE_LANGUAGE, Strings, placeholders, template_problem

LOCALE_WHAT = "strings file"


class UnknownLanguageError(StoreError):
    def __init__(self, language: str, available: list[str]):
        super().__init__(
            f"there are no strings for the language '{language}'. Available: {', '.join(available)} "
            "(a district adds one as <user agenda dir>/locales/<language>.toml; see docs/documents.md)."
        )


def builtin_locale_dir() -> Path:
    return builtin_agenda_dir() / "locales"


def user_locale_dir(user_dir: Path | str | None = None) -> Path:
    return user_agenda_dir(user_dir) / "locales"


def _flatten(data: dict[str, Any], prefix: tuple[str, ...], out: dict[tuple[str, ...], Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict):
            _flatten(value, (*prefix, key), out)
        else:
            out[(*prefix, key)] = value


def table_from_text(text: str) -> dict[str, str]:
    """key → string from a locale file's text; raises codec.DocumentError."""
    data = codec.parse_toml(text)
    flat: dict[tuple[str, ...], Any] = {}
    _flatten(data, (), flat)
    problems = []
    for path, value in flat.items():
        if not isinstance(value, str):
            problems.append(located_problem(text, f"expected text in quotes, got {codec.type_name(value)}", *path))
        elif (problem := template_problem(value)) is not None:
            problems.append(located_problem(text, problem, *path))
    if problems:
        raise codec.DocumentError(problems)
    return {".".join(path): value for path, value in flat.items()}


def load_table(path: Path) -> dict[str, str]:
    text = read_text(path, LOCALE_WHAT)
    try:
        return table_from_text(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, LOCALE_WHAT) from None


def _folders(user_dir: Path | str | None) -> list[Path]:
    builtin, user = builtin_locale_dir(), user_locale_dir(user_dir)
    return [builtin] + ([] if same_folder(user, builtin) else [user])


def available_languages(user_dir: Path | str | None = None) -> list[str]:
    found = {path.stem for folder in _folders(user_dir) if folder.is_dir() for path in toml_files(folder)}
    return sorted(found)


def difference(reference: dict[str, str], table: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """Compared with the reference: the keys missing, the keys it does not know,
    and the keys whose placeholders differ."""
    missing = sorted(set(reference) - set(table))
    unknown = sorted(set(table) - set(reference))
    differ = sorted(
        key for key in set(reference) & set(table) if placeholders(reference[key]) != placeholders(table[key])
    )
    return missing, unknown, differ


def _override_problems(path: Path, reference: dict[str, str], table: dict[str, str]) -> None:
    _missing, unknown, differ = difference(reference, table)
    text = read_text(path, LOCALE_WHAT)
    problems = []
    for key in unknown:
        close = difflib.get_close_matches(key, sorted(reference), n=1, cutoff=0.6)
        hint = f" — did you mean '{close[0]}'?" if close else ""
        problems.append(located_problem(text, f"unknown key '{key}'{hint}", *key.split(".")))
    for key in differ:
        wanted = ", ".join(f"{{{name}}}" for name in sorted(placeholders(reference[key]))) or "none"
        problems.append(located_problem(text, f"the placeholders must be: {wanted}", *key.split(".")))
    if problems:
        raise FileProblemError(path, in_order(problems), LOCALE_WHAT)


def in_order(problems: list[codec.Problem]) -> list[codec.Problem]:
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.message))


def locale_strings(language: str, user_dir: Path | str | None = None) -> Strings:
    """The strings of `language`: the built-in file, with a district's keys over it.
    A language without a file raises UnknownLanguageError; a broken file, or one
    whose keys or placeholders do not match English, FileProblemError."""
    builtin, *user = _folders(user_dir)
    reference = load_table(builtin / f"{REFERENCE_LANGUAGE}.toml")
    files = [folder / f"{language}.toml" for folder in (builtin, *user)]
    found = [path for path in files if language.isidentifier() and present(path)]
    if not found:
        raise UnknownLanguageError(language, available_languages(user_dir))
    table: dict[str, str] = {}
    for path in found:
        part = load_table(path)
        _override_problems(path, reference, part)
        table.update(part)
    missing, _unknown, _differ = difference(reference, table)
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more" if len(missing) > 10 else "")
        raise FileProblemError(
            found[-1],
            [codec.Problem(f"these keys are missing (every key of en.toml is needed): {shown}")],
            LOCALE_WHAT,
        )
    return Strings(language, table)


def language_for(name: str, user_dir: Path | str | None = None) -> str | None:
    """The locale a plan's language name means ("Spanish", "español" → "es"), if there is one."""
    wanted = name.strip().casefold()
    if not wanted:
        return None
    for language in available_languages(user_dir):
        if wanted == language.casefold():
            return language
        try:
            if wanted in locale_strings(language, user_dir).names():
                return language
        except StoreError:
            continue
    return None
