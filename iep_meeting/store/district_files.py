"""The district's own words for its documents: `<user agenda dir>/district.toml`.

Every Prior Written Notice (34 CFR 300.503(b)(4)-(5)) tells the parents that
they have protection under the procedural safeguards and how to get a copy,
where to get help understanding IDEA, and whom to ask. Those parts are the
district's, the same in every notice, so they are data a district writes
once (docs/documents.md, docs/district.example.toml):

    [notice]
    district = "Placeholder Unified School District"
    safeguards = "How to get a copy of the procedural safeguards ..."
    help = "Where to get help understanding IDEA ..."
    contact = "Name, phone, email"

    [notice.es]        # optional, one table a language: the same keys, each may be left out
    safeguards = "..."

`[notice]` is written in English (the meeting's language) and needs every key;
a language table holds the district's words in that language. A notice in a
language whose table lacks a key shows the English text, marked as the
district's words in English (`DistrictWords.translated` is False).

A missing file, a missing or empty key, an unknown key ("did you mean ...?")
or a value that is not text is refused with the file, the key and the line,
and an example of what to write.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from iep_meeting.store import codec
from iep_meeting.store.agenda_files import DISTRICT_FILE, located_problem, user_agenda_dir
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.reader import present, read_text
from iep_meeting.words.locale import REFERENCE_LANGUAGE

DISTRICT_WHAT = "district file"
EXAMPLE_FILE = "docs/district.example.toml"

# The keys of [notice]: what each is for, and an example of it.
NOTICE_KEYS: dict[str, tuple[str, str]] = {
    "district": (
        "the district's name, as the notice says who proposes or refuses",
        "Placeholder Unified School District",
    ),
    "safeguards": (
        "how the parents get a copy of the procedural safeguards",
        "Your copy of the procedural safeguards is with this notice. For another copy, call the special "
        "education office at 555-0100 or ask at any school.",
    ),
    "help": (
        "where to get help understanding IDEA (the parent center, the state)",
        "Placeholder Parent Center, 555-0199, help@parentcenter.example.org; "
        "the state department of education, 555-0150.",
    ),
    "contact": ("who to ask about a notice: a name, phone and email", "Pat Sample, special education office, 555-0100"),
}


def example_text() -> str:
    """A whole [notice] table, as a message shows it."""
    lines = ["[notice]"] + [f'{key} = "{example}"' for key, (_what, example) in NOTICE_KEYS.items()]
    return "\n".join(lines)


@attrs.frozen
class DistrictWords:
    """One of the district's texts, and whether it is in the language asked for."""

    text: str
    translated: bool  # False: the [notice] text, in English, for a notice in another language


@attrs.frozen
class NoticeWords:
    """The district's fixed parts of a notice, in one language where the district wrote them."""

    district: DistrictWords
    safeguards: DistrictWords
    help: DistrictWords
    contact: DistrictWords

    @property
    def all_translated(self) -> bool:
        return all(words.translated for words in (self.district, self.safeguards, self.help, self.contact))


@attrs.frozen
class District:
    """A district file: the [notice] texts and their translations by language."""

    path: Path
    notice: Mapping[str, str]
    translations: Mapping[str, Mapping[str, str]]

    def notice_words(self, language: str) -> NoticeWords:
        own = self.translations.get(language, {})

        def words(key: str) -> DistrictWords:
            if key in own:
                return DistrictWords(own[key], True)
            return DistrictWords(self.notice[key], language == REFERENCE_LANGUAGE)

        return NoticeWords(**{key: words(key) for key in NOTICE_KEYS})


class NoDistrictFileError(StoreError):
    def __init__(self, path: Path, needed_for: str):
        self.path = path
        super().__init__(
            f"{path} does not exist. {needed_for} needs the district's own words: its name, how the parents get "
            "a copy of the procedural safeguards, where to get help understanding IDEA, and whom to ask "
            f"(the keys {', '.join(f'notice.{key}' for key in NOTICE_KEYS)}). Create the file like this "
            f"(see {EXAMPLE_FILE}; --agenda-dir names another folder):\n\n{example_text()}\n\nNothing was written."
        )


def district_path(user_dir: Path | str | None = None) -> Path:
    return user_agenda_dir(user_dir) / DISTRICT_FILE


def _unknown(text: str, key: str, known: list[str], *table: str) -> codec.Problem:
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f" — did you mean '{close[0]}'?" if close else f" (known keys: {', '.join(known)})"
    return located_problem(text, f"unknown key '{key}'{hint}", *table, key)


def _text_problems(text: str, table: dict[str, Any], *where: str) -> list[codec.Problem]:
    problems = []
    for key, value in table.items():
        if key not in NOTICE_KEYS:
            continue
        what, example = NOTICE_KEYS[key]
        if not isinstance(value, str):
            problems.append(
                located_problem(text, f"expected text in quotes, got {codec.type_name(value)}", *where, key)
            )
        elif not value.strip():
            problems.append(located_problem(text, f'is empty: write {what}, e.g. {key} = "{example}"', *where, key))
    return problems


def district_from_text(text: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """(the [notice] texts, {language: its texts}); raises codec.DocumentError with located problems."""
    data = codec.parse_toml(text)
    problems = [_unknown(text, key, ["notice"]) for key in data if key != "notice"]
    notice = data.get("notice")
    if not isinstance(notice, dict):
        wrong = "" if notice is None else f" (it is {codec.type_name(notice)})"
        problems.append(
            codec.Problem(
                f"the file has no [notice] table{wrong}: write one like this:\n{example_text()}",
                ("notice",),
                codec.find_line(text, ("notice",)) or 1,
            )
        )
        raise codec.DocumentError(problems)
    main: dict[str, str] = {}
    translations: dict[str, dict[str, str]] = {}
    table_line = codec.find_line(text, ("notice",)) or 1
    for key, value in notice.items():
        if isinstance(value, dict):
            if not key.isidentifier() or len(key) > 8:
                problems.append(located_problem(text, f"'{key}' is not a language code like es or vi", "notice", key))
                continue
            problems += [
                _unknown(text, name, list(NOTICE_KEYS), "notice", key) for name in value if name not in NOTICE_KEYS
            ]
            problems += _text_problems(text, value, "notice", key)
            translations[key] = {
                name: v.strip() for name, v in value.items() if name in NOTICE_KEYS and isinstance(v, str)
            }
        elif key not in NOTICE_KEYS:
            problems.append(_unknown(text, key, list(NOTICE_KEYS), "notice"))
        elif isinstance(value, str):
            main[key] = value.strip()
    problems += _text_problems(text, notice, "notice")
    for key, (what, example) in NOTICE_KEYS.items():
        if key not in notice:
            problems.append(
                codec.Problem(f'is missing: write {what}, e.g. {key} = "{example}"', ("notice", key), table_line)
            )
    if problems:
        raise codec.DocumentError(sorted(problems, key=lambda problem: (problem.line or 0, problem.message)))
    return main, translations


def load_district(user_dir: Path | str | None = None, needed_for: str = "A Prior Written Notice") -> District:
    """The district file of the user agenda folder. NoDistrictFileError when there is
    none; FileProblemError, with every problem located, when it cannot be used."""
    path = district_path(user_dir)
    if not present(path):
        raise NoDistrictFileError(path, needed_for)
    text = read_text(path, DISTRICT_WHAT)
    try:
        main, translations = district_from_text(text)
    except codec.DocumentError as error:
        problems = [*error.problems, codec.Problem(f"a whole file is in {EXAMPLE_FILE}. Nothing was written.")]
        raise FileProblemError(path, problems, DISTRICT_WHAT) from None
    return District(path=path, notice=main, translations=translations)
