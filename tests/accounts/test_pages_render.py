"""Every account page, in French and in English, inside the site's layout and accessible."""

import re

import pytest

from tests.accounts.html import headings, main_of, outline, unlabelled_inputs
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "en"]

VISITOR_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/confirm-email/",
    "/accounts/confirm-email/no-such-key/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/password/reset/key/1-no-such-key/",
    "/accounts/password/reset/key/done/",
]
MEMBER_PAGES = [
    "/profile/",
    "/profile/edit/",
    "/profile/delete/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
]


def assert_page_fits_the_site(response, language: str) -> None:
    html = response.text
    main = main_of(html)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert re.search(r"<title>[^<]+ · cosummit</title>", " ".join(html.split()))
    levels = [heading.split(" ")[0] for heading in headings(html)]
    assert levels.count("h1") == 1
    assert levels[0] == "h1"
    assert "h3" not in levels
    assert unlabelled_inputs(main) == []
    buttons = [attributes.get("class", "") for attributes in outline(main).buttons]
    assert all(classes.startswith(("button", "link-button")) for classes in buttons), buttons


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", VISITOR_PAGES)
def test_visitor_account_page_fits_the_site(client, language, path):
    response = client.get(f"/{language}{path}")

    assert_page_fits_the_site(response, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_account_page_fits_the_site(client, language, path):
    client.force_login(UserFactory())
    # Setting up two-factor authentication asks for the password again first.
    client.post("/en/accounts/reauthenticate/", {"password": "correct horse battery staple"})

    response = client.get(f"/{language}{path}")

    assert_page_fits_the_site(response, language)


def test_french_pages_use_french_for_the_texts_django_and_allauth_translate(client):
    response = client.get("/fr/accounts/login/")

    assert '<label for="id_password">Mot de passe\xa0:</label>' in response.text
    assert (
        '<div class="helptext" id="id_password_helptext"><a href="/fr/accounts/password/reset/">'
        in (response.text)
    )
