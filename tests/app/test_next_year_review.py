"""Next year's plan in the app: what it carried over from last year is marked
"from last year — review" until the team changes it or keeps it as it is."""

from __future__ import annotations

from textual.widgets import Button, Label

from iep_meeting.model.edits import finalize
from iep_meeting.model.next_year import next_year_of
from iep_meeting.model.plan import Follows
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.seal import content_hash, sealed
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.widgets.carried_note import CarriedNote
from iep_meeting.tui.widgets.records import RecordList
from iep_meeting.words.labels import FROM_LAST_YEAR_MARK
from tests.app.harness import FIXED_NOW, field, make_app, open_section, saved, settled
from tests.factories import MEETING_DATE, small_plan
from tests.plan_files import to_review

SIZE = (120, 36)


def next_years_plan():
    last = sealed(finalize(small_plan(), MEETING_DATE))
    follows = Follows(path="sam-2026.toml", sha256=content_hash(last))
    return next_year_of(last, follows, find_agenda("annual-review", None).agenda, FIXED_NOW.date())


def summaries(records: RecordList) -> list[str]:
    options = records._options
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def note_of(app: IEPMeetingApp, section_id: str) -> CarriedNote:
    return app.screen.query_one(f"#editor-{section_id}").query_one(CarriedNote)


def note_text(note: CarriedNote) -> str:
    return str(note.query_one(".carried-text", Label).render())


async def test_carried_records_are_marked_until_changed_or_kept(tmp_path):
    app = make_app(tmp_path, next_years_plan())
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "services")
        note = note_of(app, "services")
        assert note.display
        assert note_text(note).startswith(f"{FROM_LAST_YEAR_MARK}: Service 1 (Specialized reading")
        assert "ctrl+o where the cursor is" in note_text(note)
        services = app.screen.query_one("#editor-services").query_one(RecordList)
        assert all(text.endswith(FROM_LAST_YEAR_MARK) for text in summaries(services))
        assert len(summaries(services)) == 3

        # Changing service 1 reviews it: its mark goes, the others keep theirs.
        setting = field(app, "services", 0, "setting")
        setting.editor.focus()
        await pilot.press("end", *" B")
        plan = await saved(pilot, app)
        assert "services:service-1" not in to_review(plan)
        assert "services:service-2" in to_review(plan)
        marks = [text.endswith(FROM_LAST_YEAR_MARK) for text in summaries(services)]
        assert marks == [False, True, True]
        assert "Service 1 (" not in note_text(note) and "Service 2 (" in note_text(note)

        # ctrl+o keeps the record where the cursor is as it is: the next service, same field.
        await pilot.press("ctrl+down")
        await settled(pilot, app)
        assert services.selected == 1
        await pilot.press("ctrl+o")
        await settled(pilot, app)
        plan = await saved(pilot, app)
        assert "services:service-2" not in to_review(plan)
        assert plan.services[1] == next_years_plan().services[1]  # unchanged
        assert [text.endswith(FROM_LAST_YEAR_MARK) for text in summaries(services)] == [False, False, True]

        # The note's button keeps all that is left here as it is.
        note.query_one("#carried-keep", Button).press()
        await settled(pilot, app)
        plan = await saved(pilot, app)
        assert not [entry for entry in to_review(plan) if entry.startswith("services:")]
        assert not note.display
        assert not any(text.endswith(FROM_LAST_YEAR_MARK) for text in summaries(services))
        assert "accommodations:accommodation-1" in to_review(plan)  # other sections' are still to review

        # Where nothing was carried, ctrl+o says so and changes nothing.
        await open_section(pilot, app, "goals")
        await pilot.press("ctrl+o")
        await settled(pilot, app)
        assert to_review(app.session.plan) == to_review(plan)


async def test_parts_carried_as_one_are_named_in_their_section(tmp_path):
    app = make_app(tmp_path, next_years_plan())
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "placement")
        text = note_text(note_of(app, "placement"))
        assert "How the student takes state and district tests" in text and "The special factors" in text
        await open_section(pilot, app, "present-levels")
        text = note_text(note_of(app, "present-levels"))
        assert "The family's concerns" in text and "Present levels area 1 (reading fluency)" in text
        await open_section(pilot, app, "goals")
        assert not note_of(app, "goals").display  # nothing was carried into this year's goals


async def test_a_plan_not_started_from_last_year_shows_no_note(tmp_path):
    app = make_app(tmp_path, small_plan())
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "services")
        assert not app.screen.query(CarriedNote)
