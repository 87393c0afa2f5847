"""What the room reads on the shared screen is whole and in words: agenda titles
wrap between words (at 120 and at 80 columns), the close section's checklist
names no key paths or regulations (F10's detail does), and a table at 80x24
never breaks a word."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import OptionList

from iep_meeting.model.plan import Decision
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.tui.dialogs.checklist import ChecklistScreen
from iep_meeting.tui.sections.close import decisions_table
from iep_meeting.tui.widgets.agenda_list import AgendaList
from iep_meeting.tui.widgets.checklist_view import ChecklistView
from tests.app.harness import make_app, open_section, settled
from tests.factories import small_plan


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’,.()-]+", text.replace("\u00a0", " "))


def options_text(options: OptionList) -> str:
    return "\n".join(str(options.get_option_at_index(i).prompt) for i in range(options.option_count))


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_agenda_titles_wrap_between_words_and_are_never_cut(tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        agenda = app.meeting_screen.query_one(AgendaList)
        shown = options_text(agenda)
        assert "…" not in shown
        for section in app.session.sections:  # every word of every title, whole, in order
            assert " ".join(section.title.split()) in " ".join(words(shown)), section.title


async def test_the_close_section_s_checklist_is_words_only_and_f10_keeps_the_detail(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_section(pilot, app, "close")
        on_the_close = options_text(app.meeting_screen.query_one(ChecklistView))
        assert "required" in on_the_close
        assert "Fix in:" not in on_the_close and "CFR" not in on_the_close
        await pilot.press("f10")
        await settled(pilot, app)
        assert isinstance(app.screen, ChecklistScreen)
        detail = options_text(app.screen.query_one(ChecklistView))
        assert "Fix in:" in detail and "CFR" in detail


def test_the_decisions_table_at_80_columns_never_breaks_a_word() -> None:
    titles = {s.id: s.title for s in find_agenda("annual-review").agenda.sections}
    plan = small_plan()
    decided = Decision(
        time=dt.datetime(2026, 12, 3, 16, 5),
        section="accommodations",
        what="Extended time and individualized checklists for every assignment",
    )
    decisions = (*plan.decisions, decided)
    console = Console(width=44, record=True)  # the close section's width at 80x24
    console.print(decisions_table(decisions, titles))
    shown = set(words(console.export_text()))
    for text in ("Accommodations and supports", "Special education and related services", decided.what):
        for word in text.split():
            assert word in shown, word
