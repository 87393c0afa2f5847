"""The family's copy on a phone: at 320 and 390 CSS pixels wide the HTML reflows with
no sideways scrolling, its tables read as stacked label–value rows, and axe-core finds
no accessibility violation, in English and Spanish. Opened in real headless Chromium
(tests/cdp.py); the screenshots are kept in the test's folder for a person to look at."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.store.folders import sample_plan_path
from iep_meeting.store.plan_file import create_plan_file
from tests.browser import find_chromium, png_size
from tests.cdp import Page, axe_available
from tests.complete_plans import transition_age

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="needs chromium (.ci/run installs it)"),
]

WIDTHS = (320, 390)
LONG = "Intensive-reading-intervention-with-a-certified-specialist-three-times-weekly"


def exported(tmp_path: Path, which: str, language: str) -> Path:
    plan = tmp_path / f"{which}.iep.toml"
    if not plan.exists():
        if which == "sample":
            plan.write_bytes(sample_plan_path().read_bytes())
        else:  # a transition-age plan whose team typed a long word and an email in a table cell
            base = transition_age()
            service = attrs.evolve(base.services[0], description=LONG, provider="reading.specialist@example.org")
            create_plan_file(plan, attrs.evolve(base, services=(service, *base.services[1:])))
    out = tmp_path / f"{which}-{language}.html"
    assert main(["export", "family", str(plan), "--lang", language, "-o", str(out), "--force"]) == 0
    return out


@pytest.mark.parametrize("which", ["sample", "transition-age"])
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_copy_reflows_on_a_phone_with_no_sideways_scrolling(tmp_path: Path, which: str, language: str, width: int):
    html = exported(tmp_path, which, language)
    with Page(width=width) as page:
        page.open(html)
        assert page.evaluate("document.documentElement.clientWidth") == width
        assert page.sideways_overflow() == []
        # Tables are stacked label–value rows: each cell on its own line, its column's name before it.
        cell = "document.querySelector('#services td')"
        assert page.evaluate(f"getComputedStyle({cell}).display") == "block"
        label = page.evaluate(f"getComputedStyle({cell}, '::before').content")
        assert label.strip('"').rstrip(": ") == page.evaluate(f"{cell}.dataset.label")
        png = page.screenshot(tmp_path / f"{which}-{language}-{width}.png")
    assert png_size(png)[0] == width


@pytest.mark.skipif(not axe_available(), reason="needs axe-core: npm ci --prefix tests/browser_tools (.ci/run does)")
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_core_finds_no_violation_at_phone_widths(tmp_path: Path, language: str, width: int):
    for which in ("sample", "transition-age"):
        with Page(width=width) as page:
            page.open(exported(tmp_path, which, language))
            assert page.axe_violations() == [], which


def test_a_wide_screen_keeps_the_tables(tmp_path: Path):
    with Page(width=1000) as page:
        page.open(exported(tmp_path, "sample", "en"))
        assert page.evaluate("getComputedStyle(document.querySelector('#services td')).display") == "table-cell"
        assert page.sideways_overflow() == []
