"""Everything the command line prints goes through `say`, so no text from a
plan, an agenda or a file name can send a terminal control (words/visible.py).
The command line never prints colour codes, to a terminal or not."""

from __future__ import annotations

import os
import sys

from iep_meeting.words.visible import visible

# Exit codes: done; done, and something to see to (a finding, a change, something
# overdue); could not be read or carried out.
EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def say(text: str = "", *, error: bool = False) -> None:
    """Print one message (to standard error when `error`), its controls shown."""
    stream = sys.stderr if error else sys.stdout
    stream.write(visible(text) + "\n")


def quiet_closed_output() -> None:
    """After a BrokenPipeError: the reader is gone. Point standard output at the
    null device, so that Python's own flush at exit does not fail (and print a
    traceback) a second time."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file behind stdout (tests): nothing to flush into
        pass
