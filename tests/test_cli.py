"""The command line as a facilitator or district IT person uses it."""

import json
import os
import stat
import subprocess
import sys
import tomllib

import attrs
import pytest

from iep_meeting import __version__
from iep_meeting.cli import main
from iep_meeting.resources import sample_plan_path
from iep_meeting.store.plan_file import load_plan, plan_to_text
from tests.factories import small_plan


def run_cli(*args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_module_and_version_run_as_a_program():
    result = subprocess.run([sys.executable, "-m", "iep_meeting", "--version"], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip() == f"iep-meeting {__version__}"
    helped = subprocess.run([sys.executable, "-m", "iep_meeting", "--help"], capture_output=True, text=True)
    for command in ("new", "check", "agendas", "demo"):
        assert command in helped.stdout


def test_new_creates_a_private_draft_from_the_agenda(tmp_path, capsys):
    path = tmp_path / "ann.toml"
    code, out, _ = run_cli("new", path, "--student", "Ann Lee", "--agenda", "annual-review", "--date", "2027-02-10", capsys=capsys)
    assert code == 0 and "Created" in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    plan = load_plan(path)
    assert plan.student.name == "Ann Lee"
    assert plan.agenda == "annual-review"
    assert plan.meeting.kind.value == "annual-review"
    assert (plan.period.start.isoformat(), plan.period.end.isoformat()) == ("2027-02-10", "2028-02-09")
    assert plan.status.value == "draft"


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "ann.toml"
    path.write_text("precious = true\n")
    code, _, err = run_cli("new", path, "--student", "Ann", "--agenda", "initial", capsys=capsys)
    assert code == 2
    assert "already exists" in err
    assert path.read_text() == "precious = true\n"


def test_new_with_unknown_agenda_suggests_the_closest(tmp_path, capsys):
    code, _, err = run_cli("new", tmp_path / "a.toml", "--student", "Ann", "--agenda", "anual-review", capsys=capsys)
    assert code == 2
    assert "did you mean 'annual-review'" in err.lower()
    assert not (tmp_path / "a.toml").exists()


def test_new_with_a_bad_date_says_what_a_date_looks_like(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["new", str(tmp_path / "a.toml"), "--student", "Ann", "--agenda", "initial", "--date", "12/01/2026"])
    assert exit_info.value.code == 2
    assert "2026-09-01" in capsys.readouterr().err


def write_plan(path, plan=None):
    path.write_text(plan_to_text(plan or small_plan()), encoding="utf-8")
    path.chmod(0o600)
    return path


def test_check_clean_plan_exits_0(tmp_path, capsys):
    path = write_plan(tmp_path / "plan.toml")
    code, out, _ = run_cli("check", path, capsys=capsys)
    assert code == 0
    assert out.strip() == f"{path}: ok"


def test_check_reports_findings_with_exit_1(tmp_path, capsys):
    plan = small_plan()
    broken = attrs.evolve(plan, goals=(*plan.goals, plan.goals[0]))  # the same id twice
    path = write_plan(tmp_path / "plan.toml", broken)
    path.chmod(0o644)
    code, out, _ = run_cli("check", path, capsys=capsys)
    assert code == 1
    assert "goal-id-unique" in out
    assert "file-private" in out and "chmod 600" in out


def test_check_unreadable_exits_2_with_the_line(tmp_path, capsys):
    good = write_plan(tmp_path / "good.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("schema = 1\n[student\nname = 'x'\n")
    code, out, _ = run_cli("check", good, bad, capsys=capsys)
    assert code == 2
    assert f"{good}: ok" in out
    assert "line 2" in out and "not valid TOML" in out


def test_check_json_names_rule_severity_and_location(tmp_path, capsys):
    plan = small_plan()
    broken = attrs.evolve(plan, goals=(*plan.goals, plan.goals[0]))
    bad = tmp_path / "bad.toml"
    bad.write_text(plan_to_text(plan).replace("minutes_per_week = ", "minuts_per_week = ", 1))
    path = write_plan(tmp_path / "plan.toml", broken)
    code, out, _ = run_cli("check", "--format", "json", path, bad, capsys=capsys)
    assert code == 2
    report = {entry["path"]: entry for entry in json.loads(out)["plans"]}
    finding = next(f for f in report[str(path)]["findings"] if f["rule"] == "goal-id-unique")
    assert finding["severity"] == "required" and finding["location"] == "goals"
    assert report[str(path)]["status"] == "findings"
    problem = report[str(bad)]["problems"][0]
    assert report[str(bad)]["status"] == "unreadable"
    assert "did you mean 'minutes_per_week'" in problem["message"]
    assert problem["line"] is not None and problem["key"].endswith("minuts_per_week")


def test_agendas_lists_builtins_and_user_overrides(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("IEP_MEETING_AGENDAS", str(tmp_path / "none"))
    code, out, _ = run_cli("agendas", capsys=capsys)
    assert code == 0
    for agenda_id in ("annual-review", "initial", "amendment"):
        assert agenda_id in out
    assert "built-in" in out

    user = tmp_path / "mine"
    user.mkdir()
    builtin = (sample_plan_path().parent.parent.parent / "agendas" / "initial.toml")
    if not builtin.exists():
        from iep_meeting.resources import builtin_data_dir

        builtin = builtin_data_dir("agendas") / "initial.toml"
    (user / "initial.toml").write_text(builtin.read_text().replace('title = "', 'title = "District ', 1))
    (user / "broken.toml").write_text("id = 'broken'\ntitle = 3\n")
    code, out, err = run_cli("--agenda-dir", user, "agendas", capsys=capsys)
    assert code == 0
    assert "District" in out and "overrides the built-in" in out
    assert "skipped" in err and "broken.toml" in err


def test_demo_copies_the_sample_and_leaves_the_original_alone(capsys):
    before = sample_plan_path().read_bytes()
    code, out, _ = run_cli("demo", "--summary", capsys=capsys)
    assert code == 0
    copy = next(word for word in out.split() if word.endswith(".toml"))
    try:
        assert os.path.exists(copy) and copy != str(sample_plan_path())
        assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
        assert "Jordan Vance" in out and "Goals (4)" in out
        assert sample_plan_path().read_bytes() == before
    finally:
        os.remove(copy)
        os.rmdir(os.path.dirname(copy))


def test_sample_plan_is_a_realistic_annual_review():
    plan = load_plan(sample_plan_path())
    assert plan.meeting.kind.value == "annual-review"
    assert len(plan.goals) >= 3 and len(plan.services) >= 3 and len(plan.accommodations) >= 5
    assert plan.present_levels.previous_goals
    assert tomllib.loads(sample_plan_path().read_text())["schema"] == 1


def test_bad_plan_never_shows_a_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\x00\x01binary")
    result = subprocess.run([sys.executable, "-m", "iep_meeting", "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "binary" in result.stdout
