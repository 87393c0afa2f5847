"""The PDF format (documents/pdf.py, documents/document.typ), read back with
poppler's own tools: the words on every page, the tags and the PDF/UA mark,
the fonts, the same bytes for the same day, typed text that stays text, and
`iep-meeting export family --format pdf`."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import stat
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents.document import Document, Facts, Items, Paragraph, Section, Table, Terms, Typed
from iep_meeting.documents.family_copy import family_copy
from iep_meeting.model.plan import Status
from iep_meeting.store.errors import StoreError
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from tests.factories import small_plan
from tests.hostile import PAYLOAD, raw_controls, with_payload

POPPLER = ("pdftotext", "pdfinfo", "pdffonts")
MISSING = [tool for tool in POPPLER if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"needs poppler-utils ({', '.join(MISSING)})")

EN, ES = locale_strings("en"), locale_strings("es")
DAY = dt.date(2026, 3, 12)
ROOT = Path(__file__).resolve().parents[2]

# Typed text that typst, HTML, Textual or a terminal would read as markup if it ever were.
MARKUP = (
    '#eval("1+1")',
    "*bold*",
    "$x$",
    '#import "@preview/x:1.0.0"',
    "<label>",
    "@ref",
    "_em_ `raw` // not a comment",
    "<script>alert(1)</script>",
    "[bold]x[/]",
)


def pdf_of(document: Document, made_on: dt.date = DAY) -> bytes:
    pytest.importorskip("typst")
    from iep_meeting.documents.pdf import document_pdf

    return document_pdf(document, made_on)


def run(*args: str | Path) -> str:
    result = subprocess.run([str(arg) for arg in args], capture_output=True, timeout=60, check=True)
    return result.stdout.decode("utf-8", "replace")  # pdfinfo -struct prints a tag's title as it is stored


def pages(pdf: Path) -> int:
    found = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", pdf), re.M)
    assert found, "pdfinfo names the page count"
    return int(found.group(1))


def text(pdf: Path, page: int | None = None) -> str:
    """The words in the order typst wrote them (-raw: a table cell's lines stay together),
    one space between words; the zero-width spaces that let a long run break are dropped."""
    only = ["-f", str(page), "-l", str(page)] if page else []
    raw = run("pdftotext", "-raw", "-enc", "UTF-8", *only, pdf, "-")
    return " ".join(raw.replace("\u200b", "").split())


def squeezed(words: str) -> str:
    """Without any white space: a text as it reads, wherever the lines broke."""
    return "".join(words.replace("\u200b", "").split())


def content_streams(pdf: Path) -> bytes:
    data = pdf.read_bytes()
    out = []
    for match in re.finditer(rb"stream\r?\n", data):
        chunk = data[match.end() : data.find(b"endstream", match.end())]
        try:
            out.append(zlib.decompress(chunk))
        except zlib.error:
            out.append(chunk)
    return b"\n".join(out)


def final_plan():
    plan = small_plan(status=Status.FINAL)
    seal = "0123456789abcdef" * 4
    return attrs.evolve(plan, sign_off=attrs.evolve(plan.sign_off, finalized=DAY, content_sha256=seal))


def hostile_plan():
    plan = with_payload(small_plan())
    decisions = tuple(attrs.evolve(decision, what=" ".join(MARKUP)) for decision in plan.decisions)
    goals = tuple(attrs.evolve(goal, baseline=" ".join(MARKUP) + " 中文 😀") for goal in plan.goals)
    return attrs.evolve(plan, decisions=decisions, goals=goals)


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Each PDF the tests read, compiled once: the family's copy in English and
    Spanish, a final plan's, and a hostile plan's in both languages."""
    folder = tmp_path_factory.mktemp("pdf")
    made = {
        "en": family_copy(small_plan(), EN, EN),
        "es": family_copy(small_plan(), ES, EN),
        "final": family_copy(final_plan(), EN, EN),
        "hostile-en": family_copy(hostile_plan(), EN, EN),
        "hostile-es": family_copy(hostile_plan(), ES, EN),
    }
    paths = {}
    for name, document in made.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(pdf_of(document))
    return paths, made


# --- what it says ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "draft", "baseline", "service"),
    [
        ("en", "DRAFT", "82 words correct per minute (winter benchmark).", "150 minutes per week"),
        ("es", "BORRADOR", "82 words correct per minute (winter benchmark).", "150 minutos por semana"),
    ],
)
def test_the_copy_has_its_title_headings_goals_and_services(copies, language, draft, baseline, service):
    paths, documents = copies
    words = text(paths[language])
    document = documents[language]
    assert document.title in words and document.status_note in words
    for section in document.sections:
        assert section.heading in words
    assert baseline in words
    row = words[words.index("Specialized reading and writing instruction") :]
    assert service in row[:200] and "resource room" in row[:200]
    assert draft in words


@pytest.mark.parametrize(("language", "draft"), [("en", "DRAFT"), ("es", "BORRADOR")])
def test_a_draft_says_so_on_every_page(copies, language, draft):
    pdf = copies[0][language]
    count = pages(pdf)
    assert count >= 2  # the copy runs over pages, and each says it
    for page in range(1, count + 1):
        assert text(pdf, page).startswith(draft), f"page {page} of {count} has no {draft}"


def test_a_final_plan_shows_its_date_and_seal_and_no_draft_mark(copies):
    pdf = copies[0]["final"]
    words = text(pdf)
    assert "made final on March 12, 2026. Its seal is 0123456789ab." in words
    assert "DRAFT" not in words
    assert all("DRAFT" not in text(pdf, page) for page in range(1, pages(pdf) + 1))
    assert re.search(r"^Title:\s+Sam Example's IEP: a copy for the family$", run("pdfinfo", pdf), re.M)


def test_every_kind_of_block_and_a_section_on_its_own_page(tmp_path):
    document = Document(
        kind="full",
        language="es",
        title="Un documento",
        draft_mark="",
        status_note="Final.",
        team_words_note="Las palabras del equipo.",
        team_words_tag="palabras del equipo",
        intro=(Paragraph(("Hola ", Typed("typed hello"), ".")),),
        sections=(
            Section(
                "one",
                "Primera parte",
                (
                    Table("Una tabla", ("Qué", "Cuánto"), (((Typed("reading"),), ("150 minutos",)),)),
                    Facts("Meta 1", (("Ahora", (Typed("82 words"),)), ("Al final", (Typed("110 words"),)))),
                    Items(((Typed("extended time"), " (en clase)"), ("una cosa",))),
                    Terms((("IEP", "El plan."),)),
                ),
            ),
            Section("two", "Segunda parte", (Paragraph(("Otra página.",)),), new_page=True),
        ),
    )
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(pdf_of(document))
    assert pages(pdf) == 2
    first = text(pdf, 1)
    # the intro names the team's words once; the first section once, at its first typed words
    for words in ("Un documento", "Final.", "Hola (palabras del equipo) typed hello.", "Primera parte", "Una tabla"):
        assert words in first
    for words in ("Qué Cuánto", "(palabras del equipo) reading 150 minutos", "Meta 1", "Ahora 82 words"):
        assert words in first
    for words in ("extended time (en clase)", "IEP El plan."):
        assert words in first
    assert first.count("(palabras del equipo)") == 2
    assert "Segunda parte" not in first
    assert text(pdf, 2).startswith("Segunda parte Otra página.")
    structure = run("pdfinfo", "-struct", pdf)
    assert re.search(r"^ *H3\b", structure, re.M)  # a goal's facts under their own heading


# --- accessible, fonts, letter paper -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_it_is_tagged_pdf_ua_with_its_title_and_language(copies, language):
    pdf = copies[0][language]
    info = run("pdfinfo", pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Page size:\s+612 x 792 pts \(letter\)$", info, re.M)
    draft = "DRAFT" if language == "en" else "BORRADOR"
    assert re.search(rf"^Title:\s+{draft} — ", info, re.M)
    meta = run("pdfinfo", "-meta", pdf)
    assert "<pdfuaid:part>1</pdfuaid:part>" in meta
    assert f"<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>" in meta
    structure = run("pdfinfo", "-struct", pdf)
    for tag in ("H1", "H2", "Table", "THead", "TH", "TD", "L", "LI", "P"):
        assert re.search(rf"^ *{tag}\b", structure, re.M), tag
    assert "/Scope /Column" in structure  # the header row names its columns
    assert "Figure" not in structure  # no image, so no alt text is missing


def test_in_a_spanish_copy_the_team_s_words_are_marked_as_english(copies):
    spanish = content_streams(copies[0]["es"])
    assert b"/Lang(en)" in spanish and b"/Lang(es)" in spanish
    assert b"/Lang(es)" not in content_streams(copies[0]["en"])


def named_kinds(document: Document) -> dict[str, int]:
    """How often the document should name each kind of typed words: once in its intro
    and once in each section that holds that kind (the team's words, still in English)."""
    counts: dict[str, int] = {}
    parts = [attrs.evolve(document, sections=())]
    parts += [attrs.evolve(document, intro=(), sections=(section,)) for section in document.sections]
    for part in parts:
        for kind in {part.tag_of(piece) for piece in part.texts() if isinstance(piece, Typed)}:
            counts[kind] = counts.get(kind, 0) + 1
    return counts


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_team_s_words_are_in_italics_and_named_once_a_section(copies, language):
    paths, documents = copies
    fonts = [row.split()[0] for row in run("pdffonts", paths[language]).splitlines()[2:]]
    assert any("LibertinusSerif-Italic-" in font for font in fonts), fonts
    assert any("LibertinusSerif-Regular-" in font for font in fonts), fonts
    named = named_kinds(documents[language])
    assert 3 <= sum(named.values()) < 20
    words = text(paths[language])
    assert {kind: words.count(f"({kind})") for kind in named} == named


def test_every_font_is_embedded_and_only_typst_s_own(copies):
    for pdf in copies[0].values():
        rows = run("pdffonts", pdf).splitlines()[2:]
        assert rows
        for row in rows:
            assert row.split()[-5] == "yes", row  # the emb column
            assert "LibertinusSerif" in row.split()[0], row


def test_body_text_is_at_least_12_points(copies):
    # poppler's box for a word runs from the font's ascender to its descender:
    # about 1.14 em in Libertinus Serif, never under 1.1 em in a text face.
    bbox = run("pdftotext", "-bbox", copies[0]["en"], "-")
    heights = sorted(
        float(y_max) - float(y_min)
        for y_min, y_max in re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', bbox)
    )
    assert heights[len(heights) // 2] >= 12 * 1.1


# --- the same bytes ------------------------------------------------------------------------------------------------


def test_the_same_document_and_day_give_the_same_bytes_another_day_others(copies):
    paths, documents = copies
    first = paths["es"].read_bytes()
    assert pdf_of(documents["es"]) == first
    later = pdf_of(documents["es"], dt.date(2026, 3, 13))
    assert later != first
    assert b"2026-03-13T00:00:00" in later and b"2026-03-12T00:00:00" in first


def test_another_process_makes_the_same_bytes(copies):
    code = textwrap.dedent(
        """
        import datetime, hashlib
        from iep_meeting.documents.family_copy import family_copy
        from iep_meeting.documents.pdf import document_pdf
        from iep_meeting.store.locale_files import locale_strings
        from tests.factories import small_plan
        document = family_copy(small_plan(), locale_strings("es"), locale_strings("en"))
        print(hashlib.sha256(document_pdf(document, datetime.date(2026, 3, 12))).hexdigest())
        """
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == hashlib.sha256(copies[0]["es"].read_bytes()).hexdigest()


# --- typed text is text --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "es"])
def test_typed_markup_and_terminal_escapes_come_out_literally(copies, language):
    words = text(copies[0][f"hostile-{language}"])
    flat = squeezed(words)
    for markup in MARKUP:
        assert squeezed(markup) in flat, markup
    assert raw_controls(words) == []
    # visible()'s words for the payload: ESC and BEL named (typst's fonts have no control pictures)
    assert squeezed("x⟨ESC⟩]0;pwned⟨BEL⟩⟨ESC⟩[2J⟨ESC⟩[31m⟨RLO⟩evil⟨LRI⟩!") in flat
    assert PAYLOAD not in words
    # a character no typst font can show is shown by its code, not left out
    assert "⟨U+4E2D⟩⟨U+6587⟩" in flat and "⟨U+1F600⟩" in flat


def test_text_is_never_read_as_typst(tmp_path):
    from iep_meeting.documents import pdf

    assert not re.search(r"\beval\s*\(", pdf.template().decode())  # the template runs no code it is given
    document = family_copy(small_plan(student=attrs.evolve(small_plan().student, name='") #panic("x')), EN, EN)
    out = tmp_path / "name.pdf"
    out.write_bytes(pdf_of(document))
    assert '")#panic("x' in squeezed(text(out))


def test_a_typst_error_is_a_store_error_that_names_the_fallback(monkeypatch):
    pytest.importorskip("typst")
    from iep_meeting.documents import pdf

    monkeypatch.setattr(pdf, "template", lambda: b"#let x = (")
    with pytest.raises(StoreError, match=r"cannot make the PDF: typst says: .*--format html"):
        pdf.document_pdf(family_copy(small_plan(), EN, EN), DAY)


# --- the command line ----------------------------------------------------------------------------------------------


@pytest.fixture
def plan_path(tmp_path):
    return create_plan_file(tmp_path / "sam-example.iep.toml", small_plan())


def test_export_family_as_pdf_writes_a_private_file_and_never_replaces_one(plan_path, capsys):
    pytest.importorskip("typst")
    assert main(["export", "family", str(plan_path), "--format", "pdf"]) == 0
    out = plan_path.with_name("sam-example-family-es.pdf")
    assert "sam-example-family-es.pdf" in capsys.readouterr().out
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "BORRADOR" in text(out, 1)
    assert main(["export", "family", str(plan_path), "--format", "pdf"]) == 2
    assert "exists: not replaced. Add --force" in capsys.readouterr().err
    assert out.read_bytes() == data
    assert main(["export", "family", str(plan_path), "--format", "pdf", "--lang", "en", "-o", str(out), "--force"]) == 0
    assert "DRAFT" in text(out, 1) and stat.S_IMODE(out.stat().st_mode) == 0o600


def test_without_typst_export_says_to_install_it_or_print_the_html(plan_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "typst", None)  # import typst now fails
    assert main(["export", "family", str(plan_path), "--format", "pdf"]) == 2
    err = capsys.readouterr().err
    assert "pip install typst" in err and "--format html" in err and "File › Print › Save as PDF" in err
    assert "Traceback" not in err
    assert not list(plan_path.parent.glob("*.pdf"))


def test_the_app_and_the_command_line_start_without_typst():
    code = (
        "import sys, iep_meeting.cli.main, iep_meeting.tui.app, iep_meeting.documents.export;"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'typst' or name.endswith('.pdf')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[]"


def test_emails_and_web_addresses_are_links_that_copy_whole_and_long_words_still_break(tmp_path: Path) -> None:
    """An address in a PDF is a link, and its text has no zero-width spaces inside,
    so it copies and searches as it is; a long word that is no address still breaks
    rather than run out of its table cell."""
    email = "priya.nandakumar-resource-room@cedar-hollow.example.org"
    long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis-level-vocabulary"
    document = Document(
        kind="family",
        language="en",
        title="Links",
        draft_mark="",
        status_note="A test.",
        team_words_note="",
        team_words_tag="",
        intro=(Paragraph((f"Write to {email} or see www.example.org/safeguards.",)),),
        sections=(
            Section(
                "t",
                "Table",
                (Table("A narrow table", ("A", "B", "C", "D"), (((Typed(long_word),), ("x",), ("y",), ("z",)),)),),
            ),
        ),
    )
    pdf = tmp_path / "links.pdf"
    pdf.write_bytes(pdf_of(document))
    data = pdf.read_bytes()
    assert f"mailto:{email}".encode() in data and b"https://www.example.org/safeguards" in data
    raw = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
    assert email in raw  # whole: no zero-width space, no line break inside
    assert long_word not in raw.replace("\n", "") and long_word in squeezed(raw)  # broken inside its cell
