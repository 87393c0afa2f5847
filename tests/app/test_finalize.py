"""Finishing a meeting: finalizing is refused while the checklist has required
items open; the team fixes them through the screens, finalizes, and the final
plan then opens read-only and is changed only by an amendment."""

from __future__ import annotations

import datetime as dt

import attrs

from iep_meeting.cli.main import main
from iep_meeting.meeting.session import open_session
from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import CopyMethod, MeetingKind, Status
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.plan_file import PlanFile, load_plan
from iep_meeting.store.seal import content_hash, sealed
from iep_meeting.tui.dialogs.checklist import ChecklistScreen
from iep_meeting.tui.dialogs.confirm import ConfirmDialog
from iep_meeting.tui.dialogs.continue_later import ContinueLaterDialog
from iep_meeting.tui.screens.meeting import MeetingScreen
from iep_meeting.tui.widgets.checklist_view import ChecklistView
from tests.app.harness import FIXED_NOW, FakeClock, field, make_app, pick, saved
from tests.factories import small_plan

SIZE = (120, 36)


def incomplete_plan():
    plan = small_plan()
    goals = list(plan.goals)
    goals[1] = attrs.evolve(goals[1], baseline="")
    return attrs.evolve(
        plan,
        # a first IEP: the parent's consent is required (34 CFR 300.300(b))
        meeting=attrs.evolve(plan.meeting, kind=MeetingKind.INITIAL),
        goals=tuple(goals),
        sign_off=attrs.evolve(plan.sign_off, parent_consent=None, parent_consent_date=None),
        family_copies=(attrs.evolve(plan.family_copies[0], method=None),),
    )


async def settle(pilot) -> None:
    for _ in range(4):
        await pilot.pause()


async def open_finding(pilot, rule: str) -> None:
    """In the checklist screen, move to the finding of `rule` and press Enter."""
    screen = pilot.app.screen
    assert isinstance(screen, ChecklistScreen)
    view = screen.query_one(ChecklistView)
    index = next(i for i, f in enumerate(view._findings) if f is not None and f.rule == rule)
    view.highlighted = index
    await pilot.press("enter")
    await settle(pilot)


async def choose(pilot, label: str) -> None:
    """Pick the option of the focused choice whose words start with `label`."""
    await pick(pilot, pilot.app.focused, label)
    await settle(pilot)


async def test_finalize_is_refused_then_fixed_through_the_screens_then_locked(tmp_path):
    app = make_app(tmp_path, incomplete_plan())
    path = app.session.plan_file.path
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = str(app.screen.query_one("#checklist").render())
        assert "3 open" in bar

        # Refused: the checklist shows what is missing, and nothing changes on disk.
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, ChecklistScreen)
        title = str(app.screen.query_one(".dialog-title").render())
        assert "Not finalized: 3 required items are still open" in title
        assert load_plan(path).status is Status.DRAFT

        # Each item jumps to the field that fixes it.
        await open_finding(pilot, "goal-measurable")
        assert app.session.current.id == "goals"
        baseline = field(app, "goals", 1, "baseline")
        assert app.focused is baseline.editor
        await pilot.press(*"4 of 10 samples")
        await settle(pilot)

        await pilot.press("f10")
        await settle(pilot)
        await open_finding(pilot, "parent-consent")
        assert app.session.current.id == "close"
        assert app.focused is field(app, "sign_off", "parent_consent").editor
        await choose(pilot, "yes")
        field(app, "sign_off", "parent_consent_date").editor.focus()
        await pilot.press(*"2026-03-12")  # the meeting day: consent comes before the services start

        await pilot.press("f10")
        await settle(pilot)
        await open_finding(pilot, "family-copy")
        assert app.focused is field(app, "family_copies", 0, "method").editor
        await choose(pilot, "email")
        await settle(pilot)
        assert "✓ checklist done" in str(app.screen.query_one("#checklist").render())

        # Finalize: asked first, then final, sealed and read-only.
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.click("#confirm")
        await settle(pilot)
        final = load_plan(path)
        assert final.status is Status.FINAL
        assert final.sign_off.finalized == FIXED_NOW.date()  # the session's clock, as the meeting clock reads it
        assert final.goals[1].baseline == "4 of 10 samples"
        assert final.sign_off.parent_consent is True and final.family_copies[0].method is CopyMethod.EMAIL
        assert final.sign_off.content_sha256 == content_hash(final)
        assert app.session.readonly
        assert "finalized" in str(app.screen.query_one("#readonly-note").render())
        await pilot.press("f2")  # nothing can be recorded any more
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MeetingScreen"
    assert check_plan_file(path).required_findings == ()

    # Reopened: read-only, and it says why.
    session = open_session(path, now=FakeClock())
    try:
        assert session.readonly and session.plan_file.readonly
        reason = session.readonly_reason
        assert reason is not None
        assert "amendment" in reason and "the amend command" in reason
        assert "iep-meeting" not in reason  # said on the shared screen: words, not a command
    finally:
        session.plan_file.close()

    # Amended: a new draft that names the final plan and carries it forward.
    amendment = tmp_path / "amendment.toml"
    assert main(["amend", str(path), str(amendment), "--date", "2027-01-15"]) == 0
    draft = load_plan(amendment)
    assert draft.status is Status.DRAFT and draft.meeting.kind is MeetingKind.AMENDMENT
    assert draft.amends is not None
    assert draft.amends.sha256 == content_hash(final) and (tmp_path / draft.amends.path).resolve() == path
    assert draft.goals == final.goals and draft.sign_off == type(draft.sign_off)()
    session = open_session(amendment, now=FakeClock())
    try:
        assert not session.readonly and session.agenda.id == "amendment"
    finally:
        session.plan_file.close()


async def test_to_be_continued_keeps_a_draft_and_lists_the_open_items(tmp_path):
    app = make_app(tmp_path, incomplete_plan())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, MeetingScreen)
        app.screen.go_to("close")
        await settle(pilot)
        await pilot.press("f11")
        await settle(pilot)
        assert isinstance(app.screen, ContinueLaterDialog)
        await pilot.press(*"2027-01-10x")  # a typo: refused with a message, nothing closes
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContinueLaterDialog)
        assert "year-month-day" in str(app.screen.query_one(".dialog-problem").render())
        await pilot.press("backspace", "enter")
        await settle(pilot)
        assert app.screen.__class__.__name__ == "MeetingScreen"
        plan = await saved(pilot, app)
        assert plan.status is Status.DRAFT
        assert plan.follow_up is not None
        assert str(plan.follow_up.date) == "2027-01-10"
        assert len(plan.follow_up.open_items) == 3
        assert any("parent consents" in item for item in plan.follow_up.open_items)
        note = str(app.screen.query_one("#follow-up").render())
        assert "to be continued" in note and "2027-01-10" in note


async def test_sign_off_lines_for_everyone_present_come_from_one_button(tmp_path):
    plan = small_plan()
    plan = attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, signatures=()))
    app = make_app(tmp_path, plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # From the checklist, "record whether ... agrees" lands on the button
        # that records everyone at the meeting agrees; the other lists them to ask each.
        await pilot.press("f10")
        await settle(pilot)
        await open_finding(pilot, "signoff-participant")
        assert app.session.current.id == "close"
        assert app.focused is app.screen.query_one("#all-agree")
        app.screen.query_one("#add-present").focus()
        await pilot.press("enter")
        await settle(pilot)
        names = [s.name for s in (await saved(pilot, app)).sign_off.signatures]
        assert names == ["Alex Example", "Sam Example", "Casey Fixture", "Morgan Mockwell", "Riley Stubbs"]
        view = app.screen.query_one("#close-checklist", ChecklistView)
        assert sum(f is not None and f.rule == "signoff-participant" for f in view._findings) == 5

        # Now each item goes to that person's agreement.
        await pilot.press("f10")
        await settle(pilot)
        await open_finding(pilot, "signoff-participant")
        assert app.focused is field(app, "sign_off", "signatures", 0, "agrees").editor
        await choose(pilot, "agrees")
        plan = await saved(pilot, app)
        assert plan.sign_off.signatures[0].agrees is True


async def test_a_final_plan_opens_read_only_and_says_why(tmp_path):
    final = sealed(finalize(small_plan(), dt.date(2026, 3, 12)))
    app = make_app(tmp_path, final)
    path = app.session.plan_file.path
    before = path.read_bytes()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        note = str(app.screen.query_one("#readonly-note").render())
        assert "finalized on 2026-03-12" in note and "amend" in note
        assert "Only the family's copy (ctrl+g) is recorded in it, outside its seal" in note
        field(app, "facilitation", "facilitator").editor.focus()
        await pilot.press(*"x")
        await pilot.press("ctrl+s")
        await settle(pilot)
        with PlanFile.open(path):  # the app holds no lock on a plan it only shows
            pass
    assert path.read_bytes() == before


async def test_everyone_here_agrees_in_one_key_then_the_exceptions_are_edited(tmp_path):
    plan = small_plan()
    plan = attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, signatures=()))
    app = make_app(tmp_path, plan)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        await open_finding(pilot, "signoff-participant")
        await pilot.press("enter")  # "Everyone here agrees"
        await settle(pilot)
        signatures = (await saved(pilot, app)).sign_off.signatures
        assert [s.agrees for s in signatures] == [True] * 5
        assert {s.date for s in signatures} == {plan.meeting.date}  # the meeting's date, not today's
        assert not any(f.rule == "signoff-participant" for f in app.session.findings)
