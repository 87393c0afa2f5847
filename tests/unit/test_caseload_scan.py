"""Reading a caseload's plan files (store/caseload_scan.py, store/plan_facts.py):
every plan found, each read quickly but as exactly as reading it whole, files
that cannot be read listed with the store's reason, and nothing touched."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iep_meeting.model.caseload import PlanFacts, facts_of
from iep_meeting.model.plan import FamilyCopy, FollowUp, MeetingKind, Status
from iep_meeting.store.caseload_cache import CaseloadCache
from iep_meeting.store.caseload_scan import find_plan_files, rule_profiles, scan
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.lock import PlanLock
from iep_meeting.store.plan_check import check_plan_file
from iep_meeting.store.plan_facts import read_facts
from iep_meeting.store.plan_file import load_plan, load_plan_file, plan_to_text
from iep_meeting.store.seal import canonical_seal_intact, file_digests, seal_intact, sealed
from tests.caseload_plans import copy_after_final, student_plan, write, write_caseload
from tests.factories import big_plan, small_plan
from tests.plan_files import AGREED_TARGET, files_under, tamper

FINAL = student_plan("Sam Example", "FAKE-1", dt.date(2013, 5, 4), dt.date(2025, 9, 1))


def as_whole(path: Path) -> PlanFacts:
    """The facts of a plan read whole, as `check` reads it (the reference)."""
    loaded = load_plan_file(path)
    plan = loaded.plan
    intact = plan.status is not Status.FINAL or seal_intact(loaded)
    amends = os.path.normpath(path.parent / plan.amends.path) if plan.amends is not None else ""
    return facts_of(str(path), plan, seal_intact=intact, amends=amends)


PLANS = {
    "draft": small_plan(),
    "final": FINAL,
    "final with copies made after": copy_after_final(FINAL, dt.date(2025, 9, 2)),
    "big": big_plan(40),
    "amendment": student_plan(
        "Sam Example", "FAKE-1", dt.date(2013, 5, 4), dt.date(2026, 1, 5), kind=MeetingKind.AMENDMENT
    ),
    "without optional parts": attrs.evolve(small_plan(), action_items=(), parking_lot=(), family_copies=()),
}


@pytest.mark.parametrize("name", list(PLANS))
def test_the_quick_reading_gives_the_facts_of_the_whole_plan(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / "plan.iep.toml", PLANS[name])
    assert read_facts(str(path), path.read_bytes()) == as_whole(path)


def test_the_sample_plan_and_a_format_1_plan_read_the_same_both_ways(tmp_path: Path) -> None:
    sample = tmp_path / "sample.iep.toml"
    shutil.copyfile(sample_plan_path(), sample)
    assert read_facts(str(sample), sample.read_bytes()) == as_whole(sample)
    compared = 0
    for path in sorted((Path(__file__).parents[1] / "data" / "format1").rglob("*.toml")):
        try:
            expected = as_whole(path)
        except FileProblemError:
            continue
        assert read_facts(str(path), path.read_bytes()) == expected, path
        compared += 1
    assert compared >= 2


def test_a_final_plan_changed_by_hand_is_seen(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.iep.toml", sealed(attrs.evolve(small_plan(), status=Status.FINAL)))
    assert read_facts(str(path), path.read_bytes()).seal_intact
    tamper(path)
    assert not read_facts(str(path), path.read_bytes()).seal_intact
    assert check_plan_file(path).required_findings[0].rule == "final-unchanged"


def test_a_final_plan_reformatted_by_hand_is_still_intact(tmp_path: Path) -> None:
    # Comments and blank lines change no value: the quick check cannot tell, the whole reading can.
    path = write(tmp_path / "plan.iep.toml", FINAL)
    path.write_text("# Sam's plan\n\n" + path.read_text(encoding="utf-8").replace("\n[", "\n\n[", 3), encoding="utf-8")
    data = path.read_bytes()
    assert not canonical_seal_intact(data, FINAL.sign_off.content_sha256 or "")
    assert read_facts(str(path), data).seal_intact


def test_a_copy_made_after_finalizing_keeps_the_quick_seal_check(tmp_path: Path) -> None:
    plan = attrs.evolve(
        FINAL,
        copies_after_final=(
            FamilyCopy(date=dt.date(2025, 9, 2), language="English"),
            FamilyCopy(date=dt.date(2025, 9, 3), language="Spanish"),
        ),
    )
    path = write(tmp_path / "plan.iep.toml", plan)
    assert canonical_seal_intact(path.read_bytes(), plan.sign_off.content_sha256 or "")
    changed = path.read_text(encoding="utf-8").replace(AGREED_TARGET.split('"')[1][:20], "95 words correct ", 1)
    assert not canonical_seal_intact(changed.encode(), plan.sign_off.content_sha256 or "")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("schema = 2\n[student\n", "this is not valid TOML"),
        ("schema = 2\n[student]\nname = 'Sam'\n[meeting]\nkind = 'annual-reveiw'\n", "did you mean"),
        ("schema = 9\n", "plan format 9"),
        ("", "the file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_gives_the_stores_own_reason(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "broken.iep.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblemError) as raised:
        read_facts(str(path), path.read_bytes())
    assert problem in str(raised.value)
    assert str(raised.value) == str(check_plan_file(path).error)


def test_a_caseload_is_read_whole_and_files_that_cannot_be_read_are_listed(tmp_path: Path) -> None:
    paths = write_caseload(tmp_path)
    found = scan([tmp_path])
    assert {facts.path for facts in found.plans} == {str(p) for name, p in paths.items() if name != "broken"}
    (broken,) = found.unreadable
    assert broken.path == str(paths["broken"]) and "not valid TOML" in broken.reason
    assert found.missing_originals == frozenset()


def snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    """Every file below `folder`, its bytes and modification time."""
    return {path: (data, path.stat().st_mtime_ns) for path, data in files_under(folder).items()}


def test_nothing_is_written_next_to_the_plans_and_no_plan_is_locked(tmp_path: Path) -> None:
    paths = write_caseload(tmp_path)
    before = snapshot(tmp_path)
    with PlanLock.acquire(paths["sam"].absolute()) as lock:  # the plan is open in a meeting
        in_the_meeting = snapshot(tmp_path)
        found = scan([tmp_path], CaseloadCache.open(tmp_path.parent / "cache.sqlite3"))
        assert str(paths["sam"]) in {facts.path for facts in found.plans}
        assert lock.still_held()
        assert snapshot(tmp_path) == in_the_meeting
    assert snapshot(tmp_path) == before


def test_a_link_back_to_a_parent_folder_ends_the_walk_there(tmp_path: Path) -> None:
    write_caseload(tmp_path)
    (tmp_path / "sam" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self").symlink_to(tmp_path / "self")  # a link to itself
    (tmp_path / "elsewhere.iep.toml").symlink_to(tmp_path / "sam" / "2025-annual.iep.toml")
    found, _progress, problems = find_plan_files([tmp_path])
    names = [os.path.relpath(file.path, tmp_path) for file in found]
    assert names.count("sam/2025-annual.iep.toml") + names.count("elsewhere.iep.toml") == 1  # one file, once
    assert len(found) == 7 and problems == []


def test_a_folder_that_cannot_be_listed_is_listed_and_the_scan_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_caseload(tmp_path)
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if path == str(tmp_path / "kim"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found = scan([tmp_path])
    assert [(p.path, p.reason) for p in found.unreadable if "folder" in p.reason] == [
        (str(tmp_path / "kim"), "this folder cannot be read: permission denied")
    ]
    assert str(paths["ana"]) in {facts.path for facts in found.plans}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions do not keep root out")
def test_a_folder_that_cannot_be_read_is_listed_and_the_scan_goes_on(tmp_path: Path) -> None:
    paths = write_caseload(tmp_path)
    locked = tmp_path / "kim"
    locked.chmod(0o000)
    unreadable_plan = paths["sam"]
    unreadable_plan.chmod(0o000)
    try:
        found = scan([tmp_path])
    finally:
        locked.chmod(0o700)
        unreadable_plan.chmod(0o600)
    reasons = {problem.path: problem.reason for problem in found.unreadable}
    assert reasons[str(locked)] == "this folder cannot be read: permission denied"
    assert "permission denied" in reasons[str(unreadable_plan)]
    assert str(paths["ana"]) in {facts.path for facts in found.plans}


def test_only_plans_are_read(tmp_path: Path) -> None:
    write(tmp_path / "sam.iep.toml", FINAL)
    write(tmp_path / "old-name.toml", small_plan())  # a plan named before the .iep.toml convention
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (tmp_path / "agenda.toml").write_text('schema = 1\nid = "x"\n', encoding="utf-8")
    (tmp_path / "gone.iep.progress.toml").write_text("not = 'read'\n", encoding="utf-8")  # beside no plan
    write(tmp_path / ".git" / "objects" / "x.iep.toml", small_plan())
    found = scan([tmp_path])
    assert sorted(Path(f.path).name for f in found.plans) == ["old-name.toml", "sam.iep.toml"]
    assert found.unreadable == ()


def test_an_amendment_whose_original_is_gone_is_noticed(tmp_path: Path) -> None:
    paths = write_caseload(tmp_path)
    assert scan([tmp_path]).missing_originals == frozenset()
    paths["ana"].unlink()
    assert scan([tmp_path]).missing_originals == {str(paths["ana"])}


def test_a_folder_that_is_not_there_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such folder"):
        scan([tmp_path / "nowhere"])


def test_each_plan_follows_its_rule_profile(tmp_path: Path) -> None:
    write(tmp_path / "tx.iep.toml", attrs.evolve(FINAL, profile="texas"))
    write(tmp_path / "us.iep.toml", FINAL)
    profile_of = rule_profiles()
    ids = {Path(f.path).name: profile_of(f).id for f in scan([tmp_path]).plans}
    assert ids == {"tx.iep.toml": "texas", "us.iep.toml": "federal"}


def test_a_plan_given_by_name_is_read_too(tmp_path: Path) -> None:
    path = write(tmp_path / "sam.iep.toml", FINAL)
    (facts,) = scan([path]).plans
    assert facts.student_name == load_plan(path).student.name


def test_the_factories_plans_write_as_the_store_writes_them(tmp_path: Path) -> None:
    path = write(tmp_path / "p.iep.toml", FINAL)
    assert path.read_text(encoding="utf-8") == plan_to_text(load_plan(path))


def test_a_seal_line_typed_into_the_plan_is_not_taken_for_the_seal(tmp_path: Path) -> None:
    seal = FINAL.sign_off.content_sha256
    typed = f'note\ncontent_sha256 = "{seal}"\nmore'
    unsealed = attrs.evolve(
        FINAL, follow_up=FollowUp(open_items=(typed,)), sign_off=attrs.evolve(FINAL.sign_off, content_sha256=None)
    )
    plan = sealed(unsealed)  # sealed with the typed line in it, after the sign-off in the file
    path = write(tmp_path / "plan.iep.toml", plan)
    assert read_facts(str(path), path.read_bytes()) == as_whole(path)
    assert as_whole(path).seal_intact
    tamper(path)
    assert not read_facts(str(path), path.read_bytes()).seal_intact


# Lines a person might type (or paste) that look like the plan file's own headers.
HEADER_LIKE = st.sampled_from(
    [
        "[student]",
        "[[action_items]]",
        'owner = "Someone"',
        'what = "Phantom"',
        "[[parking_lot]]",
        'topic = "Phantom topic"',
        "[sign_off]",
        "[[family_copies]]",
        "[transition]",
        'education_goal = "Phantom"',
        "",
        "[",
        '"""',
        "a line of notes",
    ]
)
TYPED = st.lists(HEADER_LIKE, min_size=1, max_size=6).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(concerns=TYPED, decision=TYPED, open_item=TYPED)
def test_typed_text_that_looks_like_the_files_headers_is_read_as_text(
    tmp_path: Path, concerns: str, decision: str, open_item: str
) -> None:
    plan = FINAL
    plan = attrs.evolve(
        plan,
        present_levels=attrs.evolve(plan.present_levels, parent_concerns=concerns),
        decisions=(attrs.evolve(plan.decisions[0], what=decision), *plan.decisions[1:]),
        follow_up=FollowUp(open_items=(open_item, "x")),
        sign_off=attrs.evolve(plan.sign_off, content_sha256=None),
    )
    path = write(tmp_path / "typed.iep.toml", sealed(plan))
    data = path.read_bytes()
    assert file_digests(data).sealed_as_written  # the quick way, through only the tables it reads
    assert read_facts(str(path), data, file_digests(data)) == as_whole(path)
