"""Two guests register in French for an event with one seat; the second waits, then gets it.

The register page's own script solves the proof of work in Chromium (the
challenge is made small so that it takes a moment). Mail goes to
`django.core.mail.outbox`, which the live server shares with the test. The
French catalogue is still being filled in, so the test reads what does not
depend on it: addresses under /fr/, `lang="fr"`, codes, the people's e-mail
addresses in the pages, and the rows in the database.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from cosummit.core.questions import QuestionKind
from cosummit.registration.models import Registration, Status
from tests.registration.factories import RegistrationQuestionFactory, RegistrationSetupFactory

pytestmark = pytest.mark.e2e

ADA = {"name": "Ada Fictive", "email": "ada.fictive@example.org", "organisation": "Données Libres"}
BEN = {
    "name": "Ben Imaginaire",
    "email": "ben.imaginaire@example.org",
    "organisation": "Lab Civique",
}
PRIVATE_LINK = re.compile(r"https?://\S+?(/fr/registrations/[\w-]+/(?:confirm/)?)")


@pytest.fixture
def one_seat(summit_site, settings):
    """The launch event, open for one person, with a question and a consent text."""
    # A small proof of work: the browser still solves it, in a fraction of a second.
    settings.REGISTRATION_CHALLENGE_MAX_NUMBER = 2_000
    event = summit_site.events["launch"]
    setup = RegistrationSetupFactory(event=event, capacity=1)
    RegistrationQuestionFactory(
        setup=setup,
        kind=QuestionKind.SINGLE_CHOICE,
        label={"fr": "Régime alimentaire", "en": "Dietary needs"},
        options=[
            {"value": "none", "label": {"fr": "Aucun", "en": "None"}},
            {"value": "vegetarian", "label": {"fr": "Végétarien", "en": "Vegetarian"}},
        ],
        is_required=True,
    )
    return event


def register_in_french(page, event, person: dict, diet: str) -> None:
    """Fill in and send the register page as a guest, the way a person would."""
    page.goto(f"/fr/{event.summit.slug}/events/{event.slug}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    register_path = f"/fr/{event.summit.slug}/events/{event.slug}/register/"
    page.locator(f"main a[href='{register_path}']").click()
    expect(page).to_have_url(re.compile(re.escape(register_path) + "$"))
    assert page.locator("html").get_attribute("lang") == "fr"
    form = page.locator("form[data-registration-form]")
    form.locator("[name=name]").fill(person["name"])
    form.locator("[name=email]").fill(person["email"])
    form.locator("[name=organisation]").fill(person["organisation"])
    form.locator("[name=organisation_type]").select_option("civil_society")
    form.locator("[name=country]").select_option("SN")
    form.locator(f"input[type=radio][value={diet}]").check()
    form.locator("[name=consent]").check()
    # With the script at work, the question for people without JavaScript is hidden.
    expect(form.locator("[data-registration-fallback]")).to_be_hidden()
    form.locator("button[type=submit]").click()


def mail_to(email: str, subject_part: str | None = None) -> list:
    return [
        message
        for message in mail.outbox
        if message.to == [email] and (subject_part is None or subject_part in message.subject)
    ]


def private_path(message, *, confirm: bool) -> str:
    """The path of the private link in a mail: the confirmation page or the registration."""
    paths = {urlsplit(match.group(0)).path for match in PRIVATE_LINK.finditer(message.body)}
    wanted = [path for path in paths if path.endswith("/confirm/") == confirm]
    assert len(wanted) == 1, message.body
    return wanted[0]


def test_guests_register_in_french_and_a_cancelled_seat_goes_to_the_first_one_waiting(
    new_context, live_server, one_seat
):
    event = one_seat
    ada_page = new_context(locale="fr-FR").new_page()
    ben_page = new_context(locale="fr-FR").new_page()

    # Ada takes the only seat: it is held until she confirms.
    register_in_french(ada_page, event, ADA, "vegetarian")
    held = ada_page.get_by_role("main").locator(".message--success[role=status]")
    expect(held).to_contain_text(ADA["email"])
    ada = Registration.objects.get(email=ADA["email"])
    assert (ada.status, ada.language, ada.name, ada.category, ada.country.code) == (
        Status.HELD,
        "fr",
        ADA["name"],
        "civil_society",
        "SN",
    )
    question = event.registration_setup.questions.get()
    assert ada.answers == {str(question.pk): "vegetarian"}
    assert ada.consent_version == 1
    assert [message.to for message in mail.outbox] == [[ADA["email"]]]

    # Ben comes next: the event is full, he is first on the waiting list.
    register_in_french(ben_page, event, BEN, "none")
    waiting = ben_page.get_by_role("main").locator(".message[role=status]")
    expect(waiting).to_contain_text(re.compile(r"\b1\b"))
    ben = Registration.objects.get(email=BEN["email"])
    assert (ben.status, ben.language) == (Status.WAITING, "fr")
    ben_waiting_mail = mail_to(BEN["email"])
    assert len(ben_waiting_mail) == 1
    ben_detail = private_path(ben_waiting_mail[0], confirm=False)
    ben_page.goto(ben_detail)
    assert ben_page.locator("html").get_attribute("lang") == "fr"
    expect(ben_page.get_by_role("main")).to_contain_text(re.compile(r"\b1\b"))
    expect(ben_page.locator(".ticket")).to_have_count(0)

    # Ada confirms from her mail: the link shows a button, the button confirms.
    confirm_path = private_path(mail_to(ADA["email"])[0], confirm=True)
    assert confirm_path == f"/fr/registrations/{ada.token}/confirm/"
    ada_page.goto(confirm_path)
    assert ada_page.locator("html").get_attribute("lang") == "fr"
    ada.refresh_from_db()
    assert ada.status == Status.HELD  # Opening the link confirms nothing.
    ada_page.get_by_role("main").locator("form button[type=submit]").click()
    ada_page.wait_for_url(f"{live_server.url}/fr/registrations/{ada.token}/")
    ada.refresh_from_db()
    assert ada.status == Status.CONFIRMED

    # Her private page is her ticket: the code, its QR code, the files to download.
    expect(ada_page.locator(".ticket__code")).to_have_text(ada.code)
    expect(ada_page.locator(".ticket__qr svg")).to_be_visible()
    qr = ada_page.request.get(f"/fr/registrations/{ada.token}/qr.png")
    assert (qr.status, qr.headers["content-type"]) == (200, "image/png")
    ics = ada_page.request.get(f"/fr/registrations/{ada.token}/calendar.ics")
    assert ics.status == 200
    assert ada.code in ics.text()
    ticket_mail = mail_to(ADA["email"])[-1]
    assert sorted(name for name, _content, _type in ticket_mail.attachments) == [
        f"{ada.code}.ics",
        f"ticket-{ada.code}.png",
    ]
    assert ada.code in ticket_mail.body

    # Ada can no longer come: she cancels from her private page.
    mail_before_cancel = len(mail.outbox)
    cancel_path = f"/fr/registrations/{ada.token}/cancel/"
    ada_page.locator(f"main a[href='{cancel_path}']").click()
    ada_page.wait_for_url(f"{live_server.url}{cancel_path}")
    ada_page.get_by_role("main").locator("form button[type=submit]").click()
    ada_page.wait_for_url(f"{live_server.url}/fr/registrations/{ada.token}/")
    expect(ada_page.locator(".ticket")).to_have_count(0)
    ada.refresh_from_db()
    ben.refresh_from_db()
    assert ada.status == Status.CANCELLED
    # Her seat went to Ben at once, with a deadline to confirm, and both were told.
    assert ben.status == Status.OFFERED
    assert ben.hold_expires_at is not None
    new_mail = mail.outbox[mail_before_cancel:]
    assert sorted(message.to[0] for message in new_mail) == [ADA["email"], BEN["email"]]
    (offer,) = [message for message in new_mail if message.to == [BEN["email"]]]
    assert offer.extra_headers["X-Cosummit-Summit"] == event.summit.slug

    # Ben takes the seat from the mail that offers it.
    ben_confirm = private_path(offer, confirm=True)
    assert ben_confirm == f"/fr/registrations/{ben.token}/confirm/"
    ben_page.goto(ben_confirm)
    ben_page.get_by_role("main").locator("form button[type=submit]").click()
    ben_page.wait_for_url(f"{live_server.url}/fr/registrations/{ben.token}/")
    assert ben_page.locator("html").get_attribute("lang") == "fr"
    ben.refresh_from_db()
    assert ben.status == Status.CONFIRMED
    expect(ben_page.locator(".ticket__code")).to_have_text(ben.code)
    assert list(
        Registration.objects.filter(event=event).order_by("pk").values_list("email", "status")
    ) == [(ADA["email"], Status.CANCELLED), (BEN["email"], Status.CONFIRMED)]
