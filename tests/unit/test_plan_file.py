"""Plan files as a user meets them: exact round trips, clean git diffs, private
permissions, one editor at a time, and bad files refused clearly and left alone.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from iep_meeting import __version__
from iep_meeting.model.plan import (
    Goal,
    GoalArea,
    Meeting,
    MeetingKind,
    Objective,
    Period,
    Plan,
    Student,
)
from iep_meeting.store.codec import DocumentError
from iep_meeting.store.errors import (
    FileProblemError,
    NoFolderError,
    PlanExistsError,
    ReadOnlyError,
    SaveError,
    StoreError,
)
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.lock import PlanLock, PlanLockedError, lock_path_for
from iep_meeting.store.plan_file import (
    PlanFile,
    create_plan_file,
    load_plan,
    plan_from_text,
    plan_to_text,
)
from tests.factories import MEETING_DATE, PERIOD_END, PERIOD_START, big_plan, make_goal, small_plan

POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def minimal_plan() -> Plan:
    return Plan(
        student=Student(name="Robin Sample"),
        meeting=Meeting(kind=MeetingKind.INITIAL),
        period=Period(start=PERIOD_START, end=PERIOD_END),
    )


def new_plan_file(folder: Path, plan: Plan | None = None, name: str = "sam-example-2026.toml") -> Path:
    return create_plan_file(folder / name, plan if plan is not None else small_plan())


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in `folder` with its bytes: to prove nothing was written or left behind."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def with_goal(plan: Plan, index: int, **changes: Any) -> Plan:
    goals = list(plan.goals)
    goals[index] = attrs.evolve(goals[index], **changes)
    return attrs.evolve(plan, goals=tuple(goals))


# --- round trip ----------------------------------------------------------------------


@pytest.mark.parametrize("make", [minimal_plan, small_plan, big_plan], ids=["minimal", "small", "big"])
def test_plan_text_plan_round_trip_is_exact(make) -> None:
    plan = make()
    text = plan_to_text(plan)
    assert plan_from_text(text) == plan
    assert plan_to_text(plan_from_text(text)) == text


def test_file_starts_with_schema_and_requires() -> None:
    first, second = plan_to_text(small_plan()).splitlines()[:2]
    assert first == "schema = 2"
    assert second == 'requires = "iep-meeting>=0.2.0"'


def test_load_then_save_unchanged_writes_nothing_and_keeps_bytes(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    before_bytes = path.read_bytes()
    before = path.stat()
    assert plan_to_text(load_plan(path)).encode("utf-8") == before_bytes

    with PlanFile.open(path) as plan_file:
        assert plan_file.is_saved(plan_file.plan)
        assert plan_file.save(plan_file.plan) is False  # nothing to write
        assert plan_file.save(load_plan(path)) is False  # an equal plan, not the same object

    after = path.stat()
    assert path.read_bytes() == before_bytes
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_saving_the_same_plan_again_gives_identical_bytes(tmp_path: Path) -> None:
    plan = small_plan()
    path = new_plan_file(tmp_path, plan)
    first = path.read_bytes()
    edited = with_goal(plan, 0, target="115 words correct per minute.")
    with PlanFile.open(path) as plan_file:
        assert plan_file.save(edited) is True
        assert path.read_bytes() != first
        assert plan_file.save(plan) is True
    assert path.read_bytes() == first
    # A second file made later from the same plan is the same, byte for byte.
    assert new_plan_file(tmp_path, plan, name="copy.toml").read_bytes() == first


def test_text_does_not_depend_on_clock_time_zone_or_hash_seed(tmp_path: Path) -> None:
    """Nothing volatile: another process, another time zone and hash seed, same bytes."""
    script = textwrap.dedent(
        """
        import sys
        from iep_meeting.store.plan_file import plan_to_text
        from tests.factories import small_plan
        sys.stdout.buffer.write(plan_to_text(small_plan()).encode("utf-8"))
        """
    )
    env = {**os.environ, "TZ": "Pacific/Chatham", "PYTHONHASHSEED": "12345", "LC_ALL": "C"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parents[2]), env.get("PYTHONPATH")]))
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, check=True, timeout=60).stdout
    assert out == plan_to_text(small_plan()).encode("utf-8")


def test_text_with_windows_line_endings_round_trips() -> None:
    plan = with_goal(small_plan(), 0, statement="pasted from a\r\nword processor")
    assert plan_from_text(plan_to_text(plan)) == plan


def test_text_that_is_not_valid_unicode_still_saves(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    with PlanFile.open(path) as plan_file:
        assert plan_file.save(with_goal(plan_file.plan, 0, statement="broken paste \udc80 here"))
    assert load_plan(path).goals[0].statement == "broken paste ? here"


def test_an_outside_edit_is_not_saved_over(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    with PlanFile.open(path) as plan_file:
        hand_edited = path.read_text().replace("Sam Example", "Sam Exampel")
        path.write_text(hand_edited)
        with pytest.raises(StoreError, match="changed by another program"):
            plan_file.save(with_goal(plan_file.plan, 0, target="changed in the app"))
        assert path.read_text() == hand_edited


@pytest.mark.parametrize(
    "text",
    [
        'quotes " and """ and a trailing quote"',
        "a trailing backslash \\",
        "tab\tand escape \x1b[1m and delete \x7f",
        "\nstarts with a newline",
        "ends with a newline\n",
        "é ü ß 日本語 — “curly”",
        "[bold]Ann[/bold] = markup is just text",
    ],
)
def test_awkward_text_round_trips(text: str) -> None:
    plan = with_goal(small_plan(), 0, statement=text, baseline=text)
    assert plan_from_text(plan_to_text(plan)) == plan


def test_the_fast_parser_reads_every_plan_exactly_as_the_reference_parser() -> None:
    """Plans are read with rtoml for speed; what it returns must be what tomllib
    (the reference) returns, for everything the program writes."""
    import tomllib

    import rtoml

    texts = [plan_to_text(big_plan(20)), plan_to_text(small_plan()), sample_plan_path().read_text("utf-8")]
    texts += [plan_to_text(with_goal(small_plan(), 0, statement=t)) for t in ('a """ b', "x \\ y", "\x1b\x7f é")]
    for text in texts:
        assert rtoml.loads(text) == tomllib.loads(text)


def test_broken_toml_is_still_located_by_line_and_column() -> None:
    with pytest.raises(DocumentError) as raised:
        plan_from_text("schema = 1\n[student\nname = 'x'\n")
    (problem,) = raised.value.problems
    assert (problem.line, problem.column) == (2, 9) and "not valid TOML" in problem.message


# --- diff-friendly, proved with real git ----------------------------------------------


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test Facilitator",
        "GIT_AUTHOR_EMAIL": "facilitator@example.invalid",
        "GIT_COMMITTER_NAME": "Test Facilitator",
        "GIT_COMMITTER_EMAIL": "facilitator@example.invalid",
        "LC_ALL": "C",
    }
    result = subprocess.run(
        ["git", "-C", str(repo), "-c", "core.autocrlf=false", "-c", "color.ui=never", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def committed(tmp_path: Path) -> Iterator[tuple[Path, Plan]]:
    """A small plan saved and committed in a fresh git repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "caseload"
    repo.mkdir()
    _git(repo, "init", "-q")
    plan = small_plan()
    path = new_plan_file(repo, plan)
    _git(repo, "add", path.name)
    _git(repo, "commit", "-q", "-m", "Sam Example: draft annual review")
    yield path, plan


def _diff(path: Path) -> tuple[list[str], list[str], int, str]:
    """(added lines, removed lines, number of hunks, numstat) of the working copy."""
    repo = path.parent
    numstat = _git(repo, "diff", "--numstat", "--", path.name).strip()
    added, removed, hunks = [], [], 0
    for line in _git(repo, "diff", "-U0", "--", path.name).splitlines():
        if line.startswith("@@"):
            hunks += 1
        elif line.startswith("+") and not line.startswith("+++"):
            added.append(line[1:])
        elif line.startswith("-") and not line.startswith("---"):
            removed.append(line[1:])
    return added, removed, hunks, numstat


def _goal_block(text: str, goal_id: str) -> list[str]:
    """The lines of one goal's `[[goals]]` block, its objectives included."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        if line == "[[goals]]" and lines[start + 1] == f'id = "{goal_id}"':
            break
    else:
        raise AssertionError(f"goal {goal_id} not found")
    end = start + 1
    while end < len(lines) and not (lines[end].startswith("[") and lines[end] != "[[goals.objectives]]"):
        end += 1
    block = lines[start:end]
    while block and not block[-1].strip():
        block.pop()
    return block


def _new_goal() -> Goal:
    return Goal(
        id="math-problem-solving",
        area=GoalArea.ACADEMIC,
        domain="math problem solving",
        statement=(
            "By March 2027, given a two-step word problem,\nSam will choose the operations and solve it correctly."
        ),
        baseline="Solves 3 of 10 two-step word problems.",
        target="8 of 10 on 3 consecutive probes.",
        measured_by="teacher-made probes, every two weeks",
        reporting="quarterly, with report cards",
        minutes_per_week=45,
        objectives=(
            Objective(statement="Underlines the question and key numbers.", criterion="8 of 10"),
            Objective(statement="Solves one-step problems.", criterion="8 of 10"),
        ),
    )


def test_adding_a_goal_adds_only_that_goals_lines(committed) -> None:
    path, plan = committed
    goal = _new_goal()
    with PlanFile.open(path) as plan_file:
        assert plan_file.save(attrs.evolve(plan, goals=(*plan.goals, goal)))

    added, removed, hunks, numstat = _diff(path)
    block = _goal_block(path.read_text("utf-8"), goal.id)
    assert removed == []
    assert hunks == 1
    assert numstat == f"{len(added)}\t0\t{path.name}"
    assert [line for line in added if line.strip()] == [line for line in block if line.strip()]
    assert block[0] == "[[goals]]"
    assert block.count("[[goals.objectives]]") == 2
    # The multi-line statement shows up as lines of text, not as one line with "\n".
    assert 'statement = """' in added
    assert "By March 2027, given a two-step word problem," in added
    assert 'Sam will choose the operations and solve it correctly."""' in added


def test_inserting_a_goal_first_still_removes_nothing(committed) -> None:
    path, plan = committed
    goal = _new_goal()
    with PlanFile.open(path) as plan_file:
        plan_file.save(attrs.evolve(plan, goals=(goal, *plan.goals)))

    added, removed, hunks, numstat = _diff(path)
    block = _goal_block(path.read_text("utf-8"), goal.id)
    assert removed == []
    assert hunks == 1
    assert numstat == f"{len(added)}\t0\t{path.name}"
    # git may slide the hunk over identical lines; the lines added are the goal's.
    assert sorted(line for line in added if line.strip()) == sorted(line for line in block if line.strip())


def test_many_goals_added_then_one_more_changes_only_its_lines(tmp_path: Path) -> None:
    """The layout does not depend on how many goals (or how long their text) there are."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q")
    plan = big_plan(goals=60)
    path = new_plan_file(tmp_path, plan)
    _git(tmp_path, "add", path.name)
    _git(tmp_path, "commit", "-q", "-m", "big")
    goal = make_goal(61, objectives=1)
    long_objective = Objective(statement="x" * 300, criterion="a very long criterion " * 10)
    goal = attrs.evolve(goal, objectives=(*goal.objectives, long_objective))
    with PlanFile.open(path) as plan_file:
        plan_file.save(attrs.evolve(plan, goals=(*plan.goals, goal)))
    added, removed, hunks, _ = _diff(path)
    assert removed == []
    assert hunks == 1
    assert [line for line in added if line.strip()] == [
        line for line in _goal_block(path.read_text("utf-8"), goal.id) if line.strip()
    ]


def test_editing_one_field_changes_exactly_one_line(committed) -> None:
    path, plan = committed
    old_target = plan.goals[1].target
    with PlanFile.open(path) as plan_file:
        plan_file.save(with_goal(plan, 1, target="Scores 3 of 4 on 5 of 5 samples."))

    added, removed, hunks, numstat = _diff(path)
    assert numstat == f"1\t1\t{path.name}"
    assert hunks == 1
    assert removed == [f'target = "{old_target}"']
    assert added == ['target = "Scores 3 of 4 on 5 of 5 samples."']


def test_editing_one_line_of_a_long_text_changes_only_that_line(committed) -> None:
    path, plan = committed
    first, second = plan.goals[0].statement.split("\n")
    with PlanFile.open(path) as plan_file:
        plan_file.save(with_goal(plan, 0, statement=f"{first}\nSam will read aloud at 115 words correct per minute."))

    added, removed, _, numstat = _diff(path)
    assert numstat == f"1\t1\t{path.name}"
    assert removed == [second + '"""']
    assert added == ['Sam will read aloud at 115 words correct per minute."""']


def test_multi_line_text_is_written_across_lines() -> None:
    plan = small_plan()
    text = plan_to_text(plan)
    first, second = plan.decisions[0].what.split("\n")
    assert f'what = """\n{first}\n{second}"""\n' in text
    assert "\\n" not in text  # no newline is escaped anywhere in the file
    # Short text stays on one line.
    assert 'target = "110 words correct per minute on 3 of 4 consecutive probes."\n' in text


def test_dates_and_times_are_bare_toml_values() -> None:
    text = plan_to_text(small_plan())
    assert f"date = {MEETING_DATE.isoformat()}\n" in text
    assert "start_time = 15:30:00\n" in text
    assert "time = 2026-03-12 15:52:00\n" in text


# --- permissions -------------------------------------------------------------------------


@POSIX_ONLY
def test_new_plan_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old_umask = os.umask(0)
    try:
        path = new_plan_file(tmp_path)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@POSIX_ONLY
def test_save_as_creates_a_private_file(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    with PlanFile.open(path) as plan_file:
        plan_file.save_as(tmp_path / "amendment.toml", plan_file.plan)
    assert stat.S_IMODE((tmp_path / "amendment.toml").stat().st_mode) == 0o600


@POSIX_ONLY
def test_save_keeps_permissions_the_user_chose(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    path.chmod(0o640)  # shared with the district's group, on purpose
    with PlanFile.open(path) as plan_file:
        assert plan_file.save(attrs.evolve(plan_file.plan, agenda="facilitated-annual-2"))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@POSIX_ONLY
def test_lock_file_is_private_too(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    with PlanFile.open(path):
        assert stat.S_IMODE(lock_path_for(path).stat().st_mode) == 0o600


# --- the lock -------------------------------------------------------------------------------


def test_second_open_in_this_program_is_refused(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    with PlanFile.open(path), pytest.raises(PlanLockedError) as caught:
        PlanFile.open(path)
    message = str(caught.value)
    assert isinstance(caught.value, StoreError)
    assert path.name in message
    assert f"process {os.getpid()}" in message
    assert "read-only" in message  # tells the user what they can do


@pytest.fixture
def held_elsewhere(tmp_path: Path) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A plan open for editing in another process, until the fixture ends."""
    path = new_plan_file(tmp_path)
    script = textwrap.dedent(
        """
        import sys
        from iep_meeting.store.plan_file import PlanFile
        plan_file = PlanFile.open(sys.argv[1])
        print("ready", flush=True)
        sys.stdin.read()
        plan_file.close()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    try:
        assert child.stdout.readline().strip() == "ready"
        yield path, child
    finally:
        child.stdin.close()
        child.wait(timeout=30)
        child.stdout.close()


def test_plan_open_elsewhere_is_refused_naming_who_has_it(held_elsewhere) -> None:
    path, child = held_elsewhere
    with pytest.raises(PlanLockedError) as caught:
        PlanFile.open(path)
    owner = caught.value.owner
    message = str(caught.value)
    assert owner is not None and owner.pid == child.pid
    assert f"process {child.pid}" in message
    assert owner.user and owner.user in message
    assert owner.host and owner.host in message
    assert "read-only" in message


def test_read_only_open_works_while_locked_and_refuses_to_save(held_elsewhere) -> None:
    path, _child = held_elsewhere
    before = path.read_bytes()
    with PlanFile.open(path, readonly=True) as plan_file:
        assert plan_file.readonly
        assert plan_file.plan == small_plan()
        with pytest.raises(ReadOnlyError) as caught:
            plan_file.save(attrs.evolve(plan_file.plan, agenda="changed"))
    assert isinstance(caught.value, StoreError)
    assert "read-only" in str(caught.value)
    assert path.read_bytes() == before


def test_lock_is_released_when_the_other_process_ends(held_elsewhere) -> None:
    path, child = held_elsewhere
    child.kill()  # even a killed process does not leave the plan locked
    child.wait(timeout=30)
    with PlanFile.open(path) as plan_file:
        assert not plan_file.readonly


def test_closing_releases_the_lock(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    plan_file = PlanFile.open(path)
    assert lock_path_for(path).exists()
    plan_file.close()
    assert not lock_path_for(path).exists()
    with PlanFile.open(path) as again:
        assert again.plan == small_plan()
    plan_file.close()  # closing twice is harmless


# --- creating ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "existing",
    [plan_to_text(small_plan()).encode("utf-8"), b"not a plan at all\n", b""],
    ids=["a plan", "some other file", "an empty file"],
)
def test_create_refuses_an_existing_file_and_leaves_it_alone(tmp_path: Path, existing: bytes) -> None:
    path = tmp_path / "sam-example-2026.toml"
    path.write_bytes(existing)
    before = folder_state(tmp_path)
    with pytest.raises(PlanExistsError) as caught:
        create_plan_file(path, minimal_plan())
    assert "already exists" in str(caught.value)
    assert "nothing was overwritten" in str(caught.value)
    assert folder_state(tmp_path) == before  # same bytes, no lock or temp file left


def test_create_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(NoFolderError) as caught:
        create_plan_file(tmp_path / "no-such-folder" / "plan.toml", minimal_plan())
    assert "cannot create" in str(caught.value) and "does not exist" in str(caught.value)
    assert not (tmp_path / "no-such-folder").exists()


# --- bad input: clear message, nothing touched ------------------------------------------------

GOOD = plan_to_text(small_plan())


def _replace_once(old: str, new: str) -> tuple[bytes, int]:
    """GOOD with its first `old` replaced; and the line number of the change."""
    assert old in GOOD, old
    at = GOOD.index(old)
    return GOOD.replace(old, new, 1).encode("utf-8"), GOOD.count("\n", 0, at) + 1


def _bad_cases() -> list[Any]:
    malformed, malformed_line = _replace_once('grade = "7"', 'grade = "7')
    unknown, unknown_line = _replace_once("minutes_per_week = 60", "minuts_per_week = 60")
    wrong_type, wrong_type_line = _replace_once("minutes_per_week = 60", 'minutes_per_week = "ten"')
    bad_enum, bad_enum_line = _replace_once('area = "functional"', 'area = "acadmic"')
    datetime, datetime_line = _replace_once("date = 2026-03-12\nplace", "date = 2026-03-12 15:30:00\nplace")
    missing, missing_line = _replace_once("[period]\nstart = 2026-03-16\n", "[period]\n")
    not_a_list, not_a_list_line = _replace_once("contact_attempts = []", 'contact_attempts = "none"')
    newer, newer_line = _replace_once(
        'schema = 2\nrequires = "iep-meeting>=0.2.0"', 'schema = 99\nrequires = "iep-meeting>=3.0"'
    )
    no_schema, _ = _replace_once("schema = 2\n", "")
    latin1 = GOOD.replace('name = "Sam Example"', 'name = "Zoë Example"', 1)
    latin1_line = GOOD.count("\n", 0, GOOD.index('name = "Sam Example"')) + 1
    return [
        pytest.param(malformed, ["not valid TOML", "column"], malformed_line, id="malformed TOML"),
        pytest.param(
            unknown,
            ["unknown key 'minuts_per_week'", "did you mean 'minutes_per_week'?", "goals[1]"],
            unknown_line,
            id="unknown key",
        ),
        pytest.param(
            wrong_type,
            ["goals[1].minutes_per_week", "expected a whole number", "'ten'"],
            wrong_type_line,
            id="wrong type",
        ),
        pytest.param(
            bad_enum,
            ["goals[2].area", '"acadmic" is not one of', 'did you mean "academic"?'],
            bad_enum_line,
            id="invalid enum value",
        ),
        pytest.param(
            datetime,
            ["meeting.date", "expected a date like", "got a date and time"],
            datetime_line,
            id="datetime for a date",
        ),
        pytest.param(missing, ["period", "required key 'start' is missing"], missing_line, id="missing key"),
        pytest.param(
            not_a_list,
            ["team[1].contact_attempts", "expected a list", "'none'"],
            not_a_list_line,
            id="text for a list",
        ),
        pytest.param(
            newer,
            ["plan format 99", "newer iep-meeting", "iep-meeting>=3.0", f"iep-meeting {__version__}"],
            newer_line,
            id="newer schema",
        ),
        pytest.param(no_schema, ["no 'schema' key", "schema = 2"], None, id="missing schema"),
        pytest.param(b"", ["empty"], None, id="empty file"),
        pytest.param(b"\n\n# only a comment\n", ["empty"], None, id="only comments"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary file", "not TOML"], None, id="binary"),
        pytest.param(latin1.encode("latin-1"), ["not UTF-8"], latin1_line, id="non-UTF-8"),
    ]


def _assert_plain_message(message: str) -> None:
    """Words for a person: no Python traceback, exception class or cattrs detail."""
    for noise in ("Traceback", "Error(", "cattrs", "Exception", "NoneType", "<class"):
        assert noise not in message


@pytest.mark.parametrize(("data", "words", "line"), _bad_cases())
def test_bad_file_is_refused_clearly_and_never_touched(
    tmp_path: Path, data: bytes, words: list[str], line: int | None
) -> None:
    path = tmp_path / "sam-example-2026.toml"
    path.write_bytes(data)
    before = folder_state(tmp_path)

    with pytest.raises(StoreError) as caught:
        load_plan(path)
    error = caught.value
    assert isinstance(error, FileProblemError)
    message = str(error)
    _assert_plain_message(message)
    assert path.name in message
    for word in words:
        assert word in message
    if line is not None:
        assert [problem.line for problem in error.problems] == [line]
        assert f"line {line}" in message

    # Opening it for editing fails the same way, so nothing can save over it.
    with pytest.raises(FileProblemError) as opened:
        PlanFile.open(path)
    assert opened.value.problems == error.problems
    assert folder_state(tmp_path) == before  # same bytes, no lock or temp file left


def test_every_problem_in_a_file_is_reported_with_its_line(tmp_path: Path) -> None:
    text = GOOD.replace("minutes_per_week = 60", "minuts_per_week = 60", 1)
    text = text.replace('per = "month"', 'per = "fortnight"', 1)
    path = tmp_path / "plan.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(FileProblemError) as caught:
        load_plan(path)
    lines = text.splitlines()
    numbers = [problem.line for problem in caught.value.problems]
    assert None not in numbers, "every problem names its line"
    reported = {lines[number - 1].split(" =")[0] for number in numbers if number is not None}
    assert reported == {"minuts_per_week", "per"}
    assert '"fortnight" is not one of "week", "month"' in str(caught.value)


@pytest.mark.parametrize("kind", ["missing file", "folder"])
def test_path_that_is_not_a_plan_file_is_refused_clearly(tmp_path: Path, kind: str) -> None:
    if kind == "missing file":
        path, words = tmp_path / "no-such-plan.toml", "there is no such file"
    else:
        path, words = tmp_path / "a-folder.toml", "this is a folder, not a file"
        path.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    for attempt in (lambda: load_plan(path), lambda: PlanFile.open(path), lambda: PlanFile.open(path, readonly=True)):
        with pytest.raises(FileProblemError) as caught:
            attempt()
        _assert_plain_message(str(caught.value))
        assert words in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing created


@pytest.mark.parametrize("action", ["open", "save_as"])
def test_a_missing_folder_is_refused_clearly(tmp_path: Path, action: str) -> None:
    target = tmp_path / "no-such-folder" / "plan.toml"
    if action == "open":
        with pytest.raises(StoreError):
            PlanFile.open(target)
        return
    with PlanFile.open(new_plan_file(tmp_path)) as plan_file, pytest.raises(StoreError):
        plan_file.save_as(target, plan_file.plan)


# --- save failures ---------------------------------------------------------------------------------


def _no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_save_failure_keeps_the_file_and_the_edit(tmp_path: Path, monkeypatch) -> None:
    path = new_plan_file(tmp_path)
    before = path.read_bytes()
    with PlanFile.open(path) as plan_file:
        original = plan_file.plan
        edited = with_goal(original, 0, target="120 words correct per minute.")

        def disk_full(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))

        monkeypatch.setattr(os, "replace", disk_full)
        with pytest.raises(SaveError) as caught:
            plan_file.save(edited)
        assert isinstance(caught.value, StoreError)
        assert "could not save" in str(caught.value)
        assert "No space left on device" in str(caught.value)
        assert path.read_bytes() == before
        assert _no_temp_files(tmp_path)
        # The edit is not on disk and the PlanFile knows it: the app keeps `edited`.
        assert not plan_file.is_saved(edited)
        assert plan_file.plan == original

        monkeypatch.undo()  # the disk has room again
        assert plan_file.save(edited) is True
        assert plan_file.is_saved(edited)
    assert load_plan(path) == edited


@POSIX_ONLY
@pytest.mark.skipif(IS_ROOT, reason="root may write into a read-only folder")
def test_save_into_a_read_only_folder_fails_then_succeeds(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = new_plan_file(folder)
    before = path.read_bytes()
    with PlanFile.open(path) as plan_file:
        edited = attrs.evolve(plan_file.plan, agenda="changed")
        folder.chmod(0o500)
        try:
            with pytest.raises(SaveError) as caught:
                plan_file.save(edited)
            assert "Permission denied" in str(caught.value)
            assert path.read_bytes() == before
            assert not plan_file.is_saved(edited)
        finally:
            folder.chmod(0o700)
        assert plan_file.save(edited)
    assert load_plan(path) == edited


def test_save_after_the_folder_was_removed_then_save_as_elsewhere(tmp_path: Path) -> None:
    folder = tmp_path / "usb-stick"
    folder.mkdir()
    path = new_plan_file(folder)
    plan_file = PlanFile.open(path)
    try:
        edited = attrs.evolve(plan_file.plan, agenda="changed")
        shutil.rmtree(folder)  # the stick was pulled out
        with pytest.raises(SaveError) as caught:
            plan_file.save(edited)
        assert "No such file or directory" in str(caught.value)
        assert not plan_file.is_saved(edited)

        folder.mkdir()  # plugged back in
        assert plan_file.save(edited)
        assert load_plan(path) == edited

        elsewhere = tmp_path / "backup" / "sam-example-2026.toml"
        elsewhere.parent.mkdir()
        plan_file.save_as(elsewhere, edited)
        assert plan_file.path == elsewhere
        assert load_plan(elsewhere) == edited
        # The lock moved with it: the new file is taken, the old one is free.
        with pytest.raises(PlanLockedError):
            PlanFile.open(elsewhere)
        with PlanLock.acquire(path):
            pass
    finally:
        plan_file.close()


def test_save_as_moves_the_lock_and_refuses_an_existing_file(tmp_path: Path) -> None:
    path = new_plan_file(tmp_path)
    other = tmp_path / "someone-else.toml"
    other.write_bytes(b"schema = 1\n# another student's plan\n")
    other_before = other.read_bytes()
    with PlanFile.open(path) as plan_file:
        edited = attrs.evolve(plan_file.plan, agenda="changed")
        with pytest.raises(PlanExistsError):
            plan_file.save_as(other, edited)
        assert other.read_bytes() == other_before
        assert plan_file.path == path  # still editing the first file, still locked
        with pytest.raises(PlanLockedError):
            PlanFile.open(path)

        new = tmp_path / "sam-example-2026-copy.toml"
        plan_file.save_as(new, edited)
        assert plan_file.path == new
        assert plan_file.is_saved(edited)
        with PlanFile.open(path) as old:  # the old file is free again, unchanged
            assert old.plan == small_plan()
        with pytest.raises(PlanLockedError):
            PlanFile.open(new)
    assert not lock_path_for(new).exists()
    assert load_plan(new) == edited
