"""The family's copy of a 200-goal plan as HTML and as PDF, against loading that plan.

Each round builds the copy from the plan in memory as the export does (`family_copy`
in Spanish, the language with the most to translate, then `in_language` with a quarter of
the team's texts translated and the banks' words) and renders it: `document_html`
for HTML, `document_pdf` (the typst compiler) for PDF. The baseline is reading the
same plan from its file with the store (`load_plan`). They run interleaved in
the same process and are compared by their medians, so machine noise hits all
alike. Writing the file and reading the bank files are left out.

`pdf-floor` is typst laying out the same text with no layout at all (each block
one plain paragraph; no tables, lists, marks, header or footer), measured in the same
run: what any typst template of this copy costs at least. The PDF target is set
against it, since typst cannot lay out a copy near the time of loading a plan.

Each ratio is printed by wall-clock time and, on its last line, by CPU time (this
process's, typst's threads included): on a machine busy with other work the
wall clock also counts the waits for a CPU.

Run: python bench/documents.py [--rounds N] [--goals N]
Targets: family-html ratio <= 1.0, family-pdf/floor ratio <= 1.5
"""

from __future__ import annotations

# isort: off
import _harness  # first: the import path (see bench/_harness.py)

# isort: on
import argparse
import datetime as dt
import json
import tempfile
from pathlib import Path

from iep_meeting.documents import pdf as pdf_writer
from iep_meeting.documents.document import Document
from iep_meeting.documents.family_copy import family_copy
from iep_meeting.documents.html import document_html
from iep_meeting.documents.in_language import in_language
from iep_meeting.documents.pdf import document_pdf
from iep_meeting.model.banks import bank_words
from iep_meeting.model.translations import translated, typed_texts, with_translation
from iep_meeting.store.bank_files import load_banks
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import load_plan, plan_to_text
from tests.factories import big_plan

MADE_ON = dt.date(2026, 12, 1)

# The same document's text with no layout: the floor under any typst template.
PLAIN_TEMPLATE = b"""#let doc = json(bytes(sys.inputs.document))
#set document(title: doc.pdf_title)
#set text(lang: doc.language, font: "Libertinus Serif", size: 13pt)
#let words(pieces) = pieces.map(p => p.text).join()
#heading(level: 1, doc.title)
#for section in doc.sections {
  heading(level: 2, section.heading)
  for b in section.blocks {
    if b.kind == "paragraph" { par(words(b.pieces)) }
    else if b.kind == "items" { for i in b.items { par(words(i)) } }
    else if b.kind == "table" { for r in b.rows { par(r.map(words).join(" | ")) } }
    else if b.kind == "facts" { for f in b.facts { par(f.at(0) + " " + words(f.at(1))) } }
    else { for t in b.terms { par(t.join(" ")) } }
  }
}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--goals", type=int, default=200)
    args = parser.parse_args()

    plan = big_plan(args.goals)
    for item in list(typed_texts(plan))[::4]:  # a quarter of the team's words translated (a list holds 1000 at most)
        plan = with_translation(plan, translated(item, "Spanish", f"ES {item.text}", "bench", MADE_ON))
    text = plan_to_text(plan)
    spanish, english = locale_strings("es"), locale_strings("en")
    bank = bank_words(load_banks(), "es")

    def copy() -> Document:
        return in_language(family_copy(plan, spanish, english), plan, spanish, list_english=True, bank=bank)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.iep.toml"
        path.write_text(text, encoding="utf-8")

        def html() -> None:
            document_html(copy())

        def pdf() -> None:
            document_pdf(copy(), MADE_ON)

        def plain_pdf() -> None:
            data = json.dumps(pdf_writer.document_data(copy()), ensure_ascii=False)
            text = pdf_writer.by_code(data, pdf_writer.without_glyphs(data))
            pdf_writer.typst_pdf(PLAIN_TEMPLATE, {"document": text}, MADE_ON)

        def load() -> None:
            load_plan(path)

        (html_time, html_cpu), (pdf_time, pdf_cpu), (floor, floor_cpu), (loading, loading_cpu) = (
            _harness.interleaved_cpu_medians(args.rounds, html, pdf, plain_pdf, load)
        )

    print(f"plan: {args.goals} goals, {len(text.encode()) / 1024:.0f} KiB, {args.rounds} rounds")
    print(f"family copy as HTML (median): {html_time * 1000:.1f} ms")
    print(f"family copy as PDF (median): {pdf_time * 1000:.1f} ms")
    print(f"load_plan (median): {loading * 1000:.1f} ms")
    print(f"family-html ratio {html_time / loading:.3f}")
    print(f"pdf-floor (median): {floor * 1000:.1f} ms (the same text as plain paragraphs)")
    print(f"family-pdf ratio {pdf_time / loading:.3f} (against load_plan, for information)")
    print(f"pdf-floor ratio {floor / loading:.3f}")
    print(f"family-pdf/floor ratio {pdf_time / floor:.3f}")
    print(f"by CPU time: family-html {html_cpu / loading_cpu:.3f}, family-pdf/floor {pdf_cpu / floor_cpu:.3f}")


if __name__ == "__main__":
    main()
