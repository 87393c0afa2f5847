"""Where a finding is fixed, in the app's own words.

The checklist locates each finding with a plan path (`("team", 2,
"excusal_consent_date")`); the shared screen says the same place the way the
team sees it: "Welcome and start-up › Team › P. Okafor › parent's agreement to
the excusal". Records are named by what the team typed (a name, a
description, a topic), never by an id the program made up.
"""

from __future__ import annotations

from typing import Any

from iep_meeting.model.findings import Path
from iep_meeting.model.plan import Plan

SEPARATOR = " › "

# The parts of the plan, as the screen names them.
PART_WORDS = {
    "student": "Student",
    "meeting": "Meeting",
    "period": "Plan dates",
    "team": "Team",
    "facilitation": "Facilitation",
    "present_levels": "Present levels",
    "areas": "Areas",
    "previous_goals": "Last year's goals",
    "goals": "Goals",
    "objectives": "Objectives",
    "services": "Services",
    "accommodations": "Accommodations",
    "assessment": "State and district tests",
    "lre": "Placement",
    "special_factors": "Special factors",
    "transition": "Transition",
    "esy": "Summer services",
    "decisions": "Decisions",
    "parking_lot": "Parking lot",
    "action_items": "Next steps",
    "sign_off": "Sign-off",
    "signatures": "Participants",
    "family_copies": "Family's copy",
    "copies_after_final": "Copies made after finalizing",
    "responses": "The family's response",
    "contact_attempts": "Contact attempts",
    "guardians": "Guardians",
    "considered": "What the state asks the team to consider",
    "concerns": "The family's concerns",
}

# Fields whose words are not simply their name with spaces.
FIELD_WORDS = {
    "date_of_birth": "date of birth",
    "previous_iep_date": "date of the previous IEP",
    "last_evaluation_date": "date of the last evaluation",
    "interpreter_status": "interpreter",
    "excusal": "kind of excusal",
    "excusal_consent_date": "parent's agreement to the excusal",
    "excusal_school_agreed": "district's agreement to the excusal",
    "written_input_date": "date of the written input",
    "desired_outcomes": "hoped-for outcomes",
    "impact": "how the disability affects learning",
    "baseline": "where the student starts",
    "target": "what counts as met",
    "measured_by": "how progress is measured",
    "reporting": "progress reports",
    "minutes_per_week": "minutes per week",
    "participation": "how the student takes tests",
    "why_regular_not_appropriate": "why not the regular test",
    "why_alternate_appropriate": "why the alternate test",
    "general_education_percent": "time in general education",
    "explanation": "why time apart",
    "needed": "needed?",
    "assistive_technology": "assistive technology",
    "limited_english": "learning English",
    "education_goal": "education or training goal",
    "employment_goal": "employment goal",
    "independent_living_goal": "independent living goal",
    "course_of_study": "courses of study",
    "student_invited": "student invited",
    "rights_transfer_informed": "told about the transfer of rights",
    "eligible": "needed?",
    "agrees": "agrees?",
    "parent_consent": "parent's consent",
    "parent_consent_date": "date of consent",
    "disagreed": "who disagreed and why",
    "guardianship_informed": "information on guardianship",
    "adult_decisions": "who decides as an adult",
    "student_consent": "the student's consent",
    "student_consent_date": "date of the student's consent",
    "recess_date": "date of the continued meeting",
    "recess_time": "time of the continued meeting",
    "recess_place": "place of the continued meeting",
    "form": "written or audio",
    "evidence": "data",
    "progress": "progress",
    "answered_by": "what answers it",
    "family_input": "the family's input form",
    "form_date": "the form's date",
    "from_form": "from the family's form of",
    "filled_by": "filled in by",
}


def _words(name: str) -> str:
    return FIELD_WORDS.get(name) or name.replace("_", " ")


def _clipped(text: str, words: int = 5) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def record_name(list_name: str, index: int, record: Any) -> str:
    """A list item as the team knows it: its name, description, topic or number."""
    for attribute in ("name", "area", "description", "topic", "what", "statement", "option", "item", "text"):
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value.strip():
            about = value.strip() if attribute in ("name", "area") else _clipped(value)
            if list_name == "goals":
                domain = getattr(record, "domain", "")
                return f"Goal {index + 1}" + (f" ({domain or about})" if domain or about else "")
            return about
    return f"{PART_WORDS.get(list_name, list_name).rstrip('s').lower() or 'item'} {index + 1}"


def place_words(plan: Plan, path: Path, section_title: str = "") -> str:
    """`path` in the plan, in words: "Goals › Goal 2 (reading) › where the student starts"."""
    parts = [section_title] if section_title else []
    value: Any = plan
    list_name = ""
    for step in path:
        if isinstance(step, int):
            items = value if isinstance(value, tuple) else ()
            if step >= len(items):
                break
            value = items[step]
            parts.append(record_name(list_name, step, value))
            continue
        value = getattr(value, step, None)
        if isinstance(value, tuple) or step in PART_WORDS:
            list_name = step
            words = PART_WORDS.get(step, _words(step))
            if not parts or (parts[-1] != words and words != section_title):
                parts.append(words)
        else:
            parts.append(_words(step))
    return SEPARATOR.join(parts)
