"""What may be committed to version control (`iep-meeting check --hook`, the
pre-commit hook in .pre-commit-hooks.yaml).

A draft with open items is the normal state of a plan between meetings, so it
passes; what fails is only what must never be in the history: a file that is
not a readable plan, a final plan changed after the team agreed it, and the
lock or an unfinished save of an open meeting — whatever the plan is called
(`sam.iep.toml`, `sam.toml`, or a name without .toml opened with `run`), and
whether the staged file is a file or a symbolic link. File permissions are not
checked: git does not keep them.

The hook is given every staged `*.toml`, `*.lock` and `.*.tmp` file; what is
not a plan's (a district's agenda, another tool's lock file) passes unread.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs

from iep_meeting.model.agenda import Agenda
from iep_meeting.store.atomic import TEMP_NAME
from iep_meeting.store.errors import StoreError
from iep_meeting.store.lock import PROGRAM, LockOwner
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.reader import read_bytes

# A final plan that no longer holds what was sealed (store/plan_check.py: seal_findings).
NEVER_COMMITTED = frozenset({"final-sealed", "final-unchanged", "final-set-back"})
LOCK_SUFFIX = ".lock"  # store/lock.py: lock_path_for
PLAN_NAME = ".toml"
# What every plan file starts with (store/plan_file.py: plan_to_text), a broken one too.
_PLAN_KEYS = re.compile(rb"^\s*(schema\s*=|requires\s*=\s*\"iep-meeting)", re.M)


@attrs.frozen
class Verdict:
    text: str
    refused: bool


def commit_verdict(path: Path, agendas: dict[str, Agenda], agenda_dir: Path | None = None) -> Verdict:
    name = path.name
    if name.endswith(LOCK_SUFFIX) and _guards_a_plan(path, path.with_name(name.removesuffix(LOCK_SUFFIX))):
        return Verdict(
            f"{path}: the lock of a plan open in a meeting; never commit it "
            "(iep-meeting git-setup adds it to .gitignore).",
            refused=True,
        )
    temp = TEMP_NAME.fullmatch(name)
    if temp is not None and _guards_a_plan(path, path.with_name(temp["plan"])):
        return Verdict(f"{path}: an unfinished save of a plan; never commit it (it is removed on the next open).", True)
    if not _claims_to_be_a_plan(path):
        return Verdict(f"{path}: not a plan file: not checked.", refused=False)
    if os.path.islink(path):
        return Verdict(
            f"{path}: a symbolic link: git would keep the link, not the plan; commit the plan file itself.", True
        )
    report = check_plan_file(path, agendas, agenda_dir)
    if report.error is not None:
        return Verdict(f"{path}: not a readable plan: {report.error}", refused=True)
    broken = [f for f in report.findings if f.rule in NEVER_COMMITTED]
    if broken:
        return Verdict(f"{path}: {broken[0].message}", refused=True)
    open_items = len(report.required_findings)
    if report.plan is not None and report.plan.status.value == "final":
        return Verdict(f"{path}: final, and still what the team agreed.", refused=False)
    note = f"draft, {open_items} required item{'s' if open_items != 1 else ''} still open" if open_items else "draft"
    return Verdict(f"{path}: {note}: fine to commit.", refused=False)


def _guards_a_plan(path: Path, plan: Path) -> bool:
    """Whether `path` (a lock or an unfinished save, by its name) belongs to the
    plan `plan`: the plan is named *.toml or is a plan, or `path` holds the lock
    record iep-meeting writes. A symbolic link is judged by its name alone."""
    if plan.name.endswith(PLAN_NAME) or _claims_to_be_a_plan(plan):
        return True
    if os.path.islink(path):
        return False
    try:
        data = read_bytes(path, "lock file")
    except StoreError:
        return False
    owner = LockOwner.from_json(data)
    return (owner is not None and owner.program == PROGRAM) or bool(_PLAN_KEYS.search(data))


def _claims_to_be_a_plan(path: Path) -> bool:
    """Whether the file at `path` is meant to be a plan (and so must be a readable
    one): a name ending in .iep.toml, or text that starts a plan (`schema = ...`).
    A *.toml file too big or odd to read is checked as a plan, and refused."""
    if path.name.endswith(".iep.toml"):
        return True
    try:
        data = read_bytes(path)
    except StoreError:
        return path.name.endswith(PLAN_NAME) and os.path.lexists(path)
    return bool(_PLAN_KEYS.search(data))
