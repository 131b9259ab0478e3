import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 2016"


def reset_link(message) -> str:
    return re.search(r"https?://testserver(/\S+/)", message.body).group(1)


def test_password_reset_from_request_to_login_with_the_new_password(client):
    user = UserFactory()

    response = client.post("/en/accounts/password/reset/", {"email": user.email})
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/accounts/password/reset/done/",
    )
    done = client.get(response["Location"])
    assert "We have sent you an e-mail with a link to choose a new password." in done.text
    assert [message.to for message in mail.outbox] == [[user.email]]

    # The link stores its key in the session and sends the browser to a key-free address.
    form_url = client.get(reset_link(mail.outbox[0]))["Location"]
    form_page = client.get(form_url)
    assert "<h1>Choose a new password</h1>" in form_page.text
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert (response.status_code, response["Location"]) == (
        302,
        "/en/accounts/password/reset/key/done/",
    )
    assert "Your password is changed." in client.get(response["Location"]).text

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) is True
    client.post("/en/accounts/login/", {"login": user.email, "password": NEW_PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_used_password_reset_link_is_refused(client):
    user = UserFactory()
    client.post("/en/accounts/password/reset/", {"email": user.email})
    link = reset_link(mail.outbox[0])
    form_url = client.get(link)["Location"]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    response = client.get(link, follow=True)

    assert "<h1>Invalid link</h1>" in response.text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) is True


def test_change_password_needs_the_current_one(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/en/accounts/password/change/",
        {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.context["form"].errors == {
        "oldpassword": ["Please type your current password."]
    }
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple") is True


def test_change_password_with_the_current_one_saves_the_new_one(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/en/accounts/password/change/",
        {
            "oldpassword": "correct horse battery staple",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    assert (response.status_code, response["Location"]) == (302, "/en/profile/")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) is True
