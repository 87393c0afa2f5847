"""What the dates say about transition and the transfer of rights: the student's
age when the plan starts, whether transition planning is due in this plan, and
whether the student must be told which rights transfer at the age of majority.
Lines in the app's words, each marked when it needs the team's attention."""

from __future__ import annotations

from iep_meeting.model import dates
from iep_meeting.model.plan import Plan
from iep_meeting.words.phrases import plural


def timeline_lines(plan: Plan, transition_age: int, age_of_majority: int) -> list[tuple[str, bool]]:
    """What the dates say, as (line, needs attention) pairs."""
    birth = plan.student.date_of_birth
    start, end = plan.period.start, plan.period.end
    if birth is None:
        return [
            (
                "! The student's date of birth is not in the plan, so the app cannot work out "
                "whether transition or the transfer-of-rights notice is due.",
                True,
            )
        ]
    if start < birth or end < start:
        return [(f"! The plan period ({start} to {end}) does not fit the date of birth ({birth}): check both.", True)]
    lines: list[tuple[str, bool]] = []
    age = dates.age_on(birth, start)
    lines.append((f"Age on the first day of the plan ({start}): {plural(age, 'year')}.", False))

    turns = dates.birthday_at_age(birth, transition_age)
    if dates.transition_due(birth, start, end, transition_age):
        when = (
            f"turned {transition_age} on {turns}, before this plan starts"
            if turns <= start
            else f"turns {transition_age} on {turns}, during this plan"
        )
        lines.append((f"✓ Transition is due: the student {when}.", False))
    else:
        lines.append(
            (
                f"○ Transition is not due yet: the student turns {transition_age} on {turns}, "
                "after this plan ends. The team may still plan early.",
                False,
            )
        )

    majority = dates.birthday_at_age(birth, age_of_majority)
    if dates.transfer_of_rights_due(birth, start, end, age_of_majority):
        told = plan.transition.rights_transfer_informed
        first = (
            f"Transfer of rights is due: at {age_of_majority} (on {majority}) most rights "
            "pass from the parents to the student, and this IEP must say the student was told."
        )
        if told is None:
            lines.append((f"! {first} Record the date below.", True))
        else:
            lines.append((f"✓ {first} The student was told on {told}.", False))
    else:
        lines.append(
            (
                f"○ The transfer-of-rights notice is not due yet: the student reaches "
                f"{age_of_majority}, the age of majority, on {majority}.",
                False,
            )
        )
    return lines
