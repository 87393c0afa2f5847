"""Plan format 1, kept as data, for one purpose: a final plan written in
format 1 is never rewritten, so its seal must still verify, and its seal is the
SHA-256 of its canonical format-1 text (what iep-meeting 0.1 wrote for it).

`TABLES` is format 1's shape: for each table, its keys in the order they were
written, the table a key leads into (for tables and lists of tables), and its
default (REQUIRED: no default; RECORD: the table with all its defaults; None:
left out of the file). It was generated from the format-1 model and must not
change. `content_hash` rebuilds the canonical text from a file's parsed TOML
the way format 1 did (keys in order, defaults filled in, None left out).
tests/unit/test_format_upgrade.py checks it against files format 1 wrote.
"""

from __future__ import annotations

import hashlib
from typing import Any

from iep_meeting.store import toml_writer

REQUIRED, RECORD = "required", "record"
REQUIRES = "iep-meeting>=0.1.0"

TABLES: dict[str, tuple[tuple[str, str | None, Any], ...]] = {
    "Guardian": (
        ("name", None, REQUIRED),
        ("relationship", None, ""),
        ("phone", None, ""),
        ("email", None, ""),
        ("language", None, ""),
    ),
    "Student": (
        ("name", None, REQUIRED),
        ("id", None, ""),
        ("date_of_birth", None, None),
        ("grade", None, ""),
        ("school", None, ""),
        ("eligibility", None, ""),
        ("home_language", None, "English"),
        ("guardians", "Guardian", []),
    ),
    "Meeting": (
        ("kind", None, REQUIRED),
        ("date", None, None),
        ("place", None, ""),
        ("start_time", None, None),
        ("planned_end", None, None),
        ("interpreter_needed", None, False),
        ("interpreter", None, ""),
        ("previous_iep_date", None, None),
        ("last_evaluation_date", None, None),
    ),
    "Period": (
        ("start", None, REQUIRED),
        ("end", None, REQUIRED),
    ),
    "Amends": (
        ("path", None, REQUIRED),
        ("sha256", None, REQUIRED),
    ),
    "ContactAttempt": (
        ("date", None, REQUIRED),
        ("method", None, REQUIRED),
        ("result", None, ""),
    ),
    "TeamMember": (
        ("name", None, REQUIRED),
        ("role", None, REQUIRED),
        ("title", None, ""),
        ("attendance", None, "invited"),
        ("excusal", None, None),
        ("excusal_consent_date", None, None),
        ("written_input", None, ""),
        ("contact_attempts", "ContactAttempt", []),
    ),
    "Facilitation": (
        ("facilitator", None, ""),
        ("note_taker", None, ""),
        ("timekeeper", None, ""),
        ("desired_outcomes", None, []),
        ("norms", None, []),
        ("decision_making", None, ""),
    ),
    "PresentLevelArea": (
        ("area", None, REQUIRED),
        ("strengths", None, ""),
        ("needs", None, ""),
        ("baseline", None, ""),
        ("impact", None, ""),
    ),
    "PreviousGoal": (
        ("id", None, REQUIRED),
        ("statement", None, REQUIRED),
        ("progress", None, None),
        ("evidence", None, ""),
    ),
    "PresentLevels": (
        ("areas", "PresentLevelArea", []),
        ("parent_concerns", None, ""),
        ("evaluation_summary", None, ""),
        ("previous_goals", "PreviousGoal", []),
    ),
    "Objective": (
        ("statement", None, REQUIRED),
        ("criterion", None, ""),
        ("target_date", None, None),
    ),
    "Goal": (
        ("id", None, REQUIRED),
        ("area", None, REQUIRED),
        ("domain", None, ""),
        ("statement", None, ""),
        ("baseline", None, ""),
        ("target", None, ""),
        ("measured_by", None, ""),
        ("reporting", None, ""),
        ("minutes_per_week", None, None),
        ("objectives", "Objective", []),
    ),
    "Service": (
        ("kind", None, REQUIRED),
        ("description", None, REQUIRED),
        ("provider", None, ""),
        ("minutes", None, None),
        ("per", None, "week"),
        ("setting", None, ""),
        ("start", None, None),
        ("end", None, None),
        ("goals", None, []),
    ),
    "Accommodation": (
        ("description", None, REQUIRED),
        ("applies_to", None, "classroom"),
        ("note", None, ""),
    ),
    "Assessment": (
        ("participation", None, None),
        ("why_regular_not_appropriate", None, ""),
        ("why_alternate_appropriate", None, ""),
        ("note", None, ""),
    ),
    "LeastRestrictiveEnvironment": (
        ("general_education_percent", None, None),
        ("explanation", None, ""),
    ),
    "Factor": (
        ("needed", None, None),
        ("note", None, ""),
    ),
    "SpecialFactors": (
        ("behavior", "Factor", RECORD),
        ("limited_english", "Factor", RECORD),
        ("vision", "Factor", RECORD),
        ("communication", "Factor", RECORD),
        ("assistive_technology", "Factor", RECORD),
    ),
    "Transition": (
        ("education_goal", None, ""),
        ("employment_goal", None, ""),
        ("independent_living_goal", None, ""),
        ("assessments", None, ""),
        ("services", None, []),
        ("course_of_study", None, ""),
        ("student_invited", None, False),
        ("rights_transfer_informed", None, None),
    ),
    "ExtendedSchoolYear": (
        ("eligible", None, None),
        ("note", None, ""),
    ),
    "Decision": (
        ("time", None, REQUIRED),
        ("section", None, REQUIRED),
        ("what", None, REQUIRED),
        ("outcome", None, "agreed"),
        ("disagreed", None, ""),
        ("options_considered", None, ""),
    ),
    "ParkingLotItem": (
        ("topic", None, REQUIRED),
        ("raised_by", None, ""),
        ("section", None, ""),
        ("state", None, "open"),
        ("resolution", None, ""),
    ),
    "ActionItem": (
        ("owner", None, REQUIRED),
        ("what", None, REQUIRED),
        ("due", None, None),
        ("done", None, False),
    ),
    "Signature": (
        ("name", None, REQUIRED),
        ("role", None, REQUIRED),
        ("agrees", None, None),
        ("statement", None, ""),
        ("date", None, None),
    ),
    "SignOff": (
        ("signatures", "Signature", []),
        ("parent_consent", None, None),
        ("parent_consent_date", None, None),
        ("finalized", None, None),
        ("content_sha256", None, None),
    ),
    "FamilyCopy": (
        ("method", None, None),
        ("date", None, None),
        ("language", None, ""),
    ),
    "FollowUp": (
        ("closed", None, None),
        ("date", None, None),
        ("open_items", None, []),
    ),
    "Plan": (
        ("student", "Student", REQUIRED),
        ("meeting", "Meeting", REQUIRED),
        ("period", "Period", REQUIRED),
        ("status", None, "draft"),
        ("agenda", None, ""),
        ("amends", "Amends", None),
        ("team", "TeamMember", []),
        ("facilitation", "Facilitation", RECORD),
        ("present_levels", "PresentLevels", RECORD),
        ("goals", "Goal", []),
        ("services", "Service", []),
        ("accommodations", "Accommodation", []),
        ("assessment", "Assessment", RECORD),
        ("lre", "LeastRestrictiveEnvironment", RECORD),
        ("special_factors", "SpecialFactors", RECORD),
        ("transition", "Transition", RECORD),
        ("esy", "ExtendedSchoolYear", RECORD),
        ("decisions", "Decision", []),
        ("parking_lot", "ParkingLotItem", []),
        ("action_items", "ActionItem", []),
        ("sign_off", "SignOff", RECORD),
        ("family_copy", "FamilyCopy", RECORD),
        ("follow_up", "FollowUp", None),
    ),
}


def _canonical(data: dict[str, Any], table: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, child, default in TABLES[table]:
        if key in data:
            value = data[key]
        elif default is REQUIRED or default is None:
            continue
        elif default is RECORD:
            value = {}
        else:
            value = default
        if child is not None and isinstance(value, list):
            value = [_canonical(item, child) for item in value]
        elif child is not None:
            value = _canonical(value, child)
        if value is not None:
            out[key] = value
    return out


def content_hash(data: dict[str, Any]) -> str:
    """The seal of a format-1 plan, from its parsed TOML (without `schema` and
    `requires`): the SHA-256 of its canonical text without the seal itself."""
    plan = _canonical(data, "Plan")
    plan.get("sign_off", {}).pop("content_sha256", None)
    text = toml_writer.dumps({"schema": 1, "requires": REQUIRES, **plan})
    return hashlib.sha256(text.encode("utf-8", errors="replace")).hexdigest()
