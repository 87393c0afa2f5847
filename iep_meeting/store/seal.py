"""The content hash that seals a final plan, so an edit after finalizing shows.

The hash is taken over the plan's canonical text without the hash itself and
without what is recorded after the team agreed (store/after_final.py): the
copies made for the family after finalizing, and the translations of the
team's words into the family's language: reformatting the file does not
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
from typing import NamedTuple

import attrs

from iep_meeting.model.plan import FamilyCopy, Plan, Status
from iep_meeting.store import codec, format1
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


_COPIES_HEADER = b"[[copies_after_final]]\n"
_SEAL_KEY = b'\ncontent_sha256 = "'


class Digests(NamedTuple):
    """The SHA-256 of a plan file's bytes, and of the same bytes without their
    seal line: in a final plan as this program writes it (with no copies made
    after finalizing), that is what its seal is over (None when the file has
    no seal line, or has such copies); and the seal that line records."""

    file: str
    unsealed: str | None = None
    recorded: str = ""

    @property
    def sealed_as_written(self) -> bool:
        """Whether the file is, but for its seal line, the very text its seal is
        over: a final plan as this program wrote it, unchanged since."""
        return self.unsealed is not None and self.unsealed == self.recorded


def file_digests(data: bytes) -> Digests:
    """Both digests in one pass over the bytes (the caseload hashes every plan it reads)."""
    # From the end: the sign-off comes late in a plan. A second seal line before
    # it would stay in the rest, which then is no sealed text: no false match.
    position = data.rfind(_SEAL_KEY)
    if position < 0 or data.find(b"\n" + _COPIES_HEADER, position) >= 0:
        return Digests(hashlib.sha256(data).hexdigest())
    end = data.find(b"\n", position + 1) + 1  # the line after the seal's
    recorded = data[position + len(_SEAL_KEY) : end - 2].decode("ascii", errors="replace")  # up to '"\n'
    view = memoryview(data)
    unsealed = hashlib.sha256(view[: position + 1])
    whole = unsealed.copy()
    whole.update(view[position + 1 :])
    unsealed.update(view[end:])
    return Digests(whole.hexdigest(), unsealed.hexdigest(), recorded)


def canonical_seal_intact(data: bytes, recorded: str) -> bool:
    """Whether the bytes of a plan file in the current format, as this program
    writes it, still hold what `recorded` seals: the file without its seal line
    and without its copies made after finalizing is the text the seal is over.

    Reads no plan, so it is quick (the caseload checks every final plan). True
    proves the seal intact; False only says this quick way cannot tell (a file
    reformatted by hand, an older format, a change): `seal_intact` decides."""
    seal_line = b'\ncontent_sha256 = "' + recorded.encode("ascii", errors="replace") + b'"\n'
    position = data.find(seal_line)
    if position < 0 or data.find(seal_line, position + 1) >= 0:
        return False
    unsealed = data[: position + 1] + data[position + len(seal_line) :]
    if b"\n" + _COPIES_HEADER in unsealed:
        # The writer puts one empty line before each table: cut the copies' tables whole.
        tables = unsealed.removesuffix(b"\n").split(b"\n\n")
        copies = [table for table in tables if table.startswith(_COPIES_HEADER)]
        if any(b"\n[" in table or b'"""' in table or b"'''" in table for table in copies):
            return False  # not only the copies' own keys: too unusual to cut by lines
        unsealed = b"\n\n".join(table for table in tables if not table.startswith(_COPIES_HEADER)) + b"\n"
    return hashlib.sha256(unsealed).hexdigest() == recorded


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
