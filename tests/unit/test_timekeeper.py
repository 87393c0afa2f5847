"""The timekeeper in a running meeting, without the app: the agenda's budgets
fitted to the meeting's length, and each time signal said once, at the right
moment, on a clock a test moves by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest

from iep_meeting.meeting.publish import StatusKind
from iep_meeting.meeting.scheduling import ManualScheduler
from iep_meeting.meeting.session import MeetingSession, open_session
from iep_meeting.meeting.timekeeper import NoticeKind, TimeNotice
from iep_meeting.model.plan import Plan
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan, plan_to_text

DAY = dt.date(2026, 12, 3)
START = dt.datetime.combine(DAY, dt.time(15, 30))


class Now:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


Running = tuple[MeetingSession, Now, list[TimeNotice]]


def sample(start: dt.time = dt.time(15, 30), end: dt.time | None = dt.time(17, 0)) -> Plan:
    """The bundled sample (required items open), today, from `start` to `end`."""
    plan = load_plan(sample_plan_path())
    return attrs.evolve(plan, meeting=attrs.evolve(plan.meeting, date=DAY, start_time=start, planned_end=end))


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Callable[[Plan], Running]]:
    """The meeting on `plan`, running from its start, with the time notices it publishes."""
    opened: list[MeetingSession] = []

    def running(plan: Plan) -> Running:
        path = tmp_path / "plan.iep.toml"
        path.write_text(plan_to_text(plan), encoding="utf-8")
        path.chmod(0o600)
        now = Now()
        session = open_session(path, now=now)
        opened.append(session)
        notices: list[TimeNotice] = []

        def heard(kind: StatusKind) -> None:
            if kind is StatusKind.TIME_NOTICE and session.time_notice is not None:
                notices.append(session.time_notice)

        session.subscribe(lambda change: None, heard)
        session.start(ManualScheduler())
        return session, now, notices

    yield running
    for session in opened:
        session.stop()
        session.plan_file.close()


def minutes_until(session: MeetingSession, now: Now, minutes: float) -> None:
    """Let `minutes` go by, the clock ticking every 6 seconds."""
    for _ in range(round(minutes * 10)):
        now.now += dt.timedelta(seconds=6)
        session.tick()


def test_the_budgets_are_fitted_to_the_meeting_s_length_and_the_clock_counts_them(
    run: Callable[[Plan], Running],
) -> None:
    session, _, _ = run(sample(end=dt.time(16, 30)))  # 60 minutes for an agenda of more
    agenda = {s.id: s.minutes for s in session.sections}
    assert sum(agenda.values()) > 60
    fitted = {s.id: session.budget(s.id) for s in session.sections}
    assert sum(fitted.values()) == 60
    assert all(fitted[s.id] <= agenda[s.id] for s in session.sections)
    assert all(fitted[s.id] >= (s.minimum or 1) for s in session.sections)  # never below the agenda's minimum
    assert session.clock_reading().section_budget == fitted[session.current.id] * 60


def test_without_a_planned_end_the_agenda_s_minutes_stand(run: Callable[[Plan], Running]) -> None:
    session, _, _ = run(sample(end=None))
    assert [session.budget(s.id) for s in session.sections] == [s.minutes for s in session.sections]


def test_nearly_up_at_80_percent_then_up_each_said_once(run: Callable[[Plan], Running]) -> None:
    session, now, notices = run(sample(end=dt.time(18, 0)))  # long: the end is not near
    budget = session.budget(session.current.id)
    minutes_until(session, now, budget * 0.8 - 0.1)
    assert notices == []
    minutes_until(session, now, 0.1)
    assert [n.kind for n in notices] == [NoticeKind.NEARLY_UP]
    assert notices[0].seconds_left == pytest.approx(budget * 0.2 * 60)
    minutes_until(session, now, budget * 0.2)
    minutes_until(session, now, 3)  # ticks after the end say nothing new
    assert [n.kind for n in notices] == [NoticeKind.NEARLY_UP, NoticeKind.UP]
    assert notices[1].section_id == session.current.id


def test_five_more_minutes_come_from_the_next_sections_and_their_end_is_offered_again(
    run: Callable[[Plan], Running],
) -> None:
    session, now, notices = run(sample(end=dt.time(18, 0)))
    first, *later = session.sections
    before = {s.id: session.budget(s.id) for s in session.sections}
    statuses: list[StatusKind] = []
    session.subscribe(lambda change: None, statuses.append)
    minutes_until(session, now, before[first.id])
    assert notices[-1].kind is NoticeKind.UP
    moved = session.take_more_time()
    assert StatusKind.TIME_BOXES in statuses
    assert session.budget(first.id) == before[first.id] + 5
    assert sum(before[s.id] - session.budget(s.id) for s in later) == 5 == sum(moved.taken.values())
    assert session.clock_reading().section_left == pytest.approx(5 * 60)
    minutes_until(session, now, 5)
    assert [n.kind for n in notices].count(NoticeKind.UP) == 2


def test_a_section_visited_again_is_not_offered_again_for_the_same_budget(run: Callable[[Plan], Running]) -> None:
    session, now, notices = run(sample(end=dt.time(18, 0)))
    first = session.current.id
    minutes_until(session, now, session.budget(first) + 1)
    session.step(1)
    session.step(-1)
    minutes_until(session, now, 2)
    assert [n.kind for n in notices] == [NoticeKind.NEARLY_UP, NoticeKind.UP]


def test_the_end_near_with_required_items_open_is_said_once(run: Callable[[Plan], Running]) -> None:
    session, now, notices = run(sample(start=dt.time(15, 30), end=dt.time(16, 0)))
    open_items = len(session.open_required())
    assert open_items > 0
    minutes_until(session, now, 19)
    assert NoticeKind.END_NEAR not in [n.kind for n in notices]
    minutes_until(session, now, 1)  # 10 minutes to the end
    ends = [n for n in notices if n.kind is NoticeKind.END_NEAR]
    assert len(ends) == 1
    assert ends[0].open_required == open_items
    minutes_until(session, now, 15)  # past the end: not said again
    assert len([n for n in notices if n.kind is NoticeKind.END_NEAR]) == 1


def test_a_read_only_meeting_offers_nothing(tmp_path: Path) -> None:
    path = tmp_path / "plan.iep.toml"
    path.write_text(plan_to_text(sample(end=dt.time(16, 0))), encoding="utf-8")
    now = Now()
    session = open_session(path, read_only=True, now=now)
    heard: list[StatusKind] = []
    session.subscribe(lambda change: None, heard.append)
    minutes_until(session, now, 40)
    assert StatusKind.TIME_NOTICE not in heard
    session.plan_file.close()
