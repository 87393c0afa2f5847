"""A final plan opened to record progress on: its seal checked, its model made when asked.

Progress is recorded on the plan the team agreed (store/progress_file.py), so
the plan must be final and still hold what was sealed. A point needs little
of it: the ids of its goals, and for the verdict one goal and the plan period.
When the file is as the program wrote it, its seal is checked on its text
(store/seal.py, `text_holds_seal`) and those few facts are taken from the
parsed TOML; the whole model, a tenth of a second for a big plan in a fresh
process, is made only when something asks for it (the progress screen does).
Anything else (a hand-edited or older file) is read and checked in full.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iep_meeting.model.plan import SCHEMA_VERSION, FamilyCopy, Goal, Period, Plan, Status
from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.plan_file import METADATA_KEYS, read_plan
from iep_meeting.store.reader import read_text
from iep_meeting.store.seal import seal_intact, text_holds_seal


class FinalPlan:
    """A final plan whose seal holds: `content_hash`, `goal_ids`, `goal(id)`,
    `period`, and the whole `plan`, made the first time it is asked for."""

    def __init__(self, path: Path, content_hash: str, data: dict[str, Any] | None, plan: Plan | None) -> None:
        self.path = path
        self.content_hash = content_hash
        self._data = data  # the parsed TOML of a file as the program wrote it
        self._plan = plan

    @property
    def plan(self) -> Plan:
        if self._plan is None:
            assert self._data is not None
            try:
                self._plan = codec.structure(self._data, Plan)
            except codec.DocumentError as error:  # not after a sealed text; said the plan's way all the same
                raise FileProblemError(self.path, error.problems) from None
        return self._plan

    @property
    def goal_ids(self) -> tuple[str, ...]:
        if self._plan is not None or self._data is None:
            return tuple(goal.id for goal in self.plan.goals)
        return tuple(goal["id"] for goal in self._data.get("goals", ()))

    def goal(self, goal_id: str) -> Goal | None:
        if self._plan is not None or self._data is None:
            return next((goal for goal in self.plan.goals if goal.id == goal_id), None)
        found = next((goal for goal in self._data.get("goals", ()) if goal["id"] == goal_id), None)
        return codec.structure(found, Goal) if found is not None else None

    @property
    def period(self) -> Period:
        if self._plan is not None or self._data is None:
            return self.plan.period
        return codec.structure(self._data["period"], Period)


def open_final_plan(path: Path) -> FinalPlan:
    """The final plan at `path`. Raises StoreError: it cannot be read, it is a
    draft, or it was changed after it was finalized."""
    path = Path(path)
    text = read_text(path)
    try:
        data = codec.parse_toml(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems) from None
    sealed = _sealed_as_written(data, text)
    if sealed is not None:
        return FinalPlan(path, sealed, {key: value for key, value in data.items() if key not in METADATA_KEYS}, None)
    try:
        loaded = read_plan(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems) from None
    if loaded.plan.status is not Status.FINAL:
        raise StoreError(
            f"{path} is a draft: progress is recorded on the plan the team agreed. "
            f"Finalize it first (iep-meeting run {path})."
        )
    recorded = loaded.plan.sign_off.content_sha256
    if not recorded or not seal_intact(loaded):
        raise StoreError(
            f"{path} was changed after it was finalized (its content hash does not match), so it is not "
            f"the plan the team agreed; restore it first (iep-meeting check {path} says more)."
        )
    return FinalPlan(path, recorded, None, loaded.plan)


def _sealed_as_written(data: dict[str, Any], text: str) -> str | None:
    """The seal of a final plan in the current format whose text holds just what
    was sealed (and copies made since, as the program writes them); else None."""
    sign_off = data.get("sign_off")
    recorded = sign_off.get("content_sha256") if isinstance(sign_off, dict) else None
    if (
        data.get("schema") != SCHEMA_VERSION
        or data.get("status") != Status.FINAL.value
        or not isinstance(recorded, str)
    ):
        return None
    try:
        copies = codec.converter.structure(data.get("copies_after_final", []), tuple[FamilyCopy, ...])
    except Exception:  # a copy the codec refuses: the full reading says which, and where
        return None
    return recorded if text_holds_seal(text, recorded, copies) else None
