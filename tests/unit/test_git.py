"""Plans in git, tested with real git in a temporary repository: git-setup makes
git diff, log -p and show speak the record's words; history lists each change;
the pre-commit hook (run by the real pre-commit) refuses only what must never be
committed; taplo checks a plan against the JSON Schema."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
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
pytestmark = [pytest.mark.slow, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]


def git(repo: Path, *args: str, check: bool = True) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return new_repository(tmp_path / "plans")


def new_repository(folder: Path) -> Path:
    """An empty git repository whose commits are Casey Fixture's."""
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
    assert "*.toml.lock" in (repo / ".gitignore").read_text()
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


@pytest.fixture(scope="module")
def hook(tmp_path_factory) -> Callable[[Path, tuple[str, ...]], subprocess.CompletedProcess[str]]:
    """The hook of .pre-commit-hooks.yaml, run by the real pre-commit on files of
    a repository: `hook(repo, files)`. It is installed once for the module."""
    if shutil.which("pre-commit") is None and not (Path(sys.executable).parent / "pre-commit").exists():
        pytest.skip("pre-commit is not installed")
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True
    )
    if listed.returncode != 0:
        pytest.skip("not a git checkout of iep-meeting")
    # pre-commit installs a hook from a commit: commit this working tree, as it is, in a copy.
    home = tmp_path_factory.mktemp("hook")
    project = home / "iep-meeting"
    for name in listed.stdout.splitlines():
        if (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "snapshot")
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home / "pre-commit-home")}

    def run(repo: Path, files: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
        command = [pre_commit, "try-repo", str(project), "iep-meeting-check", "--files", *files]
        return subprocess.run(command, cwd=repo, capture_output=True, text=True, env=env, timeout=600)

    return run


def test_the_pre_commit_hook_runs_from_this_repository(repo, hook):
    (repo / "sam.iep.toml").write_text(plan_to_text(attrs.evolve(small_plan(), goals=())))
    (repo / "sam.iep.toml.lock").write_text("")
    git(repo, "add", "-f", "sam.iep.toml", "sam.iep.toml.lock")
    passed = hook(repo, ("sam.iep.toml",))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    refused = hook(repo, ("sam.iep.toml", "sam.iep.toml.lock"))
    assert refused.returncode == 1 and "the lock of a plan" in refused.stdout


def test_the_hook_covers_a_plan_whatever_its_name_and_a_lock_that_is_a_link(repo, hook):
    """`iep-meeting new sam.toml` makes sam.toml: its lock, an unfinished save and a
    broken version are refused as for sam.iep.toml, and so is a staged lock that
    is a symbolic link; an agenda and another tool's lock file pass."""
    (repo / "sam.toml").write_text(plan_to_text(attrs.evolve(small_plan(), goals=())))
    (repo / "sam.toml.lock").write_text('{"pid": 4242, "program": "iep-meeting"}')
    (repo / ".sam.toml.k2x9_abc.tmp").write_text("schema = 2\n")
    (repo / "broken.toml").write_text("schema = [\n")
    (repo / "notes.txt").write_text(plan_to_text(small_plan()))  # a plan opened by name: `run notes.txt`
    (repo / "notes.txt.lock").write_text("")
    (repo / "other.toml.lock").symlink_to("sam.toml")
    (repo / "district-annual.toml").write_text('id = "district-annual"\ntitle = "Ours"\n')
    (repo / "poetry.lock").write_text("[metadata]\n")
    git(repo, "add", "-f", ".")
    verdicts = {
        name: hook(repo, (name,))
        for name in (
            "sam.toml",
            "sam.toml.lock",
            ".sam.toml.k2x9_abc.tmp",
            "broken.toml",
            "notes.txt.lock",
            "other.toml.lock",
            "district-annual.toml",
            "poetry.lock",
        )
    }
    said = {name: done.stdout + done.stderr for name, done in verdicts.items()}
    passed = {name for name, done in verdicts.items() if done.returncode == 0}
    assert passed == {"sam.toml", "district-annual.toml", "poetry.lock"}, said
    assert "the lock of a plan" in said["sam.toml.lock"] and "the lock of a plan" in said["notes.txt.lock"]
    assert "the lock of a plan" in said["other.toml.lock"]  # a symbolic link, staged as one
    assert "an unfinished save" in said[".sam.toml.k2x9_abc.tmp"]
    assert "not a readable plan" in said["broken.toml"]


def test_git_setups_gitignore_keeps_out_the_lock_and_saves_of_any_plan_the_program_makes(repo, tmp_path):
    assert in_folder(repo, "git-setup") == 0
    assert main(["new", str(repo / "sam.2026"), "--student", "Sam", "--agenda", "annual-review"]) == 0
    assert (repo / "sam.2026.iep.toml").exists()  # every plan the program makes is named *.toml
    left = ["sam.toml.lock", "sam.iep.toml.lock", ".sam.toml.k2x9_abc.tmp", ".sam.2026.iep.toml.q0_z81ab.tmp"]
    for name in left:
        (repo / name).write_text("")
    (repo / "sam.toml").write_text("")
    ignored = git(repo, "check-ignore", "--no-index", *left, "sam.toml", check=False).split()
    assert sorted(ignored) == sorted(left)


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
