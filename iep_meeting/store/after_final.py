"""Recording in a final plan what is made after it was finalized: the copy the
family was given, the translations of the team's words, and the family's
response to the proposed IEP where the state has it come after the meeting.

A final plan is never edited: it is sealed (store/seal.py). Yet the family gets
its copy of the final plan after the team agreed it, and the record has to prove
which file they got (34 CFR 300.322(f)); and an interpreter often translates
the team's words after the meeting. So these go in lists that the seal is not
over, `copies_after_final`, `translations` and `responses`; everything the team agreed stays
as sealed, and `check` still finds the seal intact.

The file is written as a save is: under the plan's lock, atomically, and only
when what is on disk is still the sealed final plan the app showed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from iep_meeting.model.edits import with_family_copy
from iep_meeting.model.plan import FamilyCopy, FamilyResponse, Plan, Status, Translation
from iep_meeting.model.translations import with_translation
from iep_meeting.store.atomic import write_atomic
from iep_meeting.store.errors import SaveError, StoreError
from iep_meeting.store.lock import LockUnavailableError, PlanLock
from iep_meeting.store.plan_file import encode, load_plan_file, plan_to_text, why_not_editable
from iep_meeting.store.seal import content_hash, seal_intact


def record_copy_after_final(path: Path, shown: Plan, copy: FamilyCopy) -> Plan:
    """Add `copy` to the final plan at `path` and return the plan as written
    (see `record_after_final`)."""
    return record_after_final(path, shown, lambda plan: with_family_copy(plan, copy))


def record_translations_after_final(path: Path, shown: Plan, translations: Iterable[Translation]) -> Plan:
    """Put `translations` in the final plan at `path` (each in place of the one of the
    same text and language) and return the plan as written (see `record_after_final`)."""

    def change(plan: Plan) -> Plan:
        for translation in translations:
            plan = with_translation(plan, translation)
        return plan

    return record_after_final(path, shown, change)


def record_response_after_final(path: Path, shown: Plan, response: FamilyResponse) -> Plan:
    """Add the family's `response` to the final plan at `path` and return the plan as
    written (see `record_after_final`)."""
    return record_after_final(path, shown, lambda plan: attrs.evolve(plan, responses=(*plan.responses, response)))


def record_after_final(path: Path, shown: Plan, change: Callable[[Plan], Plan]) -> Plan:
    """Apply `change` (to what the seal is not over) to the final plan at `path`
    and return the plan as written.

    `shown` is the plan the app has open: the file must still hold it (as sealed)
    or nothing is written. Raises StoreError saying why it was not recorded:
    the plan is a draft, in format 1 (never rewritten), its seal no longer
    matches, it changed on disk, it is open elsewhere, or it cannot be written."""
    path = Path(path).absolute()
    reason = why_not_editable(path)
    if reason is not None:
        raise StoreError(f"not recorded in the plan: {reason}")
    try:
        lock = PlanLock.acquire(path)  # PlanLockedError says who has it open
    except LockUnavailableError as error:
        raise SaveError(path, error.cause) from None
    try:
        loaded = load_plan_file(path)
        plan = loaded.plan
        if plan.status is not Status.FINAL:
            raise StoreError(f"not recorded in the plan: {path.name} is not a final plan")
        if loaded.format1_data is not None:
            raise StoreError(
                f"not recorded in the plan: {path.name} was finalized in plan format 1, whose files are never rewritten"
            )
        if not seal_intact(loaded):
            raise StoreError(
                f"not recorded in the plan: {path.name} no longer holds what was sealed "
                f"(iep-meeting check {path.name} says what changed)"
            )
        if plan.sign_off.content_sha256 != shown.sign_off.content_sha256:  # the seal says what it holds
            raise StoreError(f"not recorded in the plan: {path.name} is not the plan open here any more")
        recorded = change(plan)
        # Nothing the seal is over may change; this guards the rule above.
        assert content_hash(recorded) == plan.sign_off.content_sha256
        try:
            write_atomic(path, encode(plan_to_text(recorded)))
        except OSError as error:
            raise SaveError(path, error) from error
        return recorded
    finally:
        lock.release()
