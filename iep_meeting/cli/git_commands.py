"""Commands for plans kept in git: `git-setup`, `textconv` (what git diff and
git show print for a plan) and `history`. Loaded when one of them runs (cli/main.py: `later`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from iep_meeting.cli.output import EXIT_OK, say
from iep_meeting.documents.diff_report import changes_text
from iep_meeting.documents.plan_lines import plan_lines
from iep_meeting.model.diff import plan_changes
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.git_repo import Version, git_setup, plan_versions
from iep_meeting.store.plan_file import PLAN_SUFFIX, plan_from_bytes
from iep_meeting.store.reader import read_bytes
from iep_meeting.words.visible import visible


def cmd_git_setup(args: argparse.Namespace) -> int:
    for line in git_setup(Path.cwd()):
        say(line)
    say(
        f"Plan files are named *{PLAN_SUFFIX} (iep-meeting new and demo use it); git diff, git log -p and git show "
        "now show them one fact per line. The git config is local: run git-setup again in each clone."
    )
    return EXIT_OK


def cmd_textconv(args: argparse.Namespace) -> int:
    """For git: a plan as lines of facts; a version that is not a readable plan as
    it is, under a line that says so. A path that is not a readable file at all is
    refused as check refuses it (exit code 2)."""
    data = read_bytes(args.plan)
    try:
        text = plan_lines(plan_from_bytes(data, args.plan).plan)
    except FileProblemError as error:
        text = f"(not a readable plan: {error.problems[0].describe()})\n" + data.decode("utf-8", errors="replace")
    sys.stdout.write(visible(text) if not text.endswith("\n") else visible(text[:-1]) + "\n")
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    versions = plan_versions(args.plan)
    if not versions:
        say(f"{args.plan}: no commit holds this plan yet.")
        return EXIT_OK
    previous: Version | None = None
    blocks = []
    for version in versions:
        lines = [f"{version.date}  {version.author}  {version.commit[:10]}  {version.path}"]
        if version.plan is None:
            lines.append(f"    {version.problem}")
        elif previous is None or previous.plan is None:
            lines.append("    first version in git")
        else:
            changes = plan_changes(previous.plan, version.plan)
            text = changes_text(changes, previous.commit[:10], version.commit[:10])
            lines += [f"    {line}" for line in text.splitlines()]
        if version.plan is not None:
            previous = version
        blocks.append("\n".join(lines))
    for block in reversed(blocks):  # newest first, as git log
        say(block)
    return EXIT_OK
