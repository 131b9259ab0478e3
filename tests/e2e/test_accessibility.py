"""axe-core on every page a visitor or an organiser reaches, in French and in English.

A violation of impact "serious" or "critical" fails the test; the message names
the rule, its help text and the elements that break it. axe is injected through
Playwright's `evaluate`, which the site's Content-Security-Policy does not block,
so the pages are checked with their real policy on.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import NoReverseMatch, reverse
from django.utils.translation import override
from playwright.sync_api import expect

from cosummit.core.models import OutboxMessage
from cosummit.core.questions import QuestionKind
from cosummit.registration.models import Status
from tests.e2e.browser import open_context
from tests.factories import UserFactory
from tests.registration.factories import (
    RegistrationFactory,
    RegistrationQuestionFactory,
    RegistrationSetupFactory,
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


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation(page, axe, summit_site, name, language):
    response = page.goto(PUBLIC_PAGES[name].for_site(summit_site, language))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


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
    response = page.goto(LOGGED_IN_PAGES[name].for_site(summit_site, language))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


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
    response = page.goto(url)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


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
    response = page.goto("/api/v1/docs")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


# Registration: the pages of participants (most reached by a private link) and
# of the check-in desk. The organisers' registration pages have their own
# checks in test_organiser_registrations_browser.py.


@dataclass
class RegistrationSite:
    """The summit site with registration open for its launch, and a few registrations."""

    site: object
    registrations: dict
    participant: object

    @property
    def summit(self):
        return self.site.summit

    def url(self, name: str, language: str, **kwargs) -> str:
        return self.site.url(name, language, **kwargs)


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
    response = page.goto(REGISTRATION_PAGES[name].for_site(registration_site, language))
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


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
    response = page.goto(f"{address}?q=registrant")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""


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
    response = page.goto(address)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert blocking_violations(axe, page) == ""
