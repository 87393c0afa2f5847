"""A whole small meeting run headless, through the session alone: no app, no
event loop. A hand-moved clock (`ManualScheduler`) stands for time, so the
promises about saving are checked to the hundredth of a second: every change
on disk within a second of the last one, at least once a second while typing
goes on, a failed save said and retried, nothing written once the plan is
final."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

from iep_meeting.meeting.autosave import SaveState
from iep_meeting.meeting.draft import Draft
from iep_meeting.meeting.family_copy import record_family_copy
from iep_meeting.meeting.publish import Change, StatusKind
from iep_meeting.meeting.scheduling import ManualScheduler
from iep_meeting.meeting.session import MeetingSession, open_session
from iep_meeting.model.paths import append_in, get_in
from iep_meeting.model.plan import Decision, Plan, Status
from iep_meeting.store.plan_file import load_plan, plan_to_text
from tests.complete_plans import annual_review
from tests.factories import small_plan

TODAY = dt.datetime(2026, 12, 3, 15, 42)


Started = tuple[MeetingSession, ManualScheduler, list[Change[Plan]], list[StatusKind]]


@pytest.fixture
def start(tmp_path: Path) -> Iterator[Callable[[Plan], Started]]:
    """Open `plan` in a running meeting on a hand-moved clock, with what it publishes
    collected; the meeting is stopped and the plan let go after the test."""
    opened: list[MeetingSession] = []

    def started(plan: Plan) -> Started:
        path = tmp_path / "plan.iep.toml"
        path.write_text(plan_to_text(plan), encoding="utf-8")
        path.chmod(0o600)
        session = open_session(path, now=lambda: TODAY)
        opened.append(session)
        changes: list[Change[Plan]] = []
        statuses: list[StatusKind] = []
        session.subscribe(changes.append, statuses.append)
        scheduler = ManualScheduler()
        session.start(scheduler)
        return session, scheduler, changes, statuses

    yield started
    for session in opened:
        session.stop()
        session.plan_file.close()


def save_state(session: MeetingSession) -> SaveState:
    """The save state now (read anew at each check, as the clock moves it)."""
    return session.save_state


def on_disk(session: MeetingSession) -> Plan:
    return load_plan(session.plan_file.path)


def test_a_whole_meeting_edits_saves_through_a_failure_and_finalizes(
    start: Callable[[Plan], Started], monkeypatch: pytest.MonkeyPatch
) -> None:
    session, clock, changes, statuses = start(annual_review())
    typist = object()  # the field that types
    # Typing, a key every 0.1 s: each key is one change, told with its path and its typist.
    for text in ("4", "4 o", "4 of", "4 of 10"):
        change = session.edit(("goals", 0, "baseline"), text, by=typist)
        assert change is not None and change.by is typist and change.paths == (("goals", 0, "baseline"),)
        clock.advance(0.1)
    assert [c.value.goals[0].baseline for c in changes] == ["4", "4 o", "4 of", "4 of 10"]
    assert session.edit(("goals", 0, "baseline"), "4 of 10") is None  # the same value: no change, no news
    assert save_state(session) is SaveState.PENDING
    clock.advance(0.25)  # typing paused: saved
    assert save_state(session) is SaveState.SAVED
    assert on_disk(session).goals[0].baseline == "4 of 10"
    assert StatusKind.SAVE in statuses

    # The disk refuses: the state says so, everything is kept, and it is tried again.
    def refused(source: str, target: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refused)
    session.edit(("meeting", "place"), "Room 114")
    clock.advance(0.3)
    assert save_state(session) is SaveState.FAILED and session.autosave.error == "Permission denied"
    assert session.plan.meeting.place == "Room 114"
    clock.advance(session.autosave.retry_every / 2)
    assert save_state(session) is SaveState.FAILED  # not hammering the disk
    monkeypatch.undo()
    clock.advance(session.autosave.retry_every)
    assert save_state(session) is SaveState.SAVED
    assert on_disk(session).meeting.place == "Room 114"

    # A decision from its dialog's draft, then finalizing.
    draft = Draft(Decision(time=TODAY, section="close", what=""))
    draft.edit(("what",), "Reading services go from 3 to 4 sessions a week")
    assert draft.changed
    session.apply(lambda plan: append_in(plan, ("decisions",), draft.value), "recorded a decision")
    clock.advance(1.0)
    assert on_disk(session).decisions[-1].what.startswith("Reading services")
    session.when_idle(lambda: session.finalize(TODAY.date()))
    final = on_disk(session)
    assert final.status is Status.FINAL and session.readonly
    assert changes[-1].value is session.plan and ("status",) in changes[-1].paths
    assert statuses[-1] is StatusKind.READ_ONLY
    assert session.edit(("meeting", "place"), "Room 200") is None  # a final plan takes no edits
    clock.advance(3.0)
    assert on_disk(session) == final  # and nothing is written over it
    assert clock.pending_timers == 1  # only the clock's tick is left


def test_typing_that_never_pauses_is_on_disk_at_least_once_a_second(start: Callable[[Plan], Started]) -> None:
    session, clock, _, _ = start(small_plan())
    written: list[tuple[float, str]] = []  # (when, the baseline written)
    write = session.write

    def watched(plan: Plan) -> str | None:
        written.append((clock.time(), plan.goals[0].baseline))
        return write(plan)

    session.saves._write = watched
    typed_at: dict[str, float] = {}
    text = ""
    for _ in range(50):  # five seconds, a key every 0.1 s
        text += "x"
        session.edit(("goals", 0, "baseline"), text)
        typed_at[text] = clock.time()
        clock.advance(0.1)
    clock.advance(1.0)
    assert written[-1][1] == text  # the last key is on disk
    # Every key is on disk within a second of being typed.
    for typed, when in typed_at.items():
        first = next(at for at, baseline in written if len(baseline) >= len(typed))
        assert first - when <= 1.0, f"key {len(typed)} waited {first - when:.2f} s"
    assert len(written) >= 5


def test_a_change_during_a_save_is_saved_after_it_and_what_writes_now_waits(start: Callable[[Plan], Started]) -> None:
    session, clock, _, _ = start(small_plan())
    clock.hold_threads = True  # the save is being written
    session.edit(("meeting", "place"), "Room 1")
    clock.advance(0.3)
    assert session.saving
    session.edit(("meeting", "place"), "Room 2")
    waited: list[str] = []
    session.when_idle(lambda: waited.append(session.plan.meeting.place))
    assert waited == []  # not while the background save is running
    clock.hold_threads = False
    clock.run_threads()
    assert waited == ["Room 2"]
    clock.advance(1.0)
    assert on_disk(session).meeting.place == "Room 2" and save_state(session) is SaveState.SAVED


def test_nothing_runs_while_nothing_changes(start: Callable[[Plan], Started]) -> None:
    session, clock, _, statuses = start(small_plan())
    clock.advance(10.0)
    assert clock.pending_timers == 1  # the clock's tick: no save timer, no poll
    assert statuses.count(StatusKind.CLOCK) == 10
    assert session.autosave.saves == 0


def test_changes_made_while_subscribers_are_told_reach_everyone_in_order(start: Callable[[Plan], Started]) -> None:
    session, _, _, _ = start(small_plan())
    seen: list[tuple[str, str]] = []

    def first(change: Change[Plan]) -> None:
        seen.append(("first", change.value.meeting.place))
        if change.value.meeting.place == "A":  # reacts with a change of its own
            session.edit(("meeting", "place"), "B")

    def second(change: Change[Plan]) -> None:
        seen.append(("second", change.value.meeting.place))

    session.subscribe(first)
    session.subscribe(second)
    session.edit(("meeting", "place"), "A")
    assert seen == [("first", "A"), ("second", "A"), ("first", "B"), ("second", "B")]


def test_a_subscriber_that_fails_keeps_nobody_else_from_the_news(start: Callable[[Plan], Started]) -> None:
    session, _, changes, _ = start(small_plan())

    def broken(change: Change[Plan]) -> None:
        raise RuntimeError("a broken view")

    session.subscribe(broken)
    later: list[Change[Plan]] = []
    session.subscribe(later.append)
    with pytest.raises(RuntimeError, match="a broken view"):
        session.edit(("meeting", "place"), "Room 9")
    assert session.plan.meeting.place == "Room 9"  # applied, and saved as usual
    assert changes[-1].value is session.plan and later[-1].value is session.plan
    assert save_state(session) is SaveState.PENDING


def test_a_cancelled_subscription_hears_no_more(start: Callable[[Plan], Started]) -> None:
    session, _, _, _ = start(small_plan())
    heard: list[Change[Plan]] = []
    subscription = session.subscribe(heard.append)
    session.edit(("meeting", "place"), "Room 1")
    subscription.cancel()
    session.edit(("meeting", "place"), "Room 2")
    assert [c.value.meeting.place for c in heard] == ["Room 1"]


def test_a_change_names_every_place_it_touched(start: Callable[[Plan], Started]) -> None:
    session, _, changes, _ = start(small_plan())
    session.apply(lambda plan: append_in(plan, ("goals",), plan.goals[0]), "added a goal")
    change = changes[-1]
    assert change.paths == (("goals",),) and change.what == "added a goal"
    assert change.touches(("goals", 3, "baseline")) and change.touches(("goals",)) and change.touches(())
    assert not change.touches(("services",))
    older = attrs.evolve(session.plan.student, date_of_birth=dt.date(2009, 1, 5))
    session.apply(lambda plan: attrs.evolve(plan, student=older))
    assert changes[-1].paths == (("student", "date_of_birth"),)
    assert "transition" in [s.id for s in session.sections]  # the sections follow the plan
    assert get_in(changes[-1].previous, ("student", "date_of_birth")) != dt.date(2009, 1, 5)


@attrs.frozen
class MadeFile:
    """A document file as documents/export.py reports it."""

    path: Path
    language: str = "es"
    kind: str = "family"
    format: str = "html"
    sha256: str = "ab" * 32
    warnings: tuple[str, ...] = ()


def test_the_familys_copy_is_recorded_in_the_draft_and_said_in_words(start: Callable[[Plan], Started]) -> None:
    session, clock, changes, _ = start(annual_review())
    spanish = attrs.evolve(session.plan.student, home_language="Spanish")
    session.apply(lambda plan: attrs.evolve(plan, student=spanish))
    made = MadeFile(session.plan_file.path.with_name("plan-family-es.html"))
    lines = record_family_copy(session, made)
    copy = session.plan.family_copies[-1]
    assert (copy.language, copy.document, copy.sha256, copy.date) == ("Spanish", "family", made.sha256, TODAY.date())
    assert all(path[0] == "family_copies" for path in changes[-1].paths) and changes[-1].by is None
    assert lines[0] == str(made.path) and "In Spanish, as HTML" in lines[1] and "Recorded in the plan" in lines[2]
    clock.advance(1.0)
    assert on_disk(session).family_copies[-1] == copy


def test_to_be_continued_writes_the_open_items_into_the_plan_at_once(start: Callable[[Plan], Started]) -> None:
    plan = small_plan()
    session, _, _, _ = start(attrs.evolve(plan, goals=(attrs.evolve(plan.goals[0], baseline=""), *plan.goals[1:])))
    open_items = [finding.message for finding in session.open_required()]
    assert open_items  # a plan with something still to do
    assert session.continue_later(TODAY.date(), None) is None
    follow_up = on_disk(session).follow_up
    assert follow_up is not None and follow_up.closed == TODAY.date() and list(follow_up.open_items) == open_items
