"""tests/browser.py against a real headless Chromium, on a document written here
with what the family copy has: Spanish with an English phrase inside, headings, a
table with header cells, print CSS (@page, a DRAFT mark on every page, a page
break) and hostile text that must stay text."""

from __future__ import annotations

import html
import os
import shutil
import stat
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

from tests import browser

pytestmark = pytest.mark.slow  # a real browser

HOSTILE = '<script>document.title="pwned"</script>" onmouseover="alert(1)'
PICTURE_ALT = "FOTO-REMOTA"

SAMPLE = f"""<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>Plan de educación individualizado</title>
<style>
  @page {{ size: A4; margin: 2cm; }}
  body {{ font-family: sans-serif; }}
  .draft {{ position: fixed; top: 0; right: 0; color: #b00; font-weight: bold; font-size: 28px; }}
  .next {{ break-before: page; }}
  th, td {{ border: 1px solid #444; padding: 4px; }}
</style>
</head>
<body>
<div class="draft">DRAFT</div>
<h1>Plan de educación individualizado</h1>
<p>Resumen para la familia. <span lang="en">Individualized Education Program</span>.</p>
<p class="hostile" title="{html.escape(HOSTILE)}">{html.escape(HOSTILE)}</p>
<img src="http://pictures.example.invalid/logo.png" alt="{PICTURE_ALT}">
<table>
  <thead><tr><th scope="col">Servicio</th><th scope="col">Minutos</th></tr></thead>
  <tbody><tr><td>Habla y lenguaje</td><td>30</td></tr></tbody>
</table>
<h2 class="next">Metas anuales</h2>
<p>Leerá un texto de su grado con comprensión.</p>
</body>
</html>
"""


@attrs.frozen
class Rendered:
    html: Path
    pdf: Path
    png: Path
    dom: str


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The sample printed, photographed and parsed once for every test here."""
    if browser.find_chromium() is None:
        pytest.skip("no Chromium on this machine (.ci/run installs Debian's chromium where apt is available)")
    folder = tmp_path_factory.mktemp("browser")
    page = folder / "plan.html"
    page.write_text(SAMPLE, encoding="utf-8")
    pdf = browser.print_to_pdf(page, folder / "plan.pdf")
    png = browser.screenshot(page, folder / "plan.png", 800, 600)
    keep = os.environ.get("IEP_MEETING_KEEP_SCREENSHOT")  # where to copy the PNG, to look at it
    if keep:
        shutil.copyfile(png, keep)
    return Rendered(html=page, pdf=pdf, png=png, dom=browser.dump_dom(page))


class Elements(HTMLParser):
    """Every start tag in a document, with its attributes, as a browser-free parser reads it."""

    def __init__(self, document: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def pages_of(text: str) -> list[str]:
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def test_the_pdf_has_two_pages_each_marked_draft(rendered: Rendered) -> None:
    assert rendered.pdf.stat().st_size > 1000
    assert browser.pdf_pages(rendered.pdf) == 2
    pages = pages_of(browser.pdf_text(rendered.pdf))
    assert len(pages) == 2
    assert all("DRAFT" in page for page in pages)
    assert "Plan de educación individualizado" in pages[0]
    assert "Servicio" in pages[0] and "Habla y lenguaje" in pages[0]
    assert "Metas anuales" in pages[1] and "Metas anuales" not in pages[0]


def test_hostile_text_is_printed_as_text(rendered: Rendered) -> None:
    text = " ".join(browser.pdf_text(rendered.pdf).split())
    assert '<script>document.title="pwned"</script>' in text


def test_a_picture_from_the_network_shows_broken(rendered: Rendered) -> None:
    # Chromium prints a broken image's alt text; a loaded picture would have none.
    assert PICTURE_ALT in browser.pdf_text(rendered.pdf)


def test_the_fallback_reader_finds_the_same_words(rendered: Rendered) -> None:
    pages = pages_of(browser._pdf_text_fallback(rendered.pdf.read_bytes()))
    assert len(pages) == 2
    assert all("DRAFT" in page for page in pages)
    assert "Plan de educación individualizado" in pages[0]
    assert "Metas anuales" in pages[1]


def test_the_dom_keeps_languages_headings_and_table(rendered: Rendered) -> None:
    dom = rendered.dom
    assert '<html lang="es">' in dom
    assert '<span lang="en">Individualized Education Program</span>' in dom
    assert "<h1>Plan de educación individualizado</h1>" in dom
    assert '<h2 class="next">Metas anuales</h2>' in dom
    assert dom.count("<th ") == 2


def test_no_script_ran_or_appeared(rendered: Rendered) -> None:
    dom = rendered.dom
    tags = Elements(dom).tags
    assert "script" not in {tag for tag, _ in tags}  # the escaped one stayed text, and none was written
    assert not [attributes for _, attributes in tags if any(name.startswith("on") for name in attributes)]
    hostile = [attributes for tag, attributes in tags if tag == "p" and attributes.get("class") == "hostile"]
    assert hostile == [{"class": "hostile", "title": HOSTILE}]  # the attribute's quotes did not break out
    assert "&lt;script&gt;" in dom
    assert "<title>Plan de educación individualizado</title>" in dom  # not retitled "pwned"


def test_the_screenshot_has_the_window_size(rendered: Rendered) -> None:
    assert browser.png_size(rendered.png) == (800, 600)
    assert rendered.png.stat().st_size > 5000  # a page with text on it, not a blank


def test_a_failing_browser_is_reported_with_its_stderr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display: nothing here' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("IEP_MEETING_CHROMIUM", str(fake))
    page = tmp_path / "page.html"
    page.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(browser.BrowserError, match=r"(?s)exited with 3.*cannot open display"):
        browser.print_to_pdf(page, tmp_path / "page.pdf")


def test_a_hanging_browser_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "slow-chromium"
    fake.write_text("#!/bin/sh\nsleep 30\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("IEP_MEETING_CHROMIUM", str(fake))
    page = tmp_path / "page.html"
    page.write_text(SAMPLE, encoding="utf-8")
    with pytest.raises(browser.BrowserError, match="took over"):
        browser.dump_dom(page, timeout=0.5)


def test_a_missing_document_is_reported(tmp_path: Path) -> None:
    with pytest.raises(browser.BrowserError, match="no such document"):
        browser.screenshot(tmp_path / "absent.html", tmp_path / "absent.png", 100, 100)
