"""New records of a plan, and the edits of its lists that are more than setting a
value: what a "new" or "add" does in the meeting, the same wherever it is asked.

(model/edits.py makes and remakes whole plans: finalize, amend, sign-off.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs

from iep_meeting.model.edits import next_goal_id, next_id
from iep_meeting.model.paths import append_in, remove_in, set_in
from iep_meeting.model.plan import (
    Accommodation,
    ActionItem,
    Attendance,
    Decision,
    Goal,
    GoalArea,
    ParkingLotItem,
    Plan,
    PreviousGoal,
    Role,
    TeamMember,
)


def stamp(now: dt.datetime) -> dt.datetime:
    """A decision's time as the plan keeps it: to the minute."""
    return now.replace(second=0, microsecond=0)


def new_decision(now: dt.datetime, section: str) -> Decision:
    """A blank decision made now, in the section the team is in."""
    return Decision(time=stamp(now), section=section, what="")


def new_parking_lot_item(section: str) -> ParkingLotItem:
    """A blank topic, raised in `section`."""
    return ParkingLotItem(topic="", section=section)


def new_action_item() -> ActionItem:
    return ActionItem(owner="", what="")


def new_team_member() -> TeamMember:
    """Someone added to the team: whether they are here is not known yet."""
    return TeamMember(name="", role=Role.OTHER, attendance=Attendance.INVITED)


def new_goal(plan: Plan) -> Goal:
    return Goal(id=next_goal_id(plan.goals), area=GoalArea.ACADEMIC)


def new_previous_goal(plan: Plan) -> PreviousGoal:
    """A blank previous goal with an id no other previous goal has."""
    taken = {goal.id for goal in plan.present_levels.previous_goals}
    number = len(taken) + 1
    while f"previous-goal-{number}" in taken:
        number += 1
    return PreviousGoal(id=f"previous-goal-{number}", statement="")


def new_accommodation(plan: Plan) -> Accommodation:
    return Accommodation(id=next_id("accommodation", plan.accommodations), description="")


# decisions


def _index_of(plan: Plan, decision: Decision) -> int | None:
    try:
        return plan.decisions.index(decision)
    except ValueError:
        return None  # gone meanwhile


def replace_decision(plan: Plan, old: Decision, new: Decision) -> Plan:
    """`plan` with the decision `old` replaced by `new` (unchanged if `old` is gone)."""
    index = _index_of(plan, old)
    return plan if index is None else set_in(plan, ("decisions", index), new)


def delete_decision(plan: Plan, old: Decision) -> Plan:
    index = _index_of(plan, old)
    return plan if index is None else remove_in(plan, ("decisions",), index)


# accommodations


def same_text(text: str) -> str:
    """What makes two accommodations the same: their words, ignoring case and spacing."""
    return " ".join(text.split()).casefold()


def has_accommodation(plan: Plan, description: str) -> bool:
    key = same_text(description)
    return any(same_text(item.description) == key for item in plan.accommodations)


def add_accommodation_once(item: Accommodation) -> Callable[[Plan], Plan]:
    """A plan change that adds `item` (with an id of its own) unless the plan already holds it."""

    def change(plan: Plan) -> Plan:
        if has_accommodation(plan, item.description):
            return plan
        return append_in(
            plan, ("accommodations",), attrs.evolve(item, id=next_id("accommodation", plan.accommodations))
        )

    return change
