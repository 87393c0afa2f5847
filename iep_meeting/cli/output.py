"""Everything the command line prints goes through `say`, so no text from a
plan, an agenda or a file name can send a terminal control (words/visible.py)."""

from __future__ import annotations

import sys

from iep_meeting.words.visible import visible


def say(text: str = "", *, error: bool = False) -> None:
    """Print one message (to standard error when `error`), its controls shown."""
    stream = sys.stderr if error else sys.stdout
    stream.write(visible(text) + "\n")
