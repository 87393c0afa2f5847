"""What the app says on the shared screen: at the start, a theme file it
skipped (file, key and line; the theme is never offered, so choosing themes in
the middle of a meeting cannot fail) and a stale lock it took over, even one
left without a record of who held it; and, with the family's copy, the
characters no font of the computer has."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from textual.pilot import Pilot
from textual.widgets import Label

from iep_meeting.meeting.session import open_session
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.lock import lock_path_for
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.app import IEPMeetingApp
from tests.app.harness import FakeClock, make_app, open_section, write_plan
from tests.app.test_visible_app import drawn


async def notice(pilot: Pilot[int], app: IEPMeetingApp, words: str, limit: float = 10.0) -> str:
    """The screen once a notice with `words` has slid in (bounded: `limit` seconds,
    as a loaded machine may take a while to draw it)."""
    waited = 0.0
    while waited < limit:
        await pilot.pause(0.05)
        waited += 0.05
        text = drawn(app)
        if words in text:
            return text
    raise AssertionError(f"no notice with {words!r}")


async def test_a_theme_textual_cannot_show_is_skipped_named_and_never_offered(tmp_path: Path) -> None:
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "mine.toml").write_text('name = "mine"\ndark = true\nprimary = "#zzzzzz"\n', encoding="utf-8")
    session = open_session(write_plan(tmp_path), now=FakeClock())
    app = IEPMeetingApp(session, theme_name="mine", theme_dir=themes, cursor_blink=False)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        text = await notice(pilot, app, "Theme skipped")
        assert "mine.toml" in text and "line 3, at primary:" in text.replace("\n", " ")
        assert app.theme == "iep-dark" and "mine" not in app.available_themes
        for name in app.available_themes:  # what ctrl+p › Theme offers, each chosen in turn
            app.theme = name
            await pilot.pause()
        assert app.is_running


async def test_a_lock_left_without_a_record_is_taken_over_and_said_on_screen(tmp_path: Path) -> None:
    path = write_plan(tmp_path)
    lock_path_for(path).write_bytes(b'{"pid": 4242, "us')  # its holder was killed while writing it
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        text = await notice(pilot, app, "Lock taken over")
        assert "without a record of who held it" in text and "taken over" in text


async def test_the_family_copy_dialog_names_characters_no_font_here_has(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF copy of a plan with a Chinese name, on a computer with no font for it."""
    pytest.importorskip("typst")
    from iep_meeting.documents import export
    from iep_meeting.store import font_files

    monkeypatch.setattr(export, "preferred_format", lambda: "pdf")
    monkeypatch.setattr(font_files, "_LIBRARY", font_files.FontLibrary([]))
    plan = load_plan(sample_plan_path())
    plan = attrs.evolve(plan, student=attrs.evolve(plan.student, name="王小明"))
    app = make_app(tmp_path, plan)
    monkeypatch.setattr(app, "open_file", lambda path: True)  # no browser here
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "close")
        await pilot.press("ctrl+g")
        await notice(pilot, app, "is made")
        text = " ".join(str(label.render()) for label in app.screen.query(Label))
        assert "have no font on this computer, so the PDF shows them by their code: 小 (U+5C0F)" in text
