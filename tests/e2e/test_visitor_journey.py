"""A visitor finds an event in French, reads it in English, signs up and comes back."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from cosummit.accounts.models import User

pytestmark = pytest.mark.e2e

NAME = "Awa Diallo"
EMAIL = "awa.diallo@example.org"
PASSWORD = "lanterns over the Seine 2016"
CONFIRMATION_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


@pytest.mark.parametrize("browser_locale", ["fr-FR"])
def test_visitor_reads_an_event_in_both_languages_signs_up_confirms_and_logs_in_again(
    page, live_server, summit_site
):
    event_path = "/ogp-paris/events/launch/"

    page.goto("/")
    assert page.url == f"{live_server.url}/fr/"
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", level=1)).to_have_text("Sommet pour un gouvernement ouvert")
    expect(page.get_by_role("heading", level=2)).to_have_text("Événements à venir")
    expect(page.get_by_role("banner").get_by_role("link", name="Créer un compte")).to_be_visible()

    page.get_by_role("link", name="Lancement du sommet").click()
    expect(page).to_have_url(f"{live_server.url}/fr{event_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lancement du sommet")
    expect(page.locator(".lead")).to_have_text("Présentation du sommet.")

    page.get_by_role("banner").get_by_role("button", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en{event_path}")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Summit launch")
    expect(page.locator(".lead")).to_have_text("Presenting the summit.")

    page.get_by_role("banner").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(f"{live_server.url}/en/accounts/signup/")
    page.get_by_label(re.compile(r"^Name")).fill(NAME)
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label(re.compile(r"^Password \(again\)")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Create my account").click()
    page.wait_for_url(f"{live_server.url}/en/accounts/confirm-email/")

    assert [message.to for message in mail.outbox] == [[EMAIL]]
    links = CONFIRMATION_LINK.findall(mail.outbox[0].body)
    assert len(links) == 1
    link = urlsplit(links[0])
    # Links in e-mails name the public site; the browser opens the same path here.
    page.goto(link.path)
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"{live_server.url}/en/profile/")

    expect(page.get_by_role("banner").get_by_role("button", name="Log out")).to_be_visible()
    user = User.objects.get(email=EMAIL)
    assert (user.name, user.preferred_language) == (NAME, "en")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        (EMAIL, True)
    ]

    page.get_by_role("banner").get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_server.url}/en/")
    expect(page.get_by_role("banner").get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_role("banner").get_by_role("link", name="Log in").click()
    page.get_by_label(re.compile(r"^E-?mail", re.IGNORECASE)).fill(EMAIL)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/en/profile/")
    expect(page.get_by_role("banner").get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
