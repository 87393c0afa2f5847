"""The completeness checklist: what a plan still lacks before the team can finalize it.

Each rule is a pure function over the plan that yields findings (model.findings)
with a stable rule id, a severity, a message a parent can read, the regulation
it comes from and the plan key where it is fixed. A rule that does not apply to
this student (no previous IEP, under 16) yields nothing.

The rules live in one module per part of the plan, each declaring next to its
code the findings it reports (id, severity, citation) and the parts of the plan
it reads (rule.py):

    team             team and attendance
    present_levels   present levels
    goals            goals
    services         services
    accommodations   accommodations and assessments
    placement        placement
    special_factors  special factors and the summer
    transition       transition and rights
    close            close and sign-off
    consistency      dates and consistency

`checklist()` runs every rule, adds what the agenda file and the profile declare
(declared.py) and places each finding in the agenda section that edits it. The
app runs it after every change through `Checklist` (runner.py), which re-runs
only the rules whose parts of the plan were replaced.
"""

from iep_meeting.model.checklist.close import ATTENTION_RULES
from iep_meeting.model.checklist.runner import RULES, Checklist, checklist, section_for
from iep_meeting.model.checklist.team import family_language
from iep_meeting.model.checklist.transition import transition_due

__all__ = ["ATTENTION_RULES", "RULES", "Checklist", "checklist", "family_language", "section_for", "transition_due"]
