"""The content hash that seals a final plan, so an edit after finalizing shows.

The hash is taken over the plan's canonical text without the hash itself and
without what is recorded after the team agreed (store/after_final.py): the
copies made for the family after finalizing, and the translations of the
team's words into the family's language: reformatting the file does not
change it, changing anything the plan says does.
A plan finalized in an older format is never rewritten, so its seal is checked
against its canonical text in that format (store/format1.py).
"""

from __future__ import annotations

import hashlib

import attrs

from iep_meeting.model.plan import Plan, Status
from iep_meeting.store import format1
from iep_meeting.store.plan_file import LoadedPlan, plan_to_text


def content_hash(plan: Plan) -> str:
    """The hash of `plan`'s content in the current format."""
    unsealed = attrs.evolve(
        plan, sign_off=attrs.evolve(plan.sign_off, content_sha256=None), copies_after_final=(), translations=()
    )
    return hashlib.sha256(plan_to_text(unsealed).encode("utf-8", errors="replace")).hexdigest()


def sealed(plan: Plan) -> Plan:
    """`plan` with its content hash recorded in the sign-off."""
    return attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, content_sha256=content_hash(plan)))


def file_content_hash(loaded: LoadedPlan, *, as_final: bool = False) -> str:
    """The hash of what a plan file says, in the format it is written in (what
    its seal is over); `as_final`: as if its status were final."""
    if loaded.format1_data is not None:
        data = {**loaded.format1_data, "status": "final"} if as_final else loaded.format1_data
        return format1.content_hash(data)
    plan = attrs.evolve(loaded.plan, status=Status.FINAL) if as_final else loaded.plan
    return content_hash(plan)


def seal_intact(loaded: LoadedPlan) -> bool:
    recorded = loaded.plan.sign_off.content_sha256
    return bool(recorded) and recorded == file_content_hash(loaded)
