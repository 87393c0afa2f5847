"""The command line as a facilitator or district IT person uses it."""

import datetime as dt
import json
import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import attrs
import pytest

from iep_meeting import __version__
from iep_meeting.cli import main as cli_main
from iep_meeting.cli.main import main
from iep_meeting.model.edits import finalize
from iep_meeting.model.translations import translated, typed_texts, with_translation
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan, plan_to_text
from iep_meeting.store.seal import sealed
from tests.factories import MEETING_DATE, small_plan


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


def test_help_lists_the_commands_in_the_order_of_a_year():
    """A newcomer reads the app first, then what comes before, in and after a meeting."""
    listed = [
        line.split()[0]
        for line in cli_main.build_parser().format_help().split("COMMAND\n", 1)[1].split("\n\n")[0].splitlines()
        if line.startswith("    ") and not line.startswith("     ")
    ]
    assert listed[:2] == ["demo", "run"]
    year = ["new", "prepare", "import-input", "check", "export", "respond", "amend", "progress", "caseload"]
    assert [command for command in listed if command in year] == year


def test_new_creates_a_private_draft_from_the_agenda(tmp_path, capsys):
    path = tmp_path / "ann.toml"
    code, out, _ = run_cli(
        "new", path, "--student", "Ann Lee", "--agenda", "annual-review", "--date", "2027-02-10", capsys=capsys
    )
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


def in_spanish_too(plan):
    """`plan` with every text the team typed translated for the Spanish-speaking
    grandmother, so `check` has nothing to advise on that (tests/unit/test_translations.py does)."""
    for item in list(typed_texts(plan)):
        plan = with_translation(plan, translated(item, "Spanish", f"ES {item.text}", "Lupe Sample", None))
    return plan


def write_plan(path, plan=None):
    path.write_text(plan_to_text(in_spanish_too(plan or small_plan())), encoding="utf-8")
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
    assert out.splitlines()[0] == f"{path}: 1 required, 1 recommended"
    assert "[required] goal-id-unique" in out
    assert "[recommended] file-private" in out and "chmod 600" in out


def _without_service_for_last_goal(plan):
    """The counseling service no longer names the task-initiation goal: advice, not a gap."""
    counseling = attrs.evolve(plan.services[1], goals=())
    return attrs.evolve(plan, services=(plan.services[0], counseling, plan.services[2]))


def test_check_with_only_recommended_findings_exits_0(tmp_path, capsys):
    path = write_plan(tmp_path / "plan.toml", _without_service_for_last_goal(small_plan()))
    code, out, _ = run_cli("check", path, capsys=capsys)
    assert code == 0
    assert out.splitlines()[0] == f"{path}: 0 required, 1 recommended"
    assert "  [recommended] goal-served: Goal 3 (self-regulation): no service" in out
    assert "34 CFR 300.320(a)(4) · fix in Special education and related services › Services (services)" in out

    code, out, _ = run_cli("check", "--format", "json", path, capsys=capsys)
    assert code == 0
    (entry,) = json.loads(out)["plans"]
    assert entry["status"] == "findings"
    assert [(f["rule"], f["severity"]) for f in entry["findings"]] == [("goal-served", "recommended")]


def _goal_without_baseline(plan):
    writing = attrs.evolve(plan.goals[1], baseline="")
    return attrs.evolve(plan, goals=(plan.goals[0], writing, plan.goals[2]))


def test_check_required_checklist_finding_exits_1_and_says_where_to_fix_it(tmp_path, capsys):
    path = write_plan(tmp_path / "plan.toml", _goal_without_baseline(small_plan()))
    code, out, _ = run_cli("check", path, capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}: 1 required, 0 recommended"
    assert lines[1] == (
        "  [required] goal-measurable: Goal 2 (written expression) is not measurable yet: "
        "add where the student starts (baseline)."
    )
    # where, in the app's words first, then the key in the file for those who edit it by hand
    assert lines[2].strip() == (
        "34 CFR 300.320(a)(2)(i) · fix in Annual goals › Goals › Goal 2 (written expression) › "
        "where the student starts (goals[1].baseline)"
    )


def test_check_json_lists_every_field_of_a_checklist_finding(tmp_path, capsys):
    path = write_plan(tmp_path / "plan.toml", _goal_without_baseline(small_plan()))
    code, out, _ = run_cli("check", "--format", "json", path, capsys=capsys)
    assert code == 1
    (entry,) = json.loads(out)["plans"]
    assert entry["path"] == str(path) and entry["status"] == "incomplete"
    assert entry["findings"] == [
        {
            "rule": "goal-measurable",
            "severity": "required",
            "message": "Goal 2 (written expression) is not measurable yet: add where the student starts (baseline).",
            "citation": "34 CFR 300.320(a)(2)(i)",
            "location": "goals[1].baseline",
            "section": "goals",
            "place": "Goals › Goal 2 (written expression) › where the student starts",
        }
    ]


def write_final(path, plan=None, *, seal=True):
    final = finalize(plan or small_plan(), MEETING_DATE)
    return write_plan(path, sealed(final) if seal else final)


def test_check_sealed_final_plan_passes_and_reformatting_keeps_the_seal(tmp_path, capsys):
    path = write_final(tmp_path / "final.toml")
    assert _final_check(path, capsys) == set()
    # A comment and blank lines change the bytes, not what the plan says.
    path.write_text("# agreed at the March meeting\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    assert _final_check(path, capsys) == set()


def _final_check(path, capsys):
    """The rules `check` finds on a final plan, but the advice on progress reports a
    reporting period that has ended brings (tests/unit/test_next_year_progress.py)."""
    code, out, _ = run_cli("check", "--format", "json", path, capsys=capsys)
    assert code == 0
    return {f["rule"] for f in json.loads(out)["plans"][0]["findings"]} - {"progress-reported"}


def test_check_final_plan_edited_after_finalizing_is_reported(tmp_path, capsys):
    path = write_final(tmp_path / "final.toml")
    text = path.read_text(encoding="utf-8")
    agreed = 'target = "110 words correct per minute on 3 of 4 consecutive probes."'
    assert agreed in text
    path.write_text(text.replace(agreed, agreed.replace("110", "95")), encoding="utf-8")
    code, out, _ = run_cli("check", path, capsys=capsys)
    assert code == 1
    # and the target's translation is out of date: its English changed after it was translated
    assert out.splitlines()[0] == f"{path}: 1 required, 1 recommended"
    assert "(1 of them changed since they were translated)" in out
    assert "[required] final-unchanged: This plan was changed after it was finalized on 2026-03-12" in out
    assert "iep-meeting amend PLAN NEW" in out
    final = next(line for line in out.splitlines() if "final-unchanged" in line)
    assert "fix in" not in final  # the whole file is the problem, not one key
    assert "fix in Annual goals › Goals › Goal 1 (reading fluency) › what counts as met" in out

    code, out, _ = run_cli("check", "--format", "json", path, capsys=capsys)
    (entry,) = json.loads(out)["plans"]
    assert code == 1 and entry["status"] == "incomplete"
    assert [f["rule"] for f in entry["findings"]] == ["final-unchanged", "translations"]


def test_check_final_plan_without_content_hash_is_reported(tmp_path, capsys):
    path = write_final(tmp_path / "final.toml", seal=False)
    code, out, _ = run_cli("check", path, capsys=capsys)
    assert code == 1
    assert "[required] final-sealed: This plan is marked final but has no content hash" in out
    assert "final-unchanged" not in out


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
    assert finding["section"] == "goals" and "goal-1" not in finding["message"]
    assert report[str(path)]["status"] == "incomplete"
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
    builtin = sample_plan_path().parent.parent.parent / "agendas" / "initial.toml"
    if not builtin.exists():
        from iep_meeting.store.folders import builtin_data_dir

        builtin = builtin_data_dir("agendas") / "initial.toml"
    (user / "initial.toml").write_text(builtin.read_text().replace('title = "', 'title = "District ', 1))
    (user / "broken.toml").write_text("id = 'broken'\ntitle = 3\n")
    code, out, err = run_cli("--agenda-dir", user, "agendas", capsys=capsys)
    assert code == 0
    assert "District" in out and "overrides the built-in" in out
    assert "skipped" in err and "broken.toml" in err


def test_demo_copies_the_sample_and_leaves_the_original_alone(capsys):
    before = sample_plan_path().read_bytes()
    code, out, _ = run_cli("demo", "--summary", "--keep", capsys=capsys)
    assert code == 0
    copy = next(word for word in out.split() if word.endswith(".toml"))
    try:
        assert os.path.exists(copy) and copy != str(sample_plan_path())
        assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
        assert "Jordan Vance" in out and "Goals (4)" in out and "stays there" in out
        assert sample_plan_path().read_bytes() == before
    finally:
        os.remove(copy)
        os.rmdir(os.path.dirname(copy))


def test_demo_s_meeting_is_today_and_starts_as_it_opens(capsys, monkeypatch):
    seen = []

    def app(args):  # stands in for the app: reads the copy it would open
        seen.append(load_plan(args.plan))
        return 0

    monkeypatch.setattr(cli_main, "cmd_run", app)
    before = dt.datetime.now().replace(second=0, microsecond=0)
    assert run_cli("demo", capsys=capsys)[0] == 0
    after = dt.datetime.now()
    sample, copy = load_plan(sample_plan_path()), seen[0]
    assert copy.meeting.date and copy.meeting.start_time and copy.meeting.planned_end and sample.meeting.date
    assert copy.student.date_of_birth and sample.student.date_of_birth
    starts = dt.datetime.combine(copy.meeting.date, copy.meeting.start_time)
    assert before <= starts <= after
    ends = dt.datetime.combine(copy.meeting.date, copy.meeting.planned_end)
    assert ends - starts == dt.timedelta(minutes=90) or ends.time() == dt.time(23, 59)  # as long as the sample's
    moved = copy.meeting.date - sample.meeting.date  # the plan's other dates keep their order around it
    assert copy.period.start - sample.period.start == moved
    assert copy.student.date_of_birth - sample.student.date_of_birth == moved


def test_demo_removes_its_copy_when_the_app_exits(capsys, monkeypatch):
    seen = []

    def app(args):  # stands in for the app: the copy is there while it runs
        seen.append(args.plan)
        assert args.plan.exists()
        return 0

    monkeypatch.setattr(cli_main, "cmd_run", app)
    code, out, _ = run_cli("demo", capsys=capsys)
    assert code == 0 and "removed when you leave" in out
    assert seen and not seen[0].exists() and not seen[0].parent.exists()
    code, out, _ = run_cli("demo", "--summary", capsys=capsys)
    copy = Path(next(word for word in out.split() if word.endswith(".toml")))
    assert code == 0 and not copy.parent.exists()


def test_sample_plan_is_a_realistic_annual_review():
    plan = load_plan(sample_plan_path())
    assert plan.meeting.kind.value == "annual-review"
    assert len(plan.goals) >= 3 and len(plan.services) >= 3 and len(plan.accommodations) >= 5
    assert plan.present_levels.previous_goals
    assert tomllib.loads(sample_plan_path().read_text())["schema"] == 2


def test_bad_plan_never_shows_a_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\x00\x01binary")
    result = subprocess.run([sys.executable, "-m", "iep_meeting", "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert "binary" in result.stdout
