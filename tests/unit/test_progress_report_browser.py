"""The progress report in a real headless Chromium: axe-core finds nothing to
fix, and it prints with its charts (marked slow: a browser per test)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from iep_meeting.model.goal_progress import GoalReport, ProgressCode
from iep_meeting.store.progress_file import ProgressFile
from tests.browser import find_chromium, pdf_text, png_size, print_to_pdf, screenshot
from tests.cdp import Page, axe_available
from tests.plan_files import run_cli
from tests.progress_data import final_plan_file, weekly_points

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="needs chromium (.ci/run installs it)"),
]


@pytest.fixture
def report(tmp_path: Path, capsys) -> Path:
    plan = final_plan_file(tmp_path / "sam.iep.toml")
    with ProgressFile.open(plan) as progress:
        progress.add_points(weekly_points("reading-fluency", 12, start=84), dt.date(2026, 12, 1))
        progress.add_points(weekly_points("task-initiation", 6, start=2, step=1), dt.date(2026, 12, 1))
        progress.add_report(
            GoalReport(
                goal="reading-fluency",
                period=dt.date(2026, 6, 15),
                code=ProgressCode.SUBSTANTIAL,
                sufficient=True,
                narrative="Sam reads 90 words a minute, on the aim line.",
            )
        )
    out = tmp_path / "report.html"
    code, _, err = run_cli("export", "progress", plan, "--period", "1", "-o", out, capsys=capsys)
    assert code == 0, err
    return out


@pytest.mark.skipif(not axe_available(), reason="needs axe-core (npm ci --prefix tests/browser_tools; .ci/run does)")
@pytest.mark.parametrize("width", [1280, 390])
def test_axe_core_finds_nothing_to_fix(report: Path, width: int) -> None:
    with Page(width=width) as page:
        page.open(report)
        assert page.axe_violations() == []
        assert page.sideways_overflow() == []


def test_it_prints_with_its_charts_and_words(report: Path, tmp_path: Path) -> None:
    text = " ".join(pdf_text(print_to_pdf(report, tmp_path / "report.pdf")).split())
    assert "Informe de progreso de Sam Example" in text
    assert "La meta es llegar a 110 para el 15 de marzo de 2027." in text


def test_a_screenshot_of_the_report(report: Path, tmp_path: Path) -> None:
    png = screenshot(report, tmp_path / "report.png", 900, 1600)
    assert png_size(png) == (900, 1600)
