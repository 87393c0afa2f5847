"""The app's themes: theme files (store/theme_files.py) made into Textual themes.

Every colour is parsed with Textual's own parser (`Color.parse`) when the file
is read, and the whole theme is worked out (`ColorSystem.generate`, what
choosing it does) before it is offered. A file with a colour Textual cannot
show is skipped with a warning that names the file, the key and the line: it
is never registered, so it can never be chosen (from --theme or from the
palette in the middle of a meeting) and fail there. The check lives here and
not in store/: only the app imports Textual, and a copy of Textual's colour
grammar in store/ would drift from the parser the app really uses.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from textual.color import Color, ColorParseError
from textual.theme import Theme

from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.reader import read_text
from iep_meeting.store.theme_files import MUTED_TEXT_LEAST, THEME_WHAT, ThemeSpec, theme_files

DEFAULT_THEME = "iep-dark"
COLOUR_KEYS = tuple(field.name for field in attrs.fields(ThemeSpec) if field.name not in ("name", "dark", "muted_text"))


def _shortened(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"


def colour_problems(path: Path, spec: ThemeSpec) -> list[codec.Problem]:
    """The colours of `spec` that Textual cannot parse, each with its key and line."""
    bad = []
    for key in COLOUR_KEYS:
        value = getattr(spec, key)
        if value is None:
            continue
        try:
            Color.parse(value)
        except ColorParseError:
            bad.append(key)
    if not bad:
        return []
    try:
        text = read_text(path, THEME_WHAT)
    except StoreError:  # gone since it was read: say it without the line
        text = ""
    return [
        codec.Problem(
            f"'{_shortened(getattr(spec, key))}' is not a colour: write one like \"#1f6feb\", "
            '"rgb(31, 111, 235)" or "red"',
            (key,),
            codec.find_line(text, (key,)) if text else None,
        )
        for key in bad
    ]


def to_theme(path: Path, spec: ThemeSpec) -> Theme:
    """The Textual theme of a theme file, or FileProblemError when it cannot be shown."""
    problems = colour_problems(path, spec)
    if problems:
        raise FileProblemError(path, problems, THEME_WHAT)
    try:
        colours = {key: getattr(spec, key) for key in COLOUR_KEYS}
        # Textual's muted text ("auto 60%") falls under 4.5:1 on a raised or highlighted background.
        muted = f"auto {spec.muted_text or MUTED_TEXT_LEAST}%"
        theme = Theme(name=spec.name, dark=spec.dark, **colours, variables={"text-muted": muted})
        theme.to_color_system().generate()  # what choosing it does: nothing about it can fail later
    except Exception as error:  # Textual refuses the theme with its own exception types
        raise FileProblemError(path, [codec.Problem(f"Textual cannot show this theme: {error}")], THEME_WHAT) from None
    return theme


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
