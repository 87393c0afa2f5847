"""Plans in git, tested with real git in a temporary repository: git-setup makes
git diff, log -p and show speak the record's words; history lists each change;
the pre-commit hook (run by the real pre-commit) refuses only what must never be
committed; taplo checks a plan against the JSON Schema."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.model.edits import finalize
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import create_plan_file, plan_to_text
from iep_meeting.store.seal import sealed
from tests.factories import MEETING_DATE, small_plan

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    git(folder, "init", "-q")
    git(folder, "config", "user.name", "Casey Fixture")
    git(folder, "config", "user.email", "casey@example.org")
    return folder


def commit_plan(repo: Path, plan, message: str, name: str = "sam.iep.toml") -> Path:
    path = repo / name
    path.write_text(plan_to_text(plan), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return path


def in_folder(folder: Path, *args: str) -> int:
    before = Path.cwd()
    os.chdir(folder)
    try:
        return main(list(args))
    finally:
        os.chdir(before)


def test_git_setup_writes_attributes_ignores_and_local_config_once(repo, capsys):
    assert in_folder(repo, "git-setup") == 0
    said = capsys.readouterr().out
    assert "*.iep.toml diff=iep-plan" in (repo / ".gitattributes").read_text()
    assert "*.iep.toml.lock" in (repo / ".gitignore").read_text()
    assert "diff.iep-plan.textconv" in said and "local" in said
    assert "-m iep_meeting textconv" in git(repo, "config", "--local", "diff.iep-plan.textconv")
    attributes = (repo / ".gitattributes").read_text()
    assert in_folder(repo, "git-setup") == 0  # again: nothing doubled
    assert (repo / ".gitattributes").read_text() == attributes and "already set" in capsys.readouterr().out


def test_outside_a_repository_git_setup_says_so(tmp_path, capsys):
    assert in_folder(tmp_path, "git-setup") == 2
    assert "not in a git repository" in capsys.readouterr().err


def test_git_diff_log_and_show_speak_the_records_words(repo, capsys):
    in_folder(repo, "git-setup")
    plan = small_plan()
    path = commit_plan(repo, plan, "Draft")
    services = list(plan.services)
    services[0] = attrs.evolve(services[0], minutes=180)
    path.write_text(plan_to_text(attrs.evolve(plan, services=tuple(services))), encoding="utf-8")
    expected = "+Services › Specialized reading and writing instruction › minutes: 180"
    assert expected in git(repo, "diff")
    git(repo, "commit", "-q", "-am", "More reading time")
    assert expected in git(repo, "log", "-p", "-1")
    assert expected in git(repo, "show", "HEAD")
    assert "-Services › Specialized reading and writing instruction › minutes: 150" in git(repo, "show", "HEAD")


def test_history_lists_each_commit_with_its_changes_newest_first(repo, capsys):
    plan = small_plan()
    commit_plan(repo, plan, "Draft")
    goals = list(plan.goals)
    goals[1] = attrs.evolve(goals[1], target="Scores 4 of 4 on 4 of 5 samples.")
    commit_plan(repo, attrs.evolve(plan, goals=tuple(goals)), "Raised the writing target")
    git(repo, "mv", "sam.iep.toml", "sam-2026.iep.toml")
    git(repo, "commit", "-q", "-m", "Renamed")
    assert main(["history", str(repo / "sam-2026.iep.toml")]) == 0
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if "Casey Fixture" in line]
    assert len(headers) == 3  # the rename is followed back to the first commit
    assert headers[0].endswith("sam-2026.iep.toml") and headers[-1].endswith("  sam.iep.toml")
    renamed, raised = out.index(headers[0]), out.index(headers[1])
    assert "no changes" in out[renamed:raised]  # a rename changes nothing in the record
    assert "Goal 2 (written expression) › what counts as met:" in out and "→ Scores 4 of 4 on 4 of 5 samples." in out
    assert out.rstrip().endswith("first version in git")


def test_check_hook_passes_drafts_and_refuses_what_must_never_be_committed(tmp_path, capsys):
    draft = tmp_path / "draft.iep.toml"
    create_plan_file(draft, attrs.evolve(small_plan(), goals=()))
    assert main(["check", "--hook", str(draft)]) == 0
    said = capsys.readouterr().out
    assert "draft, 4 required items still open: fine to commit" in said, said  # no goals, nor what hangs on them

    final = tmp_path / "final.iep.toml"
    create_plan_file(final, sealed(finalize(small_plan(), MEETING_DATE)))
    assert main(["check", "--hook", str(final)]) == 0
    final.write_text(final.read_text().replace("minutes = 150", "minutes = 15"))
    assert main(["check", "--hook", str(final)]) == 1
    assert "changed after it was finalized" in capsys.readouterr().err

    for name, says in (
        ("draft.iep.toml.lock", "the lock of a plan"),
        (".draft.iep.toml.a1b2c3.tmp", "an unfinished save"),
        ("broken.iep.toml", "not a readable plan"),
    ):
        (tmp_path / name).write_text("schema = [")
        assert main(["check", "--hook", str(tmp_path / name)]) == 1
        assert says in capsys.readouterr().err


def test_the_pre_commit_hook_runs_from_this_repository(repo, tmp_path):
    if shutil.which("pre-commit") is None and not (Path(sys.executable).parent / "pre-commit").exists():
        pytest.skip("pre-commit is not installed")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout of iep-meeting")
    # pre-commit installs a hook from a commit: commit this working tree, as it is, in a copy.
    project = tmp_path / "iep-meeting"
    for name in listed.stdout.splitlines():
        if (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "snapshot")
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def hook(*files: str) -> subprocess.CompletedProcess:
        command = [pre_commit, "try-repo", str(project), "iep-meeting-check", "--files", *files]
        return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=600)

    (repo / "sam.iep.toml").write_text(plan_to_text(attrs.evolve(small_plan(), goals=())))
    (repo / "sam.iep.toml.lock").write_text("")
    git(repo, "add", "-f", "sam.iep.toml", "sam.iep.toml.lock")
    passed = hook("sam.iep.toml")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    refused = hook("sam.iep.toml", "sam.iep.toml.lock")
    assert refused.returncode == 1 and "the lock of a plan" in refused.stdout


@pytest.mark.parametrize("which", ["sample", "docs example"])
def test_taplo_checks_plans_against_the_json_schema(which, tmp_path):
    taplo = shutil.which("taplo") or str(Path(sys.executable).parent / "taplo")
    if not Path(taplo).exists():
        pytest.skip("taplo is not installed")
    plan = tmp_path / "plan.iep.toml"
    if which == "sample":
        shutil.copyfile(sample_plan_path(), plan)
    else:
        from tests.unit.test_json_schema import _doc_example

        plan.write_text(_doc_example())
    schema = (ROOT / "docs" / "plan.schema.json").as_uri()
    good = subprocess.run([taplo, "check", "--schema", schema, str(plan)], capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    plan.write_text(plan.read_text().replace("schema = 2", 'schema = "two"', 1))
    bad = subprocess.run([taplo, "check", "--schema", schema, str(plan)], capture_output=True, text=True)
    assert bad.returncode != 0 and "2 was expected" in bad.stderr + bad.stdout
