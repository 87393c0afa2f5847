"""The family's copy in a real headless browser: Chromium opens the exported
HTML, keeps its languages, and prints it to PDF with the draft mark on every
page and the copy's own words on the paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import create_plan_file
from tests.browser import dump_dom, find_chromium, pdf_pages, pdf_text, png_size, print_to_pdf, screenshot
from tests.complete_plans import transition_age
from tests.factories import small_plan

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="needs chromium (.ci/run installs it)"),
]


def exported(tmp_path: Path, language: str) -> Path:
    plan = tmp_path / "sam.iep.toml"
    if not plan.exists():
        create_plan_file(plan, small_plan())
    out = tmp_path / f"family-{language}.html"
    assert main(["export", "family", str(plan), "--lang", language, "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize(("language", "draft", "heading"), [("en", "DRAFT", "Goals"), ("es", "BORRADOR", "Metas")])
def test_the_family_copy_prints_with_the_draft_mark_on_every_page(tmp_path, language, draft, heading):
    html = exported(tmp_path, language)
    pdf = print_to_pdf(html, tmp_path / f"family-{language}.pdf")
    pages = pdf_text(pdf).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) == pdf_pages(pdf)
    assert all(draft in page for page in pages)  # a draft is never mistaken for the agreed plan
    text = " ".join(" ".join(pages).split())  # table cells wrap across lines on paper
    assert heading in text and "Sam" in text and "Specialized" in text and "resource room" in text  # table cells


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("which", ["sample", "transition-age"])
def test_a_typical_plan_prints_on_five_pages_at_most(tmp_path, language, which):
    """A typical plan, whole for the family (goals and their steps, services, summer help,
    accommodations, state tests, placement, transition, decisions, who agrees, next
    steps, whom to call, the family's rights, the glossary and what is still in
    English), fits on a few pages: 4 in English and 5 in Spanish, for the bundled
    sample (four goals, five services, six accommodations) and for a transition-age
    plan (tests/complete_plans.py), so the family gets a copy it can read, not a packet."""
    plan = tmp_path / f"{which}.iep.toml"
    if which == "sample":
        plan.write_bytes(sample_plan_path().read_bytes())
    else:
        create_plan_file(plan, transition_age())
    out = tmp_path / f"{which}-{language}.html"
    assert main(["export", "family", str(plan), "--lang", language, "-o", str(out)]) == 0
    assert 1 <= pdf_pages(print_to_pdf(out, tmp_path / f"{which}-{language}.pdf")) <= 5


def test_the_browser_keeps_the_languages_and_runs_nothing(tmp_path):
    dom = dump_dom(exported(tmp_path, "es"))
    assert '<html lang="es"' in dom
    assert 'lang="en"' in dom  # the team's words, typed in English, inside the Spanish copy
    assert "<script" not in dom


def test_a_screenshot_of_the_family_copy(tmp_path):
    png = screenshot(exported(tmp_path, "en"), tmp_path / "family.png", 900, 1200)
    assert png_size(png) == (900, 1200)
