"""Making a document file from a plan: the one place the command line
(`iep-meeting export`) and the app (the family's copy at the close) share.

`export_document` picks the language (the family's, unless asked), builds the
document (documents/family_copy.py, full_plan.py, prior_notice.py — which
also reads the district's words, store/district_files.py — and
teacher_pages.py), renders it (documents/html.py, or documents/pdf.py, whose
typst compiler is imported only here and only for a PDF), and writes it next
to the plan unless told where: a new file, mode 0600 (it holds a student's
records), an existing one only with `force`. It returns what was written,
with the file's SHA-256, so the plan can record which copy the family got.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import os
import stat
from collections.abc import Callable
from pathlib import Path

import attrs

from iep_meeting.documents.document import Document
from iep_meeting.documents.family_copy import TYPED_GRADE_LIMIT, family_copy, hard_texts
from iep_meeting.documents.family_language import family_locale
from iep_meeting.documents.full_plan import full_plan
from iep_meeting.documents.html import document_html
from iep_meeting.documents.in_language import in_language
from iep_meeting.documents.prior_notice import build_notice
from iep_meeting.documents.progress_report import progress_report
from iep_meeting.documents.teacher_pages import build_teacher_pages
from iep_meeting.model.banks import bank_words
from iep_meeting.model.goal_progress import current_period, period_named, periods_of, progress_words
from iep_meeting.model.plan import Plan
from iep_meeting.store import font_files
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.atomic import write_atomic, write_new
from iep_meeting.store.bank_files import load_banks
from iep_meeting.store.district_files import NoDistrictFileError, load_district
from iep_meeting.store.errors import StoreError
from iep_meeting.store.locale_files import available_languages, locale_strings
from iep_meeting.store.plan_file import PLAN_SUFFIX, load_plan
from iep_meeting.store.profile_files import profile_for
from iep_meeting.store.progress_file import load_progress, progress_path
from iep_meeting.words.locale import REFERENCE_LANGUAGE, Strings

FILE_MODE = 0o600
FORMATS = ("html", "pdf")

# What each kind is called in a message and in the plan's record of copies.
KIND_WORDS = {
    "family": "the family's copy",
    "full": "the full IEP",
    "notice": "the Prior Written Notice draft",
    "teachers": "the teachers' pages",
    "progress": "the progress report",
}
KINDS = tuple(KIND_WORDS)
FOR_THE_FAMILY = ("family", "notice", "progress")  # made in the family's language unless --lang says

Builder = Callable[[Plan, Strings, Strings, Path | str | None], Document]


def _family(plan: Plan, strings: Strings, english: Strings, user_dir: Path | str | None) -> Document:
    """The family's copy, with the district's words when the district has a file."""
    try:
        district = load_district(user_dir, "The family's copy").notice_words(strings.language)
    except NoDistrictFileError:
        district = None
    return family_copy(plan, strings, english, district)


def _full(plan: Plan, strings: Strings, _english: Strings, user_dir: Path | str | None) -> Document:
    """The full IEP, with the words of the items its state's profile asks the team to
    consider (without the profile, the items' ids: `check` says what is wrong with it)."""
    try:
        agenda = find_agenda(plan.agenda, user_dir).agenda if plan.agenda else None
    except StoreError:
        agenda = None
    try:
        items = {item.id: item.words for item in profile_for(plan, agenda, user_dir).transition_planning.items}
    except StoreError:
        items = {}
    return full_plan(plan, strings, items)


BUILDERS: dict[str, Builder] = {
    "family": _family,
    "full": _full,
    "notice": build_notice,
    "teachers": build_teacher_pages,
}


@attrs.frozen
class Exported:
    """A document file that was written."""

    kind: str
    language: str
    format: str
    path: Path
    sha256: str  # of the bytes written: what the family was given
    warnings: tuple[str, ...]  # typed text above grade 8, in the app's words
    by_code: tuple[str, ...] = ()  # characters a PDF shows by their code: no font here has them (by_code_note)
    fonts: tuple[Path, ...] = ()  # font files of this computer a PDF takes characters from


def default_output(plan_path: Path, kind: str, language: str, fmt: str) -> Path:
    """`sam.iep.toml` → `sam-family-es.html`, next to the plan."""
    name = plan_path.name
    for suffix in (PLAN_SUFFIX, ".toml"):
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    return plan_path.with_name(f"{name.removesuffix('.iep')}-{kind}-{language}.{fmt}")


def write_document(path: Path, data: bytes, *, force: bool, plan_path: Path | None = None) -> None:
    """Write a new file (0600); an existing one only with `force`, and only a
    regular file that is not a plan: never through a link, never over a device, a
    pipe or a folder, never over the plan (`plan_path`) or any other plan."""
    refusal = why_not_written(path, plan_path)
    if refusal is not None:
        raise StoreError(f"{path}: {refusal}")
    try:
        if force and os.path.lexists(path):
            write_atomic(path, data)  # a new file put in the name's place: nothing is written through it
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


_NOT_REPLACED = "not replaced, with or without --force; name another file with -o"


def why_not_written(path: Path, plan_path: Path | None) -> str | None:
    """Why a document may not be written at `path`, or None."""
    if path.name.endswith(".toml"):
        return "a document is never written under a plan's name (*.toml), with or without --force; name another file."
    try:
        info = os.lstat(path)
    except OSError:
        return None  # nothing there (or the folder is missing: said when writing)
    if stat.S_ISLNK(info.st_mode):
        return f"this is a symbolic link: nothing is written through it, and it is {_NOT_REPLACED}."
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, a pipe or a socket)"
        return f"this is {kind}: {_NOT_REPLACED}."
    if plan_path is not None and _same_file(info, plan_path):
        return f"this is the plan itself: {_NOT_REPLACED}."
    if _holds_a_plan(path):
        return f"this file holds a plan: {_NOT_REPLACED}."
    return None


def _same_file(info: os.stat_result, other: Path) -> bool:
    try:
        theirs = os.stat(other)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (theirs.st_dev, theirs.st_ino)


def _holds_a_plan(path: Path) -> bool:
    try:
        load_plan(path)
    except StoreError:
        return False
    return True


def build_document(kind: str, plan: Plan, language: str, user_dir: Path | str | None = None) -> Document:
    """The document `kind` of `plan` in `language` (a locale id, "en", "es")."""
    if kind not in BUILDERS:  # the progress report is built by progress_document, from the progress file too
        raise StoreError(f"export: '{kind}' is not a document kind: use one of {', '.join(KINDS)}.")
    strings = locale_strings(language, user_dir)
    english = locale_strings(REFERENCE_LANGUAGE, user_dir)
    document = BUILDERS[kind](plan, strings, english, user_dir)
    return in_language(document, plan, strings, list_english=kind in FOR_THE_FAMILY, bank=bank_for(language, user_dir))


def bank_for(language: str, user_dir: Path | str | None) -> dict[str, str]:
    """The banks' words in `language` (a chosen bank item is already translated)."""
    return {} if language == REFERENCE_LANGUAGE else bank_words(load_banks(user_dir, on_error=_skip), language)


def _skip(_error: StoreError) -> None:
    """A district's broken bank file does not stop a document: only its words are missing."""


def progress_document(
    plan_path: Path,
    plan: Plan,
    language: str,
    period: str | None,
    made_on: dt.date | None,
    user_dir: Path | str | None,
) -> tuple[Document, str]:
    """The progress report of the plan at `plan_path` for the period `period` names
    (its number, end date or name; by default the latest reported on, else the
    current one), and the name its file takes ("progress-2026-06-15")."""
    record = load_progress(progress_path(plan_path))
    periods = periods_of(record, plan)
    if period is not None:
        chosen = period_named(periods, period)
        if chosen is None:
            listed = ", ".join(f"{number} ({p.end})" for number, p in enumerate(periods, 1))
            raise StoreError(f"--period {period}: no such reporting period. The plan's periods: {listed}.")
    elif record is not None:
        chosen = current_period(periods, record, made_on or dt.date.today())
    else:
        chosen = next((p for p in periods if p.end >= (made_on or dt.date.today())), periods[-1])
    strings = locale_strings(language, user_dir)
    document = in_language(
        progress_report(plan, record, strings, chosen),
        plan,
        strings,
        list_english=True,
        bank=bank_for(language, user_dir),
        more=progress_words(record, [*strings.names(), strings.language]) if record is not None else None,
    )
    return document, f"progress-{chosen.end.isoformat()}"


def preferred_format() -> str:
    """PDF when the typst compiler is installed (it prints the same everywhere), else HTML."""
    return "pdf" if importlib.util.find_spec("typst") is not None else "html"


@attrs.frozen
class Rendered:
    """A document's bytes in a format, and which characters a PDF shows by their code."""

    data: bytes
    by_code: tuple[str, ...] = ()  # no font on this computer has them
    fonts: tuple[Path, ...] = ()  # font files of this computer the PDF takes characters from


def render(document: Document, fmt: str, made_on: dt.date) -> Rendered:
    """The document in `fmt`. A PDF takes the characters typst's own fonts lack
    from the computer's fonts and the user's (store/font_files.py); with the
    same fonts, the same document and date give the same bytes."""
    if fmt == "html":
        return Rendered(document_html(document).encode("utf-8"))
    if fmt == "pdf":
        from iep_meeting.documents.pdf import pdf_file  # the typst compiler: only for a PDF

        made = pdf_file(document, made_on, font_files.library())
        return Rendered(made.data, made.by_code, made.fonts)
    raise StoreError(f"export --format {fmt}: use one of {', '.join(FORMATS)}.")


def by_code_note(chars: tuple[str, ...]) -> str:
    """What to tell the user about characters a PDF shows by their code."""
    listed = ", ".join(f"{char} (U+{ord(char):04X})" for char in chars[:8])
    more = f" and {len(chars) - 8} more" if len(chars) > 8 else ""
    folders = " or ".join(str(folder) for folder in font_files.configured_font_folders())
    return (
        f"{len(chars)} character{'s' if len(chars) != 1 else ''} of this document have no font on this computer, "
        f"so the PDF shows them by their code: {listed}{more}. The HTML shows them as they are. To print them as "
        "themselves, install a font that has them (for Chinese, Japanese and Korean: Noto Sans CJK, Debian's "
        f"fonts-noto-cjk) or put one in {folders} (${font_files.FONTS_ENV} names more folders)."
    )


def export_document(
    kind: str,
    plan_path: Path,
    *,
    language: str | None = None,
    fmt: str = "html",
    output: Path | None = None,
    force: bool = False,
    user_dir: Path | str | None = None,
    plan: Plan | None = None,
    made_on: dt.date | None = None,
    period: str | None = None,
) -> Exported:
    """Make document `kind` of the plan at `plan_path` (or of `plan`, the app's
    plan as saved there) and write it; nothing is written when anything fails."""
    if kind not in KIND_WORDS:
        raise StoreError(f"export: '{kind}' is not a document kind: use one of {', '.join(KINDS)}.")
    if period is not None and kind != "progress":
        raise StoreError("--period: only for export progress.")
    if plan is None:
        plan = load_plan(plan_path)
    if language is None:  # the family reads its copy and the notice; the school reads the rest in English
        language = family_locale(plan, user_dir) if kind in FOR_THE_FAMILY else REFERENCE_LANGUAGE
    elif language not in available_languages(user_dir):
        available = ", ".join(available_languages(user_dir))
        raise StoreError(f"--lang {language}: no strings for it. Available: {available}.")
    if kind == "progress":  # it reads the progress file beside the plan too
        document, named = progress_document(plan_path, plan, language, period, made_on, user_dir)
    else:
        document, named = build_document(kind, plan, language, user_dir), kind
    path = output if output is not None else default_output(plan_path, named, language, fmt)
    refusal = why_not_written(path, plan_path)  # said before the document is rendered, not after
    if refusal is not None:
        raise StoreError(f"{path}: {refusal}")
    made = render(document, fmt, made_on or dt.date.today())
    write_document(path, made.data, force=force, plan_path=plan_path)
    warnings = tuple(
        f"{place} reads at grade {grade:.1f} (above {TYPED_GRADE_LIMIT}). "
        "The document shows it as typed; plainer words would help the family."
        for place, grade in (hard_texts(plan) if kind == "family" else ())
    )
    digest = hashlib.sha256(made.data).hexdigest()
    return Exported(kind, language, fmt, path, digest, warnings, made.by_code, made.fonts)
