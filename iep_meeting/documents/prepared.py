"""What `iep-meeting prepare` sends the family before the meeting, made and
written in one go: the agenda (documents/agenda_sheet.py), the draft as a
proposal for discussion (documents/proposal.py), the input form as one
offline HTML page and, for answering on paper, as a PDF
(documents/input_form.py). The agenda and the proposal are HTML and, when
the typst compiler is installed, tagged PDFs too.

Every file is named like the family's copy, beside the plan or in the folder
given: `<name>-agenda-<lang>.html`, `<name>-proposal-<lang>.pdf`,
`<name>-input-form-<lang>.html` (the form), `<name>-paper-form-<lang>.pdf`.
Each is checked before anything is made (never through a link, over a
folder, a device or a plan; an existing file only with `force`) and all are
made before the first is written, so a refusal or a failed PDF leaves
nothing half done. Written 0600, as every document of a student's records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from iep_meeting.documents.agenda_sheet import agenda_sheet
from iep_meeting.documents.document import Document
from iep_meeting.documents.export import (
    Exported,
    bank_for,
    default_output,
    preferred_format,
    render,
    why_not_written,
    write_document,
)
from iep_meeting.documents.family_language import family_locale
from iep_meeting.documents.in_language import in_language
from iep_meeting.documents.input_form import input_form_html, paper_form
from iep_meeting.documents.proposal import proposal
from iep_meeting.model.agenda import Section
from iep_meeting.model.plan import Plan, Status
from iep_meeting.store.errors import StoreError
from iep_meeting.store.locale_files import available_languages, locale_strings
from iep_meeting.words.locale import REFERENCE_LANGUAGE

# What each file is, in the command's words.
PREPARED_WORDS = {
    "agenda": "the agenda",
    "proposal": "the draft, as a proposal for discussion",
    "input-form": "the input form, which works offline in any browser",
    "paper-form": "the input form on paper",
}


def _documents(
    plan: Plan, language: str, sections: Sequence[Section], minutes: Mapping[str, int], user_dir: Path | str | None
) -> dict[str, Document]:
    strings = locale_strings(language, user_dir)
    english = locale_strings(REFERENCE_LANGUAGE, user_dir)
    bank = bank_for(language, user_dir)
    return {
        "agenda": in_language(agenda_sheet(plan, sections, minutes, strings), plan, strings, list_english=False),
        "proposal": in_language(proposal(plan, strings, english), plan, strings, list_english=True, bank=bank),
        "paper-form": paper_form(plan, strings),
    }


def prepare_documents(
    plan_path: Path,
    plan: Plan,
    sections: Sequence[Section],
    minutes: Mapping[str, int],
    *,
    language: str | None = None,
    out: Path | None = None,
    force: bool = False,
    user_dir: Path | str | None = None,
    made_on: dt.date | None = None,
) -> tuple[Exported, ...]:
    """Make and write what the family gets before `plan`'s meeting; what was written.
    `sections` are the parts of the meeting, `minutes` each one's time in it."""
    if plan.status is Status.FINAL:
        raise StoreError(
            f"{plan_path} is final: a proposal is sent before the meeting, from a draft. Nothing was written."
        )
    if language is None:
        language = family_locale(plan, user_dir)
    elif language not in available_languages(user_dir):
        raise StoreError(
            f"--lang {language}: no strings for it. Available: {', '.join(available_languages(user_dir))}."
        )
    if out is not None and not out.is_dir():
        raise StoreError(f"--out {out}: there is no such folder. Create it first, or name another.")
    documents = _documents(plan, language, sections, minutes, user_dir)
    pdf = preferred_format() == "pdf"
    wanted = [("agenda", "html"), ("proposal", "html"), ("input-form", "html")]
    if pdf:
        wanted += [("agenda", "pdf"), ("proposal", "pdf"), ("paper-form", "pdf")]
    paths = {}
    for kind, fmt in wanted:
        path = default_output(plan_path, kind, language, fmt)
        path = out / path.name if out is not None else path
        refusal = why_not_written(path, plan_path)
        if refusal is None and not force and os.path.lexists(path):
            refusal = "it exists: not replaced. Add --force to replace what prepare wrote before."
        if refusal is not None:
            raise StoreError(f"{path}: {refusal} Nothing was written.")
        paths[kind, fmt] = path
    day = made_on or dt.date.today()
    made: dict[tuple[str, str], tuple[bytes, tuple[str, ...], tuple[Path, ...]]] = {}
    for kind, fmt in wanted:
        if kind == "input-form":
            made[kind, fmt] = (input_form_html(plan, locale_strings(language, user_dir)).encode("utf-8"), (), ())
        else:
            rendered = render(documents[kind], fmt, day)
            made[kind, fmt] = (rendered.data, rendered.by_code, rendered.fonts)
    written = []
    for (kind, fmt), (data, by_code, fonts) in made.items():
        write_document(paths[kind, fmt], data, force=force, plan_path=plan_path)
        digest = hashlib.sha256(data).hexdigest()
        written.append(Exported(kind, language, fmt, paths[kind, fmt], digest, (), by_code, fonts))
    return tuple(written)
