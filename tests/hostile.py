"""Text that tries to take over a terminal, for the tests that prove it cannot."""

from __future__ import annotations

from enum import Enum
from typing import Any

import attrs

# An OSC that retitles the window, BEL, a CSI that clears the screen, an 8-bit
# CSI, and bidirectional overrides that make text read backwards.
PAYLOAD = "x\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eevil\u2066!"

# What must never reach a terminal raw, whatever the text around it.
RAW = ("\u001b", "\u0007", "\u009b", "\u202e", "\u2066")


def raw_controls(output: str) -> list[str]:
    """The pieces of PAYLOAD found raw in `output` (none, when it is shown safely)."""
    return [piece for piece in RAW if piece in output]


def with_payload(record: Any, skip: frozenset[str] = frozenset({"agenda", "profile"})) -> Any:
    """`record` with PAYLOAD added to every text in it (ids too, so references still match)."""
    if isinstance(record, str) and not isinstance(record, Enum):
        return record + PAYLOAD
    if isinstance(record, tuple):
        return tuple(with_payload(item, skip) for item in record)
    if attrs.has(type(record)):
        changes = {
            field.name: with_payload(getattr(record, field.name), skip)
            for field in attrs.fields(type(record))
            if field.name not in skip and field.init
        }
        return attrs.evolve(record, **changes)
    return record
