"""Agenda files: the built-in agendas, a district's own, and clear errors."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import platformdirs
import pytest

import iep_meeting
from iep_meeting.model.agenda import (
    Agenda,
    Condition,
    plan_field_paths,
    sections_for,
    total_minutes,
)
from iep_meeting.model.plan import Meeting, MeetingKind, Period, Plan, PresentLevels, PreviousGoal, Student
from iep_meeting.store.agenda_files import (
    AGENDA_DIR_ENV,
    Origin,
    UnknownAgendaError,
    available_agendas,
    find_agenda,
    load_agenda_file,
    user_agenda_dir,
)
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.folders import builtin_data_dir

REPO_ROOT = Path(iep_meeting.__file__).resolve().parent.parent
BUILTIN_IDS = ("amendment", "annual-review", "initial")
FULL_ORDER = (
    "start-up",
    "present-levels",
    "goals",
    "services",
    "accommodations",
    "placement",
    "transition",
    "close",
)


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def small_agenda(agenda_id: str, title: str = "A district agenda", kind: str = "annual-review") -> str:
    return f"""\
        id = "{agenda_id}"
        title = "{title}"
        meeting_kind = "{kind}"

        [[sections]]
        id = "start-up"
        title = "Welcome"
        minutes = 10
        covers = ["team"]
        requires = ["team"]

        [[sections]]
        id = "close"
        title = "Close"
        minutes = 5
        """


def plan_for(birth: dt.date | None, start: dt.date = dt.date(2026, 9, 1), **present) -> Plan:
    end = dt.date(start.year + 1, start.month, start.day) - dt.timedelta(days=1)
    return Plan(
        student=Student(name="Avery Example", date_of_birth=birth),
        meeting=Meeting(kind=MeetingKind.ANNUAL_REVIEW, date=start),
        period=Period(start=start, end=end),
        present_levels=PresentLevels(**present),
    )


# --- the built-in agendas ------------------------------------------------------------


def test_builtin_data_dir_is_the_repo_folder_in_a_checkout():
    assert builtin_data_dir("agendas") == REPO_ROOT / "agendas"
    assert builtin_data_dir("themes") == REPO_ROOT / "themes"
    with pytest.raises(ValueError):
        builtin_data_dir("secrets")


def test_every_builtin_agenda_loads():
    listing = available_agendas()
    assert listing.errors == ()
    assert sorted(listing.ids) == list(BUILTIN_IDS)
    for source in listing:
        assert source.origin is Origin.BUILT_IN
        assert source.overrides is False
        assert source.path.parent == builtin_data_dir("agendas")
        assert source.path.stem == source.id
        for section in source.agenda.sections:
            assert section.say and section.ask, f"{source.id}/{section.id} has nothing to say or ask"


@pytest.mark.parametrize("agenda_id", ["annual-review", "initial"])
def test_full_agendas_have_every_section_in_order(agenda_id):
    agenda = find_agenda(agenda_id).agenda
    assert tuple(section.id for section in agenda.sections) == FULL_ORDER
    transition = next(s for s in agenda.sections if s.id == "transition")
    assert transition.when is Condition.TRANSITION_DUE
    assert all(s.when is Condition.ALWAYS for s in agenda.sections if s.id != "transition")


def test_meeting_kinds_match():
    assert find_agenda("annual-review").agenda.meeting_kind is MeetingKind.ANNUAL_REVIEW
    assert find_agenda("initial").agenda.meeting_kind is MeetingKind.INITIAL
    assert find_agenda("amendment").agenda.meeting_kind is MeetingKind.AMENDMENT


def test_amendment_is_shorter_and_starts_and_ends_like_the_others():
    amendment = find_agenda("amendment").agenda
    annual = find_agenda("annual-review").agenda
    ids = [section.id for section in amendment.sections]
    assert ids[0] == "start-up" and ids[-1] == "close"
    # Every section it has is one the app knows, in the same order.
    assert ids == [section_id for section_id in FULL_ORDER if section_id in ids]
    assert total_minutes(amendment.sections) < total_minutes(annual.sections)


@pytest.mark.parametrize("agenda_id", ["annual-review", "initial"])
@pytest.mark.parametrize("birth", [dt.date(2016, 5, 1), dt.date(2008, 5, 1)], ids=["young", "transition"])
def test_full_agendas_take_about_ninety_minutes(agenda_id, birth):
    agenda = find_agenda(agenda_id).agenda
    minutes = total_minutes(sections_for(agenda, plan_for(birth)))
    assert 60 <= minutes <= 120


def test_transition_section_starts_the_plan_in_which_the_student_turns_16():
    agenda = find_agenda("annual-review").agenda
    start = dt.date(2026, 9, 1)  # plan ends 2027-08-31

    def has_transition(birth: dt.date | None) -> bool:
        return "transition" in [s.id for s in sections_for(agenda, plan_for(birth, start))]

    assert has_transition(dt.date(2011, 8, 31))  # turns 16 on the last day of the plan
    assert not has_transition(dt.date(2011, 9, 1))  # turns 16 the day after it ends
    assert has_transition(dt.date(2009, 1, 1))  # already older
    assert not has_transition(dt.date(2015, 1, 1))
    assert not has_transition(None)  # no birth date: cannot tell, not added


def test_annual_review_requires_progress_on_previous_goals_and_initial_does_not():
    def present_levels(agenda_id):
        agenda = find_agenda(agenda_id).agenda
        return next(s for s in agenda.sections if s.id == "present-levels")

    annual = present_levels("annual-review")
    assert "present_levels.previous_goals" in annual.requires
    assert "present_levels.previous_goals.progress" in annual.requires
    initial = present_levels("initial")
    assert not any(path.startswith("present_levels.previous_goals") for path in initial.requires)
    assert "present_levels.evaluation_summary" in initial.requires


def test_builtin_agendas_cover_the_whole_plan_a_meeting_decides():
    agenda = find_agenda("annual-review").agenda
    covered = {path.split(".")[0] for section in agenda.sections for path in section.covers}
    for part in (
        "team",
        "facilitation",
        "present_levels",
        "goals",
        "services",
        "accommodations",
        "lre",
        "assessment",
        "special_factors",
        "esy",
        "transition",
        "action_items",
        "sign_off",
    ):
        assert part in covered


def test_sections_for_keeps_order_and_agenda_condition_for_previous_iep():
    agenda = find_agenda("annual-review").agenda
    plan = plan_for(dt.date(2015, 1, 1), previous_goals=(PreviousGoal(id="g1", statement="Read"),))
    ids = [s.id for s in sections_for(agenda, plan)]
    assert ids == [s for s in FULL_ORDER if s != "transition"]


# --- plan field paths -----------------------------------------------------------------


def test_plan_field_paths_walk_records_lists_and_optionals():
    paths = plan_field_paths()
    for path in (
        "team",
        "facilitation.desired_outcomes",
        "present_levels.areas",
        "present_levels.previous_goals.progress",
        "goals.baseline",
        "goals.objectives.criterion",
        "special_factors.behavior.needed",
        "amends.sha256",  # through `Amends | None`
        "sign_off.signatures.agrees",
    ):
        assert path in paths
    assert "special_factors.behavior.considered" not in paths  # a property, not a field
    assert "goals.baseline.text" not in paths  # text has no parts


# --- where user agendas come from ----------------------------------------------------


def test_user_dir_from_argument_beats_env(monkeypatch, tmp_path):
    monkeypatch.setenv(AGENDA_DIR_ENV, str(tmp_path / "from-env"))
    assert user_agenda_dir(tmp_path / "from-option") == tmp_path / "from-option"
    assert user_agenda_dir() == tmp_path / "from-env"


def test_user_dir_defaults_to_the_user_config_folder(monkeypatch):
    monkeypatch.delenv(AGENDA_DIR_ENV, raising=False)
    expected = platformdirs.user_config_path("iep-meeting", appauthor=False) / "agendas"
    assert user_agenda_dir() == expected
    monkeypatch.setenv(AGENDA_DIR_ENV, "")  # set but empty: as if unset
    assert user_agenda_dir() == expected


def test_user_agendas_found_through_env(monkeypatch, tmp_path):
    folder = tmp_path / "district"
    write(folder, "district-annual.toml", small_agenda("district-annual"))
    monkeypatch.setenv(AGENDA_DIR_ENV, str(folder))
    listing = available_agendas()
    assert listing.ids == (*BUILTIN_IDS, "district-annual")
    source = find_agenda("district-annual")
    assert source.origin is Origin.USER
    assert source.path == folder / "district-annual.toml"
    assert source.overrides is False


def test_user_agendas_found_through_argument(tmp_path):
    folder = tmp_path / "mine"
    write(folder, "short-check-in.toml", small_agenda("short-check-in", kind="amendment"))
    assert "short-check-in" in available_agendas(folder).ids
    assert find_agenda("short-check-in", folder).agenda.meeting_kind is MeetingKind.AMENDMENT
    assert "short-check-in" not in available_agendas().ids  # the env folder is another one


def test_missing_user_folder_is_fine(tmp_path):
    listing = available_agendas(tmp_path / "not-there")
    assert listing.errors == ()
    assert listing.ids == BUILTIN_IDS


def test_user_folder_pointing_at_the_builtin_one_overrides_nothing():
    listing = available_agendas(builtin_data_dir("agendas"))
    assert listing.errors == ()
    assert listing.ids == BUILTIN_IDS
    assert all(source.origin is Origin.BUILT_IN for source in listing)


def test_user_folder_that_is_a_file_is_reported(tmp_path):
    not_a_folder = write(tmp_path, "agendas", "")
    listing = available_agendas(not_a_folder)
    assert listing.ids == BUILTIN_IDS
    assert [error.path for error in listing.errors] == [not_a_folder]
    assert "not a folder" in str(listing.errors[0])


def test_hidden_and_other_files_are_ignored(tmp_path):
    write(tmp_path, ".#annual-review.toml", "not toml at all [")
    write(tmp_path, "notes.txt", "not an agenda")
    write(tmp_path / "banks", "accommodations.toml", "[[accommodations]]\n")
    listing = available_agendas(tmp_path)
    assert listing.errors == ()
    assert listing.ids == BUILTIN_IDS


def test_user_agenda_with_a_builtin_id_overrides_it(tmp_path):
    write(tmp_path, "annual-review.toml", small_agenda("annual-review", title="Our annual review"))
    listing = available_agendas(tmp_path)
    assert listing.errors == ()
    assert sorted(listing.ids) == sorted(BUILTIN_IDS)
    assert listing.ids.count("annual-review") == 1
    source = find_agenda("annual-review", tmp_path)
    assert source.agenda.title == "Our annual review"
    assert source.origin is Origin.USER
    assert source.overrides is True
    assert source.path == tmp_path / "annual-review.toml"
    # The others are still the built-in ones, and do not claim to override anything.
    assert find_agenda("initial", tmp_path).origin is Origin.BUILT_IN
    assert find_agenda("initial", tmp_path).overrides is False


def test_unknown_agenda_lists_the_ids_and_suggests_one(tmp_path):
    with pytest.raises(UnknownAgendaError) as caught:
        find_agenda("anual-review", tmp_path)
    error = caught.value
    assert isinstance(error, StoreError)
    message = str(error)
    assert "'anual-review'" in message
    assert "did you mean 'annual-review'?" in message.lower()
    for agenda_id in BUILTIN_IDS:
        assert agenda_id in message
    assert error.available == BUILTIN_IDS


def test_unknown_agenda_without_a_close_match_still_lists_ids(tmp_path):
    message = str(pytest.raises(UnknownAgendaError, find_agenda, "zzz", tmp_path).value)
    assert "did you mean" not in message.lower()
    assert "amendment, annual-review, initial" in message


# --- bad agenda files ------------------------------------------------------------------

GOOD_HEAD = 'id = "{id}"\ntitle = "Broken on purpose"\nmeeting_kind = "annual-review"\n'

BAD_FILES = {
    # name: (text after the head, or whole text, the key named, the line, words in the message)
    "malformed": (
        'id = "malformed"\ntitle = "Unclosed\n',
        None,
        2,
        "not valid TOML",
    ),
    "unknown-key": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\nminuts = 10\n',
        "minuts",
        9,
        "did you mean 'minutes'?",
    ),
    "wrong-type": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = "ten"\n',
        "minutes",
        8,
        "expected a whole number",
    ),
    "bad-kind": (
        'id = "bad-kind"\ntitle = "T"\nmeeting_kind = "annual"\n\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\n',
        "meeting_kind",
        3,
        'did you mean "annual-review"?',
    ),
    "bad-when": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\nwhen = "transition"\n',
        "when",
        9,
        '"transition-due"',
    ),
    "bad-path": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\ncovers = ["present_level.areas"]\n',
        "covers",
        9,
        "did you mean 'present_levels.areas'?",
    ),
    "bad-required-path": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\nrequires = ["goals.basline"]\n',
        "requires",
        9,
        "did you mean 'goals.baseline'?",
    ),
    "bad-start": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\nstarts_at = "present_levels.parent_concern"\n',
        "starts_at",
        9,
        "did you mean 'present_levels.parent_concerns'?",
    ),
    "duplicate-section": (
        GOOD_HEAD
        + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\n'
        + '\n[[sections]]\nid = "a"\ntitle = "Again"\nminutes = 5\n',
        "id",
        11,
        "already used by section #1",
    ),
    "zero-minutes": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 0\n',
        "minutes",
        8,
        "minutes must be from 1 to 600 (10 hours), got 0",
    ),
    "endless-minutes": (  # "16666666666666666:40:00 left" on the meeting clock
        GOOD_HEAD + '\n[[sections]]\nid = "a"\ntitle = "A"\nminutes = 1000000000000000000\n',
        "minutes",
        8,
        "minutes must be from 1 to 600 (10 hours), got 1000000000000000000",
    ),
    "id-not-file-name": (
        'id = "something-else"\ntitle = "T"\nmeeting_kind = "annual-review"\n\n'
        '[[sections]]\nid = "a"\ntitle = "A"\nminutes = 5\n',
        "id",
        1,
        "must match the file name",
    ),
    "missing-key": (
        GOOD_HEAD + '\n[[sections]]\nid = "a"\nminutes = 5\n',
        "title",
        5,
        "required key 'title' is missing",
    ),
    "no-sections": (GOOD_HEAD, "sections", None, "no sections"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_agenda_file_names_file_key_and_line(tmp_path, name):
    body, key, line, words = BAD_FILES[name]
    path = write(tmp_path, f"{name}.toml", body.replace("{id}", name))
    with pytest.raises(FileProblemError) as caught:
        load_agenda_file(path)
    error = caught.value
    message = str(error)
    assert error.path == path
    assert error.what == "agenda file"
    assert str(path) in message
    assert "agenda file" in message
    assert words in message
    if key is not None:
        assert key in message
    if line is not None:
        assert f"line {line}" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_agenda_file_does_not_hide_the_others(tmp_path, name):
    body, *_ = BAD_FILES[name]
    broken = write(tmp_path, f"{name}.toml", body.replace("{id}", name))
    write(tmp_path, "district-annual.toml", small_agenda("district-annual"))
    listing = available_agendas(tmp_path)
    assert listing.ids == (*BUILTIN_IDS, "district-annual")
    assert [error.path for error in listing.errors] == [broken]
    shown = f"skipped {listing.errors[0]}"  # what the command line prints
    assert broken.name in shown and "cannot read this agenda file" in shown


def test_all_problems_of_a_file_are_reported_at_once(tmp_path):
    path = write(
        tmp_path,
        "many.toml",
        """\
        id = "many"
        title = "T"
        meeting_kind = "annual-review"

        [[sections]]
        id = "a"
        title = "A"
        minutes = 0
        covers = ["lre.explanaton"]

        [[sections]]
        id = "a"
        title = "B"
        minutes = "5"
        """,
    )
    error = pytest.raises(FileProblemError, load_agenda_file, path).value
    messages = [problem.message for problem in error.problems]
    assert len(messages) == 4, messages
    assert [problem.line for problem in error.problems] == [8, 9, 12, 14]  # in file order


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty"),
        (b"\x00\x01binary", "binary"),
        ('id = "caf\u00e9"\n'.encode("latin-1"), "not UTF-8"),
    ],
    ids=["empty", "binary", "latin-1"],
)
def test_unreadable_agenda_files(tmp_path, content, words):
    path = tmp_path / "odd.toml"
    path.write_bytes(content)
    message = str(pytest.raises(FileProblemError, load_agenda_file, path).value)
    assert str(path) in message and words in message


def test_missing_agenda_file(tmp_path):
    message = str(pytest.raises(FileProblemError, load_agenda_file, tmp_path / "gone.toml").value)
    assert "no such file" in message


def test_broken_override_does_not_silently_fall_back(tmp_path):
    broken = write(tmp_path, "annual-review.toml", small_agenda("annual-review").replace("minutes = 5", "minutes = -5"))
    listing = available_agendas(tmp_path)
    # Listing: the built-in one is still there, and the broken file is reported.
    built_in = listing.get("annual-review")
    assert built_in is not None and built_in.origin is Origin.BUILT_IN
    assert [error.path for error in listing.errors] == [broken]
    # Asking for that id: the user meant their own file, so say what is wrong with it.
    with pytest.raises(FileProblemError) as caught:
        find_agenda("annual-review", tmp_path)
    assert caught.value.path == broken
    assert find_agenda("initial", tmp_path).origin is Origin.BUILT_IN


def test_agenda_structure_is_the_model():
    agenda = load_agenda_file(builtin_data_dir("agendas") / "annual-review.toml")
    assert isinstance(agenda, Agenda)
    assert agenda.profile == ""  # the state's rules come from a profile: federal unless one is named


# --- installed from a wheel -----------------------------------------------------------

_CHECK_INSTALLED = textwrap.dedent(
    """\
    import json
    import iep_meeting
    from iep_meeting.store.folders import builtin_data_dir
    from iep_meeting.store.agenda_files import available_agendas
    from iep_meeting.store.bank_files import load_banks
    listing = available_agendas()
    banks = load_banks()
    print(json.dumps({
        "package": iep_meeting.__file__,
        "agendas_dir": str(builtin_data_dir("agendas")),
        "ids": sorted(listing.ids),
        "paths": [str(source.path) for source in listing],
        "errors": [str(error) for error in listing.errors],
        "accommodations": len(banks.accommodations),
    }))
    """
)


@pytest.mark.slow  # builds a wheel
def test_builtin_agendas_found_in_an_installed_wheel(tmp_path):
    import json

    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = wheels.glob("iep_meeting-*.whl")

    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
        check=True,
        timeout=120,
    )
    python = venv / "bin" / "python"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            "--quiet",
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    new_site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # The dependencies (attrs, cattrs, platformdirs) come from the test environment.
    # A path in a .pth file is added as is: the .pth files inside it (such as
    # the editable install's, which points at this checkout) are not run.
    (new_site / "test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env[AGENDA_DIR_ENV] = str(tmp_path / "no-user-agendas")
    run = subprocess.run(
        [str(python), "-c", _CHECK_INSTALLED],
        cwd=tmp_path,  # not the checkout: nothing can come from the repo by accident
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    package_dir = new_site / "iep_meeting"
    assert Path(found["package"]).parent == package_dir
    assert Path(found["agendas_dir"]) == package_dir / "agendas"
    assert found["ids"] == sorted(BUILTIN_IDS)
    assert all(Path(path).parent == package_dir / "agendas" for path in found["paths"])
    assert found["errors"] == []
    assert found["accommodations"] >= 30
