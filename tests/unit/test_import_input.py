"""`iep-meeting import-input PLAN ANSWERS.json`: the family's answers go into the
plan word for word; a second form shows what it changes and is taken only when
confirmed; a broken, hostile or foreign file is refused with what is wrong in
it, and nothing is written (the plan's bytes, no lock left behind)."""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.model.plan import Status
from iep_meeting.store.plan_file import PlanFile, create_plan_file, load_plan
from tests.factories import small_plan
from tests.family_answers import CONCERNS, SAVED, write_answers
from tests.hostile import HOSTILE_ANSWERS, IN_A_FOLDER, available, make_hostile, raw_controls
from tests.stopwatch import Stopwatch
from tests.unit.test_one_reader import checks_words


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return create_plan_file(tmp_path / "sam.iep.toml", small_plan())


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def test_the_answers_go_in_and_the_command_says_where(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, said = run(capsys, "import-input", plan, write_answers(tmp_path / "answers.json"))
    assert code == 0, said
    assert f"Took the family's answers (their form of {SAVED}) into {plan}, word for word:" in said
    assert f"Concern added (concern-1): “{CONCERNS[0]}”" in said
    assert f"link each of the {len(CONCERNS)} concerns to what answers it" in said
    # The documents sent before were made without the answers: the next step replaces them.
    assert said.endswith(f"iep-meeting prepare {plan} --force\n")
    taken = load_plan(plan)
    assert taken.present_levels.family_input is not None
    assert [c.text for c in taken.present_levels.concerns] == list(CONCERNS)
    assert taken.present_levels.parent_concerns == small_plan().present_levels.parent_concerns


def test_a_second_form_is_shown_and_taken_only_when_confirmed(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "import-input", plan, write_answers(tmp_path / "first.json"))[0] == 0
    taken = plan.read_bytes()
    assert run(capsys, "import-input", plan, tmp_path / "first.json")[1].endswith("nothing to do.\n")
    second = write_answers(tmp_path / "second.json", saved="2026-03-09", strengths="Sam es muy creativo.")
    # No terminal to ask on (the test's stdin), no --yes: shown, and nothing written.
    code, said = run(capsys, "import-input", plan, second)
    assert code == 1 and plan.read_bytes() == taken
    assert "holds the family's form of 2026-03-05. This one, of 2026-03-09, changes:" in said
    assert (
        "Strengths and interests: “Sam es cariñoso y le encantan las novelas gráficas.” → “Sam es muy creativo.”"
        in said
    )
    assert "Run again with --yes" in said
    code, said = run(capsys, "import-input", plan, second, "--yes")
    assert code == 0, said
    assert f"into {plan}, word for word: the changes above." in said  # listed once, before they were taken
    family = load_plan(plan).present_levels.family_input
    assert family is not None and family.strengths == "Sam es muy creativo." and str(family.form_date) == "2026-03-09"


def test_a_second_form_is_taken_when_the_facilitator_says_yes(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "import-input", plan, write_answers(tmp_path / "first.json"))[0] == 0
    second = write_answers(tmp_path / "second.json", saved="2026-03-09", topics=[])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    for typed, code, topics in (("n", 1, 1), ("y", 0, 0)):
        monkeypatch.setattr("builtins.input", lambda _prompt, typed=typed: typed)
        assert run(capsys, "import-input", plan, second)[0] == code
        assert len(load_plan(plan).facilitation.family_topics) == topics


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("what", HOSTILE_ANSWERS)
def test_a_broken_or_hostile_answers_file_is_refused_and_nothing_is_written(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    data, words = HOSTILE_ANSWERS[what]
    answers = tmp_path / "answers.json"
    answers.write_bytes(data)
    before, files = plan.read_bytes(), listing(tmp_path)
    watch = Stopwatch()
    code, said = run(capsys, "import-input", plan, answers)
    assert not watch.took()
    assert code == 2 and f"{answers}: cannot read this form's answers file." in said, said
    assert words in said, said
    assert raw_controls(said) == []
    assert plan.read_bytes() == before and listing(tmp_path) == files  # no lock, no temporary file


def test_answers_about_another_student_are_refused(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = write_answers(tmp_path / "answers.json", student={"name": "Ana Sample", "id": "FAKE-000999"})
    before = plan.read_bytes()
    code, said = run(capsys, "import-input", plan, other)
    assert code == 2 and plan.read_bytes() == before
    assert (
        "these answers are about Ana Sample (id FAKE-000999), and this plan is about Sam Example (id FAKE-000123). "
        "Nothing was written." in said
    )


def test_a_final_plan_and_a_plan_open_elsewhere_are_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = write_answers(tmp_path / "answers.json")
    final = create_plan_file(tmp_path / "final.iep.toml", attrs.evolve(small_plan(), status=Status.FINAL))
    code, said = run(capsys, "import-input", final, answers)
    assert code == 2 and "is final: the family's input goes into a draft" in said
    draft = create_plan_file(tmp_path / "draft.iep.toml", small_plan())
    before = draft.read_bytes()
    with PlanFile.open(draft):  # the app has it open
        code, said = run(capsys, "import-input", draft, answers)
    assert code == 2 and "open for editing" in said and draft.read_bytes() == before


@pytest.mark.parametrize("what", [what for what in IN_A_FOLDER if available(what)])
def test_what_is_not_a_file_is_refused_as_check_refuses_it(
    tmp_path: Path, plan: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    path = make_hostile(what, tmp_path / "answers.json")
    words = checks_words(path, capsys)
    if what == "a 1.5 GB sparse file":  # refused by the answers' own limit, before a byte is read
        words = "  this file is 1536.0 MB; a form's answers file is at most 0.25 MB"
    before = plan.read_bytes()
    watch = Stopwatch()
    code, said = run(capsys, "import-input", plan, path)
    assert code == 2 and words in said.splitlines(), said
    assert not watch.took() and plan.read_bytes() == before


@pytest.mark.parametrize("what", [what for what in IN_A_FOLDER if available(what)])
def test_a_plan_that_is_not_a_file_is_refused_as_check_refuses_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    answers = write_answers(tmp_path / "answers.json")
    path = make_hostile(what, tmp_path / "plan.toml")
    words = checks_words(path, capsys)
    files = listing(tmp_path)
    code, said = run(capsys, "import-input", path, answers)
    assert code == 2 and words in said.splitlines(), said
    assert listing(tmp_path) == files
