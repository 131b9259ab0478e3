import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from cosummit.accounts.models import User

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "name": "Ana Lima",
    "email": "ana@example.org",
    "password1": "a long passphrase 2016",
    "password2": "a long passphrase 2016",
}


def confirmation_link(message) -> str:
    return re.search(r"https?://testserver(/\S+/)", message.body).group(1)


def test_sign_up_creates_an_unverified_account_and_sends_a_verification_mail(client):
    response = client.post("/en/accounts/signup/", SIGN_UP)

    assert (response.status_code, response["Location"]) == (302, "/en/accounts/confirm-email/")
    user = User.objects.get(email="ana@example.org")
    assert (user.name, user.preferred_language) == ("Ana Lima", "en")
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("ana@example.org", False)
    ]
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    assert mail.outbox[0].subject == "[cosummit] Please Confirm Your Email Address"
    assert "_auth_user_id" not in client.session


def test_the_link_in_the_verification_mail_confirms_the_address_and_logs_in(client):
    client.post("/en/accounts/signup/", SIGN_UP)
    link = confirmation_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert "Please confirm that <strong>ana@example.org</strong> is your e-mail address." in (
        page.text
    )
    response = client.post(link)

    assert (response.status_code, response["Location"]) == (302, "/en/profile/")
    user = User.objects.get(email="ana@example.org")
    assert EmailAddress.objects.get(user=user).verified is True
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_in_french_sends_the_mail_in_french_and_remembers_the_language(client):
    client.post("/fr/accounts/signup/", SIGN_UP)

    assert User.objects.get(email="ana@example.org").preferred_language == "fr"
    assert mail.outbox[0].subject == "[cosummit] Confirmez votre adresse e-mail"
    assert confirmation_link(mail.outbox[0]).startswith("/fr/accounts/confirm-email/")


def test_sign_up_without_a_name_is_refused_and_creates_nobody(client):
    response = client.post("/en/accounts/signup/", {**SIGN_UP, "name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"name": ["This field is required."]}
    assert User.objects.count() == 0
    assert mail.outbox == []


def test_an_expired_or_wrong_confirmation_link_says_so(client):
    response = client.get("/en/accounts/confirm-email/not-a-key/")

    assert response.status_code == 200
    assert "This confirmation link has expired or is not valid." in response.text
