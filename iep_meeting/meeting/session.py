"""A meeting in progress, without the UI: the one current plan, where the team is
on the agenda, the clock, the checklist and the save state.

The session owns the plan while the meeting runs. Nobody keeps a copy: an
editor asks the session to `edit` a value at a path or to `apply` a change (a
pure function from plan to plan), and every subscriber (`subscribe`) is told
what changed (meeting/publish.py). Saving follows the changes by itself
(meeting/saving.py) once `start` gives the session a scheduler; so does the
clock's tick. Finishing the meeting is here too: finalize, "to be continued",
and recording the family's copy made after finalizing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from iep_meeting.meeting.autosave import Autosave, SaveState
from iep_meeting.meeting.clock import ClockReading, MeetingClock, Schedule
from iep_meeting.meeting.publish import Change, OnChange, OnStatus, Publisher, StatusKind, Subscription
from iep_meeting.meeting.saving import Saves
from iep_meeting.meeting.scheduling import Scheduler, Timer
from iep_meeting.meeting.timeboxes import Fitting, Moved, meeting_length
from iep_meeting.meeting.timekeeper import Timekeeper, TimeNotice
from iep_meeting.meeting.unsaved import UnsavedValue, UnsavedValues
from iep_meeting.model import paths
from iep_meeting.model.agenda import Agenda, Section, agenda_id_for, sections_for
from iep_meeting.model.findings import Finding
from iep_meeting.model.plan import FamilyCopy, Plan, Status, Translation
from iep_meeting.model.rules import FEDERAL, Profile
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_file import PlanFile
from iep_meeting.store.profile_files import profile_for

if TYPE_CHECKING:
    from iep_meeting.model.banks import Banks
    from iep_meeting.model.checklist import Checklist
    from iep_meeting.model.progress import SectionStatus

Now = Callable[[], dt.datetime]
OPENED_TO_LOOK = "opened to look at, not to change"  # why a plan opened with --read-only is read-only
CLOCK_TICK = 1.0  # seconds between the clock's ticks


class MeetingSession:
    def __init__(
        self,
        plan_file: PlanFile,
        agenda: Agenda,
        banks: Banks | Callable[[], Banks],
        *,
        profile: Profile = FEDERAL,
        now: Now = dt.datetime.now,
        readonly_reason: str | None = None,
    ) -> None:
        self.plan_file = plan_file
        self.plan: Plan = plan_file.plan
        self.agenda = agenda
        self.profile = profile  # the state's rules (model/rules.py)
        self._banks = banks  # or how to load them: only the sections that offer choices need them
        self.now = now
        # Whether the plan was opened to be edited here (not read-only, a file this program may write).
        self.writable_file = not plan_file.readonly and plan_file.readonly_reason is None
        if self.plan.status is Status.FINAL:
            plan_file.close()  # a final plan is never written again: no lock, no saves
            readonly_reason = final_reason(self.plan)
        elif self.plan.sign_off.content_sha256:
            plan_file.close()  # sealed, yet a draft: set back by hand, not edited here
            readonly_reason = (
                "this plan carries the seal of a final plan but its status was set back to draft by hand; "
                "a final IEP is changed only by an amendment: set its status back to final, then make an "
                "amendment (the amend command, in the README)"
            )
        self.readonly_reason = (
            readonly_reason or plan_file.readonly_reason or (OPENED_TO_LOOK if plan_file.readonly else None)
        )
        self.sections: tuple[Section, ...] = sections_for(agenda, self.plan, profile)
        first = self.sections[0].id if self.sections else ""
        self.clock = MeetingClock(started=now(), current_section=first)
        self.visited: set[str] = {first}
        self._checklist: Checklist | None = None  # built when first run: the first frame does not wait for it
        self.timekeeper = Timekeeper()  # the time boxes: fitted, moved, and what was said about them
        self.time_notice: TimeNotice | None = None  # the latest (StatusKind.TIME_NOTICE)
        self.unsaved = UnsavedValues()  # values typed that the plan cannot hold (a date like 2026-13-45)
        self._findings: tuple[Plan | None, tuple[Finding, ...]] = (None, ())
        self._statuses: tuple[tuple[Any, ...], list[tuple[Section, SectionStatus]]] = ((), [])
        self._news: Publisher[Plan] = Publisher()
        self.saves = Saves(self.write, lambda: self.plan, lambda: self._news.publish(StatusKind.SAVE))
        self._tick: Timer | None = None
        self._scheduler: Scheduler | None = None

    @property
    def banks(self) -> Banks:
        if callable(self._banks):
            self._banks = self._banks()
        return self._banks

    # running

    def subscribe(self, on_change: OnChange[Plan], on_status: OnStatus | None = None) -> Subscription:
        """Be told of every change of the plan (`on_change`, with a `Change`) and,
        optionally, of everything around it (`on_status`, with a `StatusKind`)."""
        return self._news.subscribe(on_change, on_status)

    def start(self, scheduler: Scheduler) -> None:
        """The meeting runs: saves follow the changes, and the clock ticks, by `scheduler`."""
        self._scheduler = scheduler
        if not self.readonly:
            self.saves.start(scheduler)
        self._tick = scheduler.call_later(CLOCK_TICK, self._ticked)

    def stop(self) -> None:
        """Nothing more runs by itself: no tick, no save (one being written finishes on its thread)."""
        if self._tick is not None:
            self._tick.cancel()
        self._tick = self._scheduler = None
        self.saves.stop()

    def _ticked(self) -> None:
        if self._scheduler is not None:
            self._tick = self._scheduler.call_later(CLOCK_TICK, self._ticked)
        self.tick()

    def tick(self) -> None:
        """The clock's second: subscribers show the time (`clock_reading`); and,
        once each, that a section's time is nearly up or up, or that the end is
        near with required items open (`time_notice`)."""
        self._news.publish(StatusKind.CLOCK)
        if self.readonly:
            return  # a final or read-only plan: nothing to offer
        notice = self.timekeeper.notice(self.clock_reading(), self.current.id, len(self.open_required()))
        if notice is not None:
            self.time_notice = notice
            self._news.publish(StatusKind.TIME_NOTICE)

    # where we are

    @property
    def current(self) -> Section:
        return next((s for s in self.sections if s.id == self.clock.current_section), self.sections[0])

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def section_title(self, section_id: str) -> str:
        """The title of a section of this meeting's agenda (the id, for one the agenda no longer has)."""
        found = next((s for s in self.agenda.sections if s.id == section_id), None)
        return found.title if found is not None else section_id

    def go_to(self, section_id: str) -> bool:
        if self.section(section_id) is None or section_id == self.clock.current_section:
            return False
        self.clock.switch_to(section_id, self.now(), self.schedule)
        self.visited.add(section_id)
        self._news.publish(StatusKind.SECTION)
        return True

    def step(self, offset: int) -> bool:
        ids = [s.id for s in self.sections]
        index = ids.index(self.current.id) + offset
        return 0 <= index < len(ids) and self.go_to(ids[index])

    @property
    def checklist(self) -> Checklist:
        if self._checklist is None:
            from iep_meeting.model.checklist import Checklist  # its rules load after the first frame

            self._checklist = Checklist(self.agenda, self.profile)
        return self._checklist

    @property
    def checked(self) -> bool:
        """Whether the checklist has run (first right after the meeting screen's first frame)."""
        return self._checklist is not None

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The completeness checklist of the current plan (worked out once per change)."""
        plan, findings = self._findings
        if plan is not self.plan:
            findings = self.checklist.run(self.plan)
            self._findings = (self.plan, findings)
        return findings

    def open_required(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.required)

    def statuses(self) -> list[tuple[Section, SectionStatus]]:
        """Each section's status, from the same checklist findings."""
        from iep_meeting.model.progress import section_status

        key = (self.plan, self.sections, frozenset(self.visited))
        shown = self._statuses[0]
        if shown and shown[0] is key[0] and shown[1] is key[1] and shown[2] == key[2]:
            return self._statuses[1]
        by_section: dict[str, list[Finding]] = {}
        for finding in self.findings:
            by_section.setdefault(finding.section, []).append(finding)
        statuses = [
            (s, section_status(s, self.plan, s.id in self.visited, by_section.get(s.id, ()))) for s in self.sections
        ]
        self._statuses = (key, statuses)
        return statuses

    @property
    def schedule(self) -> Schedule:
        """When the plan says the meeting is (date, start, planned end), and whether it is final."""
        meeting = self.plan.meeting
        return Schedule.of(meeting.date, meeting.start_time, meeting.planned_end, self.plan.status)

    def clock_reading(self) -> ClockReading:
        """The clock now: before the start, running, on another day, or stopped on a final plan."""
        return self.clock.read(self.now(), self.budget(self.current.id), self.schedule)

    # time boxes

    @property
    def length(self) -> int | None:
        """The meeting's minutes from its start time to its planned end (None unless the plan has both)."""
        return meeting_length(self.plan.meeting.start_time, self.plan.meeting.planned_end)

    @property
    def fitting(self) -> Fitting:
        """The agenda's budgets fitted to the meeting's length, with any minutes moved since."""
        return self.timekeeper.fitting(self.sections, self.length)

    def budget(self, section_id: str) -> int:
        """A section's minutes in this meeting (the agenda's, fitted to its length)."""
        minutes = self.fitting.minutes(section_id)
        found = self.section(section_id)
        return minutes if minutes is not None else found.minutes if found is not None else 0

    def take_more_time(self) -> Moved:
        """Five more minutes for the current section, taken from the sections after it."""
        moved = self.timekeeper.take_more_time(self.sections, self.length, self.current.id)
        self._news.publish(StatusKind.TIME_BOXES)
        return moved

    # changes

    @property
    def readonly(self) -> bool:
        return self.readonly_reason is not None

    def edit(self, path: paths.Path, value: Any, *, by: object | None = None) -> Change[Plan] | None:
        """Set the value at `path`. Returns the change (None: nothing changed, or read-only)."""
        return self.apply(lambda plan: paths.set_in(plan, path, value), by=by)

    def apply(self, change: Callable[[Plan], Plan], what: str = "", *, by: object | None = None) -> Change[Plan] | None:
        """Replace the plan by change(plan), and tell every subscriber what changed
        (`by`: who asked, so that a field is not shown its own edit again).
        Returns the change (None: nothing changed, or read-only)."""
        if self.readonly:
            return None
        from iep_meeting.model.next_year import clear_changed  # loaded with the checklist, after the first frame

        new = clear_changed(self.plan, change(self.plan))  # editing last year's carried part reviews it
        return self._replace(new, what, by, save=True)

    def _replace(self, new: Plan, what: str, by: object | None, *, save: bool = False) -> Change[Plan] | None:
        old = self.plan
        changed = paths.changed_paths(old, new)
        if not changed:
            return None
        self.plan = new
        sections = sections_for(self.agenda, new, self.profile)  # transition may come or go with the birth date
        if sections != self.sections:
            self.sections = sections
        if save:
            self.saves.changed()  # before the news: a subscriber's failure must not keep it from disk
        news = Change(new, old, changed, by, what)
        self._news.publish(news)
        return news

    def note_unsaved(self, path: paths.Path, value: UnsavedValue | None) -> None:
        """A field holds text the plan cannot take (`value`), or no longer does (None)."""
        if self.unsaved.note(path, value):
            self._news.publish(StatusKind.UNSAVED)

    # saving

    @property
    def autosave(self) -> Autosave:
        return self.saves.policy

    @property
    def save_state(self) -> SaveState:
        return SaveState.SAVED if self.readonly else self.saves.state

    @property
    def saving(self) -> bool:
        return self.saves.saving

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Call `callback` once no save is being written in the background (at once if none is):
        for what writes the plan itself (save now, quit, finalize, the family's copy)."""
        self.saves.when_idle(callback)

    def write(self, plan: Plan) -> str | None:
        """Write `plan` (in any thread); the problem in words, or None. Changes no state here."""
        try:
            self.plan_file.save(plan)
        except StoreError as error:
            return str(error)
        return None

    def save_now(self) -> str | None:
        """Save in this thread (on quit, ctrl+s). Returns the problem, if any. Call it
        through `when_idle` while the meeting runs."""
        if self.readonly:
            return None
        return self.saves.save_now()

    def save_as(self, path: Path) -> None:
        """Write the plan to a new file and keep saving there; raises StoreError."""
        self.plan_file.save_as(path, self.plan)
        self.saves.saved_elsewhere()

    # finishing the meeting

    def finalize(self, today: dt.date) -> None:
        """Make the plan final and sealed, save it at once, and stop editing it.
        Raises StoreError (and changes nothing) when it cannot be saved."""
        from iep_meeting.model.edits import finalize  # with the seal: loaded when a meeting ends, not at start
        from iep_meeting.store.seal import sealed

        final = sealed(finalize(self.plan, today))
        self.plan_file.save(final)
        self.saves.saved_elsewhere()
        self.plan_file.close()
        self.readonly_reason = final_reason(final)
        self.saves.stop()
        self._replace(final, "finalized", None)
        self._news.publish(StatusKind.READ_ONLY)

    @property
    def file_readonly_reason(self) -> str:
        """Why the plan's file cannot be written (when `writable_file` is false)."""
        return self.plan_file.readonly_reason or OPENED_TO_LOOK

    def record_copy_after_final(self, copy: FamilyCopy) -> None:
        """Record in the final plan the family's copy made after finalizing, outside its
        seal (store/after_final.py). Raises StoreError, changing nothing, when it cannot."""
        from iep_meeting.store.after_final import record_copy_after_final

        if not self.writable_file:
            raise StoreError(f"not recorded in the plan: {self.file_readonly_reason}")
        self._replace(record_copy_after_final(self.plan_file.path, self.plan, copy), "recorded a copy", None)

    def record_translation(self, made: Translation, *, by: object | None = None) -> None:
        """Keep `made` (the family-language version of one text) in the plan: a draft
        saves it like any edit; a final plan records it outside its seal, at once
        (store/after_final.py). Raises StoreError, changing nothing, when it cannot."""
        from iep_meeting.model.translations import with_translation

        if not self.writable_file:
            raise StoreError(f"not recorded in the plan: {self.file_readonly_reason}")
        if self.plan.status is Status.FINAL:
            from iep_meeting.store.after_final import record_translations_after_final

            self._replace(record_translations_after_final(self.plan_file.path, self.plan, (made,)), "translated", by)
        else:
            self.apply(lambda plan: with_translation(plan, made), "translated", by=by)

    def continue_later(self, today: dt.date, follow_up: dt.date | None) -> str | None:
        """Close the meeting as "to be continued": the open items go into the plan,
        which is saved at once. Returns the problem saving it, if any."""
        from iep_meeting.model.edits import continue_later

        open_items = tuple(f.message for f in self.open_required())
        self.apply(lambda plan: continue_later(plan, today, open_items, follow_up), "to be continued")
        return self.save_now()


def final_reason(plan: Plan) -> str:
    when = f" on {plan.sign_off.finalized}" if plan.sign_off.finalized else ""
    return (
        f"this plan was finalized{when}; a final IEP is changed only by an amendment, "
        "a new plan made from this one (the amend command, in the README)"
    )


def open_session(
    path: Path, *, read_only: bool = False, agenda_dir: Path | None = None, now: Now = dt.datetime.now
) -> MeetingSession:
    """Everything a meeting needs; raises StoreError with a clear message, writing nothing."""
    plan_file = PlanFile.open(path, readonly=read_only)
    try:
        source = find_agenda(agenda_id_for(plan_file.plan), agenda_dir)
        profile = profile_for(plan_file.plan, source.agenda, agenda_dir)
    except StoreError:
        plan_file.close()
        raise
    return MeetingSession(plan_file, source.agenda, lambda: _banks(agenda_dir), profile=profile, now=now)


def _banks(agenda_dir: Path | None) -> Banks:
    from iep_meeting.store.bank_files import load_banks  # read when a section first offers choices

    # A broken bank file of the district's is skipped (the built-in items stay).
    return load_banks(agenda_dir, on_error=lambda _: None)
