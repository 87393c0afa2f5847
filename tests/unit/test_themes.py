"""Theme files (store/theme_files.py, tui/themes.py): every colour is parsed with
Textual's own parser when the file is read; a theme with a colour Textual cannot
show is skipped with the file, the key and the line, and never offered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.color import Color, ColorParseError

from iep_meeting.store.theme_files import theme_files
from iep_meeting.tui.themes import available_themes

GOOD = ["#1f6feb", "#fff", "#1f6feb80", "rgb(31, 111, 235)", "rgba(1, 2, 3, 0.5)", "hsl(210, 80%, 50%)", "red"]
BAD = ["#zzzzzz", "\x1b[31m", "x" * 1_000_000, "auto", "$primary", "", "rgb(300, 0)", "#12345"]


def theme_file(folder: Path, name: str, **colours: str) -> Path:
    folder.mkdir(exist_ok=True)
    lines = [f'name = "{name}"', "dark = true"] + [f"{key} = {json.dumps(value)}" for key, value in colours.items()]
    path = folder / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def parses(value: str) -> bool:
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


@pytest.mark.parametrize("value", GOOD + BAD, ids=[repr(value[:12]) for value in GOOD + BAD])
def test_a_colour_is_accepted_exactly_when_textuals_own_parser_reads_it(tmp_path: Path, value: str) -> None:
    path = theme_file(tmp_path / "themes", "mine", primary="#1f6feb", accent=value)
    themes, problems = available_themes(tmp_path / "themes")
    offered = "mine" in {theme.name for theme in themes}
    assert offered == parses(value)
    if not offered:
        assert [problem.path for problem in problems] == [path]
        message = str(problems[0])
        assert str(path) in message and "line 4, at accent:" in message and "is not a colour" in message
        assert len(message) < 400  # a megabyte of text is not repeated back


def test_every_bad_colour_of_a_file_is_named_and_the_good_themes_stay(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    theme_file(folder, "fine", primary="#224466", background="rgb(10, 10, 10)")
    path = theme_file(folder, "broken", primary="#zzzzzz", background="#000000", panel="\x1b]0;x")
    themes, problems = available_themes(folder)
    names = {theme.name for theme in themes}
    assert "fine" in names and "broken" not in names and {"iep-dark", "iep-light", "iep-high-contrast"} <= names
    message = str(problems[0])
    assert problems[0].path == path and "line 3, at primary:" in message and "line 5, at panel:" in message
    assert "background" not in message


def test_the_built_in_themes_are_all_good() -> None:
    files, problems = theme_files()
    themes, theme_problems = available_themes()
    assert problems == [] and theme_problems == []
    assert len(themes) == len(files) == 3


def test_muted_text_is_at_least_75_percent_of_full_contrast(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    folder.mkdir()
    (folder / "faint.toml").write_text('name = "faint"\nprimary = "#224466"\nmuted_text = 40\n', encoding="utf-8")
    (folder / "clear.toml").write_text('name = "clear"\nprimary = "#224466"\nmuted_text = 95\n', encoding="utf-8")
    themes, problems = available_themes(folder)
    by_name = {theme.name: theme for theme in themes}
    assert "faint" not in by_name and by_name["clear"].variables["text-muted"] == "auto 95%"
    assert by_name["iep-dark"].variables["text-muted"] == "auto 75%"  # the least, when a theme says nothing
    message = str(problems[0])
    assert "faint.toml" in message and "line 3, at muted_text:" in message and "from 75 to 100, not 40" in message


def test_field_border_edges_the_fields_and_a_bad_one_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "themes"
    theme_file(folder, "edged", primary="#224466", field_border="#BFBFBF")
    theme_file(folder, "smudged", primary="#224466", field_border="grey-ish")
    themes, problems = available_themes(folder)
    by_name = {theme.name: theme for theme in themes}
    assert by_name["edged"].variables["border-blurred"] == "#BFBFBF"  # Textual's edge of a field not typed in
    assert "border-blurred" not in by_name["iep-dark"].variables  # Textual's own, when a theme says nothing
    assert by_name["iep-high-contrast"].variables["border-blurred"] == "#BFBFBF"
    assert "smudged" not in by_name and "at field_border:" in str(problems[0]) and "is not a colour" in str(problems[0])
