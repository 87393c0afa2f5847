"""The fixed numbers the rules work with, defined once.

The two ages are IDEA's defaults; an agenda (and later a state's rule
profile) may set its own.
"""

from __future__ import annotations

import attrs

from iep_meeting.model.plan import Frequency, Role, Service

# Transition planning is in the IEP in effect when the student turns 16 (34 CFR 300.320(b)).
DEFAULT_TRANSITION_AGE = 16
# Rights transfer to the student at the age of majority: 18 in most states (34 CFR 300.520).
DEFAULT_AGE_OF_MAJORITY = 18
# Minutes given per month count as this many weeks: 52 weeks / 12 months, as districts count.
WEEKS_PER_MONTH = 52 / 12
# The most minutes a service or a goal can count in a week: all of them. More is a typo.
MINUTES_IN_A_WEEK = 7 * 24 * 60


# The IEP team (34 CFR 300.321): the people asked whether they agree. An
# interpreter (300.322(e)), an advocate or another guest takes part, and may be
# listed at sign-off, but is not a member of the team.
IEP_TEAM_ROLES = frozenset(
    {
        Role.PARENT,
        Role.STUDENT,
        Role.REGULAR_EDUCATION_TEACHER,
        Role.SPECIAL_EDUCATION_TEACHER,
        Role.DISTRICT_REPRESENTATIVE,
        Role.EVALUATION_INTERPRETER,
        Role.RELATED_SERVICE_PROVIDER,
        Role.TRANSITION_AGENCY,
    }
)


@attrs.frozen
class Rules:
    """The ages the rules of one meeting depend on (from its agenda: `Agenda.rules`)."""

    transition_age: int = DEFAULT_TRANSITION_AGE
    age_of_majority: int = DEFAULT_AGE_OF_MAJORITY


def weekly_minutes(service: Service) -> float | None:
    """A service's time as minutes per week (monthly minutes count as 52/12 weeks)."""
    if service.minutes is None:
        return None
    return service.minutes if service.per is Frequency.WEEKLY else service.minutes / WEEKS_PER_MONTH
