"""Every key of the plan format that a meeting produces can be seen and edited
in the app: the test walks the model's fields and lists any without an editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from iep_meeting.model.agenda import plan_field_paths
from iep_meeting.model.plan import FamilyInput
from iep_meeting.tui.dialogs.record import ActionItemDialog, DecisionDialog, ParkingLotDialog, RecordDialog
from iep_meeting.tui.widgets.fields import BoundField, FieldSpec
from iep_meeting.tui.widgets.records import ListSpec, RecordList
from tests.app.harness import make_app, open_section
from tests.factories import small_plan

FAMILY_INPUT_KEYS = tuple(field.name for field in attrs.fields(FamilyInput))

# Set by the program, never typed in the meeting: where each one comes from.
BY_THE_PROGRAM = {
    "status": "finalizing (ctrl+f)",
    "agenda": "iep-meeting new --agenda",
    "profile": "iep-meeting new --profile (else the agenda's)",
    "meeting.kind": "the agenda the plan was made with",
    "amends": "iep-meeting amend",
    "amends.path": "iep-meeting amend",
    "amends.sha256": "iep-meeting amend",
    "follows": "iep-meeting new --from",
    "follows.path": "iep-meeting new --from",
    "follows.sha256": "iep-meeting new --from",
    "follows.to_review": "iep-meeting new --from; cleared by editing or confirming each (ctrl+o)",
    "sign_off.finalized": "finalizing (ctrl+f)",
    "sign_off.content_sha256": "finalizing (ctrl+f)",
    "follow_up.closed": "closing as to be continued (F11)",
    "follow_up.open_items": "closing as to be continued (F11), from the checklist",
    "decisions.time": "stamped when a decision is recorded (F2)",
    "decisions.section": "the section the team is in (F2)",
    "parking_lot.section": "the section the team is in (F3)",
    "family_copies.document": "making the family's copy",
    "family_copies.sha256": "making the family's copy",
    # Made after finalizing, outside the seal; shown at the close. How the family gets
    # its copy is recorded in family_copies before finalizing.
    **dict.fromkeys(
        (
            "copies_after_final",
            *(f"copies_after_final.{key}" for key in ("method", "date", "language", "document", "sha256", "form")),
        ),
        "making the family's copy of a final plan (ctrl+g)",
    ),
    # The team's words in the family's language: the translation view (ctrl+l),
    # tests/app/test_translation_view.py; its key and hash are the program's.
    **dict.fromkeys(
        ("translations", *(f"translations.{key}" for key in ("key", "language", "text", "english_hash", "by", "date"))),
        "the translation view (ctrl+l)",
    ),
    # The family's answer to a proposed IEP after the meeting (Massachusetts): recorded
    # in the final plan outside its seal by `iep-meeting respond`, shown at the close.
    **dict.fromkeys(
        ("responses", *(f"responses.{key}" for key in ("date", "answer", "by", "rejected", "note"))),
        "iep-meeting respond, after the meeting (shown at the close)",
    ),
    # The family's input form, taken in word for word (iep-meeting import-input): shown
    # in present levels and at the start-up as the family's words, never edited there.
    **dict.fromkeys(
        (
            "present_levels.family_input",
            *(f"present_levels.family_input.{key}" for key in FAMILY_INPUT_KEYS),
            "facilitation.family_topics",
            *(f"facilitation.family_topics.{key}" for key in ("topic", "from_form", "language")),
            "parking_lot.from_form",
            "parking_lot.language",
        ),
        "the family's input form (iep-meeting import-input)",
    ),
    # Each concern with what answers it: its own list in present levels (widgets/family_concerns.py).
    **dict.fromkeys(
        (
            "present_levels.concerns",
            *(f"present_levels.concerns.{key}" for key in ("id", "text", "from_form", "language", "raised_by")),
            "present_levels.concerns.answered_by",
        ),
        "the family's concerns in present levels: added, and linked to what answers each (Enter)",
    ),
    "decisions.id": "given when a family's concern is linked to the decision",
    "parking_lot.id": "given when a family's concern is linked to the topic",
    "goals.id": "given when a goal is added",
    "services.id": "given when a service is added",
    "accommodations.id": "given when an accommodation is added",
}
# Edited in a dialog rather than a section.
IN_DIALOGS: dict[str, type[RecordDialog[Any]]] = {
    "decisions": DecisionDialog,
    "parking_lot": ParkingLotDialog,
    "action_items": ActionItemDialog,
}
ALSO_EDITED = {"follow_up.date": "the to-be-continued dialog (F11)"}


def dotted(path) -> str:
    return ".".join(step for step in path if isinstance(step, str))


def spec_paths(prefix: str, specs) -> set[str]:
    paths = set()
    for spec in specs:
        paths.add(f"{prefix}.{spec.name}")
        if isinstance(spec, ListSpec):
            paths |= spec_paths(f"{prefix}.{spec.name}", spec.fields)
        assert isinstance(spec, (FieldSpec, ListSpec))
    return paths


async def test_every_fact_of_the_plan_format_has_an_editor(tmp_path):
    plan = small_plan()
    old_enough = attrs.evolve(plan.student, date_of_birth=dt.date(plan.period.start.year - 16, 1, 5))
    app = make_app(tmp_path, attrs.evolve(plan, student=old_enough))
    edited: set[str] = set()
    async with app.run_test(size=(120, 36)) as pilot:
        assert "transition" in [s.id for s in app.session.sections]
        for section in app.session.sections:
            await open_section(pilot, app, section.id)
            edited |= {dotted(f.path) for f in app.screen.query(BoundField)}
            edited |= {dotted(r.list_path) for r in app.screen.query(RecordList)}
    for top, dialog in IN_DIALOGS.items():
        edited |= {top} | spec_paths(top, dialog.SPECS)
    edited |= set(ALSO_EDITED) | set(BY_THE_PROGRAM)
    missing = sorted(
        path
        for path in plan_field_paths()
        if path not in edited and not any(other.startswith(path + ".") for other in edited)
    )
    assert missing == [], f"no editor in the app for: {', '.join(missing)}"
