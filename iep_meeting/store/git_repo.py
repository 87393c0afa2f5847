"""Plans kept in git: set a repository up so its diffs speak the record's words,
and read a plan's versions from its history.

`git_setup` writes `.gitattributes` (plan files use the `iep-plan` diff) and
`.gitignore` (never the lock or an unfinished save), and sets the textconv of
that diff in the repository's *local* config: git never runs a command named
in a repository's own files, so each clone is set up on its own computer.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

from iep_meeting.model.plan import Plan
from iep_meeting.store import codec
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_file import plan_from_text

# The file name convention for plans: `new` and `demo` use it; any .toml still opens.
PLAN_SUFFIX = ".iep.toml"
DIFF_DRIVER = "iep-plan"
ATTRIBUTES = (f"*{PLAN_SUFFIX} diff={DIFF_DRIVER}",)
# The lock and unfinished saves of plans, and of their progress files (`sam.iep.progress.toml`).
IGNORED = (f"*{PLAN_SUFFIX}.lock", f".*{PLAN_SUFFIX}.*.tmp", "*.progress.toml.lock", ".*.progress.toml.*.tmp")
MARK = "# iep-meeting git-setup: plan files diff in plain words; locks and unfinished saves stay out"


def named_as_plan(path: Path) -> Path:
    """A plan file name given without a suffix gets the convention's ("sam" -> "sam.iep.toml")."""
    return path if path.suffix else path.with_name(path.name + PLAN_SUFFIX)


class GitError(StoreError):
    pass


def git(*args: str, cwd: Path) -> str:
    """Run git; its output, or GitError with what git said."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    if done.returncode != 0:
        raise GitError(f"git {args[0]}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def repository_root(folder: Path) -> Path:
    try:
        return Path(git("rev-parse", "--show-toplevel", cwd=folder).strip())
    except GitError:
        raise GitError(f"{folder} is not in a git repository (run git init first)") from None


def _add_lines(path: Path, lines: tuple[str, ...]) -> list[str]:
    """Append the lines `path` lacks (under MARK); the ones added."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in have]
    if missing:
        block = ([MARK] if MARK not in have else []) + missing
        prefix = "" if not text or text.endswith("\n") else "\n"
        path.write_text(text + prefix + "\n".join(block) + "\n", encoding="utf-8")
    return missing


def textconv_command() -> str:
    """How git runs this program to show a plan as text: this very Python, so
    it works whatever is on PATH when git runs."""
    return f"{shlex.quote(sys.executable)} -m iep_meeting textconv"


def git_setup(folder: Path) -> list[str]:
    """Set the repository around `folder` up for plans; what was done, in words."""
    root = repository_root(folder)
    done = []
    for name, lines in ((".gitattributes", ATTRIBUTES), (".gitignore", IGNORED)):
        added = _add_lines(root / name, lines)
        done.append(f"{name}: added {', '.join(added)}" if added else f"{name}: already set")
    command = textconv_command()
    git("config", "--local", f"diff.{DIFF_DRIVER}.textconv", command, cwd=root)
    done.append(f"local git config: diff.{DIFF_DRIVER}.textconv = {command}")
    return done


@attrs.frozen
class Version:
    """One commit that changed a plan, and the plan as that commit left it."""

    commit: str
    author: str
    date: str
    path: str  # the plan's name in that commit (it may have been renamed since)
    plan: Plan | None  # None: deleted, or not a readable plan in that commit
    problem: str = ""


def _commits(root: Path, path: Path) -> Iterator[tuple[str, str, str, str]]:
    """(commit, author, date, path in that commit), newest first, following renames."""
    out = git(
        "log", "--follow", "--format=%x1e%H%x1f%an%x1f%ad", "--date=short", "--name-only", "--", str(path), cwd=root
    )
    for record in out.split("\x1e")[1:]:
        header, _, names = record.partition("\n")
        commit, author, date = header.split("\x1f")
        name = next((line for line in names.splitlines() if line.strip()), str(path))
        yield commit, author, date, name


def plan_versions(plan_path: Path) -> list[Version]:
    """Every version of the plan that git holds, oldest first."""
    plan_path = plan_path.resolve()
    root = repository_root(plan_path.parent)
    versions = []
    for commit, author, date, name in _commits(root, plan_path.relative_to(root)):
        try:
            text = git("show", f"{commit}:{name}", cwd=root)
        except GitError:
            versions.append(Version(commit, author, date, name, None, "deleted"))
            continue
        try:
            versions.append(Version(commit, author, date, name, plan_from_text(text)))
        except codec.DocumentError as error:
            versions.append(
                Version(commit, author, date, name, None, f"not a readable plan: {error.problems[0].describe()}")
            )
    return list(reversed(versions))
