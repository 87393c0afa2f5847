"""Close: decisions read back literally, action items, the parking lot, the sign-off placeholder."""

from __future__ import annotations

import datetime as dt
import io

import attrs
from rich.console import Console
from textual.widgets import OptionList, Static

from iep_meeting.model.plan import Decision, Outcome, ParkingLotItem, ParkingLotState
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import load_plan
from iep_meeting.tui.widgets.records import RecordList
from tests.app.harness import field, make_app, open_section, pick, saved

SIZE = (120, 36)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


def shown_text(static: Static, width: int = 200) -> str:
    """What the Static shows, as plain text."""
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(static.content)
    return console.export_text()


def sample_with(**changes):
    return attrs.evolve(load_plan(sample_plan_path()), **changes)


async def test_decisions_are_read_back_literally(tmp_path):
    decisions = (
        Decision(time=dt.datetime(2026, 12, 3, 16, 5), section="services", what="[bold]x[/] reading 4x a week"),
        Decision(
            time=dt.datetime(2026, 12, 3, 15, 50),
            section="goals",
            what="Three goals",
            outcome=Outcome.NOT_AGREED,
            disagreed="Mother: [red]too few[/]",
        ),
    )
    app = make_app(tmp_path, sample_with(decisions=decisions))
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        table = app.screen.query_one("#decisions", Static)
        assert table.display and not app.screen.query_one("#no-decisions").display
        text = shown_text(table)
        assert "[bold]x[/] reading 4x a week" in text
        assert "Mother: [red]too few[/]" in text and "! not agreed" in text and "✓ agreed" in text
        # The section's title, not its id; in a column of its own width, wrapped between its words.
        assert all(word in text.split() for word in ["Special", "education", "and", "related", "services"])
        assert text.index("15:50") < text.index("16:05")  # in the order they were made


async def test_no_decisions_yet_is_said_plainly(tmp_path):
    app = make_app(tmp_path)  # the sample has none
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        assert not app.screen.query_one("#decisions").display
        assert "No decisions recorded yet" in text_of(app, "#no-decisions")


async def test_action_item_is_added_with_owner_and_due_date(tmp_path):
    app = make_app(tmp_path)  # the sample has one action item
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        items = app.screen.query_one("#action-items", RecordList)
        items.query_one(OptionList).focus()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Dev", "tab", *"call", "tab", *"2026-12-10")  # owner, what, due

        plan = await saved(pilot, app)
        item = plan.action_items[1]
        assert (item.owner, item.what, item.due, item.done) == ("Dev", "call", dt.date(2026, 12, 10), False)
        summary = str(items.query_one(OptionList).get_option_at_index(1).prompt)
        assert summary.startswith("2. ○ to do — Dev — by 2026-12-10")


async def test_parking_lot_item_is_marked_resolved(tmp_path):
    parked = (
        ParkingLotItem(topic="Band [b]schedule", raised_by="Renata Vance"),
        ParkingLotItem(topic="Bus", state=ParkingLotState.FOLLOW_UP),
    )
    app = make_app(tmp_path, sample_with(parking_lot=parked))
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, app, "close")
        count = app.screen.query_one("#parking-count")
        assert "! 1 open item of 2" in str(count.render()) and count.has_class("-attention")
        lot = app.screen.query_one("#parking-lot", RecordList)
        first = str(lot.query_one(OptionList).get_option_at_index(0).prompt)
        assert first == "1. ○ open — Band [b]schedule (raised by Renata Vance)"

        state = field(app, "parking_lot", 0, "state")
        await pick(pilot, state.editor, "resolved")
        field(app, "parking_lot", 0, "resolution").editor.focus()
        await pilot.press(*"ok")

        plan = await saved(pilot, app)
        assert plan.parking_lot[0].state is ParkingLotState.RESOLVED
        assert plan.parking_lot[0].resolution == "ok"
        assert str(count.render()).startswith("✓ No open items")
        assert not count.has_class("-attention")


async def test_a_final_plans_close_shows_the_familys_response_after_the_meeting(tmp_path):
    from iep_meeting.model.edits import finalize
    from iep_meeting.model.plan import FamilyResponse, ResponseAnswer
    from iep_meeting.store.seal import sealed

    plan = sealed(finalize(load_plan(sample_plan_path()), dt.date(2026, 12, 3)))
    answered = attrs.evolve(
        plan,
        responses=(
            FamilyResponse(
                date=dt.date(2026, 12, 14), answer=ResponseAnswer.ACCEPTED_IN_PART, rejected="the 1:1 aide", by="R. V."
            ),
        ),
    )
    app = make_app(tmp_path, answered)
    async with app.run_test(size=(120, 36)) as pilot:
        app.meeting_screen.go_to("close")  # read-only: no field takes the focus, so wait for the form itself
        for _ in range(100):
            await pilot.pause()
            if app.screen.query("#responses-after-final"):
                break
        shown = app.screen.query_one("#responses-after-final", Static)
        assert shown.display
        assert "2026-12-14 · accepted in part (what is rejected named) · rejected: the 1:1 aide · R. V." in str(
            shown.content
        )
