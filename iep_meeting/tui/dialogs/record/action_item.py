"""F4: an action item — a next step with one owner and, if known, a date."""

from __future__ import annotations

from iep_meeting.model.plan import ActionItem
from iep_meeting.tui.dialogs.record.base import RecordDialog
from iep_meeting.tui.widgets.fields import FieldSpec, Kind


class ActionItemDialog(RecordDialog[ActionItem]):
    NOUN = "action item"
    SAVE_LABEL = "Add"
    SPECS = (
        FieldSpec(
            name="owner",
            label="Who will do it",
            placeholder="e.g. Dana Kim",
            help="Team members' names are suggested as you type: Enter or → takes the suggestion.",
        ),
        FieldSpec(
            name="what", label="What they will do", placeholder="e.g. Send the family a copy of the IEP in Spanish"
        ),
        FieldSpec(name="due", label="By when (optional)", kind=Kind.DATE, placeholder="YYYY-MM-DD, e.g. 2026-12-15"),
    )
    REQUIRED = {"owner": "Write who will do it.", "what": "Write what they will do."}
    NAME_FIELDS = ("owner",)

    def __init__(self, draft: ActionItem, *, names: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(draft, "Add an action item (a next step with an owner and a date)", names=names)
