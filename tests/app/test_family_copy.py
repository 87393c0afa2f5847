"""At the close, one key (ctrl+g) makes the family's copy in the family's
language next to the plan, records which copy it was in the plan (kind,
language, date, the file's SHA-256), and offers to open it."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import attrs
import pytest
from textual.widgets import Label, OptionList

from iep_meeting.documents import export
from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import CopyMethod, FamilyCopy
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan, load_plan_file
from iep_meeting.store.seal import seal_intact, sealed
from iep_meeting.tui.app import IEPMeetingApp
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import FIXED_NOW, make_app, open_section, saved, settled

SIZE = (120, 36)
TODAY = FIXED_NOW.date()


@pytest.fixture(autouse=True)
def html_copies(monkeypatch):
    """The copy as HTML (a PDF needs the typst compiler, and is tested in tests/unit)."""
    monkeypatch.setattr(export, "preferred_format", lambda: "html")


def opener(app: IEPMeetingApp) -> list[Path]:
    """Stand in for the browser: the files the app asked to open."""
    opened: list[Path] = []

    def open_file(path: Path) -> bool:
        opened.append(path)
        return True

    app.open_file = open_file  # type: ignore[method-assign]
    return opened


async def dialog_saying(pilot, app, words: str) -> ConfirmDialog:
    """The dialog that says `words`, once it is open (bounded wait)."""
    for _ in range(100):
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog) and words in dialog_text(app.screen):
            await settled(pilot, app)
            return app.screen
    raise AssertionError(f"no dialog saying {words!r}")


async def make_copy(pilot, app, words: str = "is made") -> ConfirmDialog:
    await pilot.press("ctrl+g")
    return await dialog_saying(pilot, app, words)


def dialog_text(dialog: ConfirmDialog) -> str:
    return " ".join(str(label.render()) for label in dialog.query(Label))


async def test_ctrl_g_makes_the_spanish_copy_records_it_and_opens_it(tmp_path):
    app = make_app(tmp_path)  # the sample: the father's language is Spanish
    opened = opener(app)
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        dialog = await make_copy(pilot, app)
        made = tmp_path / "plan-family-es.html"
        digest = hashlib.sha256(made.read_bytes()).hexdigest()
        assert str(made) in dialog_text(dialog) and digest[:12] in dialog_text(dialog)
        assert "Recorded in the plan" in dialog_text(dialog)
        await pilot.press("enter")  # "Open it" is the default
        await settled(pilot, app)
        assert opened == [made]

        assert made.stat().st_mode & 0o777 == 0o600
        assert 'lang="es"' in made.read_text(encoding="utf-8")
        copies = (await saved(pilot, app)).family_copies  # the plan on disk
        assert copies == (FamilyCopy(date=TODAY, language="Spanish", document="family", sha256=digest),)
        shown = str(
            app.screen.query_one("#family-copies", RecordList).query_one(OptionList).get_option_at_index(0).prompt
        )
        assert "Spanish" in shown and str(TODAY) in shown and "family" in shown and digest[:12] in shown

        # The same command is in the palette.
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Make the family's copy (ctrl+g)" in titles


async def test_a_copy_made_before_is_replaced_only_when_asked(tmp_path):
    # The family's copy was written down by hand: in Spanish, given in person.
    by_hand = FamilyCopy(method=CopyMethod.IN_PERSON, date=dt.date(2026, 12, 1), language="Spanish")
    app = make_app(tmp_path, attrs.evolve(load_plan(sample_plan_path()), family_copies=(by_hand,)))
    opener(app)
    made = tmp_path / "plan-family-es.html"
    made.write_bytes(b"the copy made before the last edit")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_section(pilot, app, "close")
        await make_copy(pilot, app, "Replace")
        await pilot.press("enter")  # "Keep it" is the default
        await settled(pilot, app)
        assert made.read_bytes() == b"the copy made before the last edit"
        assert app.session.plan.family_copies == (by_hand,)
        assert any("Nothing made" in n.message for n in app._notifications)

        await make_copy(pilot, app, "Replace")
        await pilot.click("#confirm")  # "Replace it"
        await dialog_saying(pilot, app, "is made")
        digest = hashlib.sha256(made.read_bytes()).hexdigest()
        assert 'lang="es"' in made.read_text(encoding="utf-8")
        # The record written by hand now names the file; how it is given stays.
        copies = (await saved(pilot, app)).family_copies
        assert copies == (attrs.evolve(by_hand, date=TODAY, document="family", sha256=digest),)


async def test_a_copy_that_cannot_be_written_is_said_and_nothing_is_recorded(tmp_path):
    app = make_app(tmp_path)
    opened = opener(app)
    (tmp_path / "plan-family-es.html").mkdir()  # a folder where the copy would go
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_section(pilot, app, "close")
        await make_copy(pilot, app, "Replace")
        await pilot.click("#confirm")
        await settled(pilot, app)
        assert not isinstance(app.screen, ConfirmDialog)
        problems = [n.message for n in app._notifications if n.severity == "error"]
        assert problems and "was not made" in problems[0] and "is a folder" in problems[0]
        assert app.session.plan.family_copies == () and opened == []
        assert (await saved(pilot, app)).family_copies == ()


async def test_a_final_plan_records_its_copy_outside_the_seal(tmp_path):
    final = sealed(finalize(load_plan(sample_plan_path()), dt.date(2026, 12, 3)))
    app = make_app(tmp_path, final)
    opener(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)  # its form is read-only: the key works from anywhere in the meeting
        dialog = await make_copy(pilot, app)
        made = tmp_path / "plan-family-es.html"
        digest = hashlib.sha256(made.read_bytes()).hexdigest()
        assert "Recorded in the final plan" in dialog_text(dialog) and "its seal holds" in dialog_text(dialog)
        seal = final.sign_off.content_sha256 or "no seal"
        assert seal[:12] in made.read_text(encoding="utf-8")  # the copy shows the seal
        await pilot.click("#cancel")
        assert isinstance(app.screen, MeetingScreen)
        app.screen.go_to("close")  # a final plan's form takes no focus: wait for the section itself
        for _ in range(100):
            await pilot.pause()
            if app.screen.query("#copies-after-final"):
                break
        await settled(pilot, app)
        shown = str(app.screen.query_one("#copies-after-final").render())
        assert "Copies made after finalizing" in shown and f"Spanish · family · {TODAY} · sha256 {digest[:12]}" in shown
    loaded = load_plan_file(app.session.plan_file.path)
    assert loaded.plan.copies_after_final == (
        FamilyCopy(date=TODAY, language="Spanish", document="family", sha256=digest),
    )
    assert seal_intact(loaded)  # what the team agreed is as sealed
    assert attrs.evolve(loaded.plan, copies_after_final=()) == final
    assert app.session.plan == loaded.plan


async def test_a_final_plan_opened_read_only_gets_its_copy_but_no_record(tmp_path):
    final = sealed(finalize(load_plan(sample_plan_path()), dt.date(2026, 12, 3)))
    app = make_app(tmp_path, final, read_only=True)
    opener(app)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        dialog = await make_copy(pilot, app)
        digest = hashlib.sha256((tmp_path / "plan-family-es.html").read_bytes()).hexdigest()
        text = dialog_text(dialog)
        assert "Not recorded in the plan: opened to look at, not to change" in text and digest in text
        assert "Nothing you do here changes the file" in str(app.meeting_screen.query_one("#readonly-note").render())
    assert load_plan(app.session.plan_file.path) == final  # the sealed file is as it was
