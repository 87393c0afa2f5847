"""What the app does when the timekeeper speaks (meeting/timekeeper.py): a
notice when a section's time is nearly up; when it is up, an offer (move on,
park the topic, five more minutes, a follow-up); when the planned end is near
with required items open, an offer to close the meeting as "to be continued"
rather than rush to a signature. Each comes once; an offer that comes while a
dialog or the decision log is open waits until the meeting screen is back."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from textual.app import App

from iep_meeting.meeting.clock import format_minutes
from iep_meeting.meeting.publish import StatusKind
from iep_meeting.meeting.session import MeetingSession
from iep_meeting.meeting.timeboxes import extend
from iep_meeting.meeting.timekeeper import NoticeKind, TimeNotice
from iep_meeting.tui.context import meeting, session
from iep_meeting.tui.flows import finish, recording
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.words.phrases import listing, plural

if TYPE_CHECKING:
    from iep_meeting.tui.dialogs.time_up import TimeChoice


class TimeOffers:
    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.waiting: deque[TimeNotice] = deque()
        self._heard: TimeNotice | None = None  # the last notice heard: each is given once

    @property
    def session(self) -> MeetingSession:
        return session(self.app)

    def heard(self, kind: StatusKind) -> None:
        """The app's `status_changed`: a notice to give, or an offer that waited."""
        notice = self.session.time_notice
        if kind is StatusKind.TIME_NOTICE and notice is not None and notice is not self._heard:
            self._heard = notice
            if notice.kind is NoticeKind.NEARLY_UP:
                self._nearly_up(notice)
            else:
                self.waiting.append(notice)
        self._offer_waiting()

    def _offer_waiting(self) -> None:
        if self.waiting and self.app.screen is meeting(self.app).meeting_screen:
            self._offer(self.waiting.popleft())

    def _answered(self) -> None:
        """An offer was answered: the next waiting one, once what the answer opened is closed."""
        self.app.call_later(self._offer_waiting)

    def _nearly_up(self, notice: TimeNotice) -> None:
        title = self.session.section_title(notice.section_id)
        self.app.notify(
            f"{format_minutes(notice.seconds_left)} left of the {notice.minutes} minutes for “{title}”.",
            title="Time nearly up",
            severity="warning",
            markup=False,
            timeout=15,
        )

    def _offer(self, notice: TimeNotice) -> None:
        current = self.session
        if current.readonly:
            return
        if notice.kind is NoticeKind.END_NEAR:
            self._end_near(notice)
        elif notice.section_id == current.current.id:  # not when the team has moved on meanwhile
            self._time_up(notice)

    def _time_up(self, notice: TimeNotice) -> None:
        from iep_meeting.tui.dialogs.time_up import TimeUpDialog

        current = self.session
        ids = [s.id for s in current.sections]
        after = ids.index(notice.section_id) + 1
        next_title = current.sections[after].title if after < len(ids) else None
        dialog = TimeUpDialog(
            current.current.title,
            notice.minutes,
            next_title=next_title,
            more_time=self._more_time_words(),
            can_record=not current.readonly,
        )
        self.app.push_screen(dialog, self._chosen)

    def _more_time_words(self) -> str:
        """Where five more minutes would come from: "would come from Goals (3 min) and Services (2 min)"."""
        current = self.session
        _, moved = extend(current.fitting, current.current.id)
        return moved_words(moved.taken, moved.late_by, current.section_title)

    def _chosen(self, choice: TimeChoice | None) -> None:
        from iep_meeting.tui.dialogs.time_up import TimeChoice

        app, current = self.app, self.session
        self._answered()
        if choice is TimeChoice.MOVE_ON:
            screen = meeting(app).meeting_screen
            if isinstance(screen, MeetingScreen):
                screen.action_step(1)
        elif choice is TimeChoice.PARK:
            recording.park_topic(app)
        elif choice is TimeChoice.MORE_TIME:
            moved = current.take_more_time()
            app.notify(
                f"Five more minutes for “{current.current.title}”: they "
                + moved_words(moved.taken, moved.late_by, current.section_title, done=True)
                + ".",
                title="More time",
                markup=False,
                timeout=10,
            )
        elif choice is TimeChoice.FOLLOW_UP:
            recording.add_action_item(app, what=f"Plan a follow-up meeting on {current.current.title}")

    def _end_near(self, notice: TimeNotice) -> None:
        from iep_meeting.tui.dialogs.confirm import ConfirmDialog

        reading = self.session.clock_reading()
        when = (
            f"The meeting was planned to end {format_minutes(-notice.seconds_left)} ago"
            if notice.seconds_left < 0
            else f"The meeting is planned to end in {format_minutes(notice.seconds_left)}"
        )
        end = reading.planned_end.strftime(" (%H:%M)") if reading.planned_end is not None else ""
        dialog = ConfirmDialog(
            f"{plural(notice.open_required, 'required item')} still open",
            f"{when}{end}, and the plan cannot be signed with required items open. Rather than rush a "
            "signature, the meeting can close as “to be continued”: the plan stays a draft and the open "
            "items are written down for a follow-up meeting.",
            confirm="To be continued…",
            cancel="Keep going",
            warning=False,
        )

        def answered(yes: bool | None) -> None:
            self._answered()
            if yes:
                finish.continue_later(self.app)

        self.app.push_screen(dialog, answered)


def moved_words(taken: Mapping[str, int], late_by: int, title: Callable[[str], str], *, done: bool = False) -> str:
    """Where minutes come from, in words: "would come from Goals (3 min) and Services (2 min)"."""
    parts = [f"{title(section_id)} ({minutes} min)" for section_id, minutes in taken.items()]
    verb = "came from" if done else "would come from"
    text = f"{verb} {listing(parts)}" if parts else ""
    if late_by:
        later = f"{'end' if done else 'would end'} the meeting {plural(late_by, 'minute')} later"
        text = f"{text}, and {later}" if text else later
    return text
