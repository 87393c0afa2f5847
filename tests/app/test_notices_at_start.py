"""What the app says when it starts, on the shared screen: a theme file it
skipped (file, key and line; the theme is never offered, so choosing themes in
the middle of a meeting cannot fail), and a stale lock it took over, even one
left without a record of who held it."""

from __future__ import annotations

from pathlib import Path

from iep_meeting.meeting.session import open_session
from iep_meeting.store.lock import lock_path_for
from iep_meeting.tui.app import IEPMeetingApp
from tests.app.harness import FakeClock, make_app, write_plan
from tests.app.test_visible_app import drawn


async def notice(pilot, app, words: str) -> str:
    """The screen once a notice with `words` has slid in (bounded)."""
    for _ in range(40):
        await pilot.pause()
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
