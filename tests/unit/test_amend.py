"""`iep-meeting amend`: start an amendment of a final plan, as a case manager does it.

The amendment is a new draft file that names the final plan it changes (path
and content hash); the final plan itself is never touched. Every student here
is fictional (tests.factories).
"""

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import Attendance, MeetingKind, ParkingLotState, SignOff, Status
from iep_meeting.store.plan_file import load_plan
from iep_meeting.store.seal import content_hash, sealed
from tests.factories import MEETING_DATE, small_plan
from tests.plan_files import files_under, run_cli, tamper, write


@pytest.fixture
def final_path(tmp_path):
    """A sealed final annual review, filed in its own folder."""
    return write(tmp_path / "records" / "sam-2026.toml", sealed(finalize(small_plan(), MEETING_DATE)))


@pytest.fixture
def new_path(tmp_path):
    folder = tmp_path / "amendments"
    folder.mkdir()
    return folder / "sam-2026-amendment.toml"


# --- a new amendment ---------------------------------------------------------------------


def test_amend_creates_a_draft_amendment_that_names_the_final_plan(final_path, new_path, capsys):
    original_bytes = final_path.read_bytes()
    code, out, err = run_cli("amend", final_path, new_path, "--date", "2026-10-05", capsys=capsys)
    assert code == 0, err
    assert "Created" in out and "draft amendment" in out
    assert new_path.exists()
    assert stat.S_IMODE(new_path.stat().st_mode) == 0o600
    assert final_path.read_bytes() == original_bytes  # the agreed plan is left alone
    assert [path.name for path in new_path.parent.iterdir()] == [new_path.name]  # no lock or temp file left

    original, amendment = load_plan(final_path), load_plan(new_path)
    assert amendment.status is Status.DRAFT
    assert amendment.meeting.kind is MeetingKind.AMENDMENT
    assert amendment.meeting.date == dt.date(2026, 10, 5)
    assert amendment.agenda == "amendment"

    assert amendment.amends is not None
    assert not Path(amendment.amends.path).is_absolute()
    assert amendment.amends.path == "../records/sam-2026.toml"
    assert (new_path.parent / amendment.amends.path).resolve() == final_path.resolve()
    assert amendment.amends.sha256 == content_hash(original)

    # What the team agreed is carried forward ...
    assert amendment.student == original.student
    assert amendment.goals == original.goals
    assert amendment.services == original.services
    assert amendment.accommodations == original.accommodations
    assert amendment.lre == original.lre
    # ... the record of the earlier meeting is not.
    assert amendment.decisions == ()
    assert amendment.sign_off == SignOff()
    # What it left open comes along: topics not resolved, action items not done.
    assert amendment.parking_lot == tuple(i for i in original.parking_lot if i.state is not ParkingLotState.RESOLVED)
    assert amendment.action_items == tuple(i for i in original.action_items if not i.done)
    assert [i.topic for i in amendment.parking_lot] == ["Band schedule next year"]  # carried to a follow-up
    assert [i.what for i in amendment.action_items] == ["Send the draft IEP home in Spanish"]  # the done one stays
    assert [m.name for m in amendment.team] == [m.name for m in original.team]
    assert {m.attendance for m in amendment.team} == {Attendance.INVITED}


def test_check_on_a_fresh_amendment_finds_the_final_plan_it_amends(final_path, new_path, capsys, monkeypatch):
    assert run_cli("amend", final_path, new_path, capsys=capsys)[0] == 0
    # From another folder, with a relative path: the link is relative to the amendment's folder.
    monkeypatch.chdir(final_path.parent)
    relative = Path("..") / "amendments" / new_path.name
    for shown in (relative, new_path):
        _, out, _ = run_cli("check", "--format", "json", shown, capsys=capsys)
        (entry,) = json.loads(out)["plans"]
        rules = {finding["rule"] for finding in entry["findings"]}
        assert entry["status"] != "unreadable"
        assert not rules & {"amends-found", "amends-unchanged"}, rules


def test_check_on_an_amendment_notices_the_final_plan_changed_since(final_path, new_path, capsys):
    assert run_cli("amend", final_path, new_path, capsys=capsys)[0] == 0
    tamper(final_path)
    _, out, _ = run_cli("check", new_path, capsys=capsys)
    assert "[recommended] amends-unchanged: The plan this amends (../records/sam-2026.toml) is not the version" in out
    assert "see ../records/sam-2026.toml" in out
    # The final plan itself now fails its seal check.
    code, out, _ = run_cli("check", final_path, capsys=capsys)
    assert code == 1 and "final-unchanged" in out


def test_check_on_an_amendment_notices_the_final_plan_is_gone(final_path, new_path, capsys):
    assert run_cli("amend", final_path, new_path, capsys=capsys)[0] == 0
    final_path.rename(final_path.with_name("moved.toml"))
    _, out, _ = run_cli("check", new_path, capsys=capsys)
    assert "[recommended] amends-found: The plan this amends (../records/sam-2026.toml) cannot be read" in out
    assert "amends-unchanged" not in out


# --- refusals: exit 2, a message, nothing written ------------------------------------------


def test_amend_refuses_a_draft(tmp_path, new_path, capsys):
    draft = write(tmp_path / "records" / "draft.toml", small_plan())
    before = files_under(tmp_path)
    code, out, err = run_cli("amend", draft, new_path, capsys=capsys)
    assert code == 2
    assert "is a draft, not a final plan" in err and f"iep-meeting run {draft}" in err
    assert "Traceback" not in err and out == ""
    assert not new_path.exists()
    assert files_under(tmp_path) == before


def test_amend_refuses_a_final_plan_changed_after_finalizing(tmp_path, final_path, new_path, capsys):
    tamper(final_path)
    before = files_under(tmp_path)
    code, out, err = run_cli("amend", final_path, new_path, capsys=capsys)
    assert code == 2
    assert "was changed after it was finalized" in err
    assert f"iep-meeting check {final_path}" in err
    assert out == ""
    assert not new_path.exists()
    assert files_under(tmp_path) == before


def test_amend_refuses_a_final_plan_that_was_never_sealed(tmp_path, new_path, capsys):
    unsealed = write(tmp_path / "records" / "unsealed.toml", finalize(small_plan(), MEETING_DATE))
    before = files_under(tmp_path)
    code, out, err = run_cli("amend", unsealed, new_path, capsys=capsys)
    assert code == 2 and out == "" and str(unsealed) in err and "no content hash" in err
    assert not new_path.exists()
    assert files_under(tmp_path) == before


def test_amend_refuses_to_overwrite_an_existing_file(tmp_path, final_path, new_path, capsys):
    new_path.write_text("# the amendment from last week\n", encoding="utf-8")
    before = files_under(tmp_path)
    code, out, err = run_cli("amend", final_path, new_path, capsys=capsys)
    assert code == 2
    assert "already exists" in err and "nothing was overwritten" in err
    assert out == ""
    assert new_path.read_text(encoding="utf-8") == "# the amendment from last week\n"
    assert files_under(tmp_path) == before


def test_amend_refuses_an_unreadable_plan(tmp_path, new_path, capsys):
    broken = tmp_path / "records" / "broken.toml"
    broken.parent.mkdir()
    broken.write_text('schema = 1\nstatus = "final"\n[student\nname = "Sam Example"\n', encoding="utf-8")
    before = files_under(tmp_path)
    code, out, err = run_cli("amend", broken, new_path, capsys=capsys)
    assert code == 2
    assert "cannot read this plan file" in err and "line 3" in err
    assert "Traceback" not in err and out == ""
    assert not new_path.exists()
    assert files_under(tmp_path) == before

    missing = tmp_path / "records" / "nobody.toml"
    code, _, err = run_cli("amend", missing, new_path, capsys=capsys)
    assert code == 2 and "no such file" in err
    assert files_under(tmp_path) == before
