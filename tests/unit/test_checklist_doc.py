"""docs/checklist.md lists every finding id the code can produce, and no other.

Facilitators and district IT look a finding up by its rule id in that table
(the id is what `iep-meeting check` prints). A rule added, renamed or removed
in the code without the table changing would leave them with a wrong or
missing explanation, so this test reads the ids straight from the source text
and compares both ways. It also keeps the rule-profile section honest: its
example file must load, and the shipped profiles' citations must appear in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from iep_meeting.store.profile_files import builtin_profile_dir, load_profile_file, profile_from_text

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "checklist.md"
SOURCES = [
    ROOT / "iep_meeting" / "model" / "checklist.py",
    ROOT / "iep_meeting" / "model" / "findings.py",
    ROOT / "iep_meeting" / "model" / "translation_check.py",
    ROOT / "iep_meeting" / "store" / "plan_check.py",
]

# `Finding.at(path, "rule-id", ...)`: skip the first argument (a tuple, a name,
# or `(...) if ... else (...)`; plan paths hold no nested parentheses) and take
# the string literal after its comma. Newlines between arguments are fine.
_PATH = r"(?:\([^()]*\)|[\w.]+)"
AT_CALL = re.compile(rf"Finding\.at\(\s*{_PATH}(?:\s+if\s+[^,]*?\s+else\s+{_PATH})?\s*,\s*[\"']([\w-]+)[\"']")
# `Finding(rule="rule-id", ...)`, and `Requirement(rule="agenda-requires", ...)`.
RULE_KEYWORD = re.compile(r"\brule\s*=\s*[\"']([\w-]+)[\"']")
# A row of the findings table: "| `rule-id` | ...".
TABLE_ROW = re.compile(r"^\| `([\w-]+)` \|", re.MULTILINE)


def code_ids() -> set[str]:
    ids: set[str] = set()
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        found = AT_CALL.findall(text)
        # Every call must match, or a reformatted call would slip past unseen.
        assert len(found) == text.count("Finding.at("), f"{source.name}: a Finding.at( call the regex cannot read"
        ids.update(found)
        ids.update(RULE_KEYWORD.findall(text))
    return ids


def doc_text() -> str:
    return DOC.read_text(encoding="utf-8")


def findings_section() -> str:
    """The "## Every finding" section, up to the next top-level section."""
    text = doc_text()
    start = text.index("\n## Every finding")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def doc_ids() -> list[str]:
    return TABLE_ROW.findall(findings_section())


def test_the_regex_reads_known_ids() -> None:
    ids = code_ids()
    # One from each way of writing them: positional on its own line, keyword, declared.
    assert {"goal-measurable", "family-copy", "period-order", "file-private", "agenda-requires"} <= ids


def test_every_finding_id_in_the_code_has_a_row() -> None:
    missing = code_ids() - set(doc_ids())
    assert not missing, f"add a row to docs/checklist.md for: {', '.join(sorted(missing))}"


def test_every_row_names_an_id_the_code_produces() -> None:
    unknown = set(doc_ids()) - code_ids()
    assert not unknown, f"docs/checklist.md has rows for ids the code does not produce: {', '.join(sorted(unknown))}"


def test_one_row_per_id() -> None:
    rows = doc_ids()
    twice = sorted({rule for rule in rows if rows.count(rule) > 1})
    assert not twice, f"more than one row for: {', '.join(twice)}"


def test_the_rule_profiles_anchor_exists() -> None:
    # docs/plan-format.md links to checklist.md#rule-profiles.
    assert re.search(r"^## Rule profiles$", doc_text(), re.MULTILINE)


def test_the_example_profile_loads() -> None:
    section = doc_text().split("## Rule profiles", 1)[1]
    examples = re.findall(r"```toml\n(.*?)```", section, re.DOTALL)
    assert examples, "the rule-profile section has no ```toml example"
    profile = profile_from_text(examples[0], "district")
    assert profile.id == "district"
    assert profile.requires


@pytest.mark.parametrize("path", sorted(builtin_profile_dir().glob("*.toml")), ids=lambda path: path.stem)
def test_the_shipped_profiles_are_described(path: Path) -> None:
    profile = load_profile_file(path)
    text = doc_text()
    assert f"`{profile.id}`" in text
    for cite in (profile.transition.cite, profile.majority.cite, profile.consent.cite, profile.signatures.cite):
        assert cite in text, f"{path.name}: the citation {cite!r} is not in docs/checklist.md"
