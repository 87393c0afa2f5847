"""How long the note-taker spends entering a whole annual review, in minutes of
typing and key presses, from a prepared draft and from an empty plan.

A fictional 60-minute annual review (the bundled sample's student, Jordan
Vance) is driven through the real app with Textual's Pilot, headless, key by
key, the way a note-taker would: F6 to the next section, Tab or shift+Tab
(whichever is shorter) to the next field, one key for a choice, ctrl+down to
the next person, F2/F3/F4 for a decision, a parked topic, an action item.
Every key sent is counted, per section: a printable character is typed text
(3 characters a second), anything else is navigation (1.5 s a key). At the
end the saved plan is checked, so a step that did not land fails the script.

"Prepared draft" is the bundled sample as a case manager brings it to the
meeting (team invited, goals and services drafted): only what is said in the
meeting is entered. "Empty plan" is `iep-meeting new` and everything entered
live. "Prepared with input" is the prepared draft after `import-input` took
in the family's form (docs/prepare.md; the bundled sample family's answers,
their topic parked): their concerns are in the plan in their words, so the
note-taker links each to what answers it instead of typing it, and the topic
is not parked again. Thinking and talking time is not counted: this is the
keyboard's share.

Run: python bench/entry.py          Targets: entry minutes <= 12 (prepared draft)
                                             entry minutes prepared-with-input <= 6
"""

from __future__ import annotations

# isort: off
import _harness  # noqa: F401  first: the import path (see bench/_harness.py)

# isort: on
import argparse
import asyncio
import datetime as dt
import tempfile
from collections import Counter
from pathlib import Path

from textual.widget import Widget
from textual.widgets import Select

from iep_meeting.model.edits import new_plan
from iep_meeting.model.family_input import TOPICS_TO_PARKING_LOT, take_in
from iep_meeting.model.plan import Attendance, CopyMethod, Plan
from iep_meeting.store.agenda_files import find_agenda
from iep_meeting.store.answers_file import read_answers
from iep_meeting.tui.widgets.fields import BoundField
from iep_meeting.tui.widgets.option_row import OptionRow
from iep_meeting.tui.widgets.records import RecordList
from iep_meeting.words.labels import NOT_CHOSEN
from tests.app.harness import make_app, saved, settled
from tests.family_answers import write_jordan_answers

CHARS_PER_SECOND = 3.0
SECONDS_PER_KEY = 1.5
MEETING_DAY = dt.date(2026, 12, 3)


class Entry:
    """Drives the app as a note-taker would and counts every key, per section."""

    def __init__(self, pilot, app) -> None:
        self.pilot, self.app = pilot, app
        self.section = "start-up"
        self.chars: Counter[str] = Counter()
        self.keys: Counter[str] = Counter()

    async def key(self, *names: str) -> None:
        for name in names:
            await self.pilot.press(name)
            self.keys[self.section] += 1
        await settled(self.pilot, self.app)

    async def type(self, text: str) -> None:
        for char in text:
            await self.pilot.press({" ": "space", "\n": "enter"}.get(char, char))
            self.chars[self.section] += 1
        await settled(self.pilot, self.app)

    async def go(self, section_id: str) -> None:
        """F6 (or F5 back) until the team is on `section_id`."""
        ids = [section.id for section in self.app.session.sections]
        steps = ids.index(section_id) - ids.index(self.app.session.current.id)
        await self.key(*["f6" if steps > 0 else "f5"] * abs(steps))
        assert self.app.session.current.id == section_id, f"F6/F5 did not reach {section_id}"
        self.section = section_id

    def _field(self, path: tuple) -> BoundField:
        return next(f for f in self.app.screen.query(BoundField) if f.path == path)

    async def to(self, target: Widget) -> None:
        """Tab or shift+Tab, whichever is shorter, until `target` has the focus."""
        chain = self.app.screen.focus_chain
        assert target in chain, f"{target!r} cannot be reached with Tab"
        for _ in range(len(chain)):
            focused = self.app.focused
            if focused is target:
                return
            here = chain.index(focused) if focused in chain else 0
            forward = (chain.index(target) - here) % len(chain)
            await self.key("tab" if forward <= len(chain) - forward else "shift+tab")
        raise AssertionError(f"Tab never reached {target!r}")

    async def fill(self, path: tuple, text: str, *, replace: bool = False) -> None:
        await self.to(self._field(path).editor)
        if replace:
            await self.key("end", "ctrl+u")
        await self.type(text)

    async def choose(self, path: tuple, label: str) -> None:
        """One key in a row of answers; in a drop-down: open, move to it, take it."""
        editor = self._field(path).editor
        await self.to(editor)
        await self.answer(editor, label)

    async def answer(self, editor: Widget, label: str) -> None:
        if isinstance(editor, OptionRow):
            index = next(i for i, (words, _) in enumerate(editor.options) if label in words)
            await self.key(editor.keys[index])
            return
        assert isinstance(editor, Select)
        spec = next(a for a in editor.ancestors if isinstance(a, BoundField)).spec
        # as the drop-down lists them: the blank first when a choice may be left open
        options = [(NOT_CHOSEN, Select.NULL)] * spec.optional + list(spec.choices)
        wanted = next(i for i, (words, _) in enumerate(options) if label in words)
        current = next((i for i, (_, value) in enumerate(options) if value == editor.value), 0)
        await self.key("enter")
        step = "down" if wanted >= current else "up"
        await self.key(*[step] * abs(wanted - current), "enter")

    async def answer_here(self, name: str, label: str) -> None:
        """Answer `label` in the focused field, which must be the record's `name`
        (ctrl+down keeps the field while it moves to the next record)."""
        field = next(a for a in self.app.focused.ancestors_with_self if isinstance(a, BoundField))
        assert field.spec.name == name, f"ctrl+down left the {name} field for {field.spec.name}"
        await self.answer(field.editor, label)

    async def add(self, *list_path) -> None:
        """Into the list (its Add button, a Tab stop), then ctrl+n."""
        records = next(r for r in self.app.screen.query(RecordList) if r.list_path == list_path)
        await self.to(records.query_one("#add"))
        await self.key("ctrl+n")

    async def dialog(self, opener: str, *fields: tuple[str, str]) -> None:
        """F2, F3 or F4; each (field name, text) in turn; ctrl+s saves."""
        await self.key(opener)
        dialog = self.app.screen
        for name, text in fields:
            editor = dialog.field(name).editor
            await self.to(editor)
            if isinstance(editor, (OptionRow, Select)):
                await self.answer(editor, text)
            else:
                await self.type(text)
                if name in dialog.NAME_FIELDS:
                    await self.key("right")  # takes the suggested team member's name
        await self.key("ctrl+s")
        assert self.app.screen is not dialog, f"the {opener} dialog did not save"

    async def press_button(self, button_id: str) -> None:
        await self.to(self.app.screen.query_one(f"#{button_id}"))
        await self.key("enter")

    def minutes(self, section: str | None = None) -> float:
        sections = [section] if section else set(self.chars) | set(self.keys)
        seconds = sum(self.chars[s] / CHARS_PER_SECOND + self.keys[s] * SECONDS_PER_KEY for s in sections)
        return seconds / 60


# --- what is said in the meeting --------------------------------------------------------------


async def live_part(entry: Entry, team_size: int, *, with_input: bool = False) -> None:
    """What any annual review records as it happens, on a plan that has the team
    (`with_input`: and the family's form taken in before the meeting)."""
    await entry.go("start-up")
    # From the team member the form shows (the last one added, on an empty plan),
    # up to the first, then down to the last: ctrl+up/down keep the attendance field.
    start = next(r for r in entry.app.screen.query(RecordList) if r.list_path == ("team",)).selected
    await entry.choose(("team", start, "attendance"), "in person")
    for index in [*range(start - 1, -1, -1), *range(start + 1, team_size)]:
        await entry.key("ctrl+up" if index < start else "ctrl+down")
        if index == start + 1 and start:
            await entry.key(*["ctrl+down"] * start)  # back past the ones done
        await entry.answer_here("attendance", "in person")
    await entry.fill(("facilitation", "desired_outcomes"), "Agree reading goals\nPlan the bus change")
    await entry.dialog("f2", ("what", "Agenda and a 16:30 end time agreed"))

    await entry.go("present-levels")
    if with_input:
        await entry.dialog("f2", ("what", "Progress reports in Spanish; Priya is the family's contact"))
        await link_concerns(entry)
    else:
        await entry.fill(
            ("present_levels", "parent_concerns"), "Homework takes two hours; he is tired after the bus", replace=True
        )
        await entry.dialog("f2", ("what", "Present levels accepted as drafted"))

    await entry.go("goals")
    await entry.fill(("goals", 0, "target"), "140 wcpm, 3 of 4 probes", replace=True)
    await entry.dialog("f2", ("what", "Reading goal target raised to 140 wcpm"))
    if not with_input:  # the family's topic was parked from their form
        await entry.dialog("f3", ("topic", "Bus pickup time"), ("raised_by", "ren"))

    await entry.go("services")
    await entry.fill(("services", 0, "minutes"), "180", replace=True)
    await entry.dialog(
        "f2", ("what", "Reading instruction goes to 180 minutes a week"), ("disagreed", "Renata Vance asked for daily")
    )

    await entry.go("accommodations")
    await entry.to(entry.app.screen.query_one("#acc-search"))
    await entry.type("extended")
    await entry.key("enter")
    await entry.dialog("f2", ("what", "Accommodations kept; extended time added"))

    await entry.go("placement")
    factors = [
        f for f in entry.app.screen.query(BoundField) if f.path[0] == "special_factors" and f.path[-1] == "needed"
    ]
    for factor in factors:
        await entry.to(factor.editor)
        await entry.answer(factor.editor, "no")
    await entry.dialog("f2", ("what", "Resource room for reading; general education otherwise"))

    await entry.go("close")
    await entry.dialog("f4", ("owner", "carl"), ("what", "Call the bus office about pickup"), ("due", "2026-12-10"))
    parked = len(entry.app.session.plan.parking_lot) - 1
    await entry.to(entry._field(("parking_lot", parked, "resolution")).editor)
    await entry.type("Carl calls the bus office by 12-10")
    await entry.press_button("all-agree")
    await entry.add("family_copies")
    await entry.choose(("family_copies", 0, "method"), "in person")  # in the family's language already


async def link_concerns(entry: Entry) -> None:
    """Each of the family's two concerns to what answers it: the homework to the
    executive-functioning goal (goal 4), the progress reports to the decision just
    made (End: the last record, the family's parked topic; up one: the newest
    decision). Enter on a concern, the arrows and space in the list, ctrl+s."""
    plan = entry.app.session.plan
    assert len(plan.parking_lot) == 1, "the family's topic is the one record after the decisions"
    await entry.to(entry.app.screen.query_one("#concern-list"))
    await entry.key("enter", "down", "down", "down", "space", "ctrl+s")
    await entry.key("down", "enter", "end", "up", "space", "ctrl+s")


TEAM = [
    ("Renata Vance", "parent"),
    ("Priya Nandakumar", "special education"),
    ("Dev Okafor", "general education"),
    ("Carl Whitfield", "district"),
    ("Helen Marsh", "explains"),
    ("Jordan Vance", "student"),
]


async def empty_part(entry: Entry) -> None:
    """An empty plan: the team, the student and the drafts are entered live too."""
    await entry.go("start-up")
    await entry.add("team")
    for index, (name, role) in enumerate(TEAM):
        if index:
            await entry.key("ctrl+n")
        await entry.fill(("team", index, "name"), name)
        await entry.choose(("team", index, "role"), role)
    await entry.fill(("facilitation", "facilitator"), "Carl Whitfield")
    await entry.fill(("facilitation", "note_taker"), "Priya Nandakumar")
    await entry.fill(("student", "date_of_birth"), "2013-03-14")
    await entry.fill(("student", "grade"), "7")

    await entry.go("present-levels")
    await entry.add("present_levels", "areas")
    await entry.fill(("present_levels", "areas", 0, "area"), "reading")
    await entry.fill(("present_levels", "areas", 0, "strengths"), "Loves stories; strong listening comprehension")
    await entry.fill(("present_levels", "areas", 0, "needs"), "Fluency: 85 wcpm on grade-7 passages")
    await entry.fill(("present_levels", "areas", 0, "impact"), "Slow reading limits content-area work")

    await entry.go("goals")
    await entry.add("goals")
    await entry.fill(("goals", 0, "domain"), "reading fluency")
    await entry.fill(("goals", 0, "statement"), "Jordan will read grade-7 passages aloud at 140 wcpm")
    await entry.fill(("goals", 0, "baseline"), "85 wcpm, fall probes")
    await entry.fill(("goals", 0, "target"), "140 wcpm")
    await entry.fill(("goals", 0, "measured_by"), "weekly probes")
    await entry.fill(("goals", 0, "reporting"), "quarterly")

    await entry.go("services")
    await entry.add("services")
    await entry.fill(("services", 0, "description"), "Specialized reading instruction")
    await entry.fill(("services", 0, "provider"), "special education teacher")
    await entry.fill(("services", 0, "minutes"), "150")
    await entry.fill(("services", 0, "setting"), "resource room")

    await entry.go("placement")
    await entry.fill(("lre", "general_education_percent"), "85", replace=True)
    await entry.fill(("lre", "explanation"), "Reading instruction in the resource room; all else in general education")


async def drive(plan: Plan, folder: Path, *, prepared: bool, with_input: bool = False) -> tuple[Entry, Plan]:
    app = make_app(folder, plan)
    async with app.run_test(size=(120, 36)) as pilot:
        await settled(pilot, app)
        entry = Entry(pilot, app)
        if not prepared:
            await empty_part(entry)
        await live_part(entry, len(app.session.plan.team), with_input=with_input)
        result = await saved(pilot, app)
    return entry, result


def with_family_input(plan: Plan, folder: Path) -> Plan:
    """`plan` after `iep-meeting import-input` took in the sample family's form (topics parked)."""
    answers = read_answers(write_jordan_answers(folder / "answers.json"))
    return take_in(plan, answers, TOPICS_TO_PARKING_LOT).plan


def check_input(plan: Plan) -> None:
    """Each of the family's concerns answered, their topic taken up at the close."""
    assert [len(concern.answered_by) for concern in plan.present_levels.concerns] == [1, 1], plan.present_levels
    assert plan.present_levels.concerns[0].answered_by[0].startswith("goals:"), plan.present_levels.concerns
    assert plan.present_levels.concerns[1].answered_by[0].startswith("decisions:"), plan.present_levels.concerns
    assert plan.parking_lot[-1].from_form and plan.parking_lot[-1].resolution, plan.parking_lot


def check(plan: Plan, *, raised_by: str = "Renata Vance") -> None:
    """The meeting landed in the file: a step that went astray fails here."""
    assert all(member.attendance is Attendance.IN_PERSON for member in plan.team), "attendance"
    assert len(plan.decisions) == 6, f"{len(plan.decisions)} decisions"
    assert plan.services[0].minutes == 180 and plan.goals[0].target.startswith("140 wcpm")
    assert plan.action_items[-1].owner == "Carl Whitfield", plan.action_items[-1]
    assert plan.parking_lot[-1].raised_by == raised_by, plan.parking_lot
    assert plan.sign_off.signatures, "sign-off"
    assert plan.family_copies and plan.family_copies[0].method is CopyMethod.IN_PERSON, plan.family_copies


def report(name: str, entry: Entry) -> None:
    print(f"{name}:")
    for section in dict.fromkeys([*entry.chars, *entry.keys]):
        print(
            f"  {section:<16} {entry.chars[section]:>5} characters {entry.keys[section]:>4} keys"
            f"  {entry.minutes(section):5.1f} min"
        )
    print(f"  {'total':<16} {sum(entry.chars.values()):>5} characters {sum(entry.keys.values()):>4} keys")


async def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    from iep_meeting.store.folders import sample_plan_path
    from iep_meeting.store.plan_file import load_plan

    with tempfile.TemporaryDirectory() as folder:
        prepared, plan = await drive(load_plan(sample_plan_path()), Path(folder), prepared=True)
        check(plan)
    with tempfile.TemporaryDirectory() as folder:
        taken_in = with_family_input(load_plan(sample_plan_path()), Path(folder))
        with_input, plan = await drive(taken_in, Path(folder), prepared=True, with_input=True)
        check(plan, raised_by="Tomás Vance, padre")
        check_input(plan)
    with tempfile.TemporaryDirectory() as folder:
        empty = new_plan("Jordan Vance", find_agenda("annual-review").agenda, MEETING_DAY)
        from_empty, plan = await drive(empty, Path(folder), prepared=False)
        check(plan)
    report("prepared draft", prepared)
    report("empty plan", from_empty)
    report("prepared with input", with_input)
    print(f"entry minutes (empty plan) {from_empty.minutes():.1f}")
    print(f"entry minutes {prepared.minutes():.1f}")
    print(f"entry minutes prepared-with-input {with_input.minutes():.1f}")


if __name__ == "__main__":
    asyncio.run(main())
