"""The content hash that seals a final plan, so an edit after finalizing shows.

The hash is taken over the plan's canonical text without the hash itself:
reformatting the file does not change it, changing anything the plan says does.
"""

from __future__ import annotations

import hashlib

import attrs

from iep_meeting.model.plan import Plan
from iep_meeting.store.plan_file import plan_to_text


def content_hash(plan: Plan) -> str:
    unsealed = attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, content_sha256=None))
    return hashlib.sha256(plan_to_text(unsealed).encode("utf-8", errors="replace")).hexdigest()


def sealed(plan: Plan) -> Plan:
    """`plan` with its content hash recorded in the sign-off."""
    return attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, content_sha256=content_hash(plan)))


def seal_intact(plan: Plan) -> bool:
    return bool(plan.sign_off.content_sha256) and plan.sign_off.content_sha256 == content_hash(plan)
