"""axe-core on every page a visitor or an organiser reaches, in French and in English.

A violation of impact "serious" or "critical" fails the test; the message names
the rule, its help text and the elements that break it. axe is injected through
Playwright's `evaluate`, which the site's Content-Security-Policy does not block,
so the pages are checked with their real policy on.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse
from django.utils.translation import override
from playwright.sync_api import expect

from cosummit.core.jobs import start_job
from cosummit.core.models import OutboxMessage
from cosummit.core.questions import QuestionKind
from cosummit.programme.models import Session, Star
from cosummit.programme.releases import release_programme
from cosummit.proposals import call_editing, discussion, moderation
from cosummit.proposals import domain as proposal_domain
from cosummit.registration.models import Status
from cosummit.review import decisions as review_decisions
from cosummit.review import domain as review_domain
from cosummit.review.models import Outcome
from cosummit.summits.models import Role
from tests.e2e.browser import open_context
from tests.e2e.proposal_site import open_call, track_of, workshop_of
from tests.factories import TeamMembershipFactory, UserFactory
from tests.programme.factories import DayFactory, SessionFactory
from tests.proposals.factories import ProposalFactory, ProposalOrganisationFactory
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
)
from tests.review.factories import (
    CriterionFactory,
    PhaseFactory,
    ReviewerFactory,
    ReviewSettingsFactory,
)

pytestmark = pytest.mark.e2e

LANGUAGES = ["fr", "en"]
BLOCKING_IMPACTS = {"serious", "critical"}


@dataclass(frozen=True)
class Address:
    """A page by URL name; `kwargs` reads the URL's arguments off the summit site."""

    url_name: str
    kwargs: Callable = field(default=lambda site: {})
    query: str = ""

    def for_site(self, site, language: str) -> str:
        return site.url(self.url_name, language, **self.kwargs(site)) + self.query


def in_summit(site) -> dict:
    return {"summit": site.summit.slug}


PUBLIC_PAGES = {
    "home": Address("home"),
    "summit": Address("summits:summit", in_summit),
    "events": Address("summits:events", in_summit),
    "events-filtered": Address("summits:events", in_summit, "?kind=hackathon&when=all"),
    "event": Address("summits:event", lambda site: {**in_summit(site), "event": "launch"}),
    "summit-page": Address("summits:page", lambda site: {**in_summit(site), "page": "practical"}),
    "privacy": Address("privacy"),
    "log-in": Address("account_login"),
    "sign-up": Address("account_signup"),
    "password-reset": Address("account_reset_password"),
    "password-reset-sent": Address("account_reset_password_done"),
    "verification-sent": Address("account_email_verification_sent"),
}
LOGGED_IN_PAGES = {
    "profile": Address("accounts:profile"),
    "profile-edit": Address("accounts:edit"),
    "account-delete": Address("accounts:delete"),
    "e-mail-addresses": Address("account_email"),
    "password-change": Address("account_change_password"),
    "two-factor": Address("mfa_index"),
    "api-tokens": Address("api_tokens:list"),
    "log-out": Address("account_logout"),
    "organise-index": Address("organise:index"),
    "organise-summit": Address("organise:summit", in_summit),
    "organise-summit-edit": Address("organise:summit_edit", in_summit),
    "organise-events": Address("organise:events", in_summit),
    "organise-event-create": Address("organise:event_create", in_summit),
    "organise-event-edit": Address(
        "organise:event_edit", lambda site: {**in_summit(site), "event": "launch"}
    ),
    "organise-event-delete": Address(
        "organise:event_delete", lambda site: {**in_summit(site), "event": "launch"}
    ),
    "organise-venues": Address("organise:venues", in_summit),
    "organise-venue-edit": Address(
        "organise:venue_edit", lambda site: {**in_summit(site), "venue": site.venue.pk}
    ),
    "organise-room-edit": Address(
        "organise:room_edit", lambda site: {**in_summit(site), "room": site.rooms[0].pk}
    ),
    "organise-pages": Address("organise:pages", in_summit),
    "organise-page-edit": Address(
        "organise:page_edit", lambda site: {**in_summit(site), "page": site.page.pk}
    ),
    "organise-team": Address("organise:team", in_summit),
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture(scope="module")
def shared_page(browser, live_server):
    """One tab for the whole module: a new context per check would add a fifth to its time."""
    context = open_context(browser, live_server, locale="en-GB")
    yield context.new_page()
    context.close()


@pytest.fixture
def page(shared_page):
    """The shared tab, without the cookies (session, language) of the previous check."""
    shared_page.context.clear_cookies()
    return shared_page


# axe's full results (every rule that passed, with its nodes) are large; sending
# back only the violations that fail a test keeps each check well under a second.
RUN_AXE = """async (impacts) => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return results.violations
    .filter((violation) => impacts.includes(violation.impact))
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}"""


def blocking_violations(axe: Axe, page) -> str:
    """The serious and critical violations on the page, one paragraph each."""
    page.evaluate(axe.axe_script)
    violations = page.evaluate(RUN_AXE, sorted(BLOCKING_IMPACTS))
    return "\n".join(
        f"{violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(f"    {target}" for target in violation["targets"])
        for violation in violations
    )


def violations_on(page, axe: Axe, url: str, language: str) -> str:
    """Open `url` (it must answer 200 in `language`) and return its blocking violations."""
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    return blocking_violations(axe, page)


@dataclass
class OnSummitSite:
    """A site built on the summit site: its summit and addresses are the summit site's."""

    site: object

    @property
    def summit(self):
        return self.site.summit

    def url(self, name: str, language: str, **kwargs) -> str:
        return self.site.url(name, language, **kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation(page, axe, summit_site, name, language):
    assert (
        violations_on(page, axe, PUBLIC_PAGES[name].for_site(summit_site, language), language) == ""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_not_found_has_no_serious_accessibility_violation(page, axe, summit_site, language):
    response = page.goto(f"/{language}/no-such-summit/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", LOGGED_IN_PAGES)
def test_organiser_page_has_no_serious_accessibility_violation(
    page, log_in, axe, summit_site, name, language
):
    log_in(page.context, summit_site.organiser)
    assert (
        violations_on(page, axe, LOGGED_IN_PAGES[name].for_site(summit_site, language), language)
        == ""
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["dev_mail_list", "dev_mail_detail"])
def test_development_mail_page_has_no_serious_accessibility_violation(
    page, axe, settings, transactional_db, name, language
):
    settings.DEBUG = True  # These pages exist only in development.
    message = OutboxMessage.objects.create(
        from_email="cosummit <noreply@localhost>",
        to=["awa.diallo@example.org"],
        subject="[cosummit] Confirm your e-mail address",
        body="Open http://127.0.0.1:8000/en/accounts/confirm-email/abc/ to confirm.",
        status=OutboxMessage.Status.SENT,
    )
    with override(language):
        url = reverse(name, kwargs={"pk": message.pk} if name == "dev_mail_detail" else {})
    assert violations_on(page, axe, url, language) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_log_in_form_refusing_a_wrong_password_has_no_serious_accessibility_violation(
    page, axe, summit_site, language
):
    page.goto(summit_site.url("account_login", language))
    # Labels differ by language; the autocomplete purposes (WCAG 1.3.5) do not.
    form = page.get_by_role("main").locator("form")
    form.locator("[autocomplete=email]").fill(summit_site.organiser.email)
    form.locator("[autocomplete=current-password]").fill("not the password")
    form.locator("[type=submit]").click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()
    assert blocking_violations(axe, page) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_event_form_with_errors_has_no_serious_accessibility_violation(
    page, log_in, axe, summit_site, language
):
    log_in(page.context, summit_site.organiser)
    page.goto(summit_site.url("organise:event_create", language, summit=summit_site.summit.slug))
    page.get_by_role("main").locator("form [type=submit]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert blocking_violations(axe, page) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_account_deletion_form_of_a_participant_has_no_serious_accessibility_violation(
    page, log_in, axe, transactional_db, language
):
    # An organiser sees why they cannot leave yet; a participant gets the form itself.
    log_in(page.context, UserFactory())
    with override(language):
        response = page.goto(reverse("accounts:delete"))
    assert response.status == 200
    expect(page.get_by_role("main").locator("input[type=password]")).to_have_count(1)
    assert blocking_violations(axe, page) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_api_documentation_page_has_no_serious_accessibility_violation(
    page, axe, live_server, summit_site, language
):
    # The API has no language prefix: its documentation follows the language cookie.
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    assert violations_on(page, axe, "/api/v1/docs", language) == ""


# Registration: the pages of participants (most reached by a private link) and
# of the check-in desk. The organisers' registration pages have their own
# checks in test_organiser_registrations_browser.py.


@dataclass
class RegistrationSite(OnSummitSite):
    """The summit site with registration open for its launch, and a few registrations."""

    registrations: dict
    participant: object


@pytest.fixture
def registration_site(summit_site) -> RegistrationSite:
    event = summit_site.events["launch"]
    setup = RegistrationSetupFactory(event=event, capacity=3)
    interpretation = RegistrationQuestionFactory(
        setup=setup,
        kind=QuestionKind.CHECKBOX,
        label={"fr": "J'ai besoin d'interprétation", "en": "I need interpretation"},
    )
    RegistrationQuestionFactory(
        setup=setup,
        kind=QuestionKind.SINGLE_CHOICE,
        label={"fr": "Dans quelle langue ?", "en": "Into which language?"},
        options=[
            {"value": "lsf", "label": {"fr": "Langue des signes française", "en": "French Sign"}},
            {"value": "es", "label": {"fr": "Espagnol", "en": "Spanish"}},
        ],
        depends_on=interpretation,
        depends_on_value="yes",
        is_required=True,
    )
    participant = UserFactory(name="Ada Fictive")
    answers = {str(interpretation.pk): False}
    registrations = {
        "held": RegistrationFactory(event=event, status=Status.HELD, answers=answers),
        "confirmed": RegistrationFactory(
            event=event, user=participant, name="Ada Fictive", code="ADA23456", answers=answers
        ),
        "approval": RegistrationFactory(event=event, status=Status.AWAITING_APPROVAL),
        "waiting": RegistrationFactory(event=event, status=Status.WAITING),
    }
    return RegistrationSite(summit_site, registrations, participant)


def launch(site) -> dict:
    return {**in_summit(site), "event": "launch"}


def token_of(key: str) -> Callable:
    return lambda site: {"token": site.registrations[key].token}


REGISTRATION_PAGES = {
    "event-with-registration": Address("summits:event", launch),
    "register": Address("registration:register", launch),
    "registration-held": Address("registration:detail", token_of("held")),
    "registration-confirm": Address("registration:confirm", token_of("held")),
    "registration-with-ticket": Address("registration:detail", token_of("confirmed")),
    "registration-waiting": Address("registration:detail", token_of("waiting")),
    "registration-edit": Address("registration:edit", token_of("confirmed")),
    "registration-cancel": Address("registration:cancel", token_of("confirmed")),
    "registration-delete": Address("registration:delete", token_of("confirmed")),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", REGISTRATION_PAGES)
def test_registration_page_has_no_serious_accessibility_violation(
    page, axe, registration_site, name, language
):
    assert (
        violations_on(
            page, axe, REGISTRATION_PAGES[name].for_site(registration_site, language), language
        )
        == ""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_register_form_with_errors_has_no_serious_accessibility_violation(
    page, axe, registration_site, settings, language
):
    settings.REGISTRATION_CHALLENGE_MAX_NUMBER = 1_000
    page.goto(REGISTRATION_PAGES["register"].for_site(registration_site, language))
    form = page.locator("form[data-registration-form]")
    # Asked for interpretation, but not into which language: the condition's question shows.
    form.locator("input[type=checkbox][name^=question_]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_registrations_page_has_no_serious_accessibility_violation(
    page, log_in, axe, registration_site, language
):
    log_in(page.context, registration_site.participant)
    response = page.goto(registration_site.url("registration:mine", language))
    assert response.status == 200
    expect(page.get_by_role("main").get_by_role("row")).to_have_count(2)
    assert blocking_violations(axe, page) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_in_page_after_a_check_in_and_a_search_has_no_serious_accessibility_violation(
    page, log_in, axe, registration_site, language
):
    log_in(page.context, registration_site.site.organiser)
    address = registration_site.url(
        "registration_organise:checkin", language, **launch(registration_site)
    )
    page.goto(address)
    page.get_by_role("main").locator("input[name=code]").fill("ADA23456")
    page.get_by_role("main").locator("form[data-checkin-form] button[type=submit]").click()
    expect(page.locator(".checkin-result--ok")).to_be_visible()
    assert blocking_violations(axe, page) == ""
    assert violations_on(page, axe, f"{address}?q=registrant", language) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_outbox_page_has_no_serious_accessibility_violation(
    page, log_in, axe, summit_site, language
):
    try:
        address = summit_site.url("organise:outbox", language, **in_summit(summit_site))
    except NoReverseMatch:
        pytest.skip("The organisers' outbox page is not there yet.")
    for status, error in [
        (OutboxMessage.Status.SENT, ""),
        (OutboxMessage.Status.FAILED, "SMTP 451: try again later"),
        (OutboxMessage.Status.QUEUED, ""),
    ]:
        OutboxMessage.objects.create(
            from_email="cosummit <noreply@localhost>",
            to=["ada.fictive@example.org"],
            subject="Confirmez votre inscription",
            body="…",
            status=status,
            last_error=error,
            summit_slug=summit_site.summit.slug,
        )
    log_in(page.context, summit_site.organiser)
    assert violations_on(page, axe, address, language) == ""


# The call for proposals: the public gallery and discussion, writing a proposal,
# co-speaker invitations, moderation, and the organisers' pages of the call.


@dataclass
class ProposalSite(OnSummitSite):
    """The summit site with its call open, proposals under discussion and a draft."""

    call: object
    proposals: dict
    comments: dict
    people: dict


def _written_proposal(summit, author, *, title, track, questions, language="fr", **fields):
    proposal = proposal_domain.create_proposal(
        summit,
        by=author,
        format=workshop_of(summit.call),
        track=track,
        language=language,
        session_language=language,
        duration=60,
        title=title,
        abstract="Trois communes publient leur budget en données ouvertes.",
        description="## Déroulé\n\n- Présentation\n- Atelier en **petits groupes**",
        **fields,
    )
    proposal_domain.update_proposal(
        proposal,
        by=author,
        organisations=[
            proposal_domain.OrganisationData("Ville de Rivebelle", "government", "FR"),
            proposal_domain.OrganisationData("Budgets Ouverts", "civil_society", "SN"),
        ],
        expected_audience=40,
        audience_description="Élus locaux",
        interpretation=["en"],
        answers={str(question.pk): "Publier un budget lisible." for question in questions},
    )
    return proposal


@pytest.fixture
def proposal_site(summit_site) -> ProposalSite:
    summit, organiser = summit_site.summit, summit_site.organiser
    call = open_call(summit_site)
    questions = list(call.questions.all())
    call_editing.create_access_code(
        call, by=organiser, code="RETARD-2016", valid_until=call.closes_at, max_uses=2
    )
    people = {
        key: UserFactory(name=name, preferred_language="fr")
        for key, name in [
            ("ada", "Ada Fictive"),
            ("ben", "Ben Imaginaire"),
            ("cleo", "Cléo Invitée"),
            ("lea", "Léa Lectrice"),
            ("marc", "Marc Signaleur"),
            ("noe", "Noé Bloqué"),
        ]
    }
    people["moderator"] = TeamMembershipFactory(
        summit=summit, role=Role.MODERATOR, user=UserFactory(name="Awa Modératrice")
    ).user
    budgets = _written_proposal(
        summit,
        people["ada"],
        title="Ouvrir les budgets des communes",
        track=track_of(call, "open-data"),
        questions=questions,
        other_language="en",
        other_title="Opening municipal budgets",
        other_abstract="Three towns publish their budget as open data.",
    )
    proposal_domain.submit_proposal(budgets, by=people["ada"])
    joined = proposal_domain.invite_co_speaker(budgets, email=people["ben"].email, by=people["ada"])
    proposal_domain.accept_invitation(joined, user=people["ben"])
    proposal_domain.invite_co_speaker(budgets, email=people["cleo"].email, by=people["ada"])
    consultation = _written_proposal(
        summit,
        people["marc"],
        title="Consultations publiques en ligne",
        track=track_of(call, "participation"),
        questions=questions,
    )
    proposal_domain.submit_proposal(consultation, by=people["marc"])
    draft = proposal_domain.create_proposal(
        summit, by=people["ada"], format=workshop_of(call), language="fr", title="Brouillon"
    )
    for supporter in ("lea", "marc"):
        discussion.support_proposal(budgets, by=people[supporter])
    first = discussion.post_comment(budgets, by=people["lea"], body="Une **bonne** idée.")
    reply = discussion.post_comment(budgets, by=people["ada"], body="Merci !", parent=first)
    discussion.post_comment(budgets, by=people["ben"], body="Nous en parlerons.", parent=reply)
    reported = discussion.post_comment(budgets, by=people["marc"], body="Achetez mes produits")
    moderation.report_comment(reported, by=people["lea"], reason="spam", note="Publicité")
    hidden = discussion.post_comment(budgets, by=people["noe"], body="Propos blessants")
    moderation.hide_comment(hidden, by=people["moderator"], reason="Offensant")
    moderation.report_proposal(consultation, by=people["lea"], reason="off_topic")
    moderation.block_user(summit, people["noe"], by=people["moderator"], reason="Insultes")
    return ProposalSite(
        site=summit_site,
        call=call,
        proposals={"budgets": budgets, "consultation": consultation, "draft": draft},
        comments={"first": first},
        people=people,
    )


def a_proposal(key: str) -> Callable:
    return lambda site: {**in_summit(site), "proposal": site.proposals[key].pk}


def a_step(step: str) -> Callable:
    return lambda site: {**a_proposal("draft")(site), "step": step}


def a_comment(site) -> dict:
    return {**a_proposal("budgets")(site), "comment": site.comments["first"].pk}


def the_invitation(site) -> dict:
    invitation = site.proposals["budgets"].invitations.get(status="pending")
    return {**in_summit(site), "token": invitation.token}


# name: (who looks, address); None looks without logging in.
PROPOSAL_PAGES = {
    "gallery": (None, Address("proposals:gallery", in_summit)),
    "gallery-filtered": (
        "lea",
        Address(
            "proposals:gallery",
            in_summit,
            "?q=budget&track=open-data&submitter_type=government&language=fr&country=FR"
            "&co_led=on&sort=supported",
        ),
    ),
    "gallery-no-match": (None, Address("proposals:gallery", in_summit, "?q=introuvable")),
    "proposal": (None, Address("proposals:detail", a_proposal("budgets"))),
    "proposal-as-participant": ("lea", Address("proposals:detail", a_proposal("budgets"))),
    "proposal-as-speaker": ("ada", Address("proposals:detail", a_proposal("budgets"))),
    "proposal-report": ("lea", Address("proposals:report", a_proposal("budgets"))),
    "comment-report": ("ada", Address("proposals:comment_report", a_comment)),
    "comment-edit": ("lea", Address("proposals:comment_edit", a_comment)),
    "comment-delete": ("lea", Address("proposals:comment_delete", a_comment)),
    "comment-reply": ("marc", Address("proposals:comment_create", a_proposal("budgets"))),
    "my-proposals": ("ada", Address("proposals:mine", in_summit)),
    "my-proposals-invited": ("cleo", Address("proposals:mine", in_summit)),
    "new-proposal": ("ada", Address("proposals:create", in_summit)),
    "step-format": ("ada", Address("proposals:edit", a_step("format"))),
    "step-text": ("ada", Address("proposals:edit", a_step("text"))),
    "step-organisations": ("ada", Address("proposals:edit", a_step("organisations"))),
    "step-questions": ("ada", Address("proposals:edit", a_step("questions"))),
    "step-speakers": ("ada", Address("proposals:edit", a_step("speakers"))),
    "step-review": ("ada", Address("proposals:edit", a_step("review"))),
    "step-review-submitted": (
        "ada",
        Address("proposals:edit", lambda site: {**a_proposal("budgets")(site), "step": "review"}),
    ),
    "withdraw": ("ada", Address("proposals:withdraw", a_proposal("draft"))),
    "invitation": ("cleo", Address("proposals:invitation", the_invitation)),
    "invitation-anonymous": (None, Address("proposals:invitation", the_invitation)),
    "moderation-queue": ("moderator", Address("proposals:moderation", in_summit)),
    "moderation-log": ("moderator", Address("proposals:moderation_log", in_summit)),
    "organise-call": ("organiser", Address("proposals_organise:settings", in_summit)),
    "organise-formats": ("organiser", Address("proposals_organise:formats", in_summit)),
    "organise-format-edit": (
        "organiser",
        Address(
            "proposals_organise:format_edit",
            lambda site: {**in_summit(site), "session_format": workshop_of(site.call).pk},
        ),
    ),
    "organise-tracks": ("organiser", Address("proposals_organise:tracks", in_summit)),
    "organise-track-create": ("organiser", Address("proposals_organise:track_create", in_summit)),
    "organise-access-codes": ("organiser", Address("proposals_organise:codes", in_summit)),
    "organise-access-code-create": (
        "organiser",
        Address("proposals_organise:code_create", in_summit),
    ),
    "organise-questions": ("organiser", Address("proposals_organise:questions", in_summit)),
    "organise-proposals": ("organiser", Address("proposals_organise:proposals", in_summit)),
    "organise-merge": (
        "organiser",
        Address(
            "proposals_organise:merge",
            in_summit,
        ),
    ),
    "organise-moderation-log": (
        "organiser",
        Address("proposals_organise:moderation_log", in_summit),
    ),
}


def viewer(site: ProposalSite, key: str | None):
    if key == "organiser":
        return site.site.organiser
    return site.people[key] if key else None


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PROPOSAL_PAGES)
def test_proposal_page_has_no_serious_accessibility_violation(
    page, log_in, axe, proposal_site, name, language
):
    who, address = PROPOSAL_PAGES[name]
    if who is not None:
        log_in(page.context, viewer(proposal_site, who))
    query = ""
    if name == "comment-reply":
        query = f"?parent={proposal_site.comments['first'].pk}"
    assert (
        violations_on(page, axe, address.for_site(proposal_site, language) + query, language) == ""
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_merge_preview_has_no_serious_accessibility_violation(
    page, log_in, axe, proposal_site, language
):
    log_in(page.context, proposal_site.site.organiser)
    page.goto(proposal_site.url("proposals_organise:merge", language, **in_summit(proposal_site)))
    form = page.get_by_role("main").locator("form")
    form.locator("[name=target]").fill(str(proposal_site.proposals["budgets"].pk))
    form.locator("[name=sources]").fill(str(proposal_site.proposals["consultation"].pk))
    form.locator("[type=submit]").click()
    expect(page.locator("#preview-heading")).to_be_visible()
    assert blocking_violations(axe, page) == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_proposal_steps_with_errors_have_no_serious_accessibility_violation(
    page, log_in, axe, proposal_site, language
):
    log_in(page.context, proposal_site.people["ada"])
    draft = proposal_site.proposals["draft"]
    step = {**a_proposal("draft")(proposal_site), "step": "organisations"}
    page.goto(proposal_site.url("proposals:edit", language, **step))
    form = page.get_by_role("main").locator("form[data-autosave]")
    # An organisation without its type, and an audience that is not a number.
    form.locator("[name='organisations-0-name']").fill("Ville de Rivebelle")
    form.locator("[name=expected_audience]").fill("-3")
    form.locator("button[name=go][value=stay]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert blocking_violations(axe, page) == ""
    page.goto(proposal_site.url("proposals:edit", language, **{**step, "step": "speakers"}))
    form = page.get_by_role("main").locator(f"form[action$='/{draft.pk}/speakers/invite/']")
    form.locator("[name=email]").fill("pas-une-adresse")
    form.locator("[type=submit]").click()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert blocking_violations(axe, page) == ""


# Review and selection: the reviewers' queue and proposal page, the organisers'
# assignment preview, the decisions and the balance dashboard.


@dataclass
class ReviewSite(OnSummitSite):
    """The summit site with proposals under review, an unpublished assignment and decisions."""

    proposals: list
    reviewer: object


@pytest.fixture
def review_site(summit_site) -> ReviewSite:
    summit, organiser = summit_site.summit, summit_site.organiser
    proposals = []
    for title, organisation_type in [
        ("Ouvrir les budgets des communes", "civil_society"),
        ("Consultations publiques en ligne", "government"),
        ("Données ouvertes et transports", "civil_society"),
    ]:
        proposal = ProposalFactory(
            summit=summit,
            title=title,
            language="fr",
            session_language="fr",
            author=UserFactory(organisation=f"{title} Association", country="SN"),
        )
        ProposalOrganisationFactory(proposal=proposal, organisation_type=organisation_type)
        proposals.append(proposal)
    ReviewSettingsFactory(summit=summit, reviews_per_proposal=2)
    PhaseFactory(summit=summit)
    criteria = [
        CriterionFactory(summit=summit, weight=2, name={"fr": "Pertinence", "en": "Relevance"}),
        CriterionFactory(summit=summit, name={"fr": "Qualité", "en": "Quality"}),
    ]
    reviewers = [
        ReviewerFactory(summit=summit, user=UserFactory(name=name, organisation=f"{name} Lab"))
        for name in ("Rita Relectrice", "Omar Relecteur")
    ]
    review_domain.publish_assignment(review_domain.run_assignment(summit, by=organiser))
    for reviewer, relevance, quality in [(reviewers[0], 4, 3), (reviewers[1], 2, 5)]:
        review_domain.submit_review(
            reviewer,
            proposals[0],
            scores={str(criteria[0].pk): relevance, str(criteria[1].pk): quality},
            comment="Un atelier utile, au déroulé clair.",
            abstain=False,
        )
    # A new run waits to be checked: the assignment page shows its preview.
    review_domain.run_assignment(summit, by=organiser)
    review_decisions.set_decision(proposals[2], outcome=Outcome.REJECT, by=organiser)
    review_decisions.apply_decisions(summit, by=organiser)
    review_decisions.set_decision(proposals[0], outcome=Outcome.ACCEPT, by=organiser)
    return ReviewSite(site=summit_site, proposals=proposals, reviewer=reviewers[0].user)


# name: (who looks, address).
REVIEW_PAGES = {
    "review-queue": ("reviewer", Address("review:queue", in_summit)),
    "review-proposal": (
        "reviewer",
        Address("review:proposal", lambda site: {**in_summit(site), "pk": site.proposals[0].pk}),
    ),
    "review-assignment": ("organiser", Address("review_organise:assignment", in_summit)),
    "review-decisions": ("organiser", Address("review_decisions:list", in_summit)),
    "review-balance": ("organiser", Address("review_balance:dashboard", in_summit)),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", REVIEW_PAGES)
def test_review_page_has_no_serious_accessibility_violation(
    page, log_in, axe, review_site, name, language
):
    who, address = REVIEW_PAGES[name]
    log_in(page.context, review_site.reviewer if who == "reviewer" else review_site.site.organiser)
    assert violations_on(page, axe, address.for_site(review_site, language), language) == ""


# The programme: the public agenda and personal pages, the organisers' builder,
# scheduler and releases.


@dataclass
class ProgrammeSite(OnSummitSite):
    """The summit site with a day of sessions, a lunch, a scheduler run and release v1."""

    day: object
    session: object
    speaker: object
    participant: object
    job: object


@pytest.fixture
def programme_site(summit_site) -> ProgrammeSite:
    summit, organiser = summit_site.summit, summit_site.organiser
    day = DayFactory(summit=summit)
    rooms = summit_site.rooms

    def at(hour: int, minute: int = 0):
        return dt.datetime.combine(day.date, dt.time(hour, minute), tzinfo=summit.tz)

    speaker = UserFactory(name="Awa Diallo", organisation="Budget Watch Dakar")
    sessions = [
        SessionFactory(
            summit=summit,
            title=title,
            language=language,
            interpretation=["fr"],
            room=rooms[n % 2],
            starts_at=at(9 + 90 * (n // 2) // 60, 90 * (n // 2) % 60),
            speakers=[speaker] if n == 0 else [UserFactory()],
        )
        for n, (title, language) in enumerate(
            [
                ("Ouvrir les budgets des communes", "fr"),
                ("Open contracting in practice", "en"),
                ("Données ouvertes et transports", "fr"),
                ("Civic tech for local democracy", "en"),
            ]
        )
    ]
    SessionFactory(summit=summit, title="Pas encore placée")
    SessionFactory(
        summit=summit,
        title="Déjeuner",
        kind=Session.Kind.BREAK,
        takes_whole_venue=True,
        is_pinned=True,
        duration=90,
        starts_at=at(12, 0),
    )
    participant = UserFactory(name="Ana Participante")
    Star.objects.create(session=sessions[0], user=participant)
    Star.objects.create(session=sessions[1], user=participant)
    job = start_job(
        "programme.schedule",
        summit_slug=summit.slug,
        arguments={"time_limit": 5, "mode": "scratch"},
        by=organiser,
    )
    release_programme(summit, by=organiser, comment="Première version.")
    return ProgrammeSite(
        site=summit_site,
        day=day,
        session=sessions[0],
        speaker=speaker,
        participant=participant,
        job=job,
    )


def on_day(site) -> dict:
    return {**in_summit(site), "day": site.day.date.isoformat()}


# name: (who looks, address).
PROGRAMME_PAGES = {
    "agenda-grid": ("visitor", Address("programme:agenda", in_summit)),
    "agenda-list": ("visitor", Address("programme:agenda", in_summit, "?view=list&q=budget")),
    "session": (
        "visitor",
        Address("programme:session", lambda site: {**in_summit(site), "session": site.session.pk}),
    ),
    "speaker": (
        "visitor",
        Address("programme:speaker", lambda site: {**in_summit(site), "speaker": site.speaker.pk}),
    ),
    "now": ("visitor", Address("programme:now", in_summit)),
    "print": ("visitor", Address("programme:print", in_summit)),
    "changes": ("visitor", Address("programme_releases:changes", in_summit)),
    "my-agenda": ("participant", Address("programme:mine", in_summit)),
    "my-calendar": ("participant", Address("programme:calendar", in_summit)),
    "builder-index": ("organiser", Address("programme_organise:index", in_summit)),
    "builder-grid": ("organiser", Address("programme_organise:grid", on_day)),
    "builder-sessions": ("organiser", Address("programme_organise:sessions", in_summit)),
    "builder-warnings": ("organiser", Address("programme_organise:warnings", in_summit)),
    "scheduler": ("organiser", Address("programme_schedule:scheduler", in_summit)),
    "scheduler-draft": (
        "organiser",
        Address("programme_schedule:job", lambda site: {**in_summit(site), "job": site.job.pk}),
    ),
    "releases": ("organiser", Address("programme_schedule:releases", in_summit)),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PROGRAMME_PAGES)
def test_programme_page_has_no_serious_accessibility_violation(
    page, log_in, axe, programme_site, name, language
):
    who, address = PROGRAMME_PAGES[name]
    if who != "visitor":
        log_in(
            page.context,
            programme_site.participant if who == "participant" else programme_site.site.organiser,
        )
    assert violations_on(page, axe, address.for_site(programme_site, language), language) == ""
