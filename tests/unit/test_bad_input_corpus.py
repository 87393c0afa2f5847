"""Hundreds of broken plan files, made here from the sample plan: truncated,
with flipped bytes, with the wrong type or an extreme value in every field, in
other encodings, and paths that are not files (`tests/hostile.py`, with which
every other reader of the program is tried too: tests/unit/test_one_reader.py).
`check` and opening a plan answer each within 2 s with a message and an exit
code, never a traceback, and change nothing."""

from __future__ import annotations

import os
import random
import re
import stat
from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.meeting.session import open_session
from iep_meeting.store.errors import StoreError
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.lock import lock_path_for
from iep_meeting.store.reader import MAX_FILE_BYTES
from tests.hostile import hostile_paths
from tests.stopwatch import Stopwatch

SAMPLE = sample_plan_path().read_bytes()
KEY_LINE = re.compile(rb"^([a-z_]+) = (.+)$", re.M)
WRONG_TYPES = [b"1", b'"text"', b"true", b"2026-01-01", b"10:30:00", b"[]", b"{}", b"1.5", b'["a", 1]']
EXTREMES = [
    b"-1",
    b"0",
    b"9223372036854775807",
    b"99999999999999999999",
    b"-9223372036854775809",
    b"0001-01-01",
    b"9999-12-31",
    b"1899-12-31T23:59:59",
    b"nan",
    b"inf",
    b'"' + b"x" * 100_000 + b'"',
    b'""',
    b'"\\u0000"',
]


def corpus(rng: random.Random) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for n, cut in enumerate(sorted(rng.sample(range(1, len(SAMPLE)), 60))):
        files[f"truncated-{n}-at-{cut}"] = SAMPLE[:cut]
    for n in range(80):
        data = bytearray(SAMPLE)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        files[f"flipped-{n}"] = bytes(data)
    lines = list(KEY_LINE.finditer(SAMPLE))
    for match in rng.sample(lines, 30):
        for n, value in enumerate(WRONG_TYPES):
            files[f"type-{match.group(1).decode()}-{n}"] = SAMPLE[: match.start(2)] + value + SAMPLE[match.end(2) :]
    for match in rng.sample(lines, 12):
        for n, value in enumerate(EXTREMES):
            files[f"extreme-{match.group(1).decode()}-{n}"] = SAMPLE[: match.start(2)] + value + SAMPLE[match.end(2) :]
    text = SAMPLE.decode("utf-8")
    files["utf-16"] = text.encode("utf-16")
    files["utf-32"] = text.encode("utf-32")
    files["latin-1"] = text.replace("Tomás", "Tom\u00e1s").encode("latin-1", errors="replace")
    files["utf-8-bom"] = b"\xef\xbb\xbf" + SAMPLE
    files["crlf"] = SAMPLE.replace(b"\n", b"\r\n")
    files["lone-cr"] = SAMPLE.replace(b"\n", b"\r")
    files["nul"] = SAMPLE[:100] + b"\x00" + SAMPLE[100:]
    files["empty"] = b""
    files["only-schema"] = b"schema = 1\n"
    files["newer-schema"] = SAMPLE.replace(b"schema = 2", b"schema = 99", 1)
    files["binary"] = bytes(rng.randrange(256) for _ in range(4096))
    return files


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("corpus")
    paths = []
    for name, data in corpus(random.Random(20261201)).items():
        path = folder / f"{name}.toml"
        path.write_bytes(data)
        path.chmod(0o600)
        paths.append(path)
    return paths + list(hostile_paths(folder).values())  # the corpus every other reader is tried with too


def snapshot(path: Path) -> tuple[int, int, int, bytes] | None:
    """What is at `path`, to tell that nothing changed it (the bytes of a plan-sized file)."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    small = stat.S_ISREG(info.st_mode) and info.st_size <= MAX_FILE_BYTES and os.access(path, os.R_OK)
    return info.st_mode, info.st_size, info.st_mtime_ns, path.read_bytes() if small else b""


def test_the_corpus_has_hundreds_of_files(files):
    assert len(files) > 400


@pytest.mark.slow  # hundreds of files through the command line
def test_check_answers_every_bad_file_without_a_traceback_and_changes_nothing(files, capsys):
    slow = []
    for path in files:
        before = snapshot(path)
        watch = Stopwatch()
        code = main(["check", str(path)])  # an exception here fails the test: a traceback for the user
        took = watch.took()
        out, err = capsys.readouterr()
        assert code in (0, 1, 2), path.name
        assert "Traceback" not in out + err, path.name
        assert snapshot(path) == before, path.name
        if took:
            slow.append((path.name, took))
    assert slow == []


@pytest.mark.slow  # hundreds of files opened
def test_opening_every_bad_file_for_editing_refuses_it_or_opens_it_and_changes_nothing(files):
    for path in files:
        before = snapshot(path)
        try:
            session = open_session(path)
        except StoreError as error:
            assert str(error), path.name  # a message for the user
        else:
            session.plan_file.close()
        assert snapshot(path) == before, path.name
        assert not lock_path_for(path).exists(), path.name
