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

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import attrs
from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from iep_meeting.store import codec
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.reader import read_text
from iep_meeting.store.theme_files import MUTED_TEXT_LEAST, THEME_WHAT, ThemeSpec, theme_files
from iep_meeting.tui.styles import FOLDER, stylesheet

DEFAULT_THEME = "iep-dark"
EDGED_FIELDS = "-edged-fields"  # on the app while its theme edges every field (a theme file's field_border)
ReturnType = TypeVar("ReturnType")
NOT_COLOURS = ("name", "dark", "muted_text")
COLOUR_KEYS = tuple(field.name for field in attrs.fields(ThemeSpec) if field.name not in NOT_COLOURS)
THEME_KEYS = tuple(key for key in COLOUR_KEYS if key != "field_border")  # Theme's own arguments


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
        colours = {key: getattr(spec, key) for key in THEME_KEYS}
        # Textual's muted text ("auto 60%") falls under 4.5:1 on a raised or highlighted background.
        variables = {"text-muted": f"auto {spec.muted_text or MUTED_TEXT_LEAST}%"}
        if spec.field_border is not None:
            variables["border-blurred"] = spec.field_border
        theme = Theme(name=spec.name, dark=spec.dark, **colours, variables=variables)
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


class ThemedApp(App[ReturnType]):
    """An app offering the project's themes: the built-in ones and the user's."""

    _edged_themes: frozenset[str] = frozenset()

    def use_themes(self, theme_name: str | None, theme_dir: Path | None = None) -> list[FileProblemError]:
        """Offer every theme that can be shown and choose `theme_name` (else the
        default); returns the theme files that could not be used, for a warning."""
        themes, problems = available_themes(theme_dir)
        for theme in themes:
            self.register_theme(theme)
        self._edged_themes = frozenset(theme.name for theme in themes if "border-blurred" in theme.variables)
        # The app's own CSS, not a DEFAULT_CSS: Textual reads DEFAULT_CSS along an app's
        # first base classes only, and the compact buttons' own rule outranks it.
        self.stylesheet.add_source(stylesheet("themed-app"), read_from=(str(FOLDER / "themed-app.tcss"), ""))
        names = {theme.name for theme in themes}
        self.theme = theme_name if theme_name in names else DEFAULT_THEME if DEFAULT_THEME in names else "textual-dark"
        return problems

    def tell_theme_problems(self, problems: Iterable[FileProblemError]) -> None:
        """Name on screen each theme file that was skipped. Said as the app opens,
        while the facilitator may be busy setting up: it stays 20 s, as the other
        notices at the start do."""
        for problem in problems:
            self.notify(str(problem), title="Theme skipped", severity="warning", markup=False, timeout=20)

    def watch_theme(self, name: str) -> None:
        # The fields are compact (no border of their own): the app's CSS edges them
        # while the theme asks for it (tui/styles/bound-field.tcss).
        self.set_class(name in self._edged_themes, EDGED_FIELDS)
