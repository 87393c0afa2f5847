"""Themes as data: TOML files in themes/ (built in) and the user's theme folder.

A theme file holds Textual theme colours; a bad file gets the same located
message as a bad plan, and the app falls back to the built-in theme.
"""

from __future__ import annotations

import os
from pathlib import Path

import attrs
import platformdirs
from textual.theme import Theme

from .resources import builtin_data_dir
from .store import codec
from .store.errors import FileProblemError
from .store.plan_file import read_text

THEME_DIR_ENV = "IEP_MEETING_THEMES"
DEFAULT_THEME = "iep-dark"


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

    def to_theme(self) -> Theme:
        return Theme(**attrs.asdict(self))


def user_theme_dir(override: Path | None = None) -> Path:
    if override is not None:
        return override
    if os.environ.get(THEME_DIR_ENV):
        return Path(os.environ[THEME_DIR_ENV])
    return platformdirs.user_config_path("iep-meeting") / "themes"


def load_theme_file(path: Path) -> Theme:
    text = read_text(path, "theme file")
    try:
        spec = codec.structure(codec.parse_toml(text), ThemeSpec, text)
        theme = spec.to_theme()
    except codec.DocumentError as error:
        raise FileProblemError(path, error.problems, "theme file") from None
    except Exception as error:  # Textual refuses a colour it cannot parse
        raise FileProblemError(path, [codec.Problem(f"a colour is not valid: {error}")], "theme file") from None
    if spec.name != path.stem:
        raise FileProblemError(
            path, [codec.Problem(f"name '{spec.name}' must match the file name '{path.stem}'", ("name",))], "theme file"
        )
    return theme


def available_themes(user_dir: Path | None = None) -> tuple[list[Theme], list[FileProblemError]]:
    """Built-in themes, then the user's (which may replace one by name); broken files are reported."""
    themes: dict[str, Theme] = {}
    problems: list[FileProblemError] = []
    for folder in (builtin_data_dir("themes"), user_theme_dir(user_dir)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme_file(path)
            except FileProblemError as problem:
                problems.append(problem)
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems
