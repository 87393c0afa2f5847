"""`iep-meeting export family PLAN`: the family's copy as an HTML file.

The language is the family's (the first guardian's language in the plan, else
the student's home language) unless `--lang` says; the file goes next to the
plan (`<plan name>-family-<lang>.html`) unless `-o` says; an existing file is
replaced only with `--force`. Files are written 0600: they hold student
records. Typed text that reads above grade 8 is named on standard error —
the copy shows it as typed.
"""

from __future__ import annotations

import os
from pathlib import Path

from iep_meeting.cli.output import say
from iep_meeting.documents.family_copy import TYPED_GRADE_LIMIT, family_copy, hard_texts
from iep_meeting.documents.family_copy_html import family_copy_html
from iep_meeting.model.plan import Plan
from iep_meeting.store.atomic import write_atomic, write_new
from iep_meeting.store.errors import StoreError
from iep_meeting.store.git_repo import PLAN_SUFFIX
from iep_meeting.store.locale_files import available_languages, language_for, locale_strings
from iep_meeting.store.plan_file import load_plan
from iep_meeting.words.locale import REFERENCE_LANGUAGE

FILE_MODE = 0o600


def family_language(plan: Plan, user_dir: Path | str | None = None) -> str:
    """The locale of the family's language: the first guardian's language that is
    set, else the student's home language; English when there are no strings for it."""
    named = [guardian.language for guardian in plan.student.guardians if guardian.language.strip()]
    for name in [*named[:1], plan.student.home_language]:
        language = language_for(name, user_dir)
        if language is not None:
            return language
    return REFERENCE_LANGUAGE


def default_output(plan_path: Path, language: str) -> Path:
    """`sam.iep.toml` → `sam-family-es.html`, next to the plan."""
    name = plan_path.name
    for suffix in (PLAN_SUFFIX, ".toml"):
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    return plan_path.with_name(f"{name.removesuffix('.iep')}-family-{language}.html")


def write_document(path: Path, data: bytes, *, force: bool) -> None:
    """Write a new file (0600); an existing one only with `force`."""
    try:
        if force and os.path.lexists(path):
            write_atomic(path, data)
            os.chmod(path, FILE_MODE)
        else:
            write_new(path, data)
    except FileExistsError:
        raise StoreError(f"{path} exists: not replaced. Add --force to replace it, or -o to name another.") from None
    except IsADirectoryError:
        raise StoreError(f"{path} is a folder: name a file with -o.") from None
    except FileNotFoundError:
        raise StoreError(f"cannot write {path}: the folder {path.parent} does not exist.") from None
    except OSError as error:
        raise StoreError(f"cannot write {path}: {error.strerror or error}.") from None


def export_family(
    plan_path: Path, language: str | None, output: Path | None, *, force: bool, user_dir: Path | str | None
) -> int:
    plan = load_plan(plan_path)
    if language is None:
        language = family_language(plan, user_dir)
    elif language not in available_languages(user_dir):
        available = ", ".join(available_languages(user_dir))
        raise StoreError(f"--lang {language}: no strings for it. Available: {available}.")
    strings = locale_strings(language, user_dir)
    english = locale_strings(REFERENCE_LANGUAGE, user_dir)
    html = family_copy_html(family_copy(plan, strings, english))
    path = output if output is not None else default_output(plan_path, language)
    write_document(path, html.encode("utf-8"), force=force)
    for place, grade in hard_texts(plan):
        say(
            f"warning: {place} reads at grade {grade:.1f} (above {TYPED_GRADE_LIMIT}). "
            "The copy shows it as typed; plainer words would help the family.",
            error=True,
        )
    say(f"Wrote the family's copy ({language}) to {path}.")
    return 0
