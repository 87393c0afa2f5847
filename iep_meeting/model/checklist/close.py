"""Close and sign-off: the parking lot, the decisions and what their notice needs,
who agrees, a disagreement and the recess a state offers for it, the consent of
whoever holds the rights, the family's copy and its language, and the team's
words translated into it (34 CFR 300.300(b), 300.322(e) and (f), 300.503; the
profile's state rules)."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from iep_meeting.model.checklist.rule import CFR, RECOMMENDED, REQUIRED, Finds, RuleSet, blank
from iep_meeting.model.checklist.team import family_language
from iep_meeting.model.checklist.transition import adult_at_meeting, student_decides
from iep_meeting.model.findings import Finding, Path, Severity
from iep_meeting.model.plan import (
    Decision,
    FamilyCopy,
    InterpreterStatus,
    MeetingKind,
    Outcome,
    ParkingLotState,
    Plan,
    RecessAnswer,
    ResponseAnswer,
    Role,
    Signature,
    Status,
)
from iep_meeting.model.rules import IEP_TEAM_ROLES, Profile, SignatureMeaning, Translation
from iep_meeting.model.translations import TranslationIndex, TranslationState, family_languages, text_parts
from iep_meeting.words.phrases import plural

rules = RuleSet()

PARKING_LOT_OPEN = Finds("parking-lot-open", RECOMMENDED)


@rules.rule(reads=("parking_lot",), finds=(PARKING_LOT_OPEN,))
def parking_lot(plan: Plan, profile: Profile) -> Iterator[Finding]:
    for index, item in enumerate(plan.parking_lot):
        if item.state is ParkingLotState.OPEN:
            finding = PARKING_LOT_OPEN.at(
                ("parking_lot", index, "state"),
                f"Parking lot: \u201c{' '.join(item.topic.split()) or 'a topic'}\u201d is still open; "
                "answer it or carry it to a follow-up meeting.",
            )
            # Shown with the section that raised it: it is why that section needs attention.
            yield attrs.evolve(finding, section=item.section)


DECISION_NOT_AGREED = Finds("decision-not-agreed", RECOMMENDED, CFR + "300.503(b)")
DECISION_TABLED = Finds("decision-tabled", RECOMMENDED)
# Each cites the paragraph of the notice's part (300.503(b)(2), (3), (6)).
DECISION_NOTICE = Finds("decision-notice", RECOMMENDED, CFR + "300.503(b)")

# The findings that mark their section "! needs attention" (model/progress.py):
# a decision not agreed or tabled there, or a topic it raised still open.
ATTENTION_RULES = frozenset({DECISION_NOT_AGREED.id, DECISION_TABLED.id, PARKING_LOT_OPEN.id})


@rules.rule(reads=("decisions",), finds=(DECISION_NOT_AGREED, DECISION_TABLED, DECISION_NOTICE))
def decisions(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Each decision not agreed or tabled: the reason its section needs attention."""
    for index, decision in enumerate(plan.decisions):
        what = " ".join(decision.what.split())
        if decision.outcome is Outcome.NOT_AGREED:
            finding = DECISION_NOT_AGREED.at(
                ("decisions", index, "disagreed"),
                f"The team did not agree on \u201c{what}\u201d: "
                + (
                    "write who disagreed and why (decision log)."
                    if blank(decision.disagreed)
                    else "settle it, or give the family Prior Written Notice of what the school proposes."
                ),
            )
        elif decision.outcome is Outcome.TABLED:
            finding = DECISION_TABLED.at(
                ("decisions", index, "outcome"),
                f"The decision \u201c{what}\u201d was tabled: settle it or carry it to a follow-up meeting.",
            )
        else:
            yield from _notice_parts(index, decision)
            continue
        yield attrs.evolve(finding, section=decision.section)


# What Prior Written Notice of a proposal or a refusal must say (300.503(b)),
# recorded with the decision so the notice can be written from it.
NOTICE_PARTS = (
    ("reasons", "why the school proposes or refuses it", "300.503(b)(2)"),
    ("evaluations_used", "each evaluation, record or report it is based on", "300.503(b)(3)"),
)


def _notice_parts(index: int, decision: Decision) -> Iterator[Finding]:
    if decision.action is None:
        return  # not a proposal or refusal: no notice follows from it
    what = " ".join(decision.what.split())
    for name, words, paragraph in NOTICE_PARTS:
        if blank(getattr(decision, name)):
            yield DECISION_NOTICE.at(
                ("decisions", index, name),
                f"The decision \u201c{what}\u201d goes into Prior Written Notice: write {words}.",
                citation=CFR + paragraph,
            )
    for number, option in enumerate(decision.options):
        if blank(option.why_rejected):
            yield DECISION_NOTICE.at(
                ("decisions", index, "options", number, "why_rejected"),
                f"The decision \u201c{what}\u201d: write why the option \u201c{option.option}\u201d was rejected.",
                citation=CFR + "300.503(b)(6)",
            )


# Advice under a profile whose signatures mean nothing in law (IDEA's); required,
# with the profile's citation, where they mean agreement or attendance.
SIGNOFF_PARTICIPANT = Finds("signoff-participant", RECOMMENDED)
# As the signatures, unless the profile's disagreement rule says (Texas: an entitlement, advice).
SIGNOFF_DISAGREEMENT = Finds("signoff-disagreement", RECOMMENDED)
# Required for a first IEP (300.300(b)) or under a profile with consent to every IEP,
# unless the profile has the response come after the meeting (advice until then).
PARENT_CONSENT = Finds("parent-consent", RECOMMENDED)
ADULT_STUDENT_CONSENT = Finds("adult-student-consent", RECOMMENDED)


@rules.rule(
    reads=("sign_off", "team", "meeting", "student", "period", "transition", "responses", "status"),
    finds=(SIGNOFF_PARTICIPANT, SIGNOFF_DISAGREEMENT, PARENT_CONSENT, ADULT_STUDENT_CONSENT),
)
def sign_off(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Who agrees. IDEA asks for no signature beyond the parent's consent, so
    under the federal profile these are advice; a state profile whose
    signatures mean agreement (or attendance) makes them required."""
    sign_off = plan.sign_off
    meaning = profile.signatures.meaning
    severity = RECOMMENDED if meaning is SignatureMeaning.NOT_REQUIRED else REQUIRED
    citation = "" if meaning is SignatureMeaning.NOT_REQUIRED else profile.signatures.cite
    # "The adult student, if applicable": the student's agreement only once the rights are theirs.
    asked: set[Role] = {role for role in profile.signatures.agreement_from if role is not Role.STUDENT}
    if Role.STUDENT in profile.signatures.agreement_from and adult_at_meeting(plan, profile):
        asked.add(Role.STUDENT)
    lines = {s.name.strip().casefold(): i for i, s in enumerate(sign_off.signatures)}
    for member in plan.team:
        name = member.name.strip()
        if not member.at_meeting or not name or member.role not in IEP_TEAM_ROLES:
            continue  # an interpreter or a guest is not asked to agree
        line = lines.get(name.casefold())
        if line is None:
            yield SIGNOFF_PARTICIPANT.at(
                ("sign_off", "signatures"),
                f"Sign-off: add {name}'s line"
                + (" (their signature shows they took part)." if meaning is SignatureMeaning.ATTENDANCE else "."),
                severity=severity,
                citation=citation,
            )
        elif sign_off.signatures[line].agrees is None and (
            meaning is not SignatureMeaning.ATTENDANCE or member.role in asked
        ):
            yield SIGNOFF_PARTICIPANT.at(
                ("sign_off", "signatures", line, "agrees"),
                f"Sign-off: record whether {name} agrees with the plan.",
                severity=severity,
                citation=citation,
            )
    yield from _statements(plan, profile, severity, citation)
    yield from _consent(plan, profile)


def _statements(plan: Plan, profile: Profile, severity: Severity, citation: str) -> Iterator[Finding]:
    """A statement in their own words from each member who disagrees: as the signatures
    ask, unless the profile says it is required, or only an entitlement."""
    required = profile.disagreement.statements_required
    if required is not None:
        severity, citation = (REQUIRED if required else RECOMMENDED), profile.disagreement.cite
    for index, signature in enumerate(plan.sign_off.signatures):
        if signature.agrees is False and blank(signature.statement):
            who = signature.name or "a participant"
            yield SIGNOFF_DISAGREEMENT.at(
                ("sign_off", "signatures", index, "statement"),
                f"Sign-off: {who} disagrees; they may add a statement of disagreement in their own words."
                if required is False
                else f"Sign-off: {who} disagrees; write their statement in their own words.",
                severity=severity,
                citation=citation,
            )


def _consent(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Consent before services first begin (300.300(b)); to every IEP where the state
    asks it, at the meeting or, where the state says so, as a response after it.
    Given by whoever holds the rights: the adult student's own once they are the
    student's (300.520), unless delegated or a guardian was appointed."""
    rule = profile.consent
    sign_off = plan.sign_off
    initial = plan.meeting.kind is MeetingKind.INITIAL
    needed = initial or rule.every_iep
    severity = REQUIRED if needed and not rule.after_meeting else RECOMMENDED
    parts = ([CFR + "300.300(b)"] if initial else []) + ([rule.cite] if rule.every_iep else [])
    parts += [f"placement: {rule.placement_cite}"] if rule.every_iep and rule.placement_cite else []
    citation = "; ".join(parts)
    if student_decides(plan, profile):
        kind, field, answer, whose = ADULT_STUDENT_CONSENT, "student_consent", sign_off.student_consent, "the student"
        citation = "; ".join(part for part in (citation, profile.majority.cite) if part)
        if sign_off.student_consent is None and sign_off.parent_consent is not None:
            # Whenever the answer is due, the record names someone without the right to give it.
            yield kind.at(
                ("sign_off", "student_consent"),
                "Sign-off: the student is an adult and the rights are theirs: record the student's own consent; "
                "the parent's does not take its place.",
                severity=REQUIRED if needed else RECOMMENDED,
                citation=citation,
            )
            return
    else:
        kind, field, answer, whose = PARENT_CONSENT, "parent_consent", sign_off.parent_consent, "the parent"
    if rule.after_meeting and plan.responses:
        yield from _response(plan, kind, whose, citation)
        return
    if answer is None:
        days = f", within {rule.response_days} days of receiving it" if rule.response_days else ""
        where = " (iep-meeting respond)" if plan.status is Status.FINAL else ""
        yield kind.at(
            ("sign_off", field),
            f"Sign-off: {whose} accepts or rejects the proposed IEP after the meeting{days}: record the answer "
            f"when it comes{where}."
            if rule.after_meeting
            else f"Sign-off: record whether {whose} consents to the plan.",
            severity=severity,
            citation=citation,
        )
    elif answer and getattr(sign_off, f"{field}_date") is None:
        yield kind.at(
            ("sign_off", f"{field}_date"),
            f"Sign-off: record the date {whose} gave consent.",
            severity=severity,
            citation=citation,
        )
    elif not answer:
        yield kind.at(
            ("sign_off", field),
            (
                f"{whose.capitalize()} does not consent: services in a first IEP cannot start without consent."
                if initial
                else f"{whose.capitalize()} does not consent: this IEP cannot take effect without it; the current "
                "IEP stays in effect."
                if needed
                else f"{whose.capitalize()} does not consent: give the family Prior Written Notice of what the "
                "school proposes and why."
            ),
            severity=REQUIRED if needed else RECOMMENDED,
            citation=CFR + "300.300(b)(3)" if initial else citation if needed else CFR + "300.503",
        )


def _response(plan: Plan, kind: Finds, whose: str, citation: str) -> Iterator[Finding]:
    """The family's answer given after the meeting: the latest counts. Accepted: nothing
    to do; rejected, in full or in part: what stays open, as advice."""
    latest = max(plan.responses, key=lambda response: response.date)
    if latest.answer is ResponseAnswer.ACCEPTED:
        return
    who = whose[:1].upper() + whose[1:]
    if latest.answer is ResponseAnswer.ACCEPTED_IN_PART:
        message = (
            f"{who} accepted the proposed IEP in part on {latest.date} and rejected: {latest.rejected}. What is "
            "accepted is carried out; the rejected part stays open: offer a meeting on it, or mediation."
        )
    else:
        message = (
            f"{who} rejected the proposed IEP on {latest.date}: it does not take effect, and the IEP last accepted "
            "stays in effect. Offer a meeting, or mediation."
        )
    yield kind.at(("responses", plan.responses.index(latest)), message, severity=RECOMMENDED, citation=citation)


# --- a disagreement, and the recess a state offers for it ------------------------------------


def _disagreeing(plan: Plan) -> list[tuple[int, Signature]]:
    return [(i, s) for i, s in enumerate(plan.sign_off.signatures) if s.agrees is False and s.role in IEP_TEAM_ROLES]


DISAGREEMENT_BASIS = Finds("disagreement-basis", REQUIRED)  # the profile's disagreement.cite


@rules.rule(reads=("sign_off", "decisions"), finds=(DISAGREEMENT_BASIS,))
def disagreement_basis(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Not developed by agreement: the IEP states the basis of the disagreement, as a
    decision not agreed with who disagreed and why (a member's own statement is theirs)."""
    if not profile.disagreement.basis_required:
        return
    not_agreed = [(i, d) for i, d in enumerate(plan.decisions) if d.outcome is Outcome.NOT_AGREED]
    if any(not blank(decision.disagreed) for _, decision in not_agreed):
        return
    cite = profile.disagreement.cite
    if not_agreed:
        index, decision = not_agreed[0]
        finding = DISAGREEMENT_BASIS.at(
            ("decisions", index, "disagreed"),
            f"The IEP is not developed by agreement (\u201c{' '.join(decision.what.split())}\u201d): write the basis "
            "of the disagreement, who disagreed and why (decision log).",
            citation=cite,
        )
        yield attrs.evolve(finding, section=decision.section)
        return
    disagreeing = _disagreeing(plan)
    if disagreeing:
        index, signature = disagreeing[0]
        yield DISAGREEMENT_BASIS.at(
            ("sign_off", "signatures", index, "agrees"),
            f"{signature.name or 'A member'} disagrees, so the IEP is not developed by agreement: record what "
            "was not agreed as a decision, with the basis of the disagreement.",
            citation=cite,
        )


RECESS = Finds("recess", REQUIRED)  # the profile's recess.cite
LONGEST_RECESS_DAYS = 14  # calendar days the profile's 10 school days come to at the most, without holidays


@rules.rule(reads=("sign_off", "meeting", "student", "period"), finds=(RECESS,))
def recess(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """The parent (or the adult student) who disagrees is offered one recess, and the
    continued meeting's date, time and place are agreed before it."""
    rule = profile.recess
    parties = {Role.PARENT} | ({Role.STUDENT} if adult_at_meeting(plan, profile) else set())
    disagreeing = [s for _, s in _disagreeing(plan) if s.role in parties]
    if not rule.offered or not disagreeing:
        return
    sign_off, day = plan.sign_off, plan.meeting.date
    who = disagreeing[0].name or "the parent"
    if sign_off.recess is None:
        yield RECESS.at(
            ("sign_off", "recess"),
            f"{who} disagrees: offer one recess of up to {rule.school_days} school days, and record whether it "
            "was taken or declined (or is not owed: a danger of physical harm, a disciplinary case).",
            citation=rule.cite,
        )
        return
    if sign_off.recess is not RecessAnswer.TAKEN:
        return
    parts = (("recess_date", "date"), ("recess_time", "time"), ("recess_place", "place"))
    missing: list[tuple[Path, str]] = [
        (("sign_off", name), words)
        for name, words in parts
        if getattr(sign_off, name) is None
        or (isinstance(getattr(sign_off, name), str) and blank(getattr(sign_off, name)))
    ]
    for path, words in missing:
        yield RECESS.at(
            path,
            f"The recess is taken: record the {words} of the continued meeting, agreed before the recess.",
            citation=rule.cite,
        )
    if day is not None and sign_off.recess_date is not None:
        if sign_off.recess_date <= day:
            yield RECESS.at(
                ("sign_off", "recess_date"),
                f"The continued meeting ({sign_off.recess_date}) must come after this one ({day}).",
                citation=rule.cite,
            )
        elif (sign_off.recess_date - day).days > LONGEST_RECESS_DAYS:
            yield RECESS.at(
                ("sign_off", "recess_date"),
                f"The continued meeting ({sign_off.recess_date}) is more than {rule.school_days} school days away: "
                "check the school calendar, or record that both sides agreed to a longer recess.",
                severity=RECOMMENDED,
                citation=rule.cite,
            )


# --- the family's copy ---------------------------------------------------------------------------

# How is required; when is good record keeping; a profile's proposal timing is advice.
FAMILY_COPY = Finds("family-copy", REQUIRED, CFR + "300.322(f)")


@rules.rule(reads=("family_copies", "meeting"), finds=(FAMILY_COPY,))
def family_copy(plan: Plan, profile: Profile) -> Iterator[Finding]:
    given = [(index, copy) for index, copy in enumerate(plan.family_copies) if copy.method is not None]
    if not given:
        yield FAMILY_COPY.at(
            ("family_copies", 0, "method") if plan.family_copies else ("family_copies",),
            "Record how the family gets its copy of the IEP (in person, mail, email or portal).",
        )
    within = profile.consent.proposal_within_school_days
    for index, copy in given:
        if copy.date is None:
            yield FAMILY_COPY.at(
                ("family_copies", index, "date"),
                "Record when the family gets its copy of the IEP.",
                severity=RECOMMENDED,
            )
        elif within and plan.meeting.date and (copy.date - plan.meeting.date).days > within * 7 // 5:
            yield FAMILY_COPY.at(
                ("family_copies", index, "date"),
                f"The proposed IEP goes to the family right after the meeting (within {within} school days); "
                f"this copy is dated {copy.date}.",
                severity=RECOMMENDED,
                citation=profile.consent.cite,
            )


def _language_key(language: str) -> str:
    """A language as the copies name it: "" is English, "Spanish (Mexico)" is Spanish."""
    words = language.split()
    return words[0].casefold().strip(",;") if words else "english"


def _copies_in(plan: Plan, language: str) -> list[tuple[int, FamilyCopy]]:
    return [
        (i, c)
        for i, c in enumerate(plan.family_copies)
        if c.method is not None and _language_key(c.language) == _language_key(language)
    ]


def _needed_languages(plan: Plan, profile: Profile) -> list[tuple[str, Severity]]:
    """The languages the family's copies must be in under the profile, each with how much it matters."""
    rule = profile.translation
    if rule.language is Translation.SPANISH:
        # Unable to speak English: a family language other than English, and an interpreter not ruled out.
        language = family_language(plan)
        if language is None or plan.meeting.interpreter_status is InterpreterStatus.NOT_NEEDED:
            return []
        spanish = _language_key(language) in ("spanish", "español")
        return [("Spanish", REQUIRED)] if spanish else [(language, RECOMMENDED)]  # a good-faith effort
    if rule.language is Translation.HOME_LANGUAGE:
        home = plan.student.home_language.strip()
        if not home or _language_key(home) == "english":
            return []
        return [(home, REQUIRED)] + ([("English", REQUIRED)] if rule.with_english else [])
    return []


FAMILY_COPY_LANGUAGE = Finds("family-copy-language", REQUIRED)  # the profile's translation.cite


@rules.rule(reads=("family_copies", "student", "meeting"), finds=(FAMILY_COPY_LANGUAGE,))
def family_copy_language(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """The family's copy in the language the state asks for: the whole IEP where a
    summary is not enough, and whether it is written or a recording."""
    rule = profile.translation
    for language, severity in _needed_languages(plan, profile):
        copies = _copies_in(plan, language)
        if not copies:
            yield FAMILY_COPY_LANGUAGE.at(
                ("family_copies",),
                f"Give the family the IEP in {language}, and record it (how, when, written or a recording)"
                + (" — a good-faith effort for this language." if severity is RECOMMENDED else "."),
                severity=severity,
                citation=rule.cite,
            )
            continue
        if rule.complete and all(copy.document == "family" for _, copy in copies):
            index = copies[0][0]
            yield FAMILY_COPY_LANGUAGE.at(
                ("family_copies", index, "language"),
                f"The copy in {language} is the family's summary: the whole IEP is translated, not a summary "
                "(make the full IEP in this language).",
                severity=severity,
                citation=rule.cite,
            )
        if language != "English" and rule.language is Translation.SPANISH:
            for index, copy in copies:
                if copy.form is None and not copy.document:  # a copy the app made is written
                    yield FAMILY_COPY_LANGUAGE.at(
                        ("family_copies", index, "form"),
                        f"Record whether the copy in {language} is written or an audio recording.",
                        severity=RECOMMENDED,
                        citation=rule.cite,
                    )


TRANSLATIONS = Finds("translations", RECOMMENDED, CFR + "300.322(e)")  # the parent understands the proceedings
# Where a translation is written. (The app's translation view is still to come; until
# then the plan file's list, docs/plan-format.md.)
TRANSLATION_VIEW = "the translation view (ctrl+l in the meeting app), which keeps them in the plan's [[translations]]"
# Every part with typed text, who the family is, and the translations.
TRANSLATIONS_READ = (
    "student",
    "meeting",
    "team",
    "facilitation",
    "present_levels",
    "goals",
    "services",
    "accommodations",
    "assessment",
    "lre",
    "special_factors",
    "transition",
    "esy",
    "decisions",
    "parking_lot",
    "action_items",
    "sign_off",
    "follow_up",
    "translations",
)


@rules.rule(reads=TRANSLATIONS_READ, finds=(TRANSLATIONS,))
def translations(plan: Plan, profile: Profile) -> Iterator[Finding]:
    """Advice for each family language some of the team's texts are not translated into:
    otherwise the family's copy shows them in English. Where a translated copy is
    required is a state's rule (`family-copy-language`), not this one. A family with an
    interpreter while the plan names no language of theirs gets advice to name it."""
    languages = family_languages(plan)
    if not languages:
        if plan.meeting.interpreter_status in (InterpreterStatus.PROVIDED, InterpreterStatus.NEEDED):
            yield TRANSLATIONS.at(
                ("student", "home_language"),
                "The family has an interpreter, but the plan names no language of theirs: write it as the "
                "home language or a guardian's language, so their copy and the translations of the team's "
                "words are in it.",
            )
        return
    parts = text_parts(plan)
    total = sum(len(part) for part in parts)
    for language in languages:
        index = TranslationIndex(plan.translations, (language,))
        if not index.by_key:  # nothing translated into it yet: every text is left, none looked up
            first = next(part[0].path for part in parts if part)
            yield _advice(first, total, total, 0, language)
            continue
        states = [(item, index.lookup(item)[0]) for part in parts for item in part]
        left = [item for item, state in states if state is not TranslationState.CURRENT]
        if not left:
            continue
        first = left[0].path  # where the advice points: the first text still to translate
        stale = sum(state is TranslationState.OUT_OF_DATE for _, state in states)
        yield _advice(first, len(left), total, stale, language)


def _advice(first: Path, left: int, total: int, stale: int, language: str) -> Finding:
    changed = f" ({stale} of them changed since they were translated)" if stale else ""
    untranslated = (
        f"None of the team's {plural(total, 'text')} is translated"
        if left == total
        else f"{plural(left, 'text')} of the team's {total} {'is' if left == 1 else 'are'} not translated"
    )
    return TRANSLATIONS.at(
        first,
        f"{untranslated} into {language} yet{changed}: the family's copy shows them in English. "
        f"An interpreter or translator writes them in {TRANSLATION_VIEW}.",
    )
