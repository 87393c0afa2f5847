"""WCAG contrast of what is actually drawn: every run of text on a screen, with
the colour it is drawn in and the colour behind it, read from the SVG that
Textual exports of the screen (the same file a snapshot test keeps).

Rich writes each run of text as a `<text class=...>` at a cell position, its
colour in the class's `fill`, and, when the run has a background, a `<rect>`
at the same cell. So a run's background is the rect at its cell.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_CLASS = re.compile(r"\.(?P<name>[\w-]+-r\d+) \{ fill: (?P<fill>#[0-9a-f]{6})")
_RECT = re.compile(
    r'<rect fill="(?P<fill>#[0-9a-f]{6})" x="(?P<x>[\d.]+)" y="(?P<y>[\d.]+)" width="(?P<w>[\d.]+)" '
    r'height="[\d.]+" shape-rendering="crispEdges"/>'
)
_TEXT = re.compile(
    r'<text class="(?P<cls>[\w-]+-r\d+)" x="(?P<x>[\d.]+)" y="(?P<y>[\d.]+)" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+\)">(?P<text>[^<]*)</text>'
)
# Box drawing, block elements and the like: lines and scrollbars, not text (WCAG 1.4.11, not 1.4.3).
_GRAPHIC = re.compile(r"[\u2500-\u259f\u2800-\u28ff\s▁▂▃▄▅▆▇█▉▊▋▌▍▎▏▐▔▕]+")
LINE_HEIGHT = 24.4
CHAR_HEIGHT = 20.0
CHAR_WIDTH = 12.2


@dataclass(frozen=True)
class Run:
    """One run of text on the screen: where, what, and its two colours."""

    line: int
    column: int
    text: str
    color: str
    background: str

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.color, self.background)


def _luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_runs(svg: str) -> list[Run]:
    """Every run of text in an exported screen, with its colour and background."""
    fills = {m["name"]: m["fill"] for m in _CLASS.finditer(svg)}
    backgrounds: dict[tuple[int, int], str] = {}
    for m in _RECT.finditer(svg):
        line = round((float(m["y"]) - 1.5) / LINE_HEIGHT)
        first = round(float(m["x"]) / CHAR_WIDTH)
        for column in range(first, first + round(float(m["w"]) / CHAR_WIDTH)):
            backgrounds[(line, column)] = m["fill"]
    runs = []
    for m in _TEXT.finditer(svg):
        text = html.unescape(m["text"]).replace("\xa0", " ")
        if _GRAPHIC.fullmatch(text):
            continue
        line = round((float(m["y"]) - CHAR_HEIGHT) / LINE_HEIGHT)
        column = round(float(m["x"]) / CHAR_WIDTH)
        name = m["cls"]
        background = backgrounds.get((line, column))
        if name in fills and background is not None:
            runs.append(Run(line, column, text, fills[name], background))
    return runs
