"""Text made safe for a terminal: control characters shown, never sent.

A plan is typed by people and edited by hand, so any text in it (a name, a
title, a key in a broken file) may hold terminal control sequences: ESC
starting a sequence that clears the screen or retitles the window, BEL, the
8-bit C1 controls, or Unicode bidirectional overrides that make text read
backwards. `visible()` is the one function every text passes through before it
reaches a terminal (the app does it for every line it draws, the command line
for everything it prints); the plan file keeps the text exactly as typed.

- C0 controls and DEL become their Unicode control pictures: ESC is "␛", BEL "␇".
- C1 controls (0x80-0x9F) become ␛ and the equivalent 7-bit character: CSI
  (0x9B) is "␛[", as the terminal would have read it.
- Bidirectional overrides and isolates become their names: "⟨RLO⟩".
- A lone surrogate (a file name's byte that is not UTF-8, as Python keeps it)
  becomes "\ufffd", as a terminal shows a byte it cannot read; it could not be
  written to the terminal at all.
"""

from __future__ import annotations

BIDI = {
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
}


def _table(keep_layout: bool) -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x7F] = "\u2421"  # ␡
    table.update({code: "\u241b" + chr(code - 0x40) for code in range(0x80, 0xA0)})
    table.update({code: f"⟨{name}⟩" for code, name in BIDI.items()})
    table.update(dict.fromkeys(range(0xD800, 0xE000), "\ufffd"))
    if keep_layout:  # a new line and a tab are text, not a command
        del table[0x0A], table[0x09]
    return table


_TEXT = _table(keep_layout=True)
_LINE = _table(keep_layout=False)


def visible(text: str) -> str:
    """`text` with every control character shown instead of sent (new lines and tabs kept)."""
    # The quick tests first: most texts are printable, or lines of printable text (going
    # through the table for each character costs ten times as much).
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return text
    return text.translate(_TEXT)


def visible_line(text: str) -> str:
    """The same, for one drawn line of the screen, where even a new line is a control."""
    return text if text.isprintable() else text.translate(_LINE)  # the quick test first: most lines are


def has_controls(text: str) -> bool:
    """Whether `text` holds anything `visible` would change."""
    return visible(text) != text
