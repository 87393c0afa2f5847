"""Errors raised by the plan store."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iep_meeting.store.codec import Problem


class StoreError(Exception):
    """An error a user can act on; str() is the message shown to them."""


class FileProblemError(StoreError):
    """A file (plan, agenda, bank) could not be read; nothing was changed.

    `problems` are `codec.Problem`s, each with a message and, where known, the
    line, column and TOML key path.
    """

    def __init__(self, path: Path | str, problems: Iterable[Problem], what: str = "plan file") -> None:
        self.path = path
        self.problems = list(problems)
        self.what = what
        lines = [f"{path}: cannot read this {what}."]
        lines += [f"  {problem.describe()}" for problem in self.problems]
        super().__init__("\n".join(lines))


class NoFolderError(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"cannot create {path}: the folder {path.parent} does not exist (create it first).")


class PlanExistsError(StoreError):
    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} already exists; choose another name (nothing was overwritten).")


class ReadOnlyError(StoreError):
    def __init__(self, path: Path, reason: str = "it was opened read-only") -> None:
        self.path = path
        super().__init__(f"{path} cannot be saved: {reason}.")


class ChangedOnDiskError(StoreError):
    """Another program changed the file since it was opened; saving would lose that."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"{path} was changed by another program since it was opened here; "
            "not saved over it. Save this version under another name and compare the two."
        )


class LockLostError(StoreError):
    """The plan's lock no longer guards its file: the folder was removed or replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"could not save {path}: its folder was removed or replaced while the plan was open, and another "
            "program is editing the plan there now. Nothing was written; save this version to another file."
        )


class SaveError(StoreError):
    """Writing failed (disk full, permission, folder removed); the plan is kept in memory."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.path = path
        self.cause = cause
        reason = cause.strerror or str(cause)
        super().__init__(f"could not save {path}: {reason}")
