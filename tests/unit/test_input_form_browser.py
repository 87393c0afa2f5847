"""The family's input form in a real headless Chromium (tests/cdp.py), under its own
Content-Security-Policy: filled in from the keyboard only, saved (the download
read from a temporary folder and taken into the plan with import-input),
printed, and checked by axe-core at a phone's width and a desktop's. The
screenshots stay in the test's folder for a person to look at."""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from iep_meeting.cli.main import main
from iep_meeting.store.plan_file import create_plan_file, load_plan
from tests.browser import find_chromium, png_size
from tests.cdp import Page, axe_available
from tests.factories import small_plan

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="needs chromium (.ci/run installs it)"),
]

STRENGTHS = "Sam dibuja muy bien.\nLe encantan los cómics."
CONCERNS = ("Las tareas le toman dos horas.", "No entiende las notas en inglés.")
STUDENT_HARD = "Leer en voz alta."


def prepared(tmp_path: Path, language: str = "es") -> tuple[Path, Path]:
    """A plan and its input form, as `prepare` writes them."""
    plan = create_plan_file(tmp_path / "sam.iep.toml", small_plan())
    assert main(["prepare", str(plan), "--lang", language]) == 0
    return plan, tmp_path / f"sam-input-form-{language}.html"


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement.id"))


def tab_to(page: Page, element_id: str) -> None:
    """Tab (and nothing else) until `element_id` has the focus."""
    for _ in range(40):
        if focused(page) == element_id:
            return
        page.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_filled_in_by_keyboard_saved_and_taken_into_the_plan(tmp_path: Path) -> None:
    plan, form = prepared(tmp_path)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with Page(width=1000, bypass_csp=False) as page:
        page.open(form)
        page.allow_downloads(downloads)
        # Saved empty: the problem is said in words, at the top, and the focus goes to it.
        tab_to(page, "save")
        page.press("Enter")
        assert page.evaluate("document.getElementById('problem').hidden") is False
        assert focused(page) == "problem"
        problem = page.evaluate("document.getElementById('problem').innerText")
        assert "Por favor, conteste al menos una pregunta." in problem
        assert not list(downloads.iterdir())
        # Filled in: Tab to each box and type.
        for box, text in (
            ("filled_by", "Rosa, abuela"),
            ("strengths", STRENGTHS),
            ("concerns-1", CONCERNS[0]),
            ("concerns-2", CONCERNS[1]),
            ("student_hard", STUDENT_HARD),
        ):
            tab_to(page, box)
            page.type(text)
        page.screenshot(tmp_path / "filled-1000.png")
        tab_to(page, "save")
        page.press("Enter")
        name = page.downloaded()
        note = page.evaluate("document.getElementById('saved-note').innerText")
        assert page.evaluate("document.getElementById('problem').hidden") is True
    today = dt.date.today().isoformat()
    assert name == f"sam-example-answers-{today}.json"
    assert name in note
    saved = json.loads((downloads / name).read_text(encoding="utf-8"))
    assert saved["student"] == {"name": "Sam Example", "id": "FAKE-000123"}
    assert (saved["language"], saved["saved"], saved["meeting_date"]) == ("es", today, "2026-03-12")
    assert saved["answers"]["strengths"] == STRENGTHS
    assert saved["answers"]["concerns"] == list(CONCERNS)  # the empty boxes are left out
    assert saved["answers"]["topics"] == [] and saved["answers"]["works_at_home"] == ""
    # The file the family sends back goes into the plan as it is.
    assert main(["import-input", str(plan), str(downloads / name)]) == 0
    levels = load_plan(plan).present_levels
    assert levels.family_input is not None and levels.family_input.strengths == STRENGTHS
    assert [concern.text for concern in levels.concerns] == list(CONCERNS)


def test_the_answers_print(tmp_path: Path) -> None:
    _, form = prepared(tmp_path, "en")
    with Page(width=1000, bypass_csp=False) as page:
        page.open(form)
        tab_to(page, "strengths")
        page.type(STRENGTHS)
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        pdf = base64.b64decode(page.call("Page.printToPDF", {"printBackground": True})["data"])
    out = tmp_path / "answers.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdftotext") is None:
        pytest.skip("needs pdftotext (poppler-utils)")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Sam dibuja muy bien." in text and "Le encantan los cómics." in text
    assert "Save my answers" not in text  # the buttons are not printed


def test_nothing_else_runs_and_nothing_is_fetched(tmp_path: Path) -> None:
    _, form = prepared(tmp_path, "en")
    html = form.read_text(encoding="utf-8")
    assert html.count("<script") == 1 and "src=" not in html and "http" not in html.split("<body>")[1]
    with Page(width=1000, bypass_csp=False) as page:
        page.open(form)
        policy = page.evaluate("document.querySelector('meta[http-equiv]').content")
        assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
        # A script the page did not come with (as a text typed into it could never be) does not run.
        page.evaluate(
            "(() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
            " document.body.appendChild(s); })()"
        )
        assert page.evaluate("window.injected === undefined") is True


@pytest.mark.skipif(not axe_available(), reason="needs axe-core: npm ci --prefix tests/browser_tools (.ci/run does)")
@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("width", [390, 1000])
def test_axe_core_finds_no_violation_and_a_phone_never_scrolls_sideways(
    tmp_path: Path, language: str, width: int
) -> None:
    _, form = prepared(tmp_path, language)
    with Page(width=width, bypass_csp=False) as page:
        page.open(form)
        assert page.axe_violations() == []
        assert page.sideways_overflow() == []
        png = page.screenshot(tmp_path / f"form-{language}-{width}.png")
        tab_to(page, "save")
        page.press("Enter")  # with the problem said at the top
        assert page.axe_violations() == []
    assert png_size(png)[0] == width
