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
from typing import NamedTuple

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
