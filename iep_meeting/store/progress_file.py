"""The progress file: what is recorded on a plan's goals between meetings.

`sam.iep.toml` keeps its progress in `sam.iep.progress.toml` beside it
(`progress_path`). The plan itself, sealed when the team agreed it, is never
touched; the progress file names it by path and content hash, as an
amendment names the plan it changes (docs/plan-format.md, "The progress file").

The file is append-only and written so that git shows each data point as one
line (its layout and its reading: store/progress_text.py). A point is added to
the text as it was read, a new line at the end of its series, rather than by
writing the whole record again; other entries write the record's text. It is
written with the plan's safety: the lock (store/lock.py, `<file>.lock`), atomic
saves (store/atomic.py, a new file 0600), a file that cannot be read is never
written over, and bad input is refused with the file, the key and the line
(store/codec.py). The plan is opened as store/final_plan.py does: final, its
seal intact, its model made only when asked.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from iep_meeting.model.goal_progress import (
    Aim,
    DataPoint,
    GoalReport,
    PlanRef,
    ProgressRecord,
    SentReport,
    Withdrawal,
    aim_problems,
    belongs_elsewhere,
    only_appended,
    point_problems,
    report_problems,
    translation_problems,
    with_aim,
    with_points,
    with_report,
    with_sent,
    with_translations,
    with_withdrawal,
    withdrawal_problems,
)
from iep_meeting.model.plan import Plan, Translation
from iep_meeting.store import codec
from iep_meeting.store.atomic import write_atomic, write_new
from iep_meeting.store.errors import ChangedOnDiskError, FileProblemError, SaveError, StoreError
from iep_meeting.store.final_plan import FinalPlan, open_final_plan
from iep_meeting.store.lock import PlanLock
from iep_meeting.store.plan_file import _disk_stamp, encode
from iep_meeting.store.progress_text import Layout, read_progress, text_and_layout, with_points_appended
from iep_meeting.store.reader import read_text

WHAT = "progress file"
SUFFIX = ".progress.toml"


def progress_path(plan_path: Path) -> Path:
    """`sam.iep.toml` → `sam.iep.progress.toml`, beside the plan."""
    plan_path = Path(plan_path)
    return plan_path.with_name(plan_path.name.removesuffix(".toml") + SUFFIX)


def plan_beside(path: str) -> str:
    """The plan a progress file is the record of, by its name: `sam.iep.progress.toml` → `sam.iep.toml`."""
    return path.removesuffix(SUFFIX) + ".toml"


def load_progress(path: Path) -> ProgressRecord | None:
    """The record in the progress file at `path`; None when there is none yet."""
    read = _read(Path(path))
    return read[0] if read is not None else None


def _read(path: Path) -> tuple[ProgressRecord, str, Layout | None] | None:
    """The record in the progress file at `path`, its text and where the next point goes in it."""
    if not os.path.lexists(path):
        return None
    text = read_text(path, WHAT)
    record, layout = record_in(path, text)
    return record, text, layout


def record_in(path: Path, text: str) -> tuple[ProgressRecord, Layout | None]:
    """The record in the text of the progress file at `path`, and where its next point goes."""
    try:
        return read_progress(text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, WHAT) from None


# --- the plan it belongs to ---------------------------------------------------------------------------------------


def plan_reference(plan_path: Path, loaded_hash: str) -> PlanRef:
    """The plan as a progress file beside it names it: its file name and content hash."""
    return PlanRef(path=Path(plan_path).name, sha256=loaded_hash)


def names_plan(record: ProgressRecord, plan_path: Path, content_hash: str) -> str | None:
    """Why `record` is not the record of the plan at `plan_path` as it is now, or None."""
    return belongs_elsewhere(record.plan, Path(plan_path).name, content_hash)


# --- writing ------------------------------------------------------------------------------------------------------


class ProgressFile:
    """The progress file of one final plan, open for adding to: its lock is held
    until `close`. Every `add_*` writes the file at once (atomically) and
    returns the record as it now is. Points are added to the text as read (the
    file as the program writes it), other entries by writing the record's text."""

    def __init__(self, final: FinalPlan, path: Path, record: ProgressRecord, lock: PlanLock) -> None:
        self.final = final
        self.plan_path = final.path
        self.path = path
        self.record = record
        self._lock: PlanLock | None = lock
        self._stamp = _disk_stamp(path)
        self._text: str | None = None  # the file's text as read or written, when it is as the program writes it
        self._layout: Layout | None = None

    @property
    def plan(self) -> Plan:
        return self.final.plan

    @classmethod
    def open(cls, plan_path: Path) -> ProgressFile:
        """Open the progress file of the final plan at `plan_path` (made at the first
        entry). Raises StoreError: the plan is a draft or changed after it was
        finalized, the progress file cannot be read or belongs to another plan, or
        another program has it open."""
        final = open_final_plan(plan_path)
        path = progress_path(final.path)
        lock = PlanLock.acquire(path)
        try:
            stamp = _disk_stamp(path)  # before reading: a change while it is read shows at the next write
            read = _read(path)
            if read is None:
                record = ProgressRecord(plan=plan_reference(final.path, final.content_hash))
            else:
                record = read[0]
                why = names_plan(record, final.path, final.content_hash)
                if why:
                    raise StoreError(f"{path}: not added to: {why}.")
        except BaseException:
            lock.release()
            raise
        opened = cls(final, path, record, lock)
        opened._stamp = stamp
        if read is not None:
            opened._text, opened._layout = read[1], read[2]
        return opened

    def _write(self, record: ProgressRecord, added: Sequence[DataPoint] = ()) -> ProgressRecord:
        """Write `record`, which is the record as it is with entries added (`added`,
        when they are the points it adds)."""
        if not only_appended(self.record, record):
            raise StoreError(f"{self.path}: a progress file is only added to; nothing in it is changed")
        if self._lock is None:
            raise StoreError(f"{self.path} is closed")
        if _disk_stamp(self.path) != self._stamp:
            raise ChangedOnDiskError(self.path)
        if added and self._text is not None and self._layout is not None:
            text, layout = with_points_appended(self._text, self._layout, added)
        else:
            text, layout = text_and_layout(record)
        try:
            if self._stamp is None:
                write_new(self.path, encode(text))
            else:
                write_atomic(self.path, encode(text))
        except OSError as error:
            raise SaveError(self.path, error) from error
        self._stamp = _disk_stamp(self.path)
        self.record, self._text, self._layout = record, text, layout
        return record

    def add_points(self, points: list[DataPoint], today: dt.date, where: list[str] | None = None) -> ProgressRecord:
        """Add all of `points` or none: each problem is named by `where` the point
        comes from ("data.csv, line 4"), else by its place in `points`."""
        names = where or [f"point {number}" for number in range(1, len(points) + 1)]
        period = self.final.period
        problems = [
            f"{name}: {problem}"
            for name, point in zip(names, points, strict=True)
            for problem in point_problems(point, self.final.goal_ids, period, today)
        ]
        if problems:
            raise StoreError("nothing was added:\n  " + "\n  ".join(problems))
        return self._write(with_points(self.record, points), points)

    def add_report(self, report: GoalReport) -> ProgressRecord:
        problems = report_problems(report, self.plan)
        if problems:
            raise StoreError("the report was not added: " + "; ".join(problems))
        return self._write(with_report(self.record, report))

    def add_sent(self, sent: SentReport) -> ProgressRecord:
        return self._write(with_sent(self.record, sent))

    def withdraw(self, withdrawal: Withdrawal) -> ProgressRecord:
        """Take back a point recorded by mistake (it stays in the file, and counts nowhere)."""
        problems = withdrawal_problems(withdrawal, self.record, self.final.goal_ids)
        if problems:
            raise StoreError("nothing was taken back: " + "; ".join(problems))
        return self._write(with_withdrawal(self.record, withdrawal))

    def set_aim(self, aim: Aim) -> ProgressRecord:
        """Set the goal's aim line in numbers (the one before stays in the file, and counts no more)."""
        problems = aim_problems(aim, self.plan, self.record)
        if problems:
            raise StoreError("the aim line was not set: " + "; ".join(problems))
        return self._write(with_aim(self.record, aim))

    def add_translations(self, made: Sequence[Translation]) -> ProgressRecord:
        """The record's words in the family's language (a text translated again: the last counts)."""
        problems = translation_problems(made, self.record)
        if problems:
            raise StoreError("no translation was added: " + "; ".join(problems))
        return self._write(with_translations(self.record, made))

    def close(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> ProgressFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
