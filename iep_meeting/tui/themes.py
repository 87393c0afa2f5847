"""The app's themes: theme files (store/theme_files.py) made into Textual themes.

A colour Textual cannot parse is reported like any other problem in the file,
and the app falls back to the built-in theme.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from textual.theme import Theme

from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError
from iep_meeting.store.theme_files import THEME_WHAT, ThemeSpec, theme_files

DEFAULT_THEME = "iep-dark"


def to_theme(path: Path, spec: ThemeSpec) -> Theme:
    try:
        return Theme(**attrs.asdict(spec))
    except Exception as error:  # Textual refuses a colour it cannot parse, with its own exception types
        raise FileProblemError(path, [codec.Problem(f"a colour is not valid: {error}")], THEME_WHAT) from None


def available_themes(user_dir: Path | None = None) -> tuple[list[Theme], list[FileProblemError]]:
    """Built-in themes, then the user's (which may replace one by name); broken files are reported."""
    files, problems = theme_files(user_dir)
    themes: dict[str, Theme] = {}
    for path, spec in files:
        try:
            themes[spec.name] = to_theme(path, spec)
        except FileProblemError as problem:
            problems.append(problem)
    return list(themes.values()), problems
