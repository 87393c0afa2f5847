"""Services: what the school provides, who, how many minutes, where, from when to
when, and which goals each service works toward."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Label, Static

from iep_meeting.model.banks import Banks, RelatedServiceKind
from iep_meeting.model.edits import next_id
from iep_meeting.model.plan import Frequency, Plan, Service, ServiceKind
from iep_meeting.model.rules import MINUTES_IN_A_WEEK, WEEKS_PER_MONTH, weekly_minutes
from iep_meeting.tui.commands import list_keys_text
from iep_meeting.tui.context import keys, session
from iep_meeting.tui.sections.base import SectionEditor
from iep_meeting.tui.sections.goals import LIST_BINDINGS, HintedList
from iep_meeting.tui.styles import stylesheet
from iep_meeting.tui.widgets.fields import FieldSpec, Kind
from iep_meeting.words.labels import choices

SERVICE_FIELDS = (
    FieldSpec(name="kind", label="Kind of service", kind=Kind.CHOICE, choices=choices(ServiceKind), optional=False),
    FieldSpec(
        name="description",
        label="What the service is",
        placeholder="e.g. specialized reading instruction, speech-language therapy",
        help="Related services from the bank are suggested as you type; → takes one.",
    ),
    FieldSpec(name="provider", label="Who provides it (their role)", placeholder="e.g. special education teacher"),
    FieldSpec(name="minutes", label="Minutes", kind=Kind.NUMBER, minimum=1, maximum=MINUTES_IN_A_WEEK),
    FieldSpec(
        name="per",
        label="Per week or per month",
        kind=Kind.CHOICE,
        choices=choices(Frequency),
        inline=True,
        optional=False,
    ),
    FieldSpec(
        name="frequency",
        label="Or how often, in words (for support not counted in minutes)",
        placeholder="e.g. daily, during content-area reading",
    ),
    FieldSpec(
        name="setting",
        label="Where (setting)",
        placeholder="e.g. general education classroom, resource room",
    ),
    FieldSpec(
        name="start",
        label="Starts",
        kind=Kind.DATE,
        help="A new service starts and ends with the plan period; change the dates if this one differs.",
    ),
    FieldSpec(name="end", label="Ends", kind=Kind.DATE),
    FieldSpec(
        name="goals",
        label="Goals this service works toward",
        kind=Kind.GOAL_IDS,
        help="Space ticks or unticks the highlighted goal.",
    ),
)


def summarize_service(service: Service) -> str:
    parts = [service.description.strip() or "(not described yet)"]
    if service.minutes is not None:
        parts.append(f"{service.minutes} min/{service.per.value}")
    else:
        parts.append(service.frequency.strip() or "minutes not set")
    if service.setting.strip():
        parts.append(service.setting.strip())
    if service.goals:
        parts.append("serves " + ", ".join(service.goals))
    return " · ".join(parts)


def new_service(plan: Plan) -> Service:
    """A blank service that runs for the whole plan period."""
    return Service(
        id=next_id("service", plan.services),
        kind=ServiceKind.SPECIAL_EDUCATION,
        description="",
        start=plan.period.start,
        end=plan.period.end,
    )


def minutes_per_week(service: Service) -> int | None:
    """The service's minutes as whole minutes per week (monthly minutes ÷ 52/12 weeks, rounded)."""
    weekly = weekly_minutes(service)
    return None if weekly is None else round(weekly)


def weekly_totals(plan: Plan) -> Text:
    """One line: minutes per week of special education and of related services."""
    totals = dict.fromkeys((ServiceKind.SPECIAL_EDUCATION, ServiceKind.RELATED_SERVICE), 0)
    monthly = missing = 0
    for service in plan.services:
        if service.kind not in totals:
            continue
        weekly = minutes_per_week(service)
        if weekly is None:
            missing += 1
            continue
        totals[service.kind] += weekly
        monthly += service.per is Frequency.MONTHLY
    special, related = totals.values()
    text = Text()
    text.append("Minutes per week: ", style="bold")
    text.append(f"special education {special} + related services {related} = {special + related}")
    if monthly:
        text.append(f" (minutes per month ÷ {WEEKS_PER_MONTH:.2f} weeks, rounded)")
    if missing:
        text.append(f" · ! {missing} without minutes, not counted")
    return text


def date_problems(plan: Plan) -> list[str]:
    """Services whose dates do not fit: end before start, or outside the plan period."""
    period = plan.period
    problems = []
    for number, service in enumerate(plan.services, start=1):
        name = f"Service {number}"
        if service.start and service.end and service.end < service.start:
            problems.append(f"! {name} ends before it starts.")
        if service.start and service.start < period.start:
            problems.append(f"! {name} starts before the plan period ({period.start}).")
        if service.end and service.end > period.end:
            problems.append(f"! {name} ends after the plan period ({period.end}).")
    return problems


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def bank_service(banks: Banks, description: str) -> RelatedServiceKind | None:
    key = _key(description)
    return next((s for s in banks.related_services if _key(s.name) == key), None) if key else None


class ServiceList(HintedList):
    """The services; the bank suggests related services by name and providers by
    role, and shows a bank service's usual provider and setting in empty fields."""

    suggested = ("description", "provider")
    hinted = ("provider", "setting")

    def __init__(self, banks: Banks) -> None:
        super().__init__(
            "Services",
            ("services",),
            SERVICE_FIELDS,
            summarize_service,
            new_service,
            "service",
            id="service-list",
            banks=banks,
        )

    def suggestions(self, name: str) -> list[str]:
        if name == "description":
            return [s.name for s in self.banks.related_services]
        return ["special education teacher", *(s.provider for s in self.banks.related_services)]

    def placeholders(self, service: Service) -> dict[str, str]:
        hint = bank_service(self.banks, service.description)
        if hint is None:
            return {}
        return {"provider": f"usually: {hint.provider}", "setting": f"usually: {hint.setting}" if hint.setting else ""}


class ServicesEditor(SectionEditor):
    DEFAULT_CSS = stylesheet("services-editor")
    BINDINGS = LIST_BINDINGS

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._shown: tuple[Text, list[str]] | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            "Each service: what, who, how many minutes, where, from when to when, and for which goals.",
            classes="section-note",
            markup=False,
        )
        yield Static("", id="service-totals", markup=False)
        yield Static("", id="service-problems", markup=False)
        yield Label(list_keys_text(keys(self)), classes="section-keys", markup=False)
        yield ServiceList(session(self).banks)

    def show_details(self, plan: Plan) -> None:
        """The weekly minutes and the date problems."""
        totals, lines = weekly_totals(plan), date_problems(plan)
        if (totals, lines) == self._shown:  # unchanged text is not laid out again
            return
        self._shown = (totals, lines)
        self.query_one("#service-totals", Static).update(totals)
        problems = self.query_one("#service-problems", Static)
        problems.update(Text("\n".join(lines)))
        problems.display = bool(lines)

    async def action_list(self, action: str) -> None:
        """The list's keys work anywhere in the section, not only inside the list."""
        await self.query_one(ServiceList).run_action(action)
