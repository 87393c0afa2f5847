"""Plan format 2, and the path from format 1: a format-1 plan opens, upgraded in
memory, and is written as format 2 at its first save or by `iep-meeting
upgrade`; a final format-1 plan is never rewritten and its seal still verifies.
The files in tests/data/format1/ were written by iep-meeting 0.1 (format 1)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.meeting.session import open_session
from iep_meeting.model.plan import SCHEMA_VERSION, CopyMethod, InterpreterStatus, Status
from iep_meeting.store import codec, format1
from iep_meeting.store.plan_file import load_plan, load_plan_file, plan_to_text
from iep_meeting.store.seal import file_content_hash, seal_intact

FORMAT1 = Path(__file__).resolve().parents[1] / "data" / "format1"
HASHES = json.loads((FORMAT1 / "content-hashes.json").read_text())


def copy_of(name: str, folder: Path) -> Path:
    path = folder / f"{name}.toml"
    shutil.copyfile(FORMAT1 / f"{name}.toml", path)
    path.chmod(0o600)
    return path


def cli(*args, capsys) -> tuple[int, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("name", sorted(HASHES))
def test_format_1_hashes_are_rebuilt_exactly_from_the_files(name):
    data = codec.parse_toml((FORMAT1 / f"{name}.toml").read_text())
    assert data.pop("schema") == 1
    data.pop("requires")
    assert format1.content_hash(data) == HASHES[name]


def test_a_format_1_plan_reads_as_format_2_and_says_what_changed(tmp_path):
    loaded = load_plan_file(copy_of("every-part", tmp_path))
    assert loaded.schema == 1
    plan = loaded.plan
    assert plan.meeting.interpreter_status is InterpreterStatus.PROVIDED
    assert [s.id for s in plan.services] == ["service-1", "service-2", "service-3"]
    assert [a.id for a in plan.accommodations][:2] == ["accommodation-1", "accommodation-2"]
    assert plan.decisions[1].options[0].option.startswith("Push-in support in ELA only")
    assert [(c.method, c.language) for c in plan.family_copies] == [(CopyMethod.IN_PERSON, "Spanish")]
    assert any("interpreter_status" in change for change in loaded.upgraded)
    assert any("family_copies[0]" in change for change in loaded.upgraded)


def test_a_format_1_draft_is_written_as_format_2_at_its_first_save_only(tmp_path):
    path = copy_of("sample-draft", tmp_path)
    before = path.read_bytes()
    session = open_session(path)
    assert session.save_now() is None  # nothing changed: the file stays as it is
    assert path.read_bytes() == before
    session.apply(lambda plan: attrs.evolve(plan, agenda="annual-review "))
    assert session.save_now() is None
    session.plan_file.close()
    text = path.read_text()
    assert text.startswith(f"schema = {SCHEMA_VERSION}\n")
    assert load_plan(path).agenda == "annual-review "


def test_upgrade_rewrites_an_older_draft_and_says_what_changed(tmp_path, capsys):
    path = copy_of("every-part", tmp_path)
    code, out = cli("upgrade", path, capsys=capsys)
    assert code == 0
    assert "upgraded from plan format 1 to 2" in out and "services: each has an id now" in out
    assert path.read_text().startswith("schema = 2\n")
    assert plan_to_text(load_plan(path)) == path.read_text()  # canonical format 2
    code, out = cli("upgrade", path, capsys=capsys)
    assert code == 0 and "already plan format 2" in out


def test_a_final_format_1_plan_is_never_rewritten_and_its_seal_verifies(tmp_path, capsys):
    path = copy_of("final-sealed", tmp_path)
    before = path.read_bytes()
    loaded = load_plan_file(path)
    assert loaded.plan.status is Status.FINAL and seal_intact(loaded)
    code, out = cli("check", path, capsys=capsys)
    assert code == 0 and "final-unchanged" not in out
    code, out = cli("upgrade", path, capsys=capsys)
    assert code == 1 and "never rewritten" in out
    session = open_session(path)
    assert session.readonly and "finalized" in (session.readonly_reason or "")
    session.plan_file.close()
    code, out = cli("amend", path, tmp_path / "amendment.toml", capsys=capsys)
    assert code == 0, out
    amendment = load_plan(tmp_path / "amendment.toml")
    assert (tmp_path / "amendment.toml").read_text().startswith("schema = 2\n")
    assert amendment.amends is not None and amendment.amends.sha256 == HASHES["final-sealed"]
    assert path.read_bytes() == before
    code, out = cli("check", tmp_path / "amendment.toml", capsys=capsys)
    assert "amends-unchanged" not in out and "amends-found" not in out


def test_a_final_format_1_plan_keeps_its_seal_when_only_its_layout_changes(tmp_path, capsys):
    path = copy_of("final-sealed", tmp_path)
    lines = path.read_text().splitlines()
    reordered = [line for line in lines if line not in ('phone = ""', 'note = ""')]  # defaults left out
    path.write_text("\r\n".join(reordered) + "\r\n")
    assert seal_intact(load_plan_file(path))
    path.write_text(path.read_text().replace("Sam Example", "Sam Changed", 1))
    loaded = load_plan_file(path)
    assert not seal_intact(loaded) and file_content_hash(loaded) != HASHES["final-sealed"]
    code, out = cli("check", path, capsys=capsys)
    assert code == 1 and "final-unchanged" in out


def test_a_newer_format_is_refused_with_the_version_to_install(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    path.write_text('schema = 3\nrequires = "iep-meeting>=0.3.0"\n')
    code, out = cli("check", path, capsys=capsys)
    assert code == 2 and "plan format 3" in out and "Install iep-meeting>=0.3.0" in out


def test_a_final_plan_lacking_what_newer_rules_ask_is_told_not_failed(tmp_path, capsys):
    """Format 1 had no place for the district's written agreement to an excusal:
    the checklist names it for the next amendment, and `check` does not fail a
    plan that nothing but an amendment can change."""
    path = copy_of("final-sealed", tmp_path)
    code, out = cli("check", path, capsys=capsys)
    assert code == 0
    assert "[recommended] team-excusal" in out and "an amendment can add it" in out
