"""An interpreter's translation of the team's words, kept by the headless meeting:
in a draft like any edit (saved by the change), in a final plan outside its seal
(the seal still holds), and refused in words where the plan cannot take it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iep_meeting.meeting.publish import Change
from iep_meeting.meeting.scheduling import ManualScheduler
from iep_meeting.meeting.session import open_session
from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import Plan
from iep_meeting.model.translations import TranslationState, states, translated
from iep_meeting.store.errors import StoreError
from iep_meeting.store.plan_file import load_plan, load_plan_file, plan_to_text
from iep_meeting.store.seal import seal_intact, sealed
from tests.complete_plans import annual_review

NOW = dt.datetime(2026, 12, 3, 15, 42)


def written(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "plan.iep.toml"
    path.write_text(plan_to_text(plan), encoding="utf-8")
    path.chmod(0o600)
    return path


def goal_statement_state(plan: Plan) -> TranslationState:
    return next(state for item, state, _ in states(plan, "Spanish") if item.path == ("goals", 0, "statement"))


def test_a_translation_in_a_draft_is_published_and_saved_by_the_change(tmp_path: Path) -> None:
    session = open_session(written(tmp_path, annual_review()), now=lambda: NOW)
    clock = ManualScheduler()
    changes: list[Change[Plan]] = []
    session.subscribe(changes.append)
    session.start(clock)
    try:
        item = next(item for item, _, _ in states(session.plan, "Spanish") if item.path == ("goals", 0, "statement"))
        assert goal_statement_state(session.plan) is TranslationState.MISSING
        session.record_translation(translated(item, "Spanish", "Leerá 110 palabras.", "Ana Ruiz", NOW.date()))
        assert changes[-1].paths == (("translations",),)
        clock.advance(1.0)
        on_disk = load_plan(session.plan_file.path)
        assert goal_statement_state(on_disk) is TranslationState.CURRENT
        assert on_disk.translations[-1].by == "Ana Ruiz"
    finally:
        session.stop()
        session.plan_file.close()


def test_a_translation_after_finalizing_is_recorded_outside_the_seal(tmp_path: Path) -> None:
    final = sealed(finalize(annual_review(), NOW.date()))
    path = written(tmp_path, final)
    session = open_session(path, now=lambda: NOW)
    try:
        item = next(item for item, _, _ in states(session.plan, "Spanish") if item.path == ("goals", 0, "statement"))
        session.record_translation(translated(item, "Spanish", "Leerá 110 palabras.", "Ana Ruiz", NOW.date()))
        loaded = load_plan_file(path)
        assert seal_intact(loaded)
        assert goal_statement_state(loaded.plan) is TranslationState.CURRENT
        assert goal_statement_state(session.plan) is TranslationState.CURRENT
    finally:
        session.plan_file.close()


def test_a_plan_opened_read_only_refuses_a_translation_in_words_and_keeps_the_file(tmp_path: Path) -> None:
    path = written(tmp_path, annual_review())
    before = path.read_bytes()
    session = open_session(path, read_only=True, now=lambda: NOW)
    try:
        item = next(item for item, _, _ in states(session.plan, "Spanish"))
        with pytest.raises(StoreError, match="not recorded in the plan"):
            session.record_translation(translated(item, "Spanish", "Hola.", "Ana Ruiz", NOW.date()))
        assert path.read_bytes() == before
        assert not session.plan.translations
    finally:
        session.plan_file.close()
