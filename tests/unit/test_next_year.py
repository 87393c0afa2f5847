"""`iep-meeting new NEXT --from LAST`: next year's plan from last year's final one,
as a case manager starts the annual review.

Last year's final plan is never touched. What carries over as a draft is
marked "from last year — review" (`follows.to_review`) until the team changes
or confirms it. Every student here is fictional (tests.factories).
"""

import datetime as dt
import json
import stat
from pathlib import Path

import attrs
import pytest

from iep_meeting.meeting.session import open_session
from iep_meeting.model import next_year
from iep_meeting.model.edits import finalize
from iep_meeting.model.paths import remove_in, set_in
from iep_meeting.model.plan import Attendance, Excusal, Follows, MeetingKind, ParkingLotState, SignOff, Status
from iep_meeting.store.plan_file import load_plan
from iep_meeting.store.seal import content_hash, sealed
from tests.factories import MEETING_DATE, small_plan
from tests.plan_files import files_under, run_cli, tamper, to_review, write

NEXT_DATE = "2027-03-04"


def last_year():
    """Last year's agreed plan, with a member excused in writing, as real meetings have."""
    plan = small_plan()
    team = list(plan.team)
    team[1] = attrs.evolve(
        team[1],
        attendance=Attendance.EXCUSED,
        excusal=Excusal.WRITTEN_INPUT,
        excusal_consent_date=dt.date(2026, 3, 1),
        written_input="Sam reads aloud more confidently in small groups.",
    )
    return sealed(finalize(attrs.evolve(plan, team=tuple(team)), MEETING_DATE))


@pytest.fixture
def last_path(tmp_path):
    return write(tmp_path / "2026" / "sam-2026.toml", last_year())


@pytest.fixture
def next_path(tmp_path):
    folder = tmp_path / "2027"
    folder.mkdir()
    return folder / "sam-2027.toml"


def start(last_path, next_path, capsys, *more):
    code, out, err = run_cli("new", next_path, "--from", last_path, "--date", NEXT_DATE, *more, capsys=capsys)
    assert code == 0, err
    return out, load_plan(next_path)


# --- the new plan -------------------------------------------------------------------------


def test_next_year_is_a_draft_annual_review_that_names_last_years_plan(last_path, next_path, capsys):
    before = last_path.read_bytes()
    out, plan = start(last_path, next_path, capsys)
    assert f"Created {next_path}" in out and "Annual" in out and "Sam Example" in out
    assert "from last year — review" in out and f"iep-meeting run {next_path}" in out
    assert last_path.read_bytes() == before  # last year's agreed plan is left alone
    assert stat.S_IMODE(next_path.stat().st_mode) == 0o600
    assert [p.name for p in next_path.parent.iterdir()] == [next_path.name]  # no lock or temp file left

    last = load_plan(last_path)
    assert plan.status is Status.DRAFT and plan.agenda == "annual-review"
    assert plan.meeting.kind is MeetingKind.ANNUAL_REVIEW
    # The dates move: this meeting, a year of plan from it, last year's meeting as the previous IEP.
    assert plan.meeting.date == dt.date(2027, 3, 4)
    assert (plan.period.start, plan.period.end) == (dt.date(2027, 3, 4), dt.date(2028, 3, 3))
    assert plan.meeting.previous_iep_date == last.meeting.date == MEETING_DATE
    assert plan.meeting.last_evaluation_date == last.meeting.last_evaluation_date
    # It names the plan it follows, as an amendment names the one it amends.
    assert plan.follows.path == "../2026/sam-2026.toml"
    assert (next_path.parent / plan.follows.path).resolve() == last_path.resolve()
    assert plan.follows.sha256 == content_hash(last) == last.sign_off.content_sha256
    assert plan.amends is None


def test_the_student_and_the_team_carry_over_invited_again(last_path, next_path, capsys):
    _, plan = start(last_path, next_path, capsys)
    last = load_plan(last_path)
    assert plan.student == last.student and plan.student.guardians == last.student.guardians
    assert [(m.name, m.role, m.title) for m in plan.team] == [(m.name, m.role, m.title) for m in last.team]
    assert {m.attendance for m in plan.team} == {Attendance.INVITED}
    assert all(m.excusal is None and not m.written_input and m.excusal_consent_date is None for m in plan.team)
    assert all(m.contact_attempts == () for m in plan.team)
    assert last.team[0].contact_attempts  # there were some last year


def test_last_years_goals_are_the_previous_goals_to_report_progress_on(last_path, next_path, capsys):
    _, plan = start(last_path, next_path, capsys)
    last = load_plan(last_path)
    previous = plan.present_levels.previous_goals
    assert [(g.id, g.statement) for g in previous] == [(g.id, g.statement) for g in last.goals]
    assert all(g.progress is None and g.evidence == "" for g in previous)
    assert plan.goals == ()  # this year's goals are written at this meeting
    rules = _check_rules(next_path, capsys)
    assert "previous-goal-progress" in rules and "goals-present" in rules


def test_the_rest_carries_over_as_a_draft_marked_for_review(last_path, next_path, capsys):
    _, plan = start(last_path, next_path, capsys)
    last = load_plan(last_path)
    levels = plan.present_levels
    assert levels.areas == last.present_levels.areas
    assert levels.parent_concerns == last.present_levels.parent_concerns
    assert levels.evaluation_summary == last.present_levels.evaluation_summary
    assert [s.id for s in plan.services] == [s.id for s in last.services]
    assert [s.description for s in plan.services] == [s.description for s in last.services]
    assert all(s.goals == () for s in plan.services)  # last year's goals are not this year's
    assert plan.accommodations == last.accommodations
    assert (plan.assessment, plan.lre, plan.special_factors) == (last.assessment, last.lre, last.special_factors)
    assert plan.profile == last.profile

    pending = plan.follows.to_review
    for key in ("present_levels.parent_concerns", "assessment", "lre", "special_factors"):
        assert key in pending
    assert "present_levels.areas:reading fluency" in pending
    assert {f"services:{s.id}" for s in plan.services} <= set(pending)
    assert {f"accommodations:{a.id}" for a in plan.accommodations} <= set(pending)
    assert "transition" not in pending  # last year's was empty: nothing to review

    findings = [f for f in _check_findings(next_path, capsys) if f["rule"] == "carried-reviewed"]
    assert len(findings) == len(pending)
    assert {f["severity"] for f in findings} == {"recommended"}  # advice: it may all still be right
    service = next(f for f in findings if f["location"] == "services[0].description")
    assert service["message"].startswith("Carried over from last year's plan as it was: Service 1 (")


def test_the_meeting_record_does_not_carry_over(last_path, next_path, capsys):
    _, plan = start(last_path, next_path, capsys)
    last = load_plan(last_path)
    assert last.decisions and last.parking_lot and last.action_items and last.family_copies
    assert plan.decisions == () and plan.action_items == ()
    # What it left open comes over as an open topic (tests/unit/test_next_year_progress.py).
    assert plan.parking_lot == tuple(
        attrs.evolve(item, state=ParkingLotState.OPEN) for item in last.parking_lot if item.state.value != "resolved"
    )
    assert plan.sign_off == SignOff() and plan.family_copies == () and plan.follow_up is None
    assert plan.esy.eligible is None and plan.facilitation == type(plan.facilitation)()


def test_a_districts_re_evaluation_agenda_and_the_date_default_to_today(tmp_path, last_path, next_path, capsys):
    agendas = tmp_path / "district-agendas"
    agendas.mkdir()
    annual = (Path(__file__).resolve().parents[2] / "agendas" / "annual-review.toml").read_text(encoding="utf-8")
    (agendas / "re-evaluation.toml").write_text(
        annual.replace('id = "annual-review"', 'id = "re-evaluation"')
        .replace('meeting_kind = "annual-review"', 'meeting_kind = "re-evaluation"')
        .replace('title = "Annual IEP review"', 'title = "Re-evaluation review"'),
        encoding="utf-8",
    )
    code, _, err = run_cli(
        "--agenda-dir", agendas, "new", next_path, "--from", last_path, "--agenda", "re-evaluation", capsys=capsys
    )
    assert code == 0, err
    plan = load_plan(next_path)
    assert plan.meeting.kind is MeetingKind.REEVALUATION and plan.agenda == "re-evaluation"
    assert plan.meeting.date == dt.date.today() == plan.period.start


def test_check_finds_last_years_plan_and_notices_when_it_changed_or_moved(last_path, next_path, capsys):
    start(last_path, next_path, capsys)
    assert not {"follows-found", "follows-unchanged"} & _check_rules(next_path, capsys)
    text = last_path.read_text(encoding="utf-8")
    tamper(last_path)
    _, out, _ = run_cli("check", next_path, capsys=capsys)
    assert "[recommended] follows-unchanged: Last year's plan (../2026/sam-2026.toml) is not the version" in out
    last_path.write_text(text, encoding="utf-8")
    last_path.rename(last_path.with_name("moved.toml"))
    _, out, _ = run_cli("check", next_path, capsys=capsys)
    assert "[recommended] follows-found: Last year's plan, which this one starts from" in out


def test_an_amendment_of_next_years_plan_does_not_claim_to_follow_last_year(tmp_path, last_path, next_path, capsys):
    start(last_path, next_path, capsys)
    final = write(tmp_path / "final.toml", sealed(finalize(load_plan(next_path), dt.date(2027, 3, 4))))
    assert run_cli("amend", final, tmp_path / "amendment.toml", capsys=capsys)[0] == 0
    assert load_plan(tmp_path / "amendment.toml").follows is None


# --- reviewing: editing or confirming clears the mark -------------------------------------------


def test_editing_a_carried_record_reviews_it_and_only_it(last_path, next_path, capsys):
    start(last_path, next_path, capsys)
    session = open_session(next_path)
    try:
        before = to_review(session.plan)
        assert session.apply(lambda plan: set_in(plan, ("services", 0, "minutes"), 120))
        after = to_review(session.plan)
        assert "services:service-1" in before and "services:service-1" not in after
        assert set(before) - set(after) == {"services:service-1"}
        # A part carried as one: any change in it reviews it.
        session.apply(lambda plan: set_in(plan, ("special_factors", "vision", "note"), "Glasses since May."))
        assert "special_factors" not in to_review(session.plan)
        # A record removed is no longer there to review.
        session.apply(lambda plan: remove_in(plan, ("accommodations",), 0))
        assert "accommodations:accommodation-1" not in to_review(session.plan)
        # Something outside what was carried leaves the marks alone.
        left = to_review(session.plan)
        session.apply(lambda plan: set_in(plan, ("meeting", "place"), "Room 114"))
        assert to_review(session.plan) == left
    finally:
        session.plan_file.close()


def test_confirming_keeps_a_carried_part_as_it_is():
    last = last_year()
    plan = next_year.next_year_of(
        last,
        Follows(path="last.toml", sha256=content_hash(last)),
        _agenda("annual-review"),
        dt.date(2027, 3, 4),
    )
    kept = next_year.confirm(plan, "lre", "services:service-2")
    assert kept.lre == plan.lre and kept.services == plan.services
    assert set(to_review(plan)) - set(to_review(kept)) == {"lre", "services:service-2"}
    assert next_year.confirm(kept, "lre") is kept  # nothing left to confirm there
    assert next_year.is_marked(kept, ("services", 0, "minutes")) and not next_year.is_marked(kept, ("services", 1))


# --- refusals: exit 2, a message, nothing written ------------------------------------------


def test_refuses_a_draft(tmp_path, next_path, capsys):
    draft = write(tmp_path / "2026" / "draft.toml", small_plan())
    before = files_under(tmp_path)
    code, out, err = run_cli("new", next_path, "--from", draft, capsys=capsys)
    assert code == 2 and out == ""
    assert f"{draft} is a draft: next year's plan starts from a final plan" in err
    assert not next_path.exists() and files_under(tmp_path) == before


def test_refuses_a_final_plan_changed_after_finalizing(tmp_path, last_path, next_path, capsys):
    tamper(last_path)
    before = files_under(tmp_path)
    code, out, err = run_cli("new", next_path, "--from", last_path, capsys=capsys)
    assert code == 2 and out == ""
    assert "was changed after it was finalized" in err and f"iep-meeting check {last_path}" in err
    assert not next_path.exists() and files_under(tmp_path) == before


def test_refuses_a_final_plan_that_was_never_sealed(tmp_path, next_path, capsys):
    unsealed = write(tmp_path / "2026" / "unsealed.toml", finalize(small_plan(), MEETING_DATE))
    before = files_under(tmp_path)
    code, out, err = run_cli("new", next_path, "--from", unsealed, capsys=capsys)
    assert code == 2 and out == "" and f"{unsealed} is marked final but has no content hash" in err
    assert not next_path.exists() and files_under(tmp_path) == before


def test_refuses_to_overwrite_an_existing_plan(tmp_path, last_path, next_path, capsys):
    next_path.write_text("# next year's plan, started last week\n", encoding="utf-8")
    before = files_under(tmp_path)
    code, out, err = run_cli("new", next_path, "--from", last_path, capsys=capsys)
    assert code == 2 and out == ""
    assert "already exists" in err and "nothing was overwritten" in err
    assert files_under(tmp_path) == before


def test_refuses_an_agenda_that_is_not_a_yearly_meeting(tmp_path, last_path, next_path, capsys):
    before = files_under(tmp_path)
    code, _, err = run_cli("new", next_path, "--from", last_path, "--agenda", "amendment", capsys=capsys)
    assert code == 2 and "annual-review or a re-evaluation agenda" in err
    code, _, err = run_cli("new", next_path, "--from", last_path, "--student", "Someone Else", capsys=capsys)
    assert code == 2 and "the student carries over" in err
    assert files_under(tmp_path) == before


def test_new_without_from_still_needs_a_student_and_an_agenda(tmp_path, capsys):
    code, out, err = run_cli("new", tmp_path / "plan.toml", "--agenda", "initial", capsys=capsys)
    assert code == 2 and out == "" and "new needs --student" in err and "--from LAST" in err
    assert not (tmp_path / "plan.toml").exists()


# --- helpers ---------------------------------------------------------------------------------


def _agenda(agenda_id):
    from iep_meeting.store.agenda_files import find_agenda

    return find_agenda(agenda_id, None).agenda


def _check_findings(path, capsys):
    _, out, _ = run_cli("check", "--format", "json", path, capsys=capsys)
    (entry,) = json.loads(out)["plans"]
    return entry["findings"]


def _check_rules(path, capsys):
    return {finding["rule"] for finding in _check_findings(path, capsys)}
