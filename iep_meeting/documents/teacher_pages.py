"""Each teacher's and provider's page (34 CFR 300.323(d)): what that person must
do under the IEP, and the accommodations, modifications and supports they give.

`teacher_pages(plan, strings)` gives one page (a `Section` printed from the top
of a page) for each teacher and provider on the team, then, when a service
names a provider nobody on the team matches, a last page of those services, so
no service is silently dropped. Each page holds:

- the plan period (each service runs for it unless its own dates are shown);
- the services that person gives (see "Who gives a service" below), and who
  else is named for the same service;
- for a general education teacher, also the services others give in the
  general education classroom (a setting that says "general education",
  "regular education", "co-taught" or "all classes"): co-teaching, push-in;
- the goals those services serve (`Service.goals`); a general education
  teacher's page holds every goal, because the student works toward all of
  them in the general education classroom and that teacher sees it every day;
- every accommodation, each with where it applies (all of them apply in, or
  to the tests of, every class);
- every supplementary aid and program modification (services of those kinds),
  with who provides it: each teacher must know the supports given in their class.

Who gets a page: every general education teacher, special education teacher
or provider and related service provider on the team; any other member
(school psychologist, district representative, agency, ...) only when a
service names them as its provider. A parent, the student, an interpreter or
an advocate never does.

Who gives a service: the service's `provider` text is compared with each
member who may get a page, as words (lower case; hyphens and punctuation are
spaces; a plural "teachers" is "teacher"; common short forms are spelled out:
SLP, OT, PT, ELA, sped, gen ed, ...). From the strongest match to the weakest:

3. the provider names the member: their full name, or their last name after
   Mr., Ms., Mrs., Mx. or Dr. ("Ms. Fixture");
2. the provider and the member's title (or one part of it between commas:
   "case manager, resource teacher") hold each other as whole words in order,
   once the words that say nothing alone are left out ("teacher", "provider",
   "school", "staff", "the", "7th grade", ...): "speech-language pathologist"
   names the SLP, "ELA teacher" the "7th grade English language arts" teacher,
   but "school counselor" not the "school psychologist";
1. the provider and one of the phrases of the member's role hold each other
   the same way ("special education teacher", "general education teachers",
   "related service provider"; ROLE_PHRASES).

The service goes to every member with the strongest match found (two special
education teachers and a provider "special education teacher": both pages list
it, each saying the other is named too); with no match, to the last page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from iep_meeting.documents.document import (
    Block,
    Document,
    Paragraph,
    Section,
    Table,
    Typed,
    date_words,
    fill,
)
from iep_meeting.documents.plan_parts import (
    about_paragraph,
    accommodations_section,
    goal_facts,
    plan_document,
    services_section,
)
from iep_meeting.model.plan import Plan, Role, Service, ServiceKind, TeamMember
from iep_meeting.words.locale import Strings

# Roles whose members always get a page, and roles that get one only when a service names them.
TEACHER_ROLES = (Role.REGULAR_EDUCATION_TEACHER, Role.SPECIAL_EDUCATION_TEACHER, Role.RELATED_SERVICE_PROVIDER)
NEVER_PROVIDERS = (Role.PARENT, Role.STUDENT, Role.INTERPRETER, Role.ADVOCATE)
SUPPORT_KINDS = (ServiceKind.SUPPLEMENTARY_AID, ServiceKind.PROGRAM_MODIFICATION)

# The words a provider may give for each role, as matched (after `_words`).
ROLE_PHRASES: dict[Role, tuple[str, ...]] = {
    Role.REGULAR_EDUCATION_TEACHER: (
        "general education teacher",
        "regular education teacher",
        "classroom teacher",
        "content area teacher",
        "subject teacher",
    ),
    Role.SPECIAL_EDUCATION_TEACHER: (
        "special education teacher",
        "special education provider",
        "special education staff",
        "resource teacher",
        "resource room teacher",
        "intervention specialist",
        "case manager",
    ),
    Role.RELATED_SERVICE_PROVIDER: ("related service provider",),
    Role.EVALUATION_INTERPRETER: ("school psychologist",),
    Role.DISTRICT_REPRESENTATIVE: ("district representative",),
    Role.TRANSITION_AGENCY: ("transition agency",),
}

# Short forms spelled out before matching (whole words only).
SHORT_FORMS = {
    "slp": "speech language pathologist",
    "ot": "occupational therapist",
    "pt": "physical therapist",
    "ela": "english language art",
    "sped": "special education",
    "gened": "general education",
    "gen ed": "general education",
    "special ed": "special education",
    "general ed": "general education",
    "regular ed": "regular education",
    "para": "paraprofessional",
}

# Words that alone say nothing about who gives a service.
GENERIC = frozenset(
    {
        *("a", "an", "and", "or", "of", "the", "for", "in", "at", "to", "with"),
        *("teacher", "provider", "staff", "school", "member", "team", "grade", "th", "st", "nd", "rd"),
    }
)
HONORIFICS = ("mr", "ms", "mrs", "mx", "dr", "miss")

NAME_MATCH, TITLE_MATCH, ROLE_MATCH = 3, 2, 1


def _words(text: str) -> tuple[str, ...]:
    """Lower-case words, plurals made singular and short forms spelled out."""
    plain = re.sub(r"[^\w]+", " ", text.casefold().replace("&", " and ")).strip()
    plain = re.sub(r"\d+", " ", plain)  # "7th grade": the number says nothing about who
    spelled = f" {' '.join(plain.split())} "
    for short, long in SHORT_FORMS.items():
        spelled = spelled.replace(f" {short} ", f" {long} ")
    singular = []
    for word in spelled.split():
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        singular.append(word)
    return tuple(singular)


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """`short` appears in `long` as whole words, in order."""
    return bool(short) and any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words that say who: without "teacher", "school", "the", "7th grade", ..."""
    return tuple(word for word in words if word not in GENERIC)


def _phrases_meet(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Without the words that say nothing alone, either holds the other, in order."""
    core_a, core_b = _core(a), _core(b)
    return bool(core_a and core_b) and (_within(core_a, core_b) or _within(core_b, core_a))


def match_strength(provider: str, member: TeamMember) -> int:
    """How strongly a service's provider text names `member`: 3 by name, 2 by title, 1 by role, 0 not."""
    said = _words(provider)
    if not said or member.role in NEVER_PROVIDERS:
        return 0
    name = _words(member.name)
    if name and (_within(name, said) or any(_within((title, name[-1]), said) for title in HONORIFICS)):
        return NAME_MATCH
    for part in re.split(r"[,;/]| and ", member.title):
        if _phrases_meet(_words(part), said):
            return TITLE_MATCH
    if any(_phrases_meet(_words(phrase), said) for phrase in ROLE_PHRASES.get(member.role, ())):
        return ROLE_MATCH
    return 0


# Settings that are a general education class (after `_words`).
GENERAL_CLASS = (
    ("general", "education"),
    ("regular", "education"),
    ("co", "taught"),
    ("all", "classe"),
    ("all", "class"),
)


def in_general_class(service: Service) -> bool:
    """Whether the service is given in general education classes ("general education classroom", "all classes")."""
    setting = _words(service.setting)
    return any(_within(words, setting) for words in GENERAL_CLASS)


@attrs.frozen
class Assignment:
    """Who gives what: the services of each member who gets a page, and those nobody matches."""

    members: tuple[TeamMember, ...]  # in team order
    services: dict[int, tuple[Service, ...]]  # member index in `members` → their services
    unmatched: tuple[Service, ...]


def assign(plan: Plan) -> Assignment:
    """Each service to the members whose match with its provider is strongest (the module's rule)."""
    candidates = [member for member in plan.team if member.role not in NEVER_PROVIDERS]
    given: dict[int, list[Service]] = {}
    unmatched = []
    for service in plan.services:
        strengths = [match_strength(service.provider, member) for member in candidates]
        best = max(strengths, default=0)
        if best == 0:
            unmatched.append(service)
            continue
        for index, strength in enumerate(strengths):
            if strength == best:
                given.setdefault(index, []).append(service)
    keep = [index for index, member in enumerate(candidates) if member.role in TEACHER_ROLES or index in given]
    members = tuple(candidates[index] for index in keep)
    services = {position: tuple(given.get(index, ())) for position, index in enumerate(keep)}
    return Assignment(members, services, tuple(unmatched))


def _who(member: TeamMember, s: Strings) -> str:
    name = member.name.strip() or s.text(f"role.{member.role.value}")
    title = member.title.strip() or s.text(f"role.{member.role.value}")
    return s.text("teacher.heading", name=name, title=title)


def _tables(section: Section) -> list[Block]:
    """The table of a services section (the page says the plan period once, above it)."""
    return [block for block in section.blocks if isinstance(block, Table)]


def _page(plan: Plan, s: Strings, number: int, member: TeamMember, assignment: Assignment) -> Section:
    student = plan.student.name.strip().split()[0] if plan.student.name.strip() else ""
    mine = assignment.services[number]
    blocks: list[Block] = [
        Paragraph(
            (
                s.text(
                    "teacher.period",
                    start=date_words(s, plan.period.start),
                    end=date_words(s, plan.period.end),
                ),
            )
        ),
    ]
    # The services this person gives, and who else is named for each.
    if mine:
        caption = s.text("teacher.services_caption", student=student)
        blocks += _tables(services_section(plan, s, mine, caption=caption))
        for service in mine:
            others = [
                other.name.strip()
                for position, other in enumerate(assignment.members)
                if position != number and service in assignment.services[position] and other.name.strip()
            ]
            if others:
                names = Typed(", ".join(others))
                blocks.append(Paragraph(fill(s, "teacher.shared", what=Typed(service.description.strip()), name=names)))
    else:
        blocks.append(Paragraph((s.text("teacher.no_services"),)))
    # A general education teacher also learns what others give in their classroom (co-teaching, push-in).
    if member.role is Role.REGULAR_EDUCATION_TEACHER:
        in_class = [
            service
            for service in plan.services
            if service not in mine and service.kind not in SUPPORT_KINDS and in_general_class(service)
        ]
        if in_class:
            caption = s.text("teacher.in_class_caption", student=student)
            blocks += _tables(services_section(plan, s, in_class, caption=caption))
    # The goals they help with.
    numbers = {goal.id: index for index, goal in enumerate(plan.goals, start=1)}
    if member.role is Role.REGULAR_EDUCATION_TEACHER:
        goals = list(plan.goals)
        blocks.append(Paragraph((s.text("teacher.goals_all", student=student),)))
    else:
        served = {goal_id for service in mine for goal_id in service.goals}
        goals = [goal for goal in plan.goals if goal.id in served]
        blocks.append(Paragraph((s.text("teacher.goals_yours" if goals else "teacher.no_goals"),)))
    blocks += [goal_facts(numbers[goal.id], goal, s) for goal in goals]
    # Every accommodation, and every supplementary aid and program modification.
    blocks.append(Paragraph((s.text("teacher.accommodations"),)))
    blocks += accommodations_section(plan, s).blocks
    supports = [service for service in plan.services if service.kind in SUPPORT_KINDS]
    if supports:
        blocks += _tables(services_section(plan, s, supports, caption=s.text("teacher.supports_caption")))
    else:
        blocks.append(Paragraph((s.text("teacher.no_supports"),)))
    return Section(f"teacher-{number + 1}", _who(member, s), tuple(blocks), new_page=True)


def _unmatched_page(plan: Plan, s: Strings, services: Sequence[Service]) -> Section:
    caption = s.text("teacher.unmatched_caption")
    blocks: list[Block] = [Paragraph((s.text("teacher.unmatched_intro"),))]
    blocks += _tables(services_section(plan, s, services, caption=caption))
    return Section("unmatched", s.text("teacher.unmatched_heading"), tuple(blocks), new_page=True)


def teacher_pages(plan: Plan, s: Strings) -> Document:
    """Each teacher's and provider's page of `plan`, in the language of `s`."""
    student = plan.student.name.strip()
    assignment = assign(plan)
    sections = [_page(plan, s, number, member, assignment) for number, member in enumerate(assignment.members)]
    if not assignment.members:
        sections.append(Section("no-teachers", s.text("teacher.none_heading"), (Paragraph((s.text("teacher.none"),)),)))
    if assignment.unmatched:
        sections.append(_unmatched_page(plan, s, assignment.unmatched))
    intro = (
        Paragraph((s.text("teacher.what", student=student),)),
        about_paragraph(plan, s),
        Paragraph((s.text("records.private"),)),
    )
    return plan_document("teachers", plan, s, s.text("teacher.title", student=student), intro, sections)


def build_teacher_pages(plan: Plan, s: Strings, _english: Strings, _user_dir: object) -> Document:
    """The export's builder."""
    return teacher_pages(plan, s)
