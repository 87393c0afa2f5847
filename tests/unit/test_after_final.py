"""A final plan records the copies made for the family after it was finalized
(store/after_final.py), outside its seal: what the team agreed stays sealed,
and a copy is recorded only while the file still holds what was sealed."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.diff_report import change_lines
from iep_meeting.documents.full_plan import full_plan
from iep_meeting.documents.html import document_html
from iep_meeting.meeting.session import open_session
from iep_meeting.model.diff import plan_changes
from iep_meeting.model.edits import finalize
from iep_meeting.model.plan import FamilyCopy, Plan, Status
from iep_meeting.store.after_final import record_copy_after_final
from iep_meeting.store.errors import StoreError
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.lock import PlanLock, PlanLockedError, lock_path_for
from iep_meeting.store.plan_file import create_plan_file, load_plan, load_plan_file, plan_to_text
from iep_meeting.store.seal import seal_intact, sealed
from tests.complete_plans import annual_review

FINALIZED = dt.date(2026, 12, 3)
SPANISH_COPY = FamilyCopy(date=dt.date(2026, 12, 4), language="Spanish", document="family", sha256="ab" * 32)
ENGLISH_COPY = FamilyCopy(date=dt.date(2026, 12, 4), language="English", document="family", sha256="cd" * 32)
FORMAT1_FINAL = Path(__file__).resolve().parents[1] / "data" / "format1" / "final-sealed.toml"


@pytest.fixture
def final() -> Plan:
    return sealed(finalize(load_plan(sample_plan_path()), FINALIZED))


@pytest.fixture
def final_file(tmp_path, final) -> Path:
    return create_plan_file(tmp_path / "sam.iep.toml", final)


def test_the_copy_is_recorded_and_the_seal_holds(final, final_file):
    recorded = record_copy_after_final(final_file, final, SPANISH_COPY)
    loaded = load_plan_file(final_file)
    assert loaded.plan == recorded and recorded.copies_after_final == (SPANISH_COPY,)
    assert seal_intact(loaded)
    assert attrs.evolve(recorded, copies_after_final=()) == final  # nothing the team agreed changed
    assert main(["check", str(final_file)]) == 0  # `check` finds the seal intact


def test_each_file_made_is_kept_and_the_same_file_once(final, final_file):
    once = record_copy_after_final(final_file, final, SPANISH_COPY)
    again = record_copy_after_final(final_file, once, SPANISH_COPY)
    both = record_copy_after_final(final_file, again, ENGLISH_COPY)
    assert both.copies_after_final == (SPANISH_COPY, ENGLISH_COPY)
    assert load_plan(final_file) == both


def test_a_plan_without_such_copies_writes_no_such_list(final):
    # So a final plan sealed before the list existed hashes to the same seal.
    assert "copies_after_final" not in plan_to_text(final)
    assert "[[copies_after_final]]" in plan_to_text(attrs.evolve(final, copies_after_final=(SPANISH_COPY,)))


def refused(path: Path, shown: Plan, *words: str) -> None:
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        record_copy_after_final(path, shown, SPANISH_COPY)
    message = str(caught.value)
    assert all(word in message for word in words), message
    assert path.read_bytes() == before  # nothing written


def test_a_changed_final_plan_is_not_recorded_in(final, final_file):
    text = final_file.read_text(encoding="utf-8")
    final_file.write_text(text.replace("minutes = 150", "minutes = 15", 1), encoding="utf-8")
    refused(final_file, final, "not recorded in the plan", "no longer holds what was sealed", "iep-meeting check")


def test_another_plan_at_the_path_is_not_recorded_in(final, final_file):
    other = sealed(finalize(load_plan(sample_plan_path()), FINALIZED + dt.timedelta(days=1)))
    refused(final_file, other, "is not the plan open here any more")


def test_a_draft_is_not_recorded_in_this_way(tmp_path):
    draft = load_plan(sample_plan_path())
    path = create_plan_file(tmp_path / "draft.iep.toml", draft)
    refused(path, draft, "is not a final plan")


def test_a_format_1_final_plan_is_never_rewritten(tmp_path):
    path = tmp_path / "old.iep.toml"
    shutil.copyfile(FORMAT1_FINAL, path)
    path.chmod(0o600)
    shown = load_plan(path)
    assert shown.status is Status.FINAL
    refused(path, shown, "plan format 1", "never rewritten")


def test_a_plan_open_elsewhere_is_not_recorded_in(final, final_file):
    before = final_file.read_bytes()
    with PlanLock.acquire(final_file), pytest.raises(PlanLockedError):
        record_copy_after_final(final_file, final, SPANISH_COPY)
    assert final_file.read_bytes() == before


def test_a_symbolic_link_is_not_followed(final, final_file, tmp_path):
    link = tmp_path / "link.iep.toml"
    link.symlink_to(final_file)
    refused(link, final, "symbolic link")


def test_the_full_iep_and_the_diff_name_the_copy(final, final_file):
    recorded = record_copy_after_final(final_file, final, SPANISH_COPY)
    html = document_html(full_plan(recorded, locale_strings("en")))
    assert "Each copy made after the plan was final" in html and SPANISH_COPY.sha256[:12] in html
    lines = change_lines(plan_changes(final, recorded))
    assert any("Copy made after finalizing" in line and "Spanish" in line for line in lines), lines


def test_an_amendment_starts_without_them(final, final_file, tmp_path):
    record_copy_after_final(final_file, final, SPANISH_COPY)
    amendment = tmp_path / "amendment.iep.toml"
    assert main(["amend", str(final_file), str(amendment)]) == 0
    assert load_plan(amendment).copies_after_final == ()
    assert load_plan(final_file).copies_after_final == (SPANISH_COPY,)  # the final plan keeps its record


def test_finalized_in_the_meeting_then_the_copy_is_recorded(tmp_path):
    path = create_plan_file(tmp_path / "review.iep.toml", annual_review())
    session = open_session(path)
    session.finalize(FINALIZED)  # saves the sealed plan and lets go of the plan's lock
    session.record_copy_after_final(SPANISH_COPY)
    loaded = load_plan_file(path)
    assert loaded.plan.copies_after_final == (SPANISH_COPY,) and seal_intact(loaded)
    assert session.plan == loaded.plan
    assert not lock_path_for(path).exists()  # the lock taken to write it is gone again


def test_a_session_opened_read_only_records_nothing(final_file):
    session = open_session(final_file, read_only=True)
    before = final_file.read_bytes()
    with pytest.raises(StoreError, match="not recorded in the plan: opened to look at, not to change"):
        session.record_copy_after_final(SPANISH_COPY)
    assert final_file.read_bytes() == before
