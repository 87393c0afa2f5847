"""F3: a topic raised out of turn, parked for later; the team comes back to it at the close."""

from __future__ import annotations

from iep_meeting.model.plan import ParkingLotItem
from iep_meeting.tui.dialogs.record.base import RecordDialog
from iep_meeting.tui.widgets.fields import FieldSpec


class ParkingLotDialog(RecordDialog[ParkingLotItem]):
    NOUN = "topic"
    SAVE_LABEL = "Park it"
    SPECS = (
        FieldSpec(
            name="topic",
            label="Topic",
            placeholder="e.g. the bus schedule",
            help="Kept for later: the team comes back to it at the close.",
        ),
        FieldSpec(
            name="raised_by",
            label="Raised by (optional)",
            placeholder="e.g. Dana Kim",
            help="Team members' names are suggested as you type: Enter or → takes the suggestion.",
        ),
    )
    REQUIRED = {"topic": "Write the topic before parking it."}
    NAME_FIELDS = ("raised_by",)

    def __init__(
        self,
        draft: ParkingLotItem,
        section_title: str,
        *,
        names: list[str] | tuple[str, ...] = (),
    ) -> None:
        super().__init__(draft, f"Park a topic for later · raised during {section_title}", names=names)
