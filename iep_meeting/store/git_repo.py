"""Plans kept in git: set a repository up so its diffs speak the record's words,
and read a plan's versions from its history.

`git_setup` writes `.gitattributes` (plan files use the `iep-plan` diff) and
`.gitignore` (never the lock or an unfinished save), and sets the textconv of
that diff in the repository's *local* config: git never runs a command named
in a repository's own files, so each clone is set up on its own computer.
"""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

from iep_meeting.model.plan import Plan
from iep_meeting.store.atomic import write_atomic
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.plan_file import PLAN_SUFFIX, plan_from_bytes
from iep_meeting.store.reader import MAX_FILE_BYTES, read_text, refused, too_big

DIFF_DRIVER = "iep-plan"
ATTRIBUTES = (f"*{PLAN_SUFFIX} diff={DIFF_DRIVER}",)
# Every plan the program makes is named *.toml (store/plan_file.py: named_as_plan),
# so these keep out the lock and the unfinished saves of every one of them.
IGNORED = ("*.toml.lock", ".*.toml.*.tmp")
MARK = "# iep-meeting git-setup: plan files diff in plain words; locks and unfinished saves stay out"


class GitError(StoreError):
    pass


# git's own settings that would change what it prints for a program: colours,
# signatures under each commit, file names quoted in octal.
_PLAIN = ("-c", "color.ui=never", "-c", "log.showSignature=false", "-c", "core.quotePath=false")


def git(*args: str, cwd: Path) -> bytes:
    """Run git; its output as bytes (decoded only on purpose, by the caller), or
    GitError with what git said."""
    if not cwd.is_dir():
        raise GitError(f"{cwd} is not a folder")
    try:
        done = subprocess.run(["git", *_PLAIN, *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
    except OSError as error:
        raise GitError(f"git could not be run: {error.strerror or error}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", errors="replace").strip()
        raise GitError(f"git {args[0]}: {said or 'failed'}")
    return done.stdout


def repository_root(folder: Path) -> Path:
    try:
        out = git("rev-parse", "--show-toplevel", cwd=folder)
    except GitError:
        raise GitError(f"{folder} is not in a git repository (run git init first)") from None
    return Path(os.fsdecode(out.rstrip(b"\n")))


def _add_lines(path: Path, lines: tuple[str, ...]) -> list[str]:
    """Append the lines `path` lacks (under MARK); the ones added. `path` is read
    through the store's reader and replaced atomically; a symbolic link, a folder
    or anything else that is not a regular file is refused, never written through."""
    text = _setup_file_text(path)
    have = {line.strip() for line in text.splitlines()}
    missing = [line for line in lines if line not in have]
    if missing:
        block = ([MARK] if MARK not in have else []) + missing
        prefix = "" if not text or text.endswith("\n") else "\n"
        try:
            write_atomic(path, (text + prefix + "\n".join(block) + "\n").encode("utf-8"), new_file_mode=0o644)
        except OSError as error:
            raise GitError(f"cannot write {path}: {error.strerror or error}; nothing was changed") from None
    return missing


def _setup_file_text(path: Path) -> str:
    """The text of an existing .gitattributes or .gitignore ("" when there is none)."""
    what = f"{path.name} file"
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return ""
    except OSError as error:
        raise refused(path, error.strerror or str(error), what) from None
    if stat.S_ISLNK(info.st_mode):
        raise refused(
            path,
            f"this is a symbolic link (to {os.readlink(path)}); git does not read {path.name} through a link, "
            "and iep-meeting never writes through one. Put a regular file in its place and run git-setup again",
            what,
        )
    return read_text(path, what)  # a folder, a pipe, a file in another encoding: refused with the reason


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
    """(commit, author, date, path in that commit), newest first, following renames.

    The log is read NUL-separated (`-z`, each record starting with a NUL): no
    byte of an author's name or a file's name can end a field early."""
    out = git(
        "--literal-pathspecs",  # a plan named "[draft].toml" is that file, not a pattern
        "log",
        "--follow",
        "-z",
        "--format=%x00%H%x00%an%x00%ad",
        "--date=short",
        "--name-only",
        "--",
        os.fspath(path),
        cwd=root,
    )
    fields = out.split(b"\0")
    starts = [n for n, field in enumerate(fields) if not field and n + 3 < len(fields)]
    for n, start in enumerate(starts):
        commit, author, date = fields[start + 1 : start + 4]
        end = starts[n + 1] if n + 1 < len(starts) else len(fields)
        names = [name.lstrip(b"\n") for name in fields[start + 4 : end] if name.lstrip(b"\n")]
        name = os.fsdecode(names[0]) if names else os.fspath(path)
        yield commit.decode("ascii", errors="replace"), _words(author), _words(date).strip(), name


def _words(data: bytes) -> str:
    """Text git stored as bytes (an author's name), decoded on purpose: what is not
    UTF-8 is shown as "\ufffd" rather than stopping the history."""
    return data.decode("utf-8", errors="replace")


def _version_bytes(root: Path, commit: str, name: str) -> bytes | None:
    """The plan's bytes in `commit` (None: not there, e.g. deleted), read as the
    store reads a file: at most MAX_FILE_BYTES + 1 bytes, whatever git holds."""
    command = ["git", *_PLAIN, "cat-file", "blob", f"{commit}:{name}"]
    with subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as process:
        assert process.stdout is not None
        data = process.stdout.read(MAX_FILE_BYTES + 1)
        bigger = len(data) > MAX_FILE_BYTES
        if bigger:
            process.kill()  # the rest is never read
        code = process.wait()
    return data if code == 0 or bigger else None


def plan_versions(plan_path: Path) -> list[Version]:
    """Every version of the plan that git holds, oldest first."""
    plan_path = Path(plan_path)
    folder = plan_path.parent
    if not folder.is_dir():
        why = "a part of this path is a file, not a folder" if os.path.lexists(folder) else "its folder does not exist"
        raise refused(plan_path, why, "plan file")
    # os.path.realpath, not Path.resolve: it never raises, not even on a link loop.
    root = Path(os.path.realpath(repository_root(folder)))
    try:
        relative = (Path(os.path.realpath(folder)) / plan_path.name).relative_to(root)
    except ValueError:
        raise GitError(f"{plan_path} is not inside the git repository {root}") from None
    versions = []
    for commit, author, date, name in _commits(root, relative):
        data = _version_bytes(root, commit, name)
        if data is None:
            versions.append(Version(commit, author, date, name, None, "deleted"))
            continue
        try:
            if len(data) > MAX_FILE_BYTES:
                raise refused(Path(name), too_big(len(data)), "plan file")
            versions.append(Version(commit, author, date, name, plan_from_bytes(data, name).plan))
        except FileProblemError as error:
            versions.append(
                Version(commit, author, date, name, None, f"not a readable plan: {error.problems[0].describe()}")
            )
    return list(reversed(versions))
