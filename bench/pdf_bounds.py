"""PDF exports at and past their bounds: the time and peak memory of each, each
in a process of its own, against the HTML of the same document in that process.

- `long-words`: the plan of the issue, 20 fields of 50,000 characters without a
  space (1 MB; it took 25 s and 3.6 GB): more than a PDF holds, so refused
  before typst runs.
- `limit-<text>`: the same 20 fields, as long as they can be for the document to
  hold just under MAX_PDF_TEXT: words without spaces, English prose, Arabic
  prose, Chinese (with the computer's CJK font), a line break every 20
  characters. The worst of these is the stated bound.
- `distinct-<n>`: n distinct Chinese characters (300, 3,000, 20,000: they added
  1.8 s, 16.7 s and 113 s when each was probed by a compile of its own),
  against the same document with as many "x"s: the seconds they add, with no
  font for them (shown by code) and with the computer's CJK font.

Run: python bench/pdf_bounds.py [--kinds family,full]
Prints: `pdf-bounds <case> <kind>: <s> s, <MB> MB peak; html <s> s; ratio <pdf/html>`
and `pdf-bounds distinct-<n> added: <s> s by code, <s> s with a font`.
Targets: every case under 15 s and 1 GB (this laptop: 2 cores); long-words
refused in under 1 s; distinct-20000 adds under 3 s.
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable

import attrs

from iep_meeting.documents import pdf
from iep_meeting.documents.document import Document
from iep_meeting.documents.family_copy import family_copy
from iep_meeting.documents.full_plan import build_full_plan
from iep_meeting.documents.html import document_html
from iep_meeting.model.plan import Plan
from iep_meeting.store.errors import StoreError
from iep_meeting.store.font_files import FontLibrary, library
from iep_meeting.store.locale_files import locale_strings
from tests.factories import make_goal, small_plan

MADE_ON = dt.date(2026, 12, 1)
FIELDS = 20
ENGLISH = "the team agreed that the student reads aloud every day with a partner "
ARABIC = "وافق الفريق على أن يقرأ الطالب بصوت عال كل يوم مع زميل "
CHINESE = "团队同意学生每天和同伴一起大声朗读。"


def repeated(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


TEXTS: dict[str, Callable[[int], str]] = {
    "words": lambda n: "".join(chr(0x61 + (i * 7) % 26) for i in range(n)),
    "english": lambda n: repeated(ENGLISH, n),
    "arabic": lambda n: repeated(ARABIC, n),
    "chinese": lambda n: repeated(CHINESE, n),
    "lines": lambda n: repeated("a short line of text\n", n),
}


def plan_with(texts: list[str]) -> Plan:
    """A plan whose goals hold `texts` in five fields each."""
    goals = []
    for n in range(0, len(texts), 5):
        statement, baseline, target, measured_by, reporting = (texts[n : n + 5] + [""] * 5)[:5]
        goal = attrs.evolve(make_goal(n // 5 + 1), statement=statement, baseline=baseline, target=target)
        goals.append(attrs.evolve(goal, measured_by=measured_by, reporting=reporting))
    return small_plan(goals=tuple(goals))


def document(kind: str, plan: Plan) -> Document:
    english = locale_strings("en")
    return family_copy(plan, english, english) if kind == "family" else build_full_plan(plan, english, english, None)


def size_of(doc: Document) -> int:
    data = json.dumps(pdf.document_data(doc), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return pdf.text_size(data)


def at_the_limit(kind: str, text: Callable[[int], str]) -> Plan:
    """The plan whose 20 fields are as long as they can be for the document to hold just under the limit."""
    low, high = 0, pdf.MAX_PDF_TEXT // FIELDS
    while high - low > 100:
        middle = (low + high) // 2
        fits = size_of(document(kind, plan_with([text(middle)] * FIELDS))) <= pdf.MAX_PDF_TEXT * 0.98
        low, high = (middle, high) if fits else (low, middle)
    return plan_with([text(low)] * FIELDS)


def distinct(count: int, chinese: bool) -> Plan:
    chars = "".join(chr(0x4E00 + n) if chinese else "x" for n in range(count))
    return plan_with([" ".join(chars[n : n + 10] for n in range(0, count, 10))])


def child(case: str, kind: str) -> None:
    """One case, in this process: prints its seconds, peak MB and what came of it, as JSON."""
    fonts: FontLibrary | None = library()
    if case == "long-words":
        plan = plan_with([TEXTS["words"](50_000)] * FIELDS)
    elif case.startswith("limit-"):
        plan = at_the_limit(kind, TEXTS[case.removeprefix("limit-")])
    else:
        _, count, mode = case.split("-")  # distinct-<n>-<chinese|x|nofont>
        plan = distinct(int(count), mode != "x")
        fonts = FontLibrary([]) if mode == "nofont" else fonts
    doc = document(kind, plan)
    start = time.perf_counter()
    document_html(doc)
    html = time.perf_counter() - start
    start = time.perf_counter()
    try:
        made = pdf.pdf_file(doc, MADE_ON, fonts)
        outcome = f"{len(made.data) // 1024} KB" + (f", {len(made.by_code)} by code" if made.by_code else "")
    except StoreError as error:
        outcome = "refused: " + str(error)[:60] + "…"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "html": html, "outcome": outcome, "size": size_of(doc)}))


def run(case: str, kind: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", case, kind], capture_output=True, text=True, check=True, cwd=_harness.ROOT
    )
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", default="family,full")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "KIND"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    print(f"MAX_PDF_TEXT {pdf.MAX_PDF_TEXT:,} (a line break counts {pdf.LINE_COST})")
    for kind in args.kinds.split(","):
        for case in ["long-words", *(f"limit-{name}" for name in TEXTS)]:
            result = run(case, kind)
            seconds, html = float(str(result["seconds"])), float(str(result["html"]))
            print(
                f"pdf-bounds {case} {kind}: {seconds:.2f} s, {float(str(result['peak_mb'])):.0f} MB peak; "
                f"html {html:.2f} s; ratio {seconds / html:.1f}  ({result['size']:,} characters; {result['outcome']})"
            )
    for count in (300, 3000, 20000):
        base = float(str(run(f"distinct-{count}-x", "family")["seconds"]))
        by_code = float(str(run(f"distinct-{count}-nofont", "family")["seconds"]))
        with_font = run(f"distinct-{count}-chinese", "family")
        print(
            f"pdf-bounds distinct-{count} added: {by_code - base:.2f} s by code, "
            f"{float(str(with_font['seconds'])) - base:.2f} s with a font "
            f"({float(str(with_font['peak_mb'])):.0f} MB peak; {with_font['outcome']})"
        )


if __name__ == "__main__":
    main()
