"""The dialogs that record something during the meeting: a decision (F2), a
parking-lot topic (F3), an action item (F4), each editing a draft of its own
(base.py) until it is saved."""

from iep_meeting.tui.dialogs.record.action_item import ActionItemDialog
from iep_meeting.tui.dialogs.record.base import RecordDialog
from iep_meeting.tui.dialogs.record.decision import DecisionDialog
from iep_meeting.tui.dialogs.record.parking_lot import ParkingLotDialog

__all__ = ["ActionItemDialog", "DecisionDialog", "ParkingLotDialog", "RecordDialog"]
