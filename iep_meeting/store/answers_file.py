"""The family's answers file: what the input form's "Save my answers" downloads
(documents/input_form.py writes the form), read for `iep-meeting import-input`.

A small JSON file the family sends back however the district already takes
files. It comes from outside, so it is read as the store reads every file
(store/reader.py: a regular file, at most MAX_ANSWERS_BYTES) and checked
strictly before anything of it reaches a plan: it must be this program's form
(`form`, `version`), every key known and of its type (text, a list of text, a
date), each text at most the form's own limit, lists no longer than the form
has boxes, and no control character in any text (a new line and a tab are
text). Every problem is named by its key; the first problem found in the JSON
itself by its line and column. Nothing is guessed or repaired.

    {
      "form": "iep-meeting family input", "version": 1,
      "student": {"name": "Jordan Vance", "id": "S-000417"},
      "meeting_date": "2026-12-03", "language": "es", "saved": "2026-11-28",
      "answers": {"strengths": "…", "concerns": ["…", "…"], "topics": ["…"], …}
    }
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path
from typing import Any

from iep_meeting.model.family_input import LIST_ANSWERS, TEXT_ANSWERS, FormAnswers
from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.locale_files import available_languages
from iep_meeting.store.reader import read_bytes, text_of
from iep_meeting.words.locale import REFERENCE_LANGUAGE
from iep_meeting.words.visible import has_controls

WHAT = "form's answers file"
FORM_NAME = "iep-meeting family input"
FORM_VERSION = 1

# The form's own limits (documents/input_form.py gives its boxes the same `maxlength`).
MAX_TEXT = 4000  # characters in one answer: a long page of writing
MAX_NAME = 200  # a student's name or id, the person who filled it in
MAX_CONCERNS = 6  # boxes for concerns on the form
MAX_TOPICS = 4  # boxes for topics
# A full form in the longest script is under 150 KB of JSON; a file much bigger is not one.
MAX_ANSWERS_BYTES = 256 * 1024

TOP_KEYS = ("form", "version", "student", "meeting_date", "language", "saved", "answers")
STUDENT_KEYS = ("name", "id")
ANSWER_KEYS = tuple(name for name, _ in TEXT_ANSWERS) + LIST_ANSWERS
LIST_LIMITS = {"concerns": MAX_CONCERNS, "topics": MAX_TOPICS}


class _Problems:
    """The problems found so far, each at its key path."""

    def __init__(self) -> None:
        self.found: list[codec.Problem] = []

    def add(self, path: tuple[str | int, ...], message: str) -> None:
        self.found.append(codec.Problem(message, path))


SAVE_AGAIN = "ask the family to save the form again and send the whole file"
CUT_SHORT = f"the file ends before the form's answers do: it was cut short ({SAVE_AGAIN})"


def _ends_inside_a_letter(data: bytes) -> bool:
    """Whether `data` is UTF-8 up to a last letter whose bytes stop short (a file cut there)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.reason == "unexpected end of data" and error.end == len(data)
    return False


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a value a form writes")


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for key, value in pairs:
        if key in table:
            raise ValueError(f"the key {key!r} is there twice")
        table[key] = value
    return table


def parse_answers(data: bytes, path: Path, user_dir: Path | str | None = None) -> FormAnswers:
    """The answers `data` (the file at `path`) holds, or FileProblemError naming
    every key that is wrong; nothing is repaired."""
    if not data.strip():
        raise FileProblemError(path, [codec.Problem(f"the file is empty: {SAVE_AGAIN}")], WHAT)
    if _ends_inside_a_letter(data):
        raise FileProblemError(path, [codec.Problem(CUT_SHORT)], WHAT)
    text = text_of(data, path, WHAT)
    try:
        value = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        # A file cut short (a download stopped, half an attachment) ends inside a text or
        # before the closing brace: said as such, not as a file that is no form at all.
        cut = error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip())
        message = CUT_SHORT if cut else f"this is not a form's answers (not JSON: {error.msg})"
        raise FileProblemError(path, [codec.Problem(message, (), error.lineno, error.colno)], WHAT) from None
    except RecursionError:
        raise FileProblemError(path, [codec.Problem("this is not a form's answers (nested too deep)")], WHAT) from None
    except ValueError as error:  # a repeated key, NaN, a number of 5,000 digits
        raise FileProblemError(path, [codec.Problem(f"this is not a form's answers ({error})")], WHAT) from None
    problems = _Problems()
    answers = _answers(value, problems, user_dir)
    if problems.found or answers is None:
        raise FileProblemError(path, problems.found, WHAT)
    return answers


def read_answers(path: Path, user_dir: Path | str | None = None) -> FormAnswers:
    """The answers file at `path`, read through the store's reader (`user_dir`: where
    a district's own languages are)."""
    return parse_answers(read_bytes(path, WHAT, MAX_ANSWERS_BYTES), path, user_dir)


def _answers(value: Any, problems: _Problems, user_dir: Path | str | None) -> FormAnswers | None:
    if not isinstance(value, dict):
        problems.add((), f"this is not a form's answers (expected a JSON object, got {_kind(value)})")
        return None
    if value.get("form") != FORM_NAME:
        problems.add(("form",), f"this is not the answers of an iep-meeting form (expected {FORM_NAME!r})")
        return None
    version = value.get("version")
    if version != FORM_VERSION:
        shown = version if isinstance(version, int) and not isinstance(version, bool) else _kind(version)
        problems.add(("version",), f"form version {shown}: this iep-meeting reads version {FORM_VERSION}")
        return None
    _unknown_keys(value, TOP_KEYS, (), problems)
    student = _table(value, "student", problems)
    answers = _table(value, "answers", problems)
    _unknown_keys(student, STUDENT_KEYS, ("student",), problems)
    _unknown_keys(answers, ANSWER_KEYS, ("answers",), problems)
    name = _text(student, "name", ("student",), MAX_NAME, problems, required=True)
    if student and not name.strip() and "name" in student and isinstance(student["name"], str):
        problems.add(("student", "name"), "the student's name is empty")
    texts = {key: _text(answers, key, ("answers",), MAX_TEXT, problems) for key, _ in TEXT_ANSWERS}
    if len(texts["filled_by"]) > MAX_NAME:
        problems.add(("answers", "filled_by"), f"{len(texts['filled_by'])} characters: a name is at most {MAX_NAME}")
    lists = {key: _texts(answers, key, LIST_LIMITS[key], problems) for key in LIST_ANSWERS}
    language = _language(value, problems, user_dir)
    saved = _date(value, "saved", problems, required=True)
    meeting = _date(value, "meeting_date", problems)
    if problems.found or saved is None:
        return None
    return FormAnswers(
        student_name=name,
        student_id=_text(student, "id", ("student",), MAX_NAME, problems),
        meeting_date=meeting,
        language=language,
        saved=saved,
        concerns=lists["concerns"],
        topics=lists["topics"],
        **texts,
    )


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _unknown_keys(
    table: dict[str, Any], known: tuple[str, ...], at: tuple[str | int, ...], problems: _Problems
) -> None:
    for key in table:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f" — did you mean '{close[0]}'?" if close else f" (the form writes only {', '.join(known)})"
            problems.add((*at, key), f"unknown key {key!r}{hint}")


def _table(value: dict[str, Any], key: str, problems: _Problems) -> dict[str, Any]:
    found = value.get(key)
    if isinstance(found, dict):
        return found
    problems.add((key,), f"expected an object, got {_kind(found)}" if key in value else "missing")
    return {}


def _checked(text: str, at: tuple[str | int, ...], limit: int, problems: _Problems) -> str:
    if len(text) > limit:
        problems.add(at, f"{len(text):,} characters: an answer on the form is at most {limit:,}")
    if has_controls(text):
        code = next(ord(char) for char in text if has_controls(char))
        problems.add(at, f"holds a control character (U+{code:04X}), which no one types into a form")
    return text


def _text(
    table: dict[str, Any],
    key: str,
    at: tuple[str | int, ...],
    limit: int,
    problems: _Problems,
    *,
    required: bool = False,
) -> str:
    if key not in table:
        if required and table:
            problems.add((*at, key), "missing")
        return ""
    found = table[key]
    if not isinstance(found, str):
        problems.add((*at, key), f"expected text, got {_kind(found)}")
        return ""
    return _checked(found, (*at, key), limit, problems)


def _texts(table: dict[str, Any], key: str, most: int, problems: _Problems) -> tuple[str, ...]:
    if key not in table:
        return ()
    found = table[key]
    if not isinstance(found, list):
        problems.add(("answers", key), f"expected a list of text, got {_kind(found)}")
        return ()
    if len(found) > most:
        problems.add(("answers", key), f"{len(found)} items: the form has {most} boxes for these")
        return ()
    texts: list[str] = []
    for index, item in enumerate(found):
        if not isinstance(item, str):
            problems.add(("answers", key, index), f"expected text, got {_kind(item)}")
            continue
        texts.append(_checked(item, ("answers", key, index), MAX_TEXT, problems))
    return tuple(texts)


def _date(value: dict[str, Any], key: str, problems: _Problems, *, required: bool = False) -> dt.date | None:
    if key not in value:
        if required:
            problems.add((key,), "missing: the day the answers were saved, like 2026-11-28")
        return None
    found = value[key]
    if not isinstance(found, str):
        problems.add((key,), f"expected a date like 2026-11-28, got {_kind(found)}")
        return None
    try:
        day = dt.date.fromisoformat(found) if len(found) == 10 else None
    except ValueError:
        day = None
    if day is None or not 1900 <= day.year <= 2199:
        problems.add((key,), f"{found[:40]!r} is not a date like 2026-11-28")
        return None
    return day


def _language(value: dict[str, Any], problems: _Problems, user_dir: Path | str | None) -> str:
    """The form's language, as its code ("es"); "" for English, the meeting's."""
    code = value.get("language", REFERENCE_LANGUAGE)
    known = available_languages(user_dir)
    if not isinstance(code, str) or code not in known:
        shown = repr(code[:20]) if isinstance(code, str) else _kind(code)
        problems.add(("language",), f"{shown} is not a language of the form: one of {', '.join(known)}")
        return ""
    return "" if code == REFERENCE_LANGUAGE else code
