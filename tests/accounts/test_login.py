import pytest
from django.conf import settings
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def test_login_with_an_unverified_address_is_blocked_and_sends_a_new_link(client):
    user = UserFactory(verified=False)
    # As after a sign-up whose confirmation link was never followed.
    user.emailaddress_set.create(email=user.email, verified=False, primary=True)

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert (response.status_code, response["Location"]) == (302, "/en/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session
    assert [message.to for message in mail.outbox] == [[user.email]]


def test_login_with_a_wrong_password_shows_an_error_next_to_the_form(client):
    user = UserFactory()

    response = client.post("/en/accounts/login/", {"login": user.email, "password": "wrong"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "The email address and/or password you specified are not correct."
    ]
    assert '<div class="form-errors" role="alert">' in response.text
    assert "_auth_user_id" not in client.session


def test_login_switches_the_site_to_the_preferred_language(client):
    user = UserFactory(preferred_language="en")

    response = client.post("/fr/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert (response.status_code, response["Location"]) == (302, "/en/profile/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_translates_the_page_asked_for_into_the_preferred_language(client, summit):
    user = UserFactory(preferred_language="fr")

    response = client.post(
        f"/en/accounts/login/?next=/en/{summit.slug}/events/",
        {"login": user.email, "password": PASSWORD},
    )

    assert response["Location"] == f"/fr/{summit.slug}/events/"


def test_login_without_a_preferred_language_keeps_the_language_of_the_page(client):
    user = UserFactory(preferred_language="")

    response = client.post("/en/accounts/login/", {"login": user.email, "password": PASSWORD})

    assert response["Location"] == "/en/profile/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_log_out_asks_for_confirmation_then_ends_the_session(client):
    client.force_login(UserFactory())

    page = client.get("/en/accounts/logout/")
    response = client.post("/en/accounts/logout/")

    assert "Do you want to log out of cosummit?" in page.text
    assert (response.status_code, response["Location"]) == (302, "/en/")
    assert "_auth_user_id" not in client.session
