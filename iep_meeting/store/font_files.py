"""Font files: which characters a font can show, and where fonts are.

A PDF is made with typst's own fonts (documents/pdf.py); a character they lack
(Chinese, Korean, Arabic, ...) is shown with a font of this computer that has
it, when there is one. This module finds such fonts without compiling
anything: it reads the character map (`cmap` table) of each font file, at most
a few megabytes of it, through the store's reader (a regular file, opened
without blocking), and keeps what it learnt for the rest of the process.

Where fonts are looked for, in this order:

1. the folders in $IEP_MEETING_FONTS (separated like PATH: ":" on Linux and
   macOS, ";" on Windows);
2. `fonts/` in the user's configuration folder (~/.config/iep-meeting/fonts on
   Linux);
3. the computer's font folders (on Debian /usr/share/fonts, where
   fonts-noto-cjk puts Noto Sans CJK).

The cmap formats read are 4 (the Basic Multilingual Plane), 12 and 13 (all of
Unicode); a TrueType or OpenType collection (.ttc, .otc) counts every font in it.
"""

from __future__ import annotations

import bisect
import os
import struct
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from iep_meeting.store.errors import StoreError
from iep_meeting.store.folders import user_config_dir
from iep_meeting.store.reader import open_regular, read_at

FONTS_ENV = "IEP_MEETING_FONTS"
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})
FONT_WHAT = "font file"
MAX_CMAP_BYTES = 4 * 1024 * 1024  # the largest cmap read (Noto Sans CJK's is about 0.3 MB)
MAX_FONT_FILES = 20_000  # font files looked at in the folders, at most
MAX_DEPTH = 6  # how deep into a font folder

Ranges = tuple[tuple[int, int], ...]  # sorted, disjoint (first, last) code points


class FontFileError(StoreError):
    """A file that claims to be a font but whose character map cannot be read."""


# --- the character map ------------------------------------------------------------------------------


def _u16(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 2], "big")


def _u32(data: bytes, at: int) -> int:
    return int.from_bytes(data[at : at + 4], "big")


def _format4(table: bytes) -> Iterator[tuple[int, int]]:
    """The code points a format-4 subtable maps to a glyph (glyph 0 is "missing")."""
    segments = _u16(table, 6) // 2
    ends = 14  # then two bytes of padding
    starts, deltas, offsets = 16 + 2 * segments, 16 + 4 * segments, 16 + 6 * segments
    for n in range(segments):
        first, last = _u16(table, starts + 2 * n), _u16(table, ends + 2 * n)
        delta, offset = _u16(table, deltas + 2 * n), _u16(table, offsets + 2 * n)
        if first > last or first == 0xFFFF:
            continue
        if offset == 0:  # glyph = code + delta: at most one code of the range lands on glyph 0
            empty = (-delta) & 0xFFFF
            if first <= empty <= last:
                yield from ((a, b) for a, b in ((first, empty - 1), (empty + 1, last)) if a <= b)
            else:
                yield first, last
            continue
        at = offsets + 2 * n + offset
        for code in range(first, last + 1):
            index = at + 2 * (code - first)
            if index + 2 <= len(table) and _u16(table, index):
                yield code, code


def _format12(table: bytes, many_to_one: bool) -> Iterator[tuple[int, int]]:
    """The code point ranges of a format-12 (or 13: `many_to_one`) subtable."""
    groups = min(_u32(table, 12), (len(table) - 16) // 12)
    for first, last, glyph in struct.iter_unpack(">III", table[16 : 16 + 12 * groups]):
        last = min(last, 0x10FFFF)
        if glyph == 0:  # "missing": the whole group (format 13), or its first code (format 12)
            first = last + 1 if many_to_one else first + 1
        if first <= last:
            yield first, last


def cmap_ranges(cmap: bytes) -> Ranges:
    """The code points a `cmap` table maps to glyphs, from its Unicode subtables
    (a font that has a full-Unicode one, format 12 or 13, needs no other)."""
    if len(cmap) < 4:
        raise ValueError("the character map is cut short")
    tables: dict[int, int] = {}  # offset: format, for each Unicode subtable (several records may share one)
    for n in range(_u16(cmap, 2)):
        record = 4 + 8 * n
        if record + 8 > len(cmap):
            break
        platform, encoding, offset = _u16(cmap, record), _u16(cmap, record + 2), _u32(cmap, record + 4)
        if (platform == 0 or (platform == 3 and encoding in (1, 10))) and offset + 4 <= len(cmap):
            tables[offset] = _u16(cmap, offset)
    full = {offset: form for offset, form in tables.items() if form in (12, 13)}
    found: list[tuple[int, int]] = []
    for offset, form in (full or tables).items():
        if form == 4:
            found.extend(_format4(cmap[offset : offset + _u16(cmap, offset + 2)]))
        elif form in (12, 13):
            found.extend(_format12(cmap[offset : offset + _u32(cmap, offset + 4)], many_to_one=form == 13))
    return merged(found)


def merged(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """`ranges` sorted, with overlapping and touching ones joined."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return tuple(out)


def covers(ranges: Ranges, code: int) -> bool:
    at = bisect.bisect_right(ranges, (code, 0x10FFFF + 1)) - 1
    return at >= 0 and ranges[at][0] <= code <= ranges[at][1]


def _sfnt_offsets(header: bytes) -> list[int]:
    """Where each font of a file starts: one, or each of a collection's."""
    if header[:4] == b"ttcf":
        count = min(_u32(header, 8), (len(header) - 12) // 4)
        return [_u32(header, 12 + 4 * n) for n in range(count)]
    if header[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return [0]
    raise ValueError("this is not a TrueType or OpenType font")


def _cmap_location(directory: bytes) -> tuple[int, int] | None:
    tables = _u16(directory, 4)
    for n in range(min(tables, (len(directory) - 12) // 16)):
        entry = 12 + 16 * n
        if directory[entry : entry + 4] == b"cmap":
            return _u32(directory, entry + 8), _u32(directory, entry + 12)
    return None


def font_ranges(path: Path) -> Ranges:
    """The code points the font file at `path` can show (every font of a
    collection together); FileProblemError when it cannot be read as a file,
    FontFileError when it is not a font."""
    with open_regular(path, FONT_WHAT) as (fd, info):
        try:
            found: list[tuple[int, int]] = []
            maps = set()  # the fonts of a collection often share one character map
            for start in _sfnt_offsets(read_at(fd, 0, 12 + 4 * 64)):
                directory = read_at(fd, start, 12 + 16 * 64)
                where = _cmap_location(directory) if len(directory) >= 12 else None
                if where is None or where in maps:
                    continue
                maps.add(where)
                offset, length = where
                if length > MAX_CMAP_BYTES or offset + length > info.st_size:
                    raise ValueError("its character map is bigger than any font's")
                found.extend(cmap_ranges(read_at(fd, offset, length)))
        except (ValueError, OSError) as error:
            raise FontFileError(f"{path}: not a font whose characters can be read ({error})") from None
    return merged(found)


# --- where the fonts are ----------------------------------------------------------------------------


def system_font_folders() -> list[Path]:
    """The computer's own font folders (those that exist are looked in)."""
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", "C:\\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [
        data_home / "fonts",
        home / ".fonts",
        *(Path(folder) / "fonts" for folder in data_dirs.split(":") if folder),
    ]


def configured_font_folders() -> list[Path]:
    """The folders a user names for fonts: $IEP_MEETING_FONTS, then `fonts/` of the configuration folder."""
    named = [Path(folder).expanduser() for folder in os.environ.get(FONTS_ENV, "").split(os.pathsep) if folder]
    return [*named, user_config_dir() / "fonts"]


def font_folders() -> list[Path]:
    return [*configured_font_folders(), *system_font_folders()]


def font_files(folders: Iterable[Path]) -> Iterator[Path]:
    """The font files in `folders` (and their subfolders, not through links),
    folder by folder, each sorted by name; at most MAX_FONT_FILES."""
    seen = 0
    for folder in folders:
        if not folder.is_dir():
            continue
        for root, subfolders, names in os.walk(folder):
            depth = len(Path(root).relative_to(folder).parts)
            subfolders[:] = sorted(subfolders) if depth < MAX_DEPTH else []
            for name in sorted(names):
                if Path(name).suffix.lower() in FONT_SUFFIXES:
                    seen += 1
                    if seen > MAX_FONT_FILES:
                        return
                    yield Path(root) / name


@attrs.frozen
class FontChoice:
    """Fonts for characters typst's own fonts lack: the files, the folders to
    give typst (a folder is how it takes fonts), and the characters they cover."""

    files: tuple[Path, ...] = ()
    covered: frozenset[str] = frozenset()

    @property
    def folders(self) -> tuple[Path, ...]:
        return tuple(sorted({path.parent for path in self.files}))


class FontLibrary:
    """The fonts of some folders, read as they are needed and remembered."""

    def __init__(self, folders: Iterable[Path] | None = None) -> None:
        self._folders = list(folders) if folders is not None else None
        self._ranges: dict[tuple[Path, int, int], Ranges] = {}

    @property
    def folders(self) -> list[Path]:
        return self._folders if self._folders is not None else font_folders()

    def _ranges_of(self, path: Path) -> Ranges:
        try:
            info = path.stat()
        except OSError:
            return ()
        key = (path, info.st_mtime_ns, info.st_size)
        if key not in self._ranges:
            try:
                self._ranges[key] = font_ranges(path)
            except StoreError:  # a broken or odd file among the fonts: not one to use
                self._ranges[key] = ()
        return self._ranges[key]

    def choose(self, chars: Iterable[str]) -> FontChoice:
        """Fonts that show as many of `chars` as these folders can, fewest files
        first found: each font file is taken for what it adds."""
        wanted = {char for char in chars if len(char) == 1}
        chosen: list[Path] = []
        covered: set[str] = set()
        for path in font_files(self.folders):
            if not wanted:
                break
            ranges = self._ranges_of(path)
            shown = {char for char in wanted if covers(ranges, ord(char))}
            if shown:
                chosen.append(path)
                covered |= shown
                wanted -= shown
        return FontChoice(tuple(chosen), frozenset(covered))


_LIBRARY = FontLibrary()


def library() -> FontLibrary:
    """The fonts of the configured and the computer's folders (read once a process)."""
    return _LIBRARY
