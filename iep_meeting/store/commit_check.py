"""What may be committed to version control (`iep-meeting check --hook`, the
pre-commit hook in .pre-commit-hooks.yaml).

A draft with open items is the normal state of a plan between meetings, so it
passes; what fails is only what must never be in the history: a file that is
not a readable plan, a final plan changed after the team agreed it, and the
lock or an unfinished save of an open meeting. File permissions are not
checked: git does not keep them.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from iep_meeting.model.agenda import Agenda
from iep_meeting.store.plan_check import check_plan_file

# A final plan that no longer holds what was sealed (store/plan_check.py: seal_findings).
NEVER_COMMITTED = frozenset({"final-sealed", "final-unchanged", "final-set-back"})
# The lock of an open plan (store/lock.py) and an unfinished save (store/atomic.py).
LOCK_FILE = re.compile(r"\.toml\.lock$")
TEMP_FILE = re.compile(r"^\..+\.toml\..+\.tmp$")


@attrs.frozen
class Verdict:
    text: str
    refused: bool


def commit_verdict(path: Path, agendas: dict[str, Agenda], agenda_dir: Path | None = None) -> Verdict:
    name = path.name
    if LOCK_FILE.search(name):
        return Verdict(
            f"{path}: the lock of a plan open in a meeting; never commit it "
            "(iep-meeting git-setup adds it to .gitignore).",
            refused=True,
        )
    if TEMP_FILE.match(name):
        return Verdict(f"{path}: an unfinished save of a plan; never commit it (it is removed on the next open).", True)
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
