"""The content hash that seals a final plan, so an edit after finalizing shows.

The hash is taken over the plan's canonical text without the hash itself and
without the copies made for the family after finalizing (they are recorded
after the team agreed, store/after_final.py): reformatting the file does not
change it, changing anything the plan says does.
A plan finalized in an older format is never rewritten, so its seal is checked
against its canonical text in that format (store/format1.py).

Writing a big plan's canonical text again takes some four times as long as
reading the plan, so a file as the program wrote it can be checked on its own
text (`text_holds_seal`): less the seal's line and the copies made after
finalizing, it is the text the seal is over.
"""

from __future__ import annotations

import hashlib

import attrs

from iep_meeting.model.plan import FamilyCopy, Plan, Status
from iep_meeting.store import codec, format1
from iep_meeting.store.plan_file import LoadedPlan, plan_to_text


def content_hash(plan: Plan) -> str:
    """The hash of `plan`'s content in the current format."""
    unsealed = attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, content_sha256=None), copies_after_final=())
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


def text_holds_seal(text: str, recorded: str, copies: tuple[FamilyCopy, ...]) -> bool:
    """Whether `text`, a plan in the current format whose seal is `recorded` and
    whose copies made after finalizing are `copies` (both as read from `text`),
    is the text the seal was made over with the seal and those copies added as
    the program adds them.

    Take the line of the seal out of `text` (the first line exactly as the
    program writes it) and the copies off its end (when they are exactly as the
    program writes them: its last table): when what is left has the seal's
    hash, it is the canonical text of the plan the team agreed. (The seal's line
    holds no triple quote: taken out of a multi-line string it would leave that
    string's ends where they were, and then the plan read from `text` would not
    hold the seal; it does, as `recorded` says.) False means only "not shown
    this way"."""
    line = f'\ncontent_sha256 = "{recorded}"\n'
    at = text.find(line)
    tail = "\n" + codec.dumps({"copies_after_final": codec.unstructure(copies)}) if copies else ""
    if at < 0 or not text.endswith(tail):
        return False
    unsealed = text[: at + 1] + text[at + len(line) : len(text) - len(tail)]
    return hashlib.sha256(unsealed.encode("utf-8", errors="replace")).hexdigest() == recorded
