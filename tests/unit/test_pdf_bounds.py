"""The PDF's bounds and fonts (documents/pdf.py, documents/typst_fonts.py,
store/font_files.py): long unbroken text laid out whole and in linear time,
more text than a PDF holds refused before typst runs, characters typst's fonts
lack found in one pass and printed with a font of the computer (or of the
user's fonts folder) that has them, by their code only when none has."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

from iep_meeting.cli.main import main
from iep_meeting.documents import pdf
from iep_meeting.documents.document import Document
from iep_meeting.documents.family_copy import family_copy
from iep_meeting.documents.typst_fonts import measured_ranges, typst_ranges
from iep_meeting.model.plan import Plan
from iep_meeting.store import font_files
from iep_meeting.store.errors import FileProblemError, StoreError
from iep_meeting.store.font_files import FontFileError, FontLibrary, covers, font_ranges
from iep_meeting.store.locale_files import locale_strings
from iep_meeting.store.plan_file import create_plan_file
from tests.factories import make_goal, small_plan
from tests.stopwatch import Stopwatch

pytest.importorskip("typst")
POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="needs poppler-utils")
EN = locale_strings("en")
DAY = dt.date(2026, 3, 12)
CJK_FOLDER = Path("/usr/share/fonts/opentype/noto")  # Debian's fonts-noto-cjk
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core
needs_cjk_font = pytest.mark.skipif(not CJK_FOLDER.is_dir(), reason="needs fonts-noto-cjk")
needs_dejavu = pytest.mark.skipif(not DEJAVU.is_file(), reason="needs fonts-dejavu-core")


def with_baselines(*texts: str) -> Plan:
    """A plan whose goals' baselines are `texts` (a goal each)."""
    goals = tuple(attrs.evolve(make_goal(n + 1), baseline=text) for n, text in enumerate(texts))
    return small_plan(goals=goals)


def copy_of(plan: Plan) -> Document:
    return family_copy(plan, EN, EN)


def words_of(data: bytes, folder: Path) -> str:
    """The PDF's text, without white space or the zero-width spaces that let a long run break."""
    path = folder / "out.pdf"
    path.write_bytes(data)
    # -raw: in the order typst wrote them, so a table cell's lines stay together
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], capture_output=True, check=True).stdout
    return "".join(raw.decode("utf-8").replace("\u200b", "").split())


def fonts_of(data: bytes, folder: Path) -> list[tuple[str, bool]]:
    """(name, embedded) of every font in the PDF."""
    path = folder / "fonts.pdf"
    path.write_bytes(data)
    rows = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [(row.split()[0], row.split()[-5] == "yes") for row in rows]


# --- long text ------------------------------------------------------------------------------------------------------


def test_a_run_of_more_than_25_characters_may_break_every_4_and_nothing_else_changes() -> None:
    run = "".join(chr(0x61 + n % 26) for n in range(30))
    assert pdf.breakable(run) == "\u200b".join(run[n : n + 4] for n in range(0, 30, 4))
    assert pdf.breakable(run[:25]) == run[:25]  # a long word of a language stays whole
    assert pdf.breakable("short words stay as they are, " * 20) == "short words stay as they are, " * 20
    marked = "e\u0301" * 30  # never between a letter and its accent
    assert all(not part.startswith("\u0301") for part in pdf.breakable(marked).split("\u200b"))
    assert pdf.breakable(marked).replace("\u200b", "") == marked


def test_no_more_than_30_marks_sit_on_one_letter() -> None:
    zalgo = "a" + "\u0301" * 100
    shown = pdf.breakable(zalgo)
    assert shown.replace("\u200b", "").replace("\u00a0", "") == zalgo  # every mark is still there
    stacks = re.findall("[\u0301]+", shown)
    assert max(len(stack) for stack in stacks) == 30 and len(stacks) == 4


@needs_poppler
@pytest.mark.slow
def test_fifty_thousand_letters_without_a_space_are_printed_whole(tmp_path: Path) -> None:
    # 12,500 different pieces of 4 letters: a line or a page may end after any 4, never inside a piece
    pieces = ["Q" + "".join(chr(0x41 + n // 26**k % 26) for k in (2, 1, 0)) for n in range(12_500)]
    made = pdf.document_pdf(copy_of(with_baselines("".join(pieces))), DAY)
    assert re.findall(r"Q[A-Z]{3}", words_of(made, tmp_path)) == pieces  # nothing runs off a page or out of a cell


@needs_poppler
@pytest.mark.slow
def test_a_long_typed_text_in_a_table_cell_breaks_across_pages_and_is_all_there(tmp_path: Path) -> None:
    words = " ".join(f"w{n:05d}" for n in range(6000)) + " THEEND"
    made = pdf.document_pdf(copy_of(with_baselines(words)), DAY)
    assert "w02999" in words_of(made, tmp_path) and "THEEND" in words_of(made, tmp_path)


@pytest.mark.slow
def test_a_letter_with_200000_marks_is_made_without_typst_crashing() -> None:
    made = pdf.document_pdf(copy_of(with_baselines("a" + "\u0301" * 200_000)), DAY)
    assert made.startswith(b"%PDF-")


def test_more_text_than_a_pdf_holds_is_refused_before_typst_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    def typst_runs(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("typst ran")

    monkeypatch.setattr(pdf, "typst_pdf", typst_runs)
    word = "x" * 50_000  # the plan of the issue: 20 fields of 50,000 characters, 1 MB
    document = copy_of(with_baselines(*[word] * 20))
    watch = Stopwatch()
    with pytest.raises(StoreError) as refused:
        pdf.document_pdf(document, DAY)
    assert not watch.took()
    message = str(refused.value)
    assert "a PDF is made from at most 500,000 (about 250 pages)" in message
    assert "Make the HTML instead (--format html)" in message


def test_line_breaks_count_towards_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "typst_pdf", lambda *args, **kwargs: b"%PDF-")
    assert pdf.document_pdf(copy_of(with_baselines("x\n" * 1000)), DAY) == b"%PDF-"
    with pytest.raises(StoreError, match="a line break counts as 25"):
        pdf.document_pdf(copy_of(with_baselines("x\n" * 20_000)), DAY)  # 40,000 characters, 20,000 lines


def test_export_refuses_too_much_text_with_the_html_as_the_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = create_plan_file(tmp_path / "long.iep.toml", with_baselines(*["y" * 50_000] * 20))
    assert main(["export", "family", str(path), "--format", "pdf", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "cannot make the PDF" in err and "--format html" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*.pdf"))
    assert main(["export", "family", str(path), "--format", "html", "--lang", "en"]) == 0


def test_a_crash_inside_typst_is_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    class PanicException(BaseException):  # what pyo3 raises for a Rust panic
        pass

    def panics(*args: object, **kwargs: object) -> bytes:
        raise PanicException("assertion failed: j < i")

    monkeypatch.setattr(pdf, "typst_pdf", panics)
    with pytest.raises(StoreError, match=r"typst stopped with an internal error.*--format html"):
        pdf.document_pdf(copy_of(small_plan()), DAY)


# --- characters the fonts lack --------------------------------------------------------------------------------------


def test_the_characters_typst_lacks_are_found_in_one_pass_without_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    many = "".join(chr(0x4E00 + n) for n in range(20_000)) + "abc é ß Ω Ж 😀"
    watch = Stopwatch(work=1.0)
    missing = pdf.without_glyphs(many)
    assert not watch.took()
    assert len(missing) == 20_001 and "é" not in missing and "Ж" not in missing and "😀" in missing


def test_one_export_compiles_once_whatever_characters_it_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    compiles = []
    real = pdf.typst_pdf

    def counted(*args: object, **kwargs: object) -> bytes:
        compiles.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "typst_pdf", counted)
    text = " ".join("".join(chr(0x4E00 + n + 10 * m) for n in range(10)) for m in range(300))  # 3,000 distinct
    made = pdf.pdf_file(copy_of(with_baselines(text)), DAY, FontLibrary([]))
    assert len(compiles) == 1 and len(made.by_code) == 3000


@needs_poppler
@needs_cjk_font
def test_chinese_prints_as_itself_with_the_computers_font_embedded(tmp_path: Path) -> None:
    made = pdf.pdf_file(copy_of(with_baselines("王小明 reads 中文")), DAY, FontLibrary([CJK_FOLDER]))
    assert made.by_code == () and [path.suffix for path in made.fonts] == [".ttc"]
    assert "王小明reads中文" in words_of(made.data, tmp_path)
    fonts = fonts_of(made.data, tmp_path)
    assert any("NotoSansCJK" in name for name, _ in fonts) and all(embedded for _, embedded in fonts)


@needs_poppler
def test_without_any_font_for_them_characters_are_shown_by_code_and_named(tmp_path: Path) -> None:
    made = pdf.pdf_file(copy_of(with_baselines("王小明 reads 中文")), DAY, FontLibrary([]))
    assert made.by_code == ("中", "小", "文", "明", "王") and made.fonts == ()
    assert "⟨U+738B⟩⟨U+5C0F⟩⟨U+660E⟩reads⟨U+4E2D⟩⟨U+6587⟩" in words_of(made.data, tmp_path)


@needs_dejavu
def test_a_font_in_the_users_fonts_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fonts = tmp_path / "my fonts"
    fonts.mkdir()
    shutil.copyfile(DEJAVU, fonts / "DejaVuSans.ttf")
    monkeypatch.setenv(font_files.FONTS_ENV, str(fonts))
    monkeypatch.setattr(font_files, "system_font_folders", list)  # only the user's folder
    monkeypatch.setattr(font_files, "_LIBRARY", FontLibrary())
    # ☇ is in DejaVu Sans and not in typst's fonts; 中 in neither
    plan = create_plan_file(tmp_path / "sam.iep.toml", with_baselines("Ωmega ☇ and 中"))
    assert main(["export", "family", str(plan), "--format", "pdf", "--lang", "en", "-o", str(tmp_path / "c.pdf")]) == 0
    out, err = capsys.readouterr()
    assert "shown with fonts of this computer: DejaVuSans.ttf" in out
    assert "1 character of this document have no font on this computer" in err and "中 (U+4E2D)" in err
    assert "fonts-noto-cjk" in err and str(fonts) in err


def test_a_font_that_claims_a_character_it_does_not_draw_falls_back_to_its_code(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claimed = (*typst_ranges(), (0x2607, 0x2607))  # ☇: in a typst font typst does not fall back to
    monkeypatch.setattr(pdf, "typst_ranges", lambda: tuple(sorted(claimed)))
    made = pdf.pdf_file(copy_of(with_baselines("a ☇ b")), DAY, FontLibrary([]))
    assert made.by_code == ("☇",)


@needs_dejavu
def test_a_fonts_characters_are_read_from_its_character_map() -> None:
    ranges = font_ranges(DEJAVU)
    assert covers(ranges, ord("Ω")) and covers(ranges, ord("☺")) and not covers(ranges, ord("中"))
    if shutil.which("fc-query"):  # fontconfig reads the same table: the same characters
        out = subprocess.run(["fc-query", "--format", "%{charset}", DEJAVU], capture_output=True, text=True).stdout
        theirs = {
            code
            for part in out.split()
            for code in range(int(part.split("-")[0], 16), int(part.split("-")[-1], 16) + 1)
        }
        assert {code for first, last in ranges for code in range(first, last + 1)} == theirs


def test_a_file_that_is_not_a_font_is_said_to_be_none(tmp_path: Path) -> None:
    path = tmp_path / "fake.ttf"
    path.write_bytes(b"not a font at all" * 10)
    with pytest.raises(FontFileError, match="not a font"):
        font_ranges(path)
    os.mkfifo(tmp_path / "pipe.ttf")
    with pytest.raises(FileProblemError, match="it is a pipe"):
        font_ranges(tmp_path / "pipe.ttf")
    assert FontLibrary([tmp_path]).choose(["中"]).files == ()  # neither is a font to use


@pytest.mark.slow
def test_the_shipped_list_of_typsts_characters_is_what_this_typst_shows() -> None:
    """After a typst upgrade: python -m iep_meeting.documents.typst_fonts > iep_meeting/documents/typst_glyphs.txt"""
    assert measured_ranges() == typst_ranges()
