"""The family's copy, once its file is made (documents/export.py): record it in the
plan, and say in words what was made and where it was recorded.

Where it goes depends on the plan: a draft records it among the family's
copies (`with_family_copy`); a final plan among the copies made after
finalizing, outside its seal (store/after_final.py); a plan opened read-only
nowhere, and the words give the file's SHA-256 to keep with it instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from iep_meeting.meeting.session import MeetingSession
from iep_meeting.model.edits import with_family_copy
from iep_meeting.model.plan import FamilyCopy, Plan, Status
from iep_meeting.store.errors import StoreError
from iep_meeting.words.locale import REFERENCE_LANGUAGE
from iep_meeting.words.phrases import plural


class MadeFile(Protocol):
    """A document file that was written (documents/export.py `Exported`)."""

    @property
    def kind(self) -> str: ...
    @property
    def language(self) -> str: ...  # its locale: "es"
    @property
    def format(self) -> str: ...
    @property
    def path(self) -> Path: ...
    @property
    def sha256(self) -> str: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...


def copy_language_name(plan: Plan, locale: str, user_dir: Path | None = None) -> str:
    """The language of a copy in `locale` ("es") as the plan names it ("Spanish"), for its record."""
    from iep_meeting.store.locale_files import language_for

    for name in (*(guardian.language for guardian in plan.student.guardians), plan.student.home_language):
        if name.strip() and language_for(name, user_dir) == locale:
            return name.strip()
    return "English" if locale == REFERENCE_LANGUAGE else locale


def record_family_copy(session: MeetingSession, made: MadeFile, user_dir: Path | None = None) -> tuple[str, ...]:
    """Record `made` in the session's plan where it belongs; the lines that say
    what was made and what became of its record."""
    plan, today = session.plan, session.now().date()  # the session's clock, like the meeting clock
    name = copy_language_name(plan, made.language, user_dir)
    lines = [str(made.path), f"In {name}, as {made.format.upper()}; SHA-256 {made.sha256[:12]}…"]
    copy = FamilyCopy(date=today, language=name, document=made.kind, sha256=made.sha256)
    if plan.status is Status.FINAL:
        try:
            session.record_copy_after_final(copy)
        except StoreError as error:
            why = str(error).rstrip(".")
            lines.append(f"{why[:1].upper()}{why[1:]}. Keep the file with the plan; its SHA-256 is {made.sha256}.")
        else:
            lines.append("Recorded in the final plan, under the copies made after finalizing (its seal holds).")
    elif session.readonly:
        lines.append(f"Not recorded in the plan: {session.readonly_reason}. Its SHA-256 is {made.sha256}.")
    else:
        session.apply(lambda plan: with_family_copy(plan, copy), "recorded the family's copy")
        lines.append("Recorded in the plan, under the family's copies: record there how the family gets it.")
    if session.unsaved:
        lines.append(f"{plural(len(session.unsaved), 'value')} typed but not in the plan are not in it either.")
    if made.warnings:  # typed text above grade 8: the first, and how many more
        more = len(made.warnings) - 1
        lines.append(f"! {made.warnings[0]}" + (f" And {plural(more, 'more typed text')} like it." if more else ""))
    return tuple(lines)


def replace_question(session: MeetingSession, target: Path) -> tuple[str, str]:
    """(title, detail) asking before a family's copy made before is replaced."""
    after = (
        "The plan is final: the new file is recorded beside the old one, outside the seal."
        if session.plan.status is Status.FINAL
        else "The plan's record of the copy then has the new file's SHA-256."
    )
    return (
        "Replace the family's copy made before?",
        f"{target}\nexists. Replace it with a copy of the plan as it is now? {after}",
    )
