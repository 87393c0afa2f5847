"""The family's copy of a 200-goal plan as HTML and as PDF, against loading that plan.

Each round builds the copy from the plan in memory (`family_copy`, in Spanish,
the language with the most to translate) and renders it: `document_html` for
HTML, `document_pdf` (the typst compiler) for PDF. The baseline is reading the
same plan from its file with the store (`load_plan`). They run interleaved in
the same process and are compared by their medians, so machine noise hits all
alike. Writing the file is left out: it is the same few bytes for every format.

Run: python bench/documents.py [--rounds N] [--goals N]
Targets: family-html ratio <= 1.0, family-pdf ratio <= 5.0
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import datetime as dt
import tempfile
from pathlib import Path

from iep_meeting.documents.family_copy import family_copy
from iep_meeting.documents.html import document_html
from iep_meeting.documents.pdf import document_pdf
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import load_plan, plan_to_text
from tests.factories import big_plan

MADE_ON = dt.date(2026, 12, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--goals", type=int, default=200)
    args = parser.parse_args()

    plan = big_plan(args.goals)
    text = plan_to_text(plan)
    spanish, english = locale_strings("es"), locale_strings("en")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.iep.toml"
        path.write_text(text, encoding="utf-8")

        def html() -> None:
            document_html(family_copy(plan, spanish, english))

        def pdf() -> None:
            document_pdf(family_copy(plan, spanish, english), MADE_ON)

        def load() -> None:
            load_plan(path)

        html_time, pdf_time, loading = _harness.interleaved_medians(args.rounds, html, pdf, load)

    print(f"plan: {args.goals} goals, {len(text.encode()) / 1024:.0f} KiB, {args.rounds} rounds")
    print(f"family copy as HTML (median): {html_time * 1000:.1f} ms")
    print(f"family copy as PDF (median): {pdf_time * 1000:.1f} ms")
    print(f"load_plan (median): {loading * 1000:.1f} ms")
    print(f"family-html ratio {html_time / loading:.3f}")
    print(f"family-pdf ratio {pdf_time / loading:.3f}")


if __name__ == "__main__":
    main()
