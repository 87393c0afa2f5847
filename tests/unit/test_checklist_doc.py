"""docs/checklist.md lists every finding id the code can produce, and no other.

Facilitators and district IT look a finding up by its rule id in that table
(the id is what `iep-meeting check` prints). A rule added, renamed or removed
in the code without the table changing would leave them with a wrong or
missing explanation, so this test takes the ids from the rules themselves (each
declares the findings it reports, model/checklist/rule.py) and from the source
text of the record and file checks, and compares both ways; each row also
names the severity and the citation its rule declares. It also keeps the
rule-profile section honest: its example file must load, and the shipped
profiles' citations must appear in it.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest

from iep_meeting.model.agenda import sections_for
from iep_meeting.model.checklist import RULES, checklist
from iep_meeting.model.checklist.declared import DECLARED_KINDS
from iep_meeting.model.checklist.rule import Finds
from iep_meeting.model.rules import FEDERAL, RULE_TABLES
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.profile_files import builtin_profile_dir, load_profile_file, profile_from_text
from tests.factories import PERIOD_END, small_plan

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "checklist.md"
ANNUAL = find_agenda("annual-review").agenda
# Findings made outside the checklist's rules: how the record hangs together, and the file.
SOURCES = [
    ROOT / "iep_meeting" / "model" / "findings.py",
    ROOT / "iep_meeting" / "store" / "plan_check.py",
]

# `Finding.at(path, "rule-id", ...)`: skip the first argument (a tuple, a name,
# or `(...) if ... else (...)`; plan paths hold no nested parentheses) and take
# the string literal after its comma. Newlines between arguments are fine.
_PATH = r"(?:\([^()]*\)|[\w.]+)"
AT_CALL = re.compile(rf"Finding\.at\(\s*{_PATH}(?:\s+if\s+[^,]*?\s+else\s+{_PATH})?\s*,\s*[\"']([\w-]+)[\"']")
# `Finding(rule="rule-id", ...)`.
RULE_KEYWORD = re.compile(r"\brule\s*=\s*[\"']([\w-]+)[\"']")
# A row of the findings table: "| `rule-id` | ...".
TABLE_ROW = re.compile(r"^\| `([\w-]+)` \|", re.MULTILINE)


def declared_kinds() -> list[Finds]:
    """Every kind of finding the checklist's rules and its declared requirements report."""
    return [kind for rule in RULES for kind in rule.finds] + list(DECLARED_KINDS)


def code_ids() -> set[str]:
    ids = {kind.id for kind in declared_kinds()}
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


def test_the_ids_are_read_from_every_source() -> None:
    ids = code_ids()
    # One from each: a rule's declaration, a declared requirement, the record, the file.
    assert {"goal-measurable", "family-copy", "agenda-requires", "period-order", "file-private"} <= ids


def rows() -> dict[str, list[str]]:
    """Each row of the findings tables by its id: the cells after the id."""
    found = {}
    for line in findings_section().splitlines():
        match = TABLE_ROW.match(line)
        if match:
            found[match.group(1)] = [cell.strip() for cell in line.strip().strip("|").split(" | ")[1:]]
    return found


@pytest.mark.parametrize("kind", declared_kinds(), ids=lambda kind: kind.id)
def test_each_row_names_the_severity_and_citation_its_rule_declares(kind: Finds) -> None:
    _what, severity, citation, _why = rows()[kind.id]
    assert kind.severity.value in severity, f"{kind.id}: the row does not say it is {kind.severity.value}"
    if kind.citation:
        # "34 CFR 300.322(d)" may be written "300.322(d)" after another citation of the same part.
        assert kind.citation in citation or kind.citation.removeprefix("34 CFR ") in citation, (
            f"{kind.id}: the row does not cite {kind.citation}"
        )


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


def toml_examples() -> list[str]:
    """The ```toml examples of the rule-profile section (indented ones too, as in a list)."""
    section = doc_text().split("## Rule profiles", 1)[1]
    blocks = re.findall(r"^( *)```toml\n(.*?)^ *```", section, re.DOTALL | re.MULTILINE)
    return [re.sub(rf"^{indent}", "", block, flags=re.MULTILINE) for indent, block in blocks]


def test_the_example_profile_loads() -> None:
    examples = toml_examples()
    assert examples, "the rule-profile section has no ```toml example"
    profile = profile_from_text(examples[0], "district")
    assert profile.id == "district"
    assert profile.requires


def test_the_worked_example_adds_a_state_as_data() -> None:
    """New Jersey's transition at 14: a file, and the checklist follows it."""
    new_jersey = profile_from_text(toml_examples()[1], "new-jersey")
    assert new_jersey.transition_age == 14 and new_jersey.majority == FEDERAL.majority
    fourteen = small_plan()
    fourteen = attrs.evolve(
        fourteen, student=attrs.evolve(fourteen.student, date_of_birth=PERIOD_END.replace(year=PERIOD_END.year - 14))
    )
    found = [f for f in checklist(fourteen, ANNUAL, new_jersey) if f.rule == "transition-complete"]
    assert found and found[0].citation == "34 CFR 300.320(b)(1); N.J.A.C. 6A:14-3.7(e)11"
    assert found[0].citation in doc_text()
    assert "transition" in {s.id for s in sections_for(ANNUAL, fourteen, new_jersey)}
    assert not [f for f in checklist(fourteen, ANNUAL, FEDERAL) if f.rule == "transition-complete"]


@pytest.mark.parametrize("path", sorted(builtin_profile_dir().glob("*.toml")), ids=lambda path: path.stem)
def test_the_shipped_profiles_are_described_with_each_rules_source_text(path: Path) -> None:
    """Each rule's citation, its quote of the rule's text and what rests on agency guidance,
    word for word as the profile file holds them (and `iep-meeting profiles` prints them)."""
    profile = load_profile_file(path)
    text = " ".join(doc_text().split())
    assert f"`{profile.id}`" in text
    for table in RULE_TABLES:
        rule = getattr(profile, table)
        for name in ("cite", "quote", "guidance"):
            words = " ".join(getattr(rule, name).split())
            assert words in text, f"{path.name}: [{table}] {name} {words!r} is not in docs/checklist.md"
    for item in profile.transition_planning.items:
        assert item.cite in text and item.words in text, f"{path.name}: the item {item.id!r} is not described"


def test_each_shipped_state_rule_quotes_its_text() -> None:
    """A state's rule that differs from IDEA's says in the rule's own words what it asks."""
    federal = load_profile_file(builtin_profile_dir() / "federal.toml")
    for path in sorted(builtin_profile_dir().glob("*.toml")):
        profile = load_profile_file(path)
        for table in RULE_TABLES:
            rule = getattr(profile, table)
            if rule.cite and rule.cite != getattr(federal, table).cite:
                assert rule.quote.strip(), f"{path.name}: [{table}] has no quote of its rule's text"
