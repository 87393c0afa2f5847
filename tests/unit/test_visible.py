"""No text from a plan, a file or the command line reaches the terminal raw:
one function (words/visible.py) shows every control character instead."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from iep_meeting.cli.main import main
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.lock import lock_path_for
from iep_meeting.store.plan_file import load_plan, plan_to_text
from iep_meeting.words.visible import visible, visible_line
from tests.hostile import PAYLOAD, raw_controls, with_payload


def test_controls_are_shown_not_sent():
    assert visible("a\u001b[2Jb\u0007") == "a␛[2Jb␇"
    assert visible("\u009b31m") == "␛[31m"  # the 8-bit CSI, as the terminal would read it
    assert visible("abc\u202edef") == "abc⟨RLO⟩def"
    assert visible("two\nlines\tand a tab") == "two\nlines\tand a tab"
    assert visible("two\nlines\u001b[2J and\tmore\u202e") == "two\nlines␛[2J and\tmore⟨RLO⟩"  # shown in lines too
    assert visible("a\u00a0b\n\u2028") == "a\u00a0b\n\u2028"  # not printable, but no control
    assert visible_line("two\nlines") == "two␊lines"
    assert raw_controls(visible(PAYLOAD)) == []
    assert visible("Ms. Dana Kim — grade 7, ñ, 李") == "Ms. Dana Kim — grade 7, ñ, 李"


def run(*args: object, capsys: pytest.CaptureFixture[str]) -> str:
    main([str(a) for a in args])
    out, err = capsys.readouterr()
    return out + err


def test_check_shows_every_field_of_a_hostile_plan_safely(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    path.write_text(plan_to_text(with_payload(load_plan(sample_plan_path()))), encoding="utf-8")
    output = run("check", path, capsys=capsys) + run("demo", "--summary", capsys=capsys)
    assert "␛]0;pwned␇" in output  # the text is there, visibly
    assert raw_controls(output) == []
    assert load_plan(path).student.name.endswith(PAYLOAD)  # the file keeps it exactly as typed


def hostile_files(tmp_path):
    """Broken files whose errors echo hostile text back: keys, values, names, ids."""
    files = {}
    base = plan_to_text(load_plan(sample_plan_path()))
    files["unknown key"] = base + f'\n"{PAYLOAD}" = 1\n'
    files["bad choice"] = base.replace('kind = "annual-review"', f'kind = "{PAYLOAD}"', 1)
    files["bad type"] = base.replace('grade = "7"', f'grade = ["{PAYLOAD}"]', 1)
    files["unknown agenda"] = base.replace('agenda = "annual-review"', f'agenda = "{PAYLOAD}"', 1)
    files["not toml"] = f"schema = 1\n{PAYLOAD}\n"
    paths = []
    for name, text in files.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    named = tmp_path / f"plan{PAYLOAD}.toml"
    named.write_text("schema = 1\n", encoding="utf-8")
    return [*paths, named]


def test_every_error_path_shows_hostile_text_safely(tmp_path, capsys):
    for path in hostile_files(tmp_path):
        for command in (["check"], ["check", "--format", "json"], ["run"]):
            output = run(*command, path, capsys=capsys)
            assert raw_controls(output) == [], (path.name, command, output)
    output = run("new", tmp_path / "x.toml", "--student", "S", "--agenda", PAYLOAD, capsys=capsys)
    output += run("new", tmp_path / "y.toml", "--student", PAYLOAD, "--agenda", "annual-review", capsys=capsys)
    output += run("check", tmp_path / "y.toml", capsys=capsys)
    output += run("run", tmp_path / f"missing{PAYLOAD}.toml", capsys=capsys)
    assert "y.toml" in output
    for bad in (
        ["new", tmp_path / "z.toml", "--student", "S", "--agenda", "initial", "--date", PAYLOAD],
        ["--agenda-dir", tmp_path / PAYLOAD, "agendas"],
    ):
        try:
            main([str(a) for a in bad])
        except SystemExit:
            pass  # argparse's own exit on a bad argument
        out, err = capsys.readouterr()
        output += out + err
    assert "␛" in output and raw_controls(output) == []


def test_the_lock_holders_name_is_shown_safely(tmp_path, capsys):
    path = tmp_path / "plan.toml"
    path.write_text(plan_to_text(load_plan(sample_plan_path())), encoding="utf-8")
    holder = textwrap.dedent(
        f"""
        import sys, time
        from iep_meeting.store.lock import PlanLock
        with PlanLock.acquire({str(path)!r}):
            print("held", flush=True)
            time.sleep(30)
        """
    )
    env = {**os.environ, "USER": PAYLOAD, "LOGNAME": PAYLOAD, "USERNAME": PAYLOAD}
    child = subprocess.Popen([sys.executable, "-c", holder], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        deadline = time.monotonic() + 5
        while not lock_path_for(path).read_text() and time.monotonic() < deadline:
            time.sleep(0.01)
        output = run("run", path, capsys=capsys)
    finally:
        child.kill()
        child.wait()
    assert "is open for editing by x␛]0;pwned␇" in output and raw_controls(output) == []
