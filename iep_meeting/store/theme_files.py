"""Theme files: TOML files in themes/ (built in) and the user's theme folder.

A theme file holds colours by name (`primary = "#1f6feb"`). This module reads
and checks the files; turning the colours into a Textual theme (and refusing
a colour Textual cannot parse) is the app's part (`tui/themes.py`). A bad file
gets the same located message as a bad plan.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.folders import builtin_data_dir, user_config_dir
from iep_meeting.store.reader import read_text

THEME_DIR_ENV = "IEP_MEETING_THEMES"
THEME_WHAT = "theme file"


@attrs.frozen(kw_only=True)
class ThemeSpec:
    name: str
    primary: str
    dark: bool = True
    secondary: str | None = None
    accent: str | None = None
    warning: str | None = None
    error: str | None = None
    success: str | None = None
    foreground: str | None = None
    background: str | None = None
    surface: str | None = None
    panel: str | None = None
    # How strongly muted text (labels, hints, placeholders) stands out from the
    # background, in percent of full contrast: at least 75, so that it is still read
    # at 4.5:1; a high-contrast theme sets more.
    muted_text: int | None = None
    # The edge of a field that is not being typed in (Textual's $border-blurred):
    # where fields and the screen share one colour (surface = background, as in
    # high contrast), this edge is all that shows where an empty field is.
    field_border: str | None = None


MUTED_TEXT_LEAST = 75


def user_theme_dir(override: Path | None = None) -> Path:
    if override is not None:
        return override
    if os.environ.get(THEME_DIR_ENV):
        return Path(os.environ[THEME_DIR_ENV])
    return user_config_dir() / "themes"


def load_theme_file(path: Path) -> ThemeSpec:
    text = read_text(path, THEME_WHAT)
    try:
        spec = codec.structure(codec.parse_toml(text), ThemeSpec, text)
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, THEME_WHAT) from None
    if spec.muted_text is not None and not MUTED_TEXT_LEAST <= spec.muted_text <= 100:
        problem = codec.Problem(
            f"muted_text is a percent from {MUTED_TEXT_LEAST} to 100, not {spec.muted_text}",
            ("muted_text",),
            codec.find_line(text, ("muted_text",)),
        )
        raise FileProblemError(path, [problem], THEME_WHAT)
    if spec.name != path.stem:
        raise FileProblemError(
            path, [codec.Problem(f"name '{spec.name}' must match the file name '{path.stem}'", ("name",))], THEME_WHAT
        )
    return spec


def theme_files(user_dir: Path | None = None) -> tuple[list[tuple[Path, ThemeSpec]], list[FileProblemError]]:
    """Built-in themes, then the user's (a later one replaces an earlier one of the
    same name when they are made into themes); broken files are reported, not raised."""
    found: list[tuple[Path, ThemeSpec]] = []
    problems: list[FileProblemError] = []
    for folder in (builtin_data_dir("themes"), user_theme_dir(user_dir)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                found.append((path, load_theme_file(path)))
            except FileProblemError as problem:
                problems.append(problem)
    return found, problems
