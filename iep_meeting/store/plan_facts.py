"""What the caseload knows of a plan file (model/caseload.py: `PlanFacts`), read quickly.

A caseload reads thousands of plans, so this takes from the parsed TOML only
the values the caseload reports (who, when, the sign-off, open items, copies,
the plan an amendment changes), each checked with the plan reader's own strict
hooks, and checks a final plan's seal on its bytes (store/seal.py). Anything
unusual (a value of the wrong type, a missing key, a file the quick seal check
cannot judge) is read again whole, as `iep-meeting check` reads it: a plan
that cannot be read fails with the store's own located problems, and one that
can gives the same facts as `facts_of` (a test keeps the two ways equal).
The rest of a plan is not checked here; `iep-meeting check` checks every key.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any, TypeVar

import cattrs

from iep_meeting.model.caseload import OPEN_TOPICS, PlanFacts, facts_of
from iep_meeting.model.plan import ActionItem, MeetingKind, ParkingLotItem, Status
from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.plan_file import decode_text, plan_data, read_plan
from iep_meeting.store.seal import canonical_seal_intact, seal_intact

T = TypeVar("T")

# The plan reader's own strict hooks, fetched once: a lookup for each value
# would cost as much as the values themselves.
_hook = codec.converter.get_structure_hook
_DATE, _TEXT, _FLAG = _hook(dt.date), _hook(str), _hook(bool)
_KIND, _STATUS = _hook(MeetingKind), _hook(Status)
_ACTION, _TOPIC = _hook(ActionItem), _hook(ParkingLotItem)


class _NotQuick(Exception):
    """The quick reading cannot take this plan: it is read whole."""


def read_facts(path: str, data: bytes) -> PlanFacts:
    """The caseload's facts of the plan file at `path` (absolute), whose bytes
    are `data`; FileProblemError, with the store's reasons, when it is not a
    plan this program reads."""
    text = decode_text(path, data)
    try:
        document, _schema, _format1, _changes = plan_data(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems) from None
    try:
        facts = _quick_facts(path, document)
        if facts.final and not _quick_seal(document, data):
            raise _NotQuick
    except (_NotQuick, ValueError, TypeError, KeyError, AttributeError, cattrs.BaseValidationError):
        return _whole_facts(path, text)
    return facts


def _whole_facts(path: str, text: str) -> PlanFacts:
    try:
        loaded = read_plan(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems) from None
    plan = loaded.plan
    final = plan.status is Status.FINAL
    amends = _resolved(path, plan.amends.path) if plan.amends is not None else ""
    return facts_of(path, plan, seal_intact=not final or seal_intact(loaded), amends=amends)


def _quick_seal(document: dict[str, Any], data: bytes) -> bool:
    recorded = _table(document, "sign_off").get("content_sha256")
    return isinstance(recorded, str) and bool(recorded) and canonical_seal_intact(data, recorded)


def _resolved(path: str, linked: str) -> str:
    """A path a plan names (relative to its folder), as an absolute path."""
    return os.path.normpath(os.path.join(os.path.dirname(path), linked))


def _table(document: dict[str, Any], key: str) -> dict[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise _NotQuick
    return value


def _date(table: dict[str, Any], key: str) -> dt.date | None:
    return _DATE(table[key], dt.date) if key in table else None


def _text(table: dict[str, Any], key: str) -> str:
    return _TEXT(table[key], str) if key in table else ""


def _list(document: dict[str, Any], key: str) -> list[Any]:
    items = document.get(key, [])
    if not isinstance(items, list) or len(items) > codec.MAX_ITEMS:
        raise _NotQuick
    return items


def _quick_facts(path: str, document: dict[str, Any]) -> PlanFacts:
    student, meeting, period = (_table(document, key) for key in ("student", "meeting", "period"))
    sign_off, transition = _table(document, "sign_off"), _table(document, "transition")
    copies = _list(document, "family_copies") + _list(document, "copies_after_final")
    if not all(isinstance(copy, dict) for copy in copies):
        raise _NotQuick
    # Only what the caseload lists is read: the actions not done, the topics not resolved.
    actions = [_ACTION(item, ActionItem) for item in _list(document, "action_items") if not _done(item)]
    topics = [_TOPIC(item, ParkingLotItem) for item in _list(document, "parking_lot")]
    amends = _table(document, "amends")
    return PlanFacts(
        path=path,
        student_name=_TEXT(student["name"], str),
        kind=_KIND(meeting["kind"], MeetingKind),
        status=_STATUS(document["status"], Status) if "status" in document else Status.DRAFT,
        period_start=_DATE(period["start"], dt.date),
        period_end=_DATE(period["end"], dt.date),
        student_id=_text(student, "id"),
        birth_date=_date(student, "date_of_birth"),
        meeting_date=_date(meeting, "date"),
        previous_iep_date=_date(meeting, "previous_iep_date"),
        last_evaluation_date=_date(meeting, "last_evaluation_date"),
        finalized=_date(sign_off, "finalized"),
        agenda=_text(document, "agenda"),
        profile=_text(document, "profile"),
        family_copy=bool(copies),
        transition_planned=bool(
            _text(transition, "education_goal").strip() or _text(transition, "employment_goal").strip()
        ),
        rights_transfer_informed=_date(transition, "rights_transfer_informed"),
        action_items=tuple(actions),
        open_topics=tuple(topic for topic in topics if topic.state in OPEN_TOPICS),
        amends=_resolved(path, _TEXT(amends["path"], str)) if amends else "",
    )


def _done(item: Any) -> bool:
    if not isinstance(item, dict):
        raise _NotQuick
    return _FLAG(item["done"], bool) if "done" in item else False
