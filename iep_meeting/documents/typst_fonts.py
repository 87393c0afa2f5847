"""The characters typst's own fonts can show, known without compiling.

typst carries its fonts inside its compiled library (Libertinus Serif, New
Computer Modern, DejaVu Sans Mono); it lists them (`typst.Fonts`) but gives
neither their files nor their characters. What they cover is measured once,
from the fonts inside the library, by reading their character maps
(store/font_files.py), and shipped as `typst_glyphs.txt`: one range of code
points a line. documents/pdf.py checks a document's characters against it in
one pass, instead of asking typst about each character.

When typst is upgraded, regenerate it (tests/unit/test_pdf_fonts.py fails
until then):

    python -m iep_meeting.documents.typst_fonts > iep_meeting/documents/typst_glyphs.txt
"""

from __future__ import annotations

import importlib.util
import re
import sys
from functools import cache
from importlib import resources
from pathlib import Path

from iep_meeting.store.font_files import Ranges, cmap_ranges, merged

GLYPHS_FILE = "typst_glyphs.txt"
_SFNT = re.compile(rb"OTTO|\x00\x01\x00\x00|true")


@cache
def typst_ranges() -> Ranges:
    """The code points typst's own fonts show (the shipped measurement)."""
    text = resources.files("iep_meeting.documents").joinpath(GLYPHS_FILE).read_text(encoding="utf-8")
    ranges = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            first, _, last = line.partition("-")
            ranges.append((int(first, 16), int(last or first, 16)))
    return merged(ranges)


def _fonts_in(library: bytes) -> list[bytes]:
    """The OpenType fonts stored whole inside a compiled library: a font's table
    directory names its tables (four letters each), among them `cmap`."""
    fonts = []
    for match in _SFNT.finditer(library):
        start = match.start()
        tables = int.from_bytes(library[start + 4 : start + 6], "big")
        directory = library[start + 12 : start + 12 + 16 * tables]
        names = [directory[16 * n : 16 * n + 4] for n in range(tables)]
        if not 4 <= tables <= 64 or b"cmap" not in names or not all(re.fullmatch(rb"[ -~]{4}", n) for n in names):
            continue
        ends = [
            int.from_bytes(directory[16 * n + 8 : 16 * n + 12], "big")
            + int.from_bytes(directory[16 * n + 12 : 16 * n + 16], "big")
            for n in range(tables)
        ]
        fonts.append(library[start : start + max(ends)])
    return fonts


def _cmap_ranges(library: bytes) -> Ranges:
    """Every code point some font inside the compiled library maps to a glyph."""
    found: list[tuple[int, int]] = []
    for font in _fonts_in(library):
        for n in range(int.from_bytes(font[4:6], "big")):
            entry = 12 + 16 * n
            if font[entry : entry + 4] == b"cmap":
                offset = int.from_bytes(font[entry + 8 : entry + 12], "big")
                length = int.from_bytes(font[entry + 12 : entry + 16], "big")
                found.extend(cmap_ranges(font[offset : offset + length]))
    return merged(found)


# Each character on its own line, in plain and in bold text, as a typst string
# written with its code (nothing in it is read as markup).
_PROBE_HEAD = '#set document(title: "glyphs")\n#set text(lang: "en", font: "Libertinus Serif")\n'
_NOT_SHOWN = re.compile(r'the text `"((?:[^"\\]|\\.)*)"` could not be displayed')


def not_shown(chars: list[str]) -> set[str]:
    """Which of `chars` typst cannot show, from one compile: a PDF/UA file may
    show no missing glyph, and typst names every text it cannot show."""
    import typst

    source = _PROBE_HEAD + "".join(f'#"\\u{{{ord(c):x}}}" #strong("\\u{{{ord(c):x}}}")\n\n' for c in chars)
    try:
        typst.compile(source.encode(), format="pdf", ignore_system_fonts=True, pdf_standards=["ua-1"])
    except typst.TypstError as error:
        return not_shown_in(error)
    return set()


def not_shown_in(error: Exception) -> set[str]:
    """The characters a typst error says it could not show (none for another error)."""
    diagnostic = getattr(error, "diagnostic", "") or ""
    return {char for text in _NOT_SHOWN.findall(diagnostic) for char in typst_text(text) if not char.isspace()}


def typst_text(quoted: str) -> str:
    """The text inside a typst string as typst prints it in a message ("\\u{e008}", "\\\"")."""
    return re.sub(r"\\(u\{([0-9a-fA-F]+)\}|.)", lambda m: chr(int(m[2], 16)) if m[2] else m[1], quoted)


def measured_ranges() -> Ranges:
    """What typst shows with its own fonts, measured: the characters its fonts'
    character maps name, less those typst still cannot show with the document's
    font and its fallback (it passes over its monospace and math fonts)."""
    spec = importlib.util.find_spec("typst._typst")  # the compiled library that carries the fonts
    if spec is None or spec.origin is None:
        raise RuntimeError("typst is not installed")
    library = Path(spec.origin).read_bytes()
    candidates = [chr(code) for first, last in _cmap_ranges(library) for code in range(first, last + 1)]
    for _ in range(3):  # once, or twice when a character only failed next to another
        missing = not_shown(candidates)
        if not missing:
            break
        candidates = [char for char in candidates if char not in missing]
    return merged((ord(char), ord(char)) for char in candidates)


def glyphs_text(ranges: Ranges) -> str:
    import typst

    head = f"# The code points typst {getattr(typst, '__version__', '')}'s own fonts show (documents/typst_fonts.py).\n"
    return head + "".join(f"{first:04X}-{last:04X}\n" for first, last in ranges)


if __name__ == "__main__":
    sys.stdout.write(glyphs_text(measured_ranges()))
