"""`plan_changes` and `iep-meeting diff`: what changed between two plans, in plain words.

Records are matched by id or natural key, never by position; values are said in
the vocabulary's words. Every student here is fictional (tests/factories.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.diff_report import change_lines, changes_json, changes_text
from iep_meeting.model.diff import ADDED, CHANGED, REMOVED, Change, plan_changes
from iep_meeting.model.edits import amendment_of
from iep_meeting.model.paths import set_in
from iep_meeting.model.plan import (
    Accommodation,
    Amends,
    AppliesTo,
    Frequency,
    Role,
    Service,
    ServiceKind,
    Status,
    TeamMember,
)
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.plan_file import load_plan, plan_to_text
from tests.factories import big_plan, small_plan

FORMAT1 = Path(__file__).resolve().parents[1] / "data" / "format1"


def only(changes: tuple[Change, ...]) -> Change:
    assert len(changes) == 1, changes
    return changes[0]


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def cli(*args, capsys) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- matching ---------------------------------------------------------------------


def test_the_same_plan_gives_no_changes():
    assert plan_changes(small_plan(), small_plan()) == ()
    assert plan_changes(big_plan(20), big_plan(20)) == ()


def test_records_are_matched_by_id_or_name_so_reordering_is_no_change():
    plan = small_plan()
    reordered = attrs.evolve(
        plan,
        goals=plan.goals[::-1],
        services=plan.services[::-1],
        accommodations=plan.accommodations[::-1],
        team=plan.team[::-1],
        decisions=plan.decisions[::-1],
        action_items=plan.action_items[::-1],
        sign_off=attrs.evolve(plan.sign_off, signatures=plan.sign_off.signatures[::-1]),
    )
    assert plan_changes(plan, reordered) == ()


def test_a_goal_changed_after_reordering_is_named_and_matched_by_its_id():
    plan = small_plan()
    edited = set_in(plan, ("goals", 1, "target"), "Scores 3 of 4 on the district writing rubric on 5 of 5 samples.")
    edited = attrs.evolve(edited, goals=(edited.goals[1], edited.goals[0], edited.goals[2]))
    change = only(plan_changes(plan, edited))
    assert (change.part, change.kind, change.field) == ("goals", CHANGED, "target")
    assert change.key == "goals[id=written-expression].target"
    assert change.what == "Goal 1 (written expression)"  # its place in the new plan
    assert change.old == "Scores 3 of 4 on the district writing rubric on 4 of 5 samples."
    assert change.new == "Scores 3 of 4 on the district writing rubric on 5 of 5 samples."
    assert change_lines([change]) == [
        "Goals",
        "  Goal 1 (written expression) › what counts as met: Scores 3 of 4 on the district writing rubric on 4 of 5 "
        "samples. → Scores 3 of 4 on the district writing rubric on 5 of 5 samples.",
    ]


def test_a_service_s_minutes_are_said_with_their_frequency():
    plan = small_plan()
    change = only(plan_changes(plan, set_in(plan, ("services", 0, "minutes"), 120)))
    assert change.what == "Specialized reading and writing instruction"
    assert change.key == "services[id=service-1].minutes"
    assert (change.old, change.new) == ("150 minutes per week", "120 minutes per week")
    assert (
        change_lines([change])[1] == "  Specialized reading and writing instruction › time: 150 → 120 minutes per week"
    )
    # Only the frequency: one change, both sides in full.
    monthly = only(plan_changes(plan, set_in(plan, ("services", 0, "per"), Frequency.MONTHLY)))
    assert (monthly.field, monthly.old, monthly.new) == ("per", "150 minutes per week", "150 minutes per month")


def test_added_and_removed_goal_service_accommodation_and_team_member():
    plan = small_plan()
    speech = Service(
        id="service-4", kind=ServiceKind.RELATED_SERVICE, description="Speech therapy", minutes=30, per=Frequency.WEEKLY
    )
    notes = Accommodation(id="accommodation-6", description="Use of a word bank", applies_to=AppliesTo.BOTH)
    okafor = TeamMember(name="Dev Okafor", role=Role.RELATED_SERVICE_PROVIDER, title="speech-language pathologist")
    new = attrs.evolve(
        plan,
        goals=plan.goals[:2],
        services=(*plan.services, speech),
        accommodations=(notes, *plan.accommodations),
        team=(*plan.team, okafor),
    )
    changes = {(c.part, c.kind, c.key): c for c in plan_changes(plan, new)}
    assert set(changes) == {
        ("goals", REMOVED, "goals[id=task-initiation]"),
        ("services", ADDED, "services[id=service-4]"),
        ("accommodations", ADDED, "accommodations[id=accommodation-6]"),
        ("team", ADDED, "team[name=Dev Okafor]"),
    }
    assert changes["goals", REMOVED, "goals[id=task-initiation]"].what == "Goal 3 (self-regulation)"
    text = changes_text(plan_changes(plan, new), "old.toml", "new.toml")
    assert text.splitlines()[0] == "old.toml → new.toml: 4 changes"
    assert "  Service added: Speech therapy, 30 minutes per week" in text
    assert "  Accommodation added: Use of a word bank, both: in class and on tests" in text
    assert "  Team member added: Dev Okafor, related service provider, speech-language pathologist" in text
    assert "  Goal removed: Goal 3 (self-regulation), Sam will start independent work" in text
    # The other way round, the same records are removed and added.
    back = {(c.kind, c.key) for c in plan_changes(new, plan)}
    assert (ADDED, "goals[id=task-initiation]") in back and (REMOVED, "services[id=service-4]") in back


def test_values_are_said_in_the_vocabulary_s_words():
    plan = small_plan()
    edited = set_in(plan, ("lre", "general_education_percent"), 80)
    edited = set_in(edited, ("special_factors", "behavior", "needed"), None)
    edited = set_in(edited, ("sign_off", "parent_consent"), False)
    edited = set_in(edited, ("accommodations", 1, "applies_to"), AppliesTo.CLASSROOM)
    edited = set_in(edited, ("status",), Status.FINAL)
    said = {c.key: (c.old, c.new) for c in plan_changes(plan, edited)}
    assert said == {
        "status": ("draft", "final"),
        "accommodations[id=accommodation-2].applies_to": ("on state and district tests", "in class"),
        "lre.general_education_percent": ("85%", "80%"),
        "special_factors.behavior.needed": ("no", "not decided"),
        "sign_off.parent_consent": ("yes", "no"),
    }
    text = changes_text(plan_changes(plan, edited), "a", "b")
    assert "Status: draft → final" in text
    assert "Placement\n  time in general education: 85% → 80%" in text
    assert "Special factors\n  Behavior › needed?: no → not decided" in text


def test_team_members_and_signatures_are_matched_by_name():
    plan = small_plan()
    edited = set_in(plan, ("sign_off", "signatures", 4, "agrees"), True)
    edited = set_in(edited, ("team", 0, "title"), "parent")
    changes = plan_changes(plan, edited)
    assert [(c.part, c.what, c.key) for c in changes] == [
        ("team", "Alex Example", "team[name=Alex Example].title"),
        ("sign_off", "Riley Stubbs", "sign_off.signatures[name=Riley Stubbs].agrees"),
    ]


def test_an_objective_change_names_its_goal():
    plan = small_plan()
    change = only(plan_changes(plan, set_in(plan, ("goals", 0, "objectives", 1, "criterion"), "4 of 5 probes")))
    assert change.what.startswith("Goal 1 (reading fluency) › Reads 7th grade passages")
    assert change.key == (
        "goals[id=reading-fluency].objectives[statement=Reads 7th grade passages at 100 words correct per minute.]"
        ".criterion"
    )


def test_an_amendment_against_its_final_plan():
    final = small_plan(status=Status.FINAL)
    assert final.meeting.date is not None
    amendment = amendment_of(
        final, Amends(path="sam.toml", sha256="0" * 64), find_agenda("amendment").agenda, final.meeting.date
    )
    changes = plan_changes(final, amendment)
    parts = {c.part for c in changes}
    assert {"status", "agenda", "amends", "meeting", "decisions", "sign_off"} <= parts
    assert not parts & {"goals", "services", "accommodations", "lre"}  # carried forward as they were
    assert [c for c in changes if c.part == "amends"] == [
        Change(
            part="amends", kind=ADDED, what="Amended plan", new="sam.toml, content SHA-256 000000000000…", key="amends"
        )
    ]


# --- format 1 ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["every-part", "sample-draft", "final-sealed"])
def test_a_format_1_file_and_its_format_2_rewrite_give_no_change(name, tmp_path, capsys):
    format1 = FORMAT1 / f"{name}.toml"
    format2 = write(tmp_path, f"{name}.toml", plan_to_text(load_plan(format1)))
    assert plan_changes(load_plan(format1), load_plan(format2)) == ()
    assert cli("diff", format1, format2, capsys=capsys)[0] == 0


def test_a_format_1_plan_against_the_same_plan_made_in_format_2_shows_only_what_format_2_added():
    """every-part.toml is the factory's plan as iep-meeting 0.1 wrote it: the differences are
    the facts format 1 had no place for (the district's agreement to an excusal, the Prior
    Written Notice of a decision) and options considered, which format 1 kept as one text."""
    changes = plan_changes(small_plan(), load_plan(FORMAT1 / "every-part.toml"))
    assert {(c.part, c.record, c.field) for c in changes} == {
        ("team", "team", "excusal_school_agreed"),
        ("decisions", "options", ""),
        ("decisions", "decisions", "action"),
        ("decisions", "decisions", "subject"),
        ("decisions", "decisions", "reasons"),
        ("decisions", "decisions", "evaluations_used"),
    }


# --- the command ---------------------------------------------------------------------


def test_diff_exit_codes_are_those_of_diff(tmp_path, capsys):
    plan = small_plan()
    old = write(tmp_path, "old.toml", plan_to_text(plan))
    same = write(tmp_path, "same.toml", plan_to_text(attrs.evolve(plan, goals=plan.goals[::-1])))
    new = write(tmp_path, "new.toml", plan_to_text(set_in(plan, ("lre", "general_education_percent"), 80)))
    broken = write(tmp_path, "broken.toml", "schema = 2\n[student\n")

    code, out, _ = cli("diff", old, same, capsys=capsys)
    assert code == 0 and out.strip().endswith(": no changes")
    code, out, _ = cli("diff", old, new, capsys=capsys)
    assert code == 1
    assert out.splitlines() == [f"{old} → {new}: 1 change", "Placement", "  time in general education: 85% → 80%"]
    code, out, err = cli("diff", old, broken, capsys=capsys)
    assert code == 2 and "broken.toml" in err and out == ""
    code, _, err = cli("diff", tmp_path / "missing.toml", old, capsys=capsys)
    assert code == 2 and "missing.toml" in err


def test_diff_json_has_every_field_of_every_change(tmp_path, capsys):
    plan = small_plan()
    old = write(tmp_path, "old.toml", plan_to_text(plan))
    new = write(tmp_path, "new.toml", plan_to_text(set_in(plan, ("services", 1, "minutes"), 90)))
    code, out, _ = cli("diff", old, new, "--format", "json", capsys=capsys)
    assert code == 1
    data = json.loads(out)
    assert data["old"] == str(old) and data["new"] == str(new) and data["changed"] is True
    assert data["changes"] == [
        {
            "part": "services",
            "kind": "changed",
            "what": "School counseling: task initiation and…",
            "field": "minutes",
            "old": "60 minutes per month",
            "new": "90 minutes per month",
            "key": "services[id=service-2].minutes",
            "record": "services",
            "field_words": "time",
        }
    ]
    assert changes_json(()) == {"changed": False, "changes": []}


def test_diff_between_a_final_plan_and_its_amendment(tmp_path, capsys):
    final = tmp_path / "final.toml"
    shutil.copyfile(FORMAT1 / "final-sealed.toml", final)
    final.chmod(0o600)
    assert cli("amend", final, tmp_path / "amendment.toml", "--date", "2026-05-04", capsys=capsys)[0] == 0
    code, out, _ = cli("diff", final, tmp_path / "amendment.toml", capsys=capsys)
    assert code == 1
    assert "Status: final → draft" in out
    assert "Amended plan added: final.toml, content SHA-256 " in out
    assert "Goals" not in out.splitlines()  # the goals are carried forward unchanged
