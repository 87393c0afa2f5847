"""The app's styles: one .tcss file per widget or screen class, named after it
(MeetingBar -> meeting-bar.tcss). Colours always come from theme variables
($primary, $error, ...), so every theme re-skins them.

Each class takes its file as its DEFAULT_CSS, so Textual reads a class's
styles when the class is first used (the forms only after the first frame),
and they rank against Textual's own widget styles as a widget's CSS does.
Rules shared by many classes are written once, on the class they share: the
dialog frame on `Dialog`, wrapping labels on `SectionEditor`.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def stylesheet(name: str) -> str:
    """The rules in styles/<name>.tcss."""
    return (FOLDER / f"{name}.tcss").read_text(encoding="utf-8")
